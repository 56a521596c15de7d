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

/// Whether `[start, end)` overlaps one of `spans`, which are sorted by start and do not
/// overlap (as [`find`] returns them). A binary search rather than a scan: it is asked once
/// per token, and a scan over all of an article's times made long articles quadratic.
pub(crate) fn overlaps(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    crate::work::step(1);
    let i = spans.partition_point(|&(s, _)| s < end);
    i > 0 && spans[i - 1].1 > start
}

/// The times of `times` (sorted by start) that start at or after `from` and before `to`, in
/// order, found by binary search rather than a scan of the whole article per sentence.
pub(crate) fn starting_in(times: &[TimexMatch], from: usize, to: usize) -> &[TimexMatch] {
    let a = times.partition_point(|t| t.span.0 < from);
    let b = a + times[a..].partition_point(|t| t.span.0 < to);
    crate::work::step(1 + b - a);
    &times[a..b]
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
