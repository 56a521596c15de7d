//! Posting runs: the values of the index keyspaces. One run holds, for one term (a speaker,
//! a topic, a month) and one ingest chunk, the postings sorted by time, so that a listing is
//! a prefix scan plus a merge, with no point read per row until rows are shown.

use claimgraph_model::{ClaimId, LinkKind, TimePoint, TimeSpan};
use serde::{Deserialize, Serialize};

/// Start value of postings whose time has an unknown year: after every real time.
pub(crate) const UNANCHORED: i64 = i64::MAX - (1 << 20);
/// Start value of postings with no time at all: last.
pub(crate) const NO_TIME: i64 = i64::MAX;

/// One claim in an index run, with the time the run is ordered by as `[start, end)` Unix
/// seconds, or the sentinels above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct Posting {
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) claim: ClaimId,
}

impl Posting {
    pub(crate) fn at_point(point: Option<&TimePoint>, claim: ClaimId) -> Posting {
        let (start, end) = match point {
            Some(p) => match p.interval() {
                Some(iv) => (iv.start, iv.end),
                None => {
                    let order = UNANCHORED + i64::from(p.month) * 32 + i64::from(p.day);
                    (order, order)
                }
            },
            None => (NO_TIME, NO_TIME),
        };
        Posting { start, end, claim }
    }

    pub(crate) fn at_span(span: Option<&TimeSpan>, claim: ClaimId) -> Posting {
        match span.and_then(|s| s.interval()) {
            Some(iv) => Posting {
                start: iv.start,
                end: iv.end,
                claim,
            },
            None => Posting::at_point(
                span.and_then(|s| s.start.as_ref().or(s.end.as_ref())),
                claim,
            ),
        }
    }

    pub(crate) fn is_anchored(&self) -> bool {
        self.start < UNANCHORED
    }
}

/// A link answering a claim, indexed under the answered claim's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct LinkPosting {
    pub(crate) target: ClaimId,
    pub(crate) source: ClaimId,
    pub(crate) kind: LinkKind,
}
