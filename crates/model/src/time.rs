//! The time model: points in time known to some precision, with TIMEX3-style unknown parts,
//! intervals with open ends, and ISO 8601 durations.
//!
//! A [`TimePoint`] never pretends to be an instant: "December 2016" is the interval
//! 2016-12-01 … 2016-12-31, kept with its precision, and "ngày 11-12" without a year is
//! `XXXX-12-11` until a publication date resolves it. See `docs/time.md` for the total order
//! used by timelines and the `within` / `overlaps` semantics used by filters.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// Errors from parsing time strings.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TimeError {
    /// Text that is no date or datetime form the model knows.
    #[error("'{0}' is not a date: expected YYYY, YYYY-MM, YYYY-MM-DD, XXXX-MM-DD or an RFC 3339 datetime")]
    Syntax(String),
    /// A well-formed date that does not exist (30 February).
    #[error("'{0}' is not a real calendar date")]
    Calendar(String),
    /// Text that is not an ISO 8601 duration.
    #[error("'{0}' is not an ISO 8601 duration (e.g. PT48H, P3D, P2Y)")]
    Duration(String),
    /// Text that is not a `FROM..TO` range.
    #[error("'{0}' is not a time range: expected FROM..TO (either side may be empty)")]
    Range(String),
    /// A range whose end comes before its start.
    #[error("'{0}' ends before it starts")]
    Reversed(String),
}

/// How much of a [`TimePoint`] is known. Ordered from coarsest to finest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// Year and month.
    Month,
    /// A calendar date.
    Day,
    /// A date and an hour.
    Hour,
    /// A date and a time to the minute.
    Minute,
    /// A date and a time to the second.
    Second,
}

/// A point in time at some precision; the year may be unknown (`XXXX-12-11`).
///
/// Invariants (upheld by every constructor): parts finer than `precision` are zero/absent;
/// month and day form a real calendar date when the year is known (and a possible one,
/// allowing 29 February, when it is not); an offset is present only with a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimePoint {
    /// `None` is TIMEX3's `XXXX`.
    pub year: Option<i32>,
    /// Month 1–12; 0 when coarser than month precision.
    pub month: u8,
    /// Day of the month 1–31; 0 when coarser than day precision.
    pub day: u8,
    /// Hour 0–23; 0 when coarser than hour precision.
    pub hour: u8,
    /// Minute 0–59; 0 when coarser than minute precision.
    pub minute: u8,
    /// Second 0–59; 0 when coarser than second precision.
    pub second: u8,
    /// Seconds east of UTC, for datetimes that carried an offset.
    pub offset_secs: Option<i32>,
    /// The finest part that is known.
    pub precision: Precision,
}

impl TimePoint {
    /// A year-precision point.
    pub fn year(year: i32) -> TimePoint {
        TimePoint {
            year: Some(year),
            month: 0,
            day: 0,
            hour: 0,
            minute: 0,
            second: 0,
            offset_secs: None,
            precision: Precision::Year,
        }
    }

    /// A month-precision point; `None` if the month is out of range.
    pub fn month(year: Option<i32>, month: u8) -> Option<TimePoint> {
        if !(1..=12).contains(&month) {
            return None;
        }
        Some(TimePoint {
            month,
            precision: Precision::Month,
            year,
            ..TimePoint::year(0)
        })
    }

    /// A day-precision point; `None` if it is not a calendar date.
    pub fn day(year: Option<i32>, month: u8, day: u8) -> Option<TimePoint> {
        // 2000 is a leap year, so an unknown year admits 29 February.
        NaiveDate::from_ymd_opt(year.unwrap_or(2000), month.into(), day.into())?;
        Some(TimePoint {
            month,
            day,
            precision: Precision::Day,
            year,
            ..TimePoint::year(0)
        })
    }

    /// A point from a calendar date.
    pub fn from_date(date: NaiveDate) -> TimePoint {
        TimePoint {
            year: Some(date.year()),
            month: date.month() as u8,
            day: date.day() as u8,
            precision: Precision::Day,
            ..TimePoint::year(0)
        }
    }

