//! A stand-in for `crate::extract::timex` (written separately) with the same signature,
//! knowing only "ngày D-M", "D-M", "D/M" and "tháng M" / "hồi tháng M". Used until the real
//! module is wired in; see `times.rs`, the only user.

use crate::model::TimePoint;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexType {
    Date,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimexMatch {
    pub span: (usize, usize),
    pub text: String,
    pub value: String,
    pub timex_type: TimexType,
    pub point: Option<TimePoint>,
    pub rule: &'static str,
}

fn patterns() -> &'static (Regex, Regex) {
    static RE: OnceLock<(Regex, Regex)> = OnceLock::new();
    RE.get_or_init(|| {
        // Literal patterns: compiling them cannot fail.
        let day = Regex::new(r"(?:\b[Nn]gày[\s_]+)?\b(\d{1,2})\s?[-/]\s?(\d{1,2})\b(?:[-/]\d)?")
            .unwrap_or_else(|_| unreachable!());
        let month = Regex::new(r"(?:[Hh]ồi[\s_]+)?\b[Tt]háng[\s_]+(\d{1,2})\b")
            .unwrap_or_else(|_| unreachable!());
        (day, month)
    })
}

fn resolve(point: TimePoint, reference: Option<&TimePoint>) -> TimePoint {
    match reference {
        Some(r) => point.resolve_against(r),
        None => point,
    }
}

pub fn find_times(text: &str, lang: &str, reference: Option<&TimePoint>) -> Vec<TimexMatch> {
    if lang != "vi" {
        return Vec::new();
    }
    let (day, month) = patterns();
    let mut out = Vec::new();
    for c in day.captures_iter(text) {
        let (Some(all), Some(d), Some(m)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        if all.as_str().len()
            > all
                .as_str()
                .trim_end_matches(|ch: char| ch.is_ascii_digit())
                .len()
                + 2
            && all.as_str().matches(['-', '/']).count() > 1
        {
            continue;
        }
        let (Ok(d), Ok(m)) = (d.as_str().parse::<u8>(), m.as_str().parse::<u8>()) else {
            continue;
        };
        let Some(p) = TimePoint::day(None, m, d) else {
            continue;
        };
        let p = resolve(p, reference);
        out.push(TimexMatch {
            span: (all.start(), all.end()),
            text: all.as_str().to_string(),
            value: p.to_string(),
            timex_type: TimexType::Date,
            point: Some(p),
            rule: "stub-day",
        });
    }
    for c in month.captures_iter(text) {
        let (Some(all), Some(m)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if out
            .iter()
            .any(|t| t.span.0 < all.end() && all.start() < t.span.1)
        {
            continue;
        }
        let Some(p) = m
            .as_str()
            .parse::<u8>()
            .ok()
            .and_then(|m| TimePoint::month(None, m))
        else {
            continue;
        };
        let p = resolve(p, reference);
        out.push(TimexMatch {
            span: (all.start(), all.end()),
            text: all.as_str().to_string(),
            value: p.to_string(),
            timex_type: TimexType::Date,
            point: Some(p),
            rule: "stub-month",
        });
    }
    out.sort_by_key(|t| t.span);
    out
}
