//! The bridge to the temporal tagger: the only place that names the timex module, so that
//! swapping the stand-in for the real tagger is a one-line change.

use super::timex_stub as timex;
use crate::model::TimePoint;

/// A temporal expression as extraction uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeHit {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
    pub type_name: Option<String>,
    pub point: Option<TimePoint>,
}

pub fn find(text: &str, lang: &str, reference: Option<&TimePoint>) -> Vec<TimeHit> {
    timex::find_times(text, lang, reference)
        .into_iter()
        .map(|m| TimeHit {
            start: m.span.0,
            end: m.span.1,
            text: m.text,
            value: m.value,
            type_name: Some(
                format!("{:?}", m.timex_type)
                    .trim_matches('"')
                    .to_uppercase(),
            ),
            point: m.point,
        })
        .collect()
}