    /// A second-precision point from a datetime with its offset.
    pub fn from_datetime(dt: chrono::DateTime<FixedOffset>) -> TimePoint {
        TimePoint {
            year: Some(dt.year()),
            month: dt.month() as u8,
            day: dt.day() as u8,
            hour: dt.hour() as u8,
            minute: dt.minute() as u8,
            second: dt.second() as u8,
            offset_secs: Some(dt.offset().local_minus_utc()),
            precision: Precision::Second,
        }
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `XXXX-MM`, `XXXX-MM-DD`, `YYYY-MM-DDTHH`,
    /// `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an optional `Z` or `±HH:MM` offset (RFC 3339).
    pub fn parse(text: &str) -> Result<TimePoint, TimeError> {
        let s = text.trim();
        let err = || TimeError::Syntax(text.to_string());
        if s.is_empty() || !s.is_ascii() {
            return Err(err());
        }
        let (date_part, time_part) = match s.find(['T', 't', ' ']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let mut fields = date_part.split('-');
        let year_text = fields.next().ok_or_else(err)?;
        let year = if year_text.eq_ignore_ascii_case("XXXX") {
            None
        } else if year_text.len() == 4 && year_text.bytes().all(|b| b.is_ascii_digit()) {
            Some(year_text.parse::<i32>().map_err(|_| err())?)
        } else {
            return Err(err());
        };
        let two_digits = |f: Option<&str>| -> Result<Option<u8>, TimeError> {
            match f {
                None => Ok(None),
                Some(v) if v.len() == 2 && v.bytes().all(|b| b.is_ascii_digit()) => {
                    Ok(Some(v.parse::<u8>().map_err(|_| err())?))
                }
                Some(_) => Err(err()),
            }
        };
        let month = two_digits(fields.next())?;
        let day = two_digits(fields.next())?;
        if fields.next().is_some() {
            return Err(err());
        }
        let calendar = || TimeError::Calendar(text.to_string());
        let point = match (month, day) {
            (None, None) => match year {
                Some(y) => TimePoint::year(y),
                None => return Err(err()),
            },
            (Some(m), None) => TimePoint::month(year, m).ok_or_else(calendar)?,
            (Some(m), Some(d)) => TimePoint::day(year, m, d).ok_or_else(calendar)?,
            (None, Some(_)) => return Err(err()),
        };
        let Some(time_text) = time_part else {
            return Ok(point);
        };
        if point.precision != Precision::Day || year.is_none() {
            return Err(err());
        }
        let (clock, offset_secs) = split_offset(time_text).ok_or_else(err)?;
        let mut parts = clock.split(':');
        let hour = two_digits(parts.next())?.ok_or_else(err)?;
        let minute = two_digits(parts.next())?;
        let second = match parts.next() {
            // Fractions of a second are accepted and dropped: news times are never that fine.
            Some(sec) => two_digits(Some(sec.split(['.', ',']).next().unwrap_or(sec)))?,
            None => None,
        };
        if parts.next().is_some() {
            return Err(err());
        }
        let precision = match (minute, second) {
            (None, _) => Precision::Hour,
            (Some(_), None) => Precision::Minute,
            (Some(_), Some(_)) => Precision::Second,
        };
        let (minute, second) = (minute.unwrap_or(0), second.unwrap_or(0));
        NaiveTime::from_hms_opt(hour.into(), minute.into(), second.into()).ok_or_else(calendar)?;
        Ok(TimePoint {
            hour,
            minute,
            second,
            offset_secs,
            precision,
            ..point
        })
    }

    /// True when the year is known, so the point denotes a definite interval.
    pub fn is_anchored(&self) -> bool {
        self.year.is_some()
    }

    /// The same point with its unknown year filled in; unchanged when the year is known or
    /// the result would not be a calendar date (29 February in a common year).
    pub fn with_year(self, year: i32) -> TimePoint {
        if self.year.is_some() {
            return self;
        }
        if self.precision >= Precision::Day
            && NaiveDate::from_ymd_opt(year, self.month.into(), self.day.into()).is_none()
        {
            return self;
        }
        TimePoint {
            year: Some(year),
            ..self
        }
    }

    /// Fills an unknown year from a reference time (normally the publication date): the
    /// latest year that puts the point at or before the reference, the reading news
    /// prose intends ("on 11-12" in an article of 12 December is this December;
    /// "in July" in an article of March is last July).
    pub fn resolve_against(self, reference: &TimePoint) -> TimePoint {
        let (Some(ref_year), None) = (reference.year, self.year) else {
            return self;
        };
        // Compare calendar positions as written: an offset on the publication time must not
        // move "12 December" into another year.
        let Some(reference_start) = reference.start_naive(ref_year) else {
            return self;
        };
        // Eight years back always reaches a leap year, for 29 February.
        for year in (ref_year - 8..=ref_year).rev() {
            let candidate = self.with_year(year);
            let Some(start) = candidate.year.and_then(|y| candidate.start_naive(y)) else {
                continue;
            };
            if start <= reference_start {
                return candidate;
            }
        }
        self
    }

    /// The closed-open interval `[start, end)` in Unix seconds (UTC) that this point stands
    /// for, or `None` when the year is unknown. Times without an offset are read as UTC.
    pub fn interval(&self) -> Option<Interval> {
        let year = self.year?;
        let start = self.start_naive(year)?;
        let end = match self.precision {
            Precision::Year => NaiveDate::from_ymd_opt(year + 1, 1, 1)?.and_time(NaiveTime::MIN),
            Precision::Month => {
                let (y, m) = if self.month == 12 {
                    (year + 1, 1)
                } else {
                    (year, u32::from(self.month) + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)?.and_time(NaiveTime::MIN)
            }
            Precision::Day => start + chrono::Duration::days(1),
            Precision::Hour => start + chrono::Duration::hours(1),
            Precision::Minute => start + chrono::Duration::minutes(1),
            Precision::Second => start + chrono::Duration::seconds(1),
        };
        let shift = i64::from(self.offset_secs.unwrap_or(0));
        Some(Interval {
            start: start.and_utc().timestamp() - shift,
            end: end.and_utc().timestamp() - shift,
        })
    }

    fn start_naive(&self, year: i32) -> Option<NaiveDateTime> {
        let month = u32::from(self.month.max(1));
        let day = u32::from(self.day.max(1));
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        let time =
            NaiveTime::from_hms_opt(self.hour.into(), self.minute.into(), self.second.into())?;
        Some(date.and_time(time))
    }

    /// The calendar date of the start of this point, as written (no offset applied), when the
    /// year is known.
    pub fn date(&self) -> Option<NaiveDate> {
        self.start_naive(self.year?).map(|dt| dt.date())
    }

    /// Order key: anchored points by interval start, then coarser precision first (a month
    /// heads its days), then the written form; unanchored points after every anchored
    /// point, by month and day. See `docs/time.md`.
    fn order_key(&self) -> (u8, i64, i64, Precision, u8, u8, u8, u8, u8, i32) {
        match self.interval() {
            Some(iv) => (
                0,
                iv.start,
                0,
                self.precision,
                self.month,
                self.day,
                self.hour,
                self.minute,
                self.second,
                self.offset_secs.unwrap_or(0),
            ),
            None => (
                1,
                i64::from(self.month),
                i64::from(self.day),
                self.precision,
                self.month,
                self.day,
                self.hour,
                self.minute,
                self.second,
                self.offset_secs.unwrap_or(0),
            ),
        }
    }

    /// A 12-byte order-preserving key: its byte order equals [`Ord`] on the interval start
    /// (anchored points), with unanchored points after all anchored ones. Used by the store.
    pub fn sort_key(&self) -> [u8; 12] {
        let mut key = [0u8; 12];
        match self.interval() {
            Some(iv) => {
                key[0] = 0;
                key[1..9].copy_from_slice(&encode_i64(iv.start));
            }
            None => {
                key[0] = 1;
                key[1] = self.month;
                key[2] = self.day;
            }
        }
        key[9] = self.precision as u8;
        key
    }
}

/// Encodes a signed integer so that big-endian byte order equals numeric order.
pub(crate) fn encode_i64(value: i64) -> [u8; 8] {
    ((value as u64) ^ (1 << 63)).to_be_bytes()
}

/// Inverse of [`encode_i64`]; only the order tests decode.
#[cfg(test)]
fn decode_i64(bytes: [u8; 8]) -> i64 {
    (u64::from_be_bytes(bytes) ^ (1 << 63)) as i64
}

fn split_offset(time: &str) -> Option<(&str, Option<i32>)> {
    if let Some(clock) = time.strip_suffix(['Z', 'z']) {
        return Some((clock, Some(0)));
    }
    let Some(sign_at) = time.rfind(['+', '-']) else {
        return Some((time, None));
    };
    let (clock, offset) = time.split_at(sign_at);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let digits = &offset[1..];
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None if digits.len() == 2 => (digits, "00"),
        None => return None,
    };
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    if h > 23 || m > 59 {
        return None;
    }
    Some((clock, Some(sign * (h * 3600 + m * 60))))
}

impl PartialOrd for TimePoint {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TimePoint {
    fn cmp(&self, other: &Self) -> Ordering {
        self.order_key().cmp(&other.order_key())
    }
}

impl fmt::Display for TimePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}")?,
            None => f.write_str("XXXX")?,
        }
        if self.precision >= Precision::Month {
            write!(f, "-{:02}", self.month)?;
        }
        if self.precision >= Precision::Day {
            write!(f, "-{:02}", self.day)?;
        }
        if self.precision >= Precision::Hour {
            write!(f, "T{:02}", self.hour)?;
        }
        if self.precision >= Precision::Minute {
            write!(f, ":{:02}", self.minute)?;
        }
        if self.precision >= Precision::Second {
            write!(f, ":{:02}", self.second)?;
        }
        if self.precision >= Precision::Hour {
            match self.offset_secs {
                Some(0) => f.write_str("Z")?,
                Some(off) => {
                    let sign = if off < 0 { '-' } else { '+' };
                    let off = off.abs();
                    write!(f, "{sign}{:02}:{:02}", off / 3600, (off % 3600) / 60)?;
                }
                None => {}
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for TimePoint {
    type Err = TimeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TimePoint::parse(s)
    }
}

/// A closed-open interval of Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    /// First second inside, Unix seconds.
    pub start: i64,
    /// First second after, Unix seconds (exclusive).
    pub end: i64,
}

impl Interval {
    /// True when the two intervals share at least one second.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// True when `self` lies entirely inside `other`.
    pub fn within(&self, other: &Interval) -> bool {
        self.start >= other.start && self.end <= other.end
    }
}

/// A span of time with optional ends: an event time (`when`) or a filter range.
/// `start: None` is open to the past, `end: None` open to the future (or, for an event
/// with only a start, "at `start`": see [`TimeSpan::interval`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct TimeSpan {
    /// Beginning; `None` is open to the past.
    pub start: Option<TimePoint>,
    /// End; `None` is open to the future.
    pub end: Option<TimePoint>,
}

