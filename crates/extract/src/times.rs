//! The bridge to the temporal tagger ([`super::timex`]): the only place extraction names it.

use super::timex;
use claimgraph_model::TimePoint;

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
            type_name: Some(m.timex_type.as_str().to_string()),
            point: m.point,
        })
        .collect()
}
