//! The bridge to the temporal tagger ([`crate::timex`]): the only place extraction names
//! it. Matches stay typed (span, TIMEX3 type, model time point) through extraction;
//! [`mention`] writes the record's strings at the end.

use super::timex::{self, TimexMatch};
use claimgraph_model::record::TimeMention;
use claimgraph_model::TimePoint;

/// The temporal expressions of an article.
pub(crate) fn find(text: &str, lang: &str, reference: Option<&TimePoint>) -> Vec<TimexMatch> {
    timex::find_times(text, lang, reference)
}

/// The record boundary: a match as the record's time mention.
pub(crate) fn mention(t: &TimexMatch) -> TimeMention {
    TimeMention {
        text: t.text.clone(),
        span: [t.span.0 as u32, t.span.1 as u32],
        value: t.value.clone(),
        r#type: Some(t.timex_type.as_str().to_string()),
    }
}