impl TimeSpan {
    /// A span that starts at `p` and has no end (an event at `p`).
    pub fn point(p: TimePoint) -> TimeSpan {
        TimeSpan {
            start: Some(p),
            end: None,
        }
    }

    /// Parses `FROM..TO` (either side may be empty) or a single point, which stands for
    /// its own interval.
    pub fn parse_range(text: &str) -> Result<TimeSpan, TimeError> {
        let parse_side = |s: &str| -> Result<Option<TimePoint>, TimeError> {
            let s = s.trim();
            if s.is_empty() {
                Ok(None)
            } else {
                TimePoint::parse(s).map(Some)
            }
        };
        match text.split_once("..") {
            Some((from, to)) => {
                let span = TimeSpan {
                    start: parse_side(from)?,
                    end: parse_side(to)?,
                };
                if span.start.is_none() && span.end.is_none() {
                    return Err(TimeError::Range(text.to_string()));
                }
                if let (Some(from), Some(to)) = (span.start, span.end) {
                    if from > to {
                        return Err(TimeError::Reversed(text.to_string()));
                    }
                }
                Ok(span)
            }
            None => {
                let p = TimePoint::parse(text)?;
                Ok(TimeSpan {
                    start: Some(p),
                    end: Some(p),
                })
            }
        }
    }

    /// As a filter range: from the start of `start` to the end of `end` (both inclusive at
    /// their precision; "2016-12-10..2016-12-12" covers all of the 12th). Open ends are
    /// unbounded. `None` if an end has an unknown year.
    pub fn as_range(&self) -> Option<Interval> {
        let start = match &self.start {
            Some(p) => p.interval()?.start,
            None => i64::MIN,
        };
        let end = match &self.end {
            Some(p) => p.interval()?.end,
            None => i64::MAX,
        };
        Some(Interval { start, end })
    }

    /// As an event time: a span with only a start is the start's own interval; with both,
    /// from the start of `start` to the end of `end`.
    pub fn interval(&self) -> Option<Interval> {
        match (&self.start, &self.end) {
            (Some(s), None) => s.interval(),
            (None, Some(e)) => e.interval(),
            (Some(_), Some(_)) => self.as_range(),
            // A span with no times says nothing; it must not match every filter.
            (None, None) => None,
        }
    }
}

impl fmt::Display for TimeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.start, &self.end) {
            (Some(s), None) => write!(f, "{s}"),
            (s, e) => {
                if let Some(s) = s {
                    write!(f, "{s}")?;
                }
                f.write_str("..")?;
                if let Some(e) = e {
                    write!(f, "{e}")?;
                }
                Ok(())
            }
        }
    }
}

/// An ISO 8601 duration as TIMEX3 writes it (`PT48H`, `P3D`, `P2Y`, `P1W`), with `X` for
/// an unknown amount (`PXY`, "years").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IsoDuration {
    /// (amount, unit) pairs in written order; `None` amount is `X`.
    pub parts: Vec<(Option<u32>, DurationUnit)>,
}

/// A unit of an [`IsoDuration`], with TIMEX3's decade and century.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DurationUnit {
    /// `Y` before `T`.
    Year,
    /// `M` before `T`.
    Month,
    /// `W`.
    Week,
    /// `D`.
    Day,
    /// `H` after `T`.
    Hour,
    /// `M` after `T`.
    Minute,
    /// `S` after `T`.
    Second,
    /// `DE`, TIMEX3's decade.
    Decade,
    /// `CE`, TIMEX3's century.
    Century,
}

impl DurationUnit {
    fn letter(self) -> &'static str {
        match self {
            DurationUnit::Year => "Y",
            DurationUnit::Month | DurationUnit::Minute => "M",
            DurationUnit::Week => "W",
            DurationUnit::Day => "D",
            DurationUnit::Hour => "H",
            DurationUnit::Second => "S",
            DurationUnit::Decade => "DE",
            DurationUnit::Century => "CE",
        }
    }
    fn is_clock(self) -> bool {
        matches!(
            self,
            DurationUnit::Hour | DurationUnit::Minute | DurationUnit::Second
        )
    }
}

impl IsoDuration {
    /// A duration of one part: `amount` units, `None` for an unknown amount (`X`).
    pub fn new(amount: Option<u32>, unit: DurationUnit) -> IsoDuration {
        IsoDuration {
            parts: vec![(amount, unit)],
        }
    }

    /// Parses `PT48H`, `P3D`, `PXY`, `P2DE`; an error names the text.
    pub fn parse(text: &str) -> Result<IsoDuration, TimeError> {
        let err = || TimeError::Duration(text.to_string());
        let rest = text.trim().strip_prefix('P').ok_or_else(err)?;
        let mut parts = Vec::new();
        let mut in_clock = false;
        let mut chars = rest.char_indices().peekable();
        let mut amount_start = 0;
        while let Some((i, c)) = chars.next() {
            if c == 'T' {
                if in_clock || i != amount_start {
                    return Err(err());
                }
                in_clock = true;
                amount_start = i + 1;
                continue;
            }
            if c.is_ascii_digit() || c == 'X' {
                continue;
            }
            let amount_text = &rest[amount_start..i];
            let amount = if amount_text == "X" {
                None
            } else if !amount_text.is_empty() && amount_text.bytes().all(|b| b.is_ascii_digit()) {
                Some(amount_text.parse().map_err(|_| err())?)
            } else {
                return Err(err());
            };
            let (unit, width) = match (c, in_clock) {
                ('D', false) if chars.peek().map(|p| p.1) == Some('E') => (DurationUnit::Decade, 2),
                ('C', false) if chars.peek().map(|p| p.1) == Some('E') => {
                    (DurationUnit::Century, 2)
                }
                ('Y', false) => (DurationUnit::Year, 1),
                ('M', false) => (DurationUnit::Month, 1),
                ('W', false) => (DurationUnit::Week, 1),
                ('D', false) => (DurationUnit::Day, 1),
                ('H', true) => (DurationUnit::Hour, 1),
                ('M', true) => (DurationUnit::Minute, 1),
                ('S', true) => (DurationUnit::Second, 1),
                _ => return Err(err()),
            };
            if width == 2 {
                chars.next();
            }
            parts.push((amount, unit));
            amount_start = i + width;
        }
        if parts.is_empty() || amount_start != rest.len() {
            return Err(err());
        }
        Ok(IsoDuration { parts })
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        let mut in_clock = false;
        for (amount, unit) in &self.parts {
            if unit.is_clock() && !in_clock {
                f.write_str("T")?;
                in_clock = true;
            }
            match amount {
                Some(a) => write!(f, "{a}")?,
                None => f.write_str("X")?,
            }
            f.write_str(unit.letter())?;
        }
        Ok(())
    }
}

/// Converts a Unix timestamp to a second-precision UTC point (for ingest times).
pub fn utc_point(unix_secs: i64) -> Option<TimePoint> {
    chrono::Utc
        .timestamp_opt(unix_secs, 0)
        .single()
        .map(|dt| TimePoint::from_datetime(dt.fixed_offset()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> TimePoint {
        TimePoint::parse(s).unwrap()
    }

    #[test]
    fn parses_every_precision() {
        for s in [
            "2016",
            "2016-12",
            "2016-12-11",
            "XXXX-12-11",
            "XXXX-07",
            "2016-12-11T08",
            "2016-12-11T08:30",
            "2016-12-11T08:00:00Z",
            "2016-12-11T15:00:00+07:00",
            "2016-12-11T15:00:00-05:30",
        ] {
            assert_eq!(p(s).to_string(), s, "round trip of {s}");
        }
        assert_eq!(
            p("2016-12-11T08:00:00.123Z").to_string(),
            "2016-12-11T08:00:00Z"
        );
    }

    #[test]
    fn rejects_nonsense_with_the_reason() {
        for s in [
            "",
            "16",
            "2016-13",
            "2016-02-30",
            "2016-1-1",
            "XXXX",
            "yesterday",
            "2016-12-11T25:00",
        ] {
            assert!(TimePoint::parse(s).is_err(), "{s} should not parse");
        }
        assert_eq!(
            TimePoint::parse("2015-02-29"),
            Err(TimeError::Calendar("2015-02-29".into()))
        );
        assert!(TimePoint::parse("XXXX-02-29").is_ok());
    }

    #[test]
    fn intervals_follow_precision() {
        let dec = p("2016-12").interval().unwrap();
        let day = p("2016-12-11").interval().unwrap();
        assert_eq!(dec.end - dec.start, 31 * 86400);
        assert!(day.within(&dec));
        assert!(p("2016").interval().unwrap().overlaps(&dec));
        assert!(!p("2016").interval().unwrap().within(&dec));
        let local = p("2016-12-11T15:00:00+07:00").interval().unwrap();
        assert_eq!(
            local.start,
            p("2016-12-11T08:00:00Z").interval().unwrap().start
        );
        assert_eq!(p("XXXX-12-11").interval(), None);
    }

    #[test]
    fn resolves_unknown_year_against_publication() {
        let published = p("2016-12-12T08:00:00Z");
        assert_eq!(
            p("XXXX-12-11").resolve_against(&published).to_string(),
            "2016-12-11"
        );
        assert_eq!(
            p("XXXX-07").resolve_against(&published).to_string(),
            "2016-07"
        );
        let march = p("2017-03-02");
        assert_eq!(p("XXXX-07").resolve_against(&march).to_string(), "2016-07");
        assert_eq!(
            p("XXXX-12-11").resolve_against(&march).to_string(),
            "2016-12-11"
        );
        // 29 February goes back to the latest leap year.
        assert_eq!(
            p("XXXX-02-29").resolve_against(&march).to_string(),
            "2016-02-29"
        );
        // The publication's own calendar day counts, whatever its offset.
        let late = p("2016-12-12T01:00:00+07:00");
        assert_eq!(
            p("XXXX-12-12").resolve_against(&late).to_string(),
            "2016-12-12"
        );
    }

    #[test]
    fn order_puts_months_before_their_days_and_unknown_years_last() {
        let mut v = [
            p("XXXX-12-11"),
            p("2016-12-11"),
            p("2016-12"),
            p("2016"),
            p("2015-01-01"),
        ];
        v.sort();
        let s: Vec<String> = v.iter().map(|t| t.to_string()).collect();
        assert_eq!(
            s,
            ["2015-01-01", "2016", "2016-12", "2016-12-11", "XXXX-12-11"]
        );
    }

    #[test]
    fn ranges_parse_and_cover_whole_ends() {
        let r = TimeSpan::parse_range("2016-12-10..2016-12-12")
            .unwrap()
            .as_range()
            .unwrap();
        assert!(p("2016-12-12T23:00:00Z").interval().unwrap().within(&r));
        let open = TimeSpan::parse_range("2016-12..")
            .unwrap()
            .as_range()
            .unwrap();
        assert_eq!(open.end, i64::MAX);
        assert!(TimeSpan::parse_range("..").is_err());
        assert!(TimeSpan::parse_range("2016-12-40..").is_err());
        assert!(matches!(
            TimeSpan::parse_range("2016-12-12..2016-12-10"),
            Err(TimeError::Reversed(_))
        ));
        assert_eq!(TimeSpan::default().interval(), None);
    }

    #[test]
    fn durations_round_trip() {
        for s in [
            "PT48H",
            "P3D",
            "P2Y",
            "P1W",
            "PXY",
            "P1Y2M3DT4H5M6S",
            "P2DE",
            "PT30M",
        ] {
            assert_eq!(IsoDuration::parse(s).unwrap().to_string(), s);
        }
        for s in ["", "P", "48H", "PT", "P3", "PTD", "P3H"] {
            assert!(IsoDuration::parse(s).is_err(), "{s}");
        }
    }

    fn arb_point() -> impl Strategy<Value = TimePoint> {
        (
            prop::option::weighted(0.9, 1..=9999i32),
            1..=12u8,
            1..=28u8,
            0..=23u8,
            0..=59u8,
            0..=59u8,
            prop::option::of(-14 * 4..=14 * 4i32),
            0..6u8,
        )
            .prop_map(|(year, month, day, hour, minute, second, offset_q, prec)| {
                let base = match prec {
                    0 => year
                        .map(TimePoint::year)
                        .unwrap_or(TimePoint::month(None, month).unwrap()),
                    1 => TimePoint::month(year, month).unwrap(),
                    _ => TimePoint::day(year, month, day).unwrap(),
                };
                if prec < 3 || year.is_none() {
                    return base;
                }
                let precision =
                    [Precision::Hour, Precision::Minute, Precision::Second][usize::from(prec - 3)];
                TimePoint {
                    hour,
                    minute: if precision >= Precision::Minute {
                        minute
                    } else {
                        0
                    },
                    second: if precision >= Precision::Second {
                        second
                    } else {
                        0
                    },
                    offset_secs: offset_q.map(|q| q * 900),
                    precision,
                    ..base
                }
            })
    }

    proptest! {
        #[test]
        fn print_parse_round_trips(t in arb_point()) {
            prop_assert_eq!(TimePoint::parse(&t.to_string()), Ok(t));
        }

        #[test]
        fn order_is_total_and_consistent(a in arb_point(), b in arb_point(), c in arb_point()) {
            // antisymmetry and equality agree
            prop_assert_eq!(a.cmp(&b), b.cmp(&a).reverse());
            prop_assert_eq!(a.cmp(&b) == Ordering::Equal, a == b || a.order_key() == b.order_key());
            // transitivity
            if a <= b && b <= c { prop_assert!(a <= c); }
        }

        #[test]
        fn order_agrees_with_interval_starts(a in arb_point(), b in arb_point()) {
            if let (Some(ia), Some(ib)) = (a.interval(), b.interval()) {
                if ia.start < ib.start { prop_assert!(a < b); }
            }
        }

        #[test]
        fn sort_key_preserves_order(a in arb_point(), b in arb_point()) {
            // Byte order of keys never contradicts the total order.
            if a.sort_key() < b.sort_key() { prop_assert!(a <= b); }
            if a < b { prop_assert!(a.sort_key() <= b.sort_key()); }
        }

        #[test]
        fn i64_encoding_preserves_order(a in any::<i64>(), b in any::<i64>()) {
            prop_assert_eq!(a.cmp(&b), encode_i64(a).cmp(&encode_i64(b)));
            prop_assert_eq!(decode_i64(encode_i64(a)), a);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,30}") {
            let _ = TimePoint::parse(&s);
            let _ = IsoDuration::parse(&s);
            let _ = TimeSpan::parse_range(&s);
        }
    }
}
