//! Second phase: turns the fields a rule captured into a TIMEX3 value, filling what the
//! text leaves open from the reference date and the clause tense.

use super::grammar::{Grammar, Rule, RuleKind, Tense};
use super::TimexType;
use chrono::{Datelike, Duration, NaiveDate};
use claimgraph_model::{Precision, TimePoint};
use regex::Captures;
use serde::Deserialize;
use serde_json::Value;

/// A resolved expression.
#[derive(Debug)]
pub struct Resolved {
    pub value: String,
    pub timex_type: TimexType,
    pub point: Option<TimePoint>,
}

/// Calendar units as the lexicon's `unit` tables name them.
/// A calendar unit, as the lexicon's `unit` table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Decade,
    Century,
    Quarter,
    Weekend,
}

/// The fields a match carries, read from its named groups.
#[derive(Debug, Default)]
struct Fields {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    hour: Option<u8>,
    minute: Option<u8>,
    /// Seconds, only in an elapsed time ("finished in 3:07:35").
    second: Option<u8>,
    /// "am" or "pm".
    meridiem: Option<String>,
    weekday: Option<u8>,
    /// `Some(None)` is an unspecified amount ("several days").
    number: Option<Option<u32>>,
    unit: Option<Unit>,
    /// TIMEX3 day part: MO, AF, EV, NI, MI.
    part: Option<String>,
    /// TIMEX3 season: SP, SU, FA, WI.
    season: Option<String>,
    shift: Option<i32>,
    relday: Option<i32>,
    reference: Option<String>,
    set: Option<String>,
    decade: Option<String>,
    century: Option<u32>,
    quarter: Option<u8>,
}

fn read_fields(grammar: &Grammar, regex: &regex::Regex, captures: &Captures) -> Fields {
    let mut fields = Fields::default();
    for name in regex.capture_names().flatten() {
        let Some(found) = captures.name(name) else {
            continue;
        };
        let text = found.as_str();
        let key = name.split('_').next().unwrap_or(name);
        let looked_up = || grammar.lookup(name, text);
        let digits = || text.trim().parse::<u32>().ok();
        match key {
            "year" => fields.year = digits().and_then(|y| i32::try_from(y).ok()),
            "month" => fields.month = digits().and_then(|m| u8::try_from(m).ok()),
            "day" => fields.day = digits().and_then(|d| u8::try_from(d).ok()),
            "hour" => fields.hour = digits().and_then(|h| u8::try_from(h).ok()),
            "minute" => fields.minute = digits().and_then(|m| u8::try_from(m).ok()),
            "second" => fields.second = digits().and_then(|s| u8::try_from(s).ok()),
            "century" => {
                fields.century =
                    digits().or_else(|| looked_up().and_then(|v| v.as_u64()).map(|n| n as u32))
            }
            "decade" => fields.decade = Some(text.to_string()),
            "meridiem" => fields.meridiem = looked_up().and_then(as_string),
            "monthname" => fields.month = looked_up().and_then(as_u8),
            "weekday" => fields.weekday = looked_up().and_then(as_u8),
            "quarter" => {
                fields.quarter = digits()
                    .and_then(|q| u8::try_from(q).ok())
                    .or_else(|| looked_up().and_then(as_u8))
                    .filter(|q| (1..=4).contains(q))
            }
            "number" => {
                fields.number = Some(match text.replace(',', "").trim().parse::<u32>().ok() {
                    Some(n) => Some(n),
                    None => looked_up().and_then(|v| v.as_u64()).map(|n| n as u32),
                })
            }
            "unit" => fields.unit = looked_up().and_then(|v| Unit::deserialize(v).ok()),
            "part" => fields.part = looked_up().and_then(as_string),
            "season" => fields.season = looked_up().and_then(as_string),
            "shift" => fields.shift = looked_up().and_then(|v| v.as_i64()).map(|n| n as i32),
            "relday" => {
                // A number of days, or {"days": n, "part": "NI"} for "tonight", "last night".
                let value = looked_up();
                let days = value.and_then(|v| v.as_i64().or_else(|| v.get("days")?.as_i64()));
                fields.relday = days.and_then(|n| i32::try_from(n).ok());
                if let Some(part) = value.and_then(|v| v.get("part")).and_then(as_string) {
                    fields.part.get_or_insert(part);
                }
            }
            "ref" => fields.reference = looked_up().and_then(as_string),
            "set" => fields.set = looked_up().and_then(as_string),
            _ => {}
        }
    }
    fields
}

fn as_string(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

fn as_u8(value: &Value) -> Option<u8> {
    value.as_u64().and_then(|n| u8::try_from(n).ok())
}

/// The reference date, when it is known to the day.
fn reference_date(reference: Option<&TimePoint>) -> Option<NaiveDate> {
    let reference = reference?;
    if reference.precision < Precision::Day {
        return None;
    }
    reference.date()
}

/// Resolves one match; `None` when the fields make no sense (31 February).
pub fn resolve(
    grammar: &Grammar,
    rule: &Rule,
    captures: &Captures,
    reference: Option<&TimePoint>,
    tense: Option<Tense>,
) -> Option<Resolved> {
    // Calendar reasoning uses the reference's own calendar day: an article published at
    // 01:00+07:00 on 12 December speaks of "today" as the 12th, whatever the UTC date.
    let local_reference = reference.map(|r| match r.date() {
        Some(date) if r.precision > Precision::Day => TimePoint::from_date(date),
        _ => *r,
    });
    let reference = local_reference.as_ref();
    let mut fields = read_fields(grammar, &rule.regex, captures);
    if fields.number.is_none() {
        fields.number = rule.amount.map(Some);
    }
    if fields.part.is_none() {
        fields.part = rule.part.clone();
    }
    if rule.anaphoric && fields.shift.is_none() {
        fields.shift = Some(0);
    }
    match rule.kind {
        RuleKind::Date => calendar_date(&fields, reference, tense),
        RuleKind::RelativeDay => relative_day(&fields, reference),
        RuleKind::Shift => shift(&fields, reference),
        RuleKind::Ago => ago(&fields, reference),
        RuleKind::Weekday => weekday(&fields, reference, tense),
        RuleKind::Duration => duration(&fields),
        RuleKind::Reference => Some(Resolved {
            value: fields.reference?,
            timex_type: TimexType::Date,
            point: None,
        }),
        RuleKind::Set => set(&fields),
        RuleKind::Decade => decade(&fields),
        RuleKind::Century => {
            let century = fields.century?.checked_sub(1)?;
            Some(date_value(format!("{century:02}"), None))
        }
    }
}

fn date_value(value: String, point: Option<TimePoint>) -> Resolved {
    Resolved {
        value,
        timex_type: TimexType::Date,
        point,
    }
}

/// Adds a day part or clock time to a day-precision point: `2016-12-11TMO`,
/// `2016-12-11T08:30`.
fn with_time_of_day(day: TimePoint, fields: &Fields) -> Resolved {
    let date_text = day.to_string();
    if let Some(mut hour) = fields.hour {
        let afternoon = matches!(fields.meridiem.as_deref(), Some("pm"))
            || matches!(fields.part.as_deref(), Some("AF" | "EV"))
            || (fields.part.as_deref() == Some("NI") && hour >= 6);
        if afternoon && hour < 12 {
            hour += 12;
        }
        if fields.meridiem.as_deref() == Some("am") && hour == 12 {
            hour = 0;
        }
        let minute = fields.minute.unwrap_or(0);
        let value = format!("{date_text}T{hour:02}:{minute:02}");
        // The model holds a clock time only on a date with a known year.
        let clock =
            day.year.is_some() && day.precision == Precision::Day && hour < 24 && minute < 60;
        let point = Some(if clock {
            TimePoint {
                hour,
                minute,
                precision: Precision::Minute,
                ..day
            }
        } else {
            day
        });
        return Resolved {
            value,
            timex_type: TimexType::Time,
            point,
        };
    }
    if let Some(part) = &fields.part {
        return Resolved {
            value: format!("{date_text}T{part}"),
            timex_type: TimexType::Time,
            point: Some(day),
        };
    }
    date_value(date_text, Some(day))
}

/// The year for a month (and day) the text gives without one: the past occurrence for a
/// past clause (`resolve_against`), the next one for a future clause, and the reference
/// year when the clause shows no tense.
fn place_year(point: TimePoint, reference: Option<&TimePoint>, tense: Option<Tense>) -> TimePoint {
    let Some(reference) = reference else {
        return point;
    };
    let Some(ref_year) = reference.year else {
        return point;
    };
    match tense {
        Some(Tense::Past) => point.resolve_against(reference),
        Some(Tense::Future) => {
            let this_year = point.with_year(ref_year);
            match (this_year.interval(), reference.interval()) {
                // Still to come this year, or the period the reference lies in.
                (Some(candidate), Some(r)) if candidate.end > r.start => this_year,
                (Some(_), Some(_)) => point.with_year(ref_year + 1),
                _ => this_year,
            }
        }
        None => point.with_year(ref_year),
    }
}

fn calendar_date(
    fields: &Fields,
    reference: Option<&TimePoint>,
    tense: Option<Tense>,
) -> Option<Resolved> {
    if let Some(quarter) = fields.quarter {
        return quarter_date(quarter, fields.year, reference, tense);
    }
    let point = match (fields.month, fields.day) {
        (Some(month), Some(day)) => TimePoint::day(fields.year, month, day)?,
        (Some(month), None) => TimePoint::month(fields.year, month)?,
        (None, _) => {
            let year = fields.year?;
            if let Some(season) = &fields.season {
                return Some(date_value(format!("{year:04}-{season}"), None));
            }
            return Some(date_value(
                format!("{year:04}"),
                Some(TimePoint::year(year)),
            ));
        }
    };
    let point = if point.year.is_none() {
        place_year(point, reference, tense)
    } else {
        point
    };
    if point.precision == Precision::Day {
        return Some(with_time_of_day(point, fields));
    }
    Some(date_value(point.to_string(), Some(point)))
}

/// "the first quarter [of 2013]": `2013-Q1`; without a year, placed like a month by its
/// first month.
fn quarter_date(
    quarter: u8,
    year: Option<i32>,
    reference: Option<&TimePoint>,
    tense: Option<Tense>,
) -> Option<Resolved> {
    let year = match year {
        Some(year) => Some(year),
        None => {
            let first_month = TimePoint::month(None, (quarter - 1) * 3 + 1)?;
            place_year(first_month, reference, tense).year
        }
    };
    let value = match year {
        Some(year) => format!("{year:04}-Q{quarter}"),
        None => format!("XXXX-Q{quarter}"),
    };
    Some(date_value(value, None))
}

fn relative_day(fields: &Fields, reference: Option<&TimePoint>) -> Option<Resolved> {
    // A bare clock time ("8 p.m.") is on the reference day.
    let offset = fields.relday.or(fields.hour.map(|_| 0))?;
    let Some(today) = reference_date(reference) else {
        let value = match &fields.part {
            Some(part) => format!("XXXX-XX-XXT{part}"),
            None => "XXXX-XX-XX".to_string(),
        };
        let timex_type = if fields.part.is_some() {
            TimexType::Time
        } else {
            TimexType::Date
        };
        return Some(Resolved {
            value,
            timex_type,
            point: None,
        });
    };
    let day = today.checked_add_signed(Duration::days(i64::from(offset)))?;
    Some(with_time_of_day(TimePoint::from_date(day), fields))
}

fn iso_week(date: NaiveDate) -> String {
    let week = date.iso_week();
    format!("{:04}-W{:02}", week.year(), week.week())
}

fn add_months(year: i32, month: u8, delta: i32) -> Option<(i32, u8)> {
    let index = year.checked_mul(12)? + i32::from(month) - 1 + delta;
    Some((
        index.div_euclid(12),
        u8::try_from(index.rem_euclid(12) + 1).ok()?,
    ))
}

/// First month of each TIMEX3 season, for placing "last summer".
fn season_start(season: &str) -> Option<u8> {
    Some(match season {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        "WI" => 12,
        _ => return None,
    })
}

/// A calendar unit, month, season or weekday shifted from the reference: "last week",
/// "next month", "this year", "last July", "last summer", "next Friday".
fn shift(fields: &Fields, reference: Option<&TimePoint>) -> Option<Resolved> {
    let by = fields.shift?;
    let today = reference_date(reference);
    let ref_year = reference.and_then(|r| r.year);
    let ref_month = reference
        .filter(|r| r.precision >= Precision::Month)
        .map(|r| r.month);
    if let (Some(month), Some(Unit::Year)) = (fields.month, fields.unit) {
        // "April last year": the month in the shifted year.
        let Some(year) = ref_year else {
            return Some(date_value(format!("XXXX-{month:02}"), None));
        };
        let point = TimePoint::month(Some(year.checked_add(by)?), month)?;
        return Some(date_value(point.to_string(), Some(point)));
    }
    if let Some(month) = fields.month {
        let (Some(year), Some(ref_month)) = (ref_year, ref_month) else {
            return Some(date_value(format!("XXXX-{month:02}"), None));
        };
        let year = match by.signum() {
            -1 if month < ref_month => year,
            -1 => year - 1,
            1 if month > ref_month => year,
            1 => year + 1,
            _ => year,
        };
        let point = TimePoint::month(Some(year), month)?;
        return Some(date_value(point.to_string(), Some(point)));
    }
    if let Some(season) = &fields.season {
        let (Some(year), Some(ref_month), Some(start)) =
            (ref_year, ref_month, season_start(season))
        else {
            return Some(date_value(format!("XXXX-{season}"), None));
        };
        let year = match by.signum() {
            -1 if start < ref_month => year,
            -1 => year - 1,
            1 if start > ref_month => year,
            1 => year + 1,
            _ => year,
        };
        return Some(date_value(format!("{year:04}-{season}"), None));
    }
    if let Some(weekday) = fields.weekday {
        let Some(today) = today else {
            return Some(date_value(format!("XXXX-WXX-{weekday}"), None));
        };
        let current = today.weekday().number_from_monday() as i64;
        let target = i64::from(weekday);
        let delta = match by.signum() {
            -1 => -(current - target - 1).rem_euclid(7) - 1,
            1 => (target - current - 1).rem_euclid(7) + 1,
            _ => target - current,
        };
        let day = today.checked_add_signed(Duration::days(delta))?;
        return Some(with_time_of_day(TimePoint::from_date(day), fields));
    }
    let unit = fields.unit?;
    calendar_unit_from_reference(unit, i64::from(by), reference)
}

/// The calendar unit containing the reference, moved by `by` units: the value for "last
/// week" (by = -1) and for "two years ago" (by = -2).
fn calendar_unit_from_reference(
    unit: Unit,
    by: i64,
    reference: Option<&TimePoint>,
) -> Option<Resolved> {
    let today = reference_date(reference);
    let ref_year = reference.and_then(|r| r.year);
    let ref_month = reference
        .filter(|r| r.precision >= Precision::Month)
        .map(|r| r.month);
    let by32 = i32::try_from(by).ok()?;
    match unit {
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            let Some(today) = today else {
                return Some(date_value("XXXX-XX-XX".into(), None));
            };
            let days = if unit == Unit::Day { by } else { 0 };
            let day = today.checked_add_signed(Duration::days(days))?;
            Some(date_value(day.to_string(), Some(TimePoint::from_date(day))))
        }
        Unit::Week => {
            let Some(today) = today else {
                return Some(date_value("XXXX-WXX".into(), None));
            };
            let day = today.checked_add_signed(Duration::days(by.checked_mul(7)?))?;
            Some(date_value(iso_week(day), None))
        }
        Unit::Month => {
            let (Some(year), Some(month)) = (ref_year, ref_month) else {
                return Some(date_value("XXXX-XX".into(), None));
            };
            let (year, month) = add_months(year, month, by32)?;
            let point = TimePoint::month(Some(year), month)?;
            Some(date_value(point.to_string(), Some(point)))
        }
        Unit::Year => {
            let Some(year) = ref_year else {
                return Some(date_value("XXXX".into(), None));
            };
            let year = year.checked_add(by32)?;
            Some(date_value(
                format!("{year:04}"),
                Some(TimePoint::year(year)),
            ))
        }
        Unit::Weekend => {
            let Some(today) = today else {
                return Some(date_value("XXXX-WXX-WE".into(), None));
            };
            let day = today.checked_add_signed(Duration::days(by.checked_mul(7)?))?;
            Some(date_value(format!("{}-WE", iso_week(day)), None))
        }
        Unit::Quarter => {
            let (Some(year), Some(month)) = (ref_year, ref_month) else {
                return Some(date_value("XXXX-QX".into(), None));
            };
            let (year, month) = add_months(year, month, by32.checked_mul(3)?)?;
            Some(date_value(
                format!("{year:04}-Q{}", (month - 1) / 3 + 1),
                None,
            ))
        }
        Unit::Decade | Unit::Century => {
            let Some(year) = ref_year else {
                return Some(date_value("XXX".into(), None));
            };
            let (width, digits) = if unit == Unit::Decade {
                (10, 3)
            } else {
                (100, 2)
            };
            let number = year.div_euclid(width).checked_add(by32)?;
            Some(date_value(format!("{number:0digits$}"), None))
        }
    }
}

fn ago(fields: &Fields, reference: Option<&TimePoint>) -> Option<Resolved> {
    let unit = fields.unit?;
    match fields.number {
        Some(Some(amount)) => calendar_unit_from_reference(unit, -i64::from(amount), reference),
        // "years ago": some time before the reference.
        _ => Some(date_value("PAST_REF".into(), None)),
    }
}

/// A weekday placed by tense: the latest one at or before the reference in a past (or
/// tenseless) clause, the next one at or after it in a future clause.
fn weekday(
    fields: &Fields,
    reference: Option<&TimePoint>,
    tense: Option<Tense>,
) -> Option<Resolved> {
    let weekday = fields.weekday?;
    let Some(today) = reference_date(reference) else {
        let mut value = format!("XXXX-WXX-{weekday}");
        let mut timex_type = TimexType::Date;
        if let Some(part) = &fields.part {
            value.push_str(&format!("T{part}"));
            timex_type = TimexType::Time;
        }
        return Some(Resolved {
            value,
            timex_type,
            point: None,
        });
    };
    let current = today.weekday().number_from_monday() as i64;
    let target = i64::from(weekday);
    let delta = match tense {
        Some(Tense::Future) => (target - current).rem_euclid(7),
        _ => -(current - target).rem_euclid(7),
    };
    let day = today.checked_add_signed(Duration::days(delta))?;
    Some(with_time_of_day(TimePoint::from_date(day), fields))
}

fn duration_value(amount: Option<u32>, unit: Unit) -> String {
    let amount_text = |scale: u32| match amount {
        Some(n) => n.saturating_mul(scale).to_string(),
        None => "X".to_string(),
    };
    match unit {
        Unit::Year => format!("P{}Y", amount_text(1)),
        // TimeML writes decades and centuries as years ("a decade" is P10Y).
        Unit::Decade => format!("P{}Y", amount_text(10)),
        Unit::Century => format!("P{}Y", amount_text(100)),
        Unit::Quarter => format!("P{}Q", amount_text(1)),
        Unit::Weekend => format!("P{}WE", amount_text(1)),
        Unit::Month => format!("P{}M", amount_text(1)),
        Unit::Week => format!("P{}W", amount_text(1)),
        Unit::Day => format!("P{}D", amount_text(1)),
        Unit::Hour => format!("PT{}H", amount_text(1)),
        Unit::Minute => format!("PT{}M", amount_text(1)),
        Unit::Second => format!("PT{}S", amount_text(1)),
    }
}

fn duration(fields: &Fields) -> Option<Resolved> {
    if fields.unit.is_none() {
        return elapsed(fields);
    }
    let unit = fields.unit?;
    let amount = fields.number.flatten();
    Some(Resolved {
        value: duration_value(amount, unit),
        timex_type: TimexType::Duration,
        point: None,
    })
}

/// An elapsed time written as a clock, "3:07:35" → `PT3H7M35S` (zero parts left out).
fn elapsed(fields: &Fields) -> Option<Resolved> {
    let parts = [
        (fields.hour?, 'H'),
        (fields.minute?, 'M'),
        (fields.second?, 'S'),
    ];
    let written: String = parts
        .iter()
        .filter(|(amount, _)| *amount > 0)
        .map(|(amount, unit)| format!("{amount}{unit}"))
        .collect();
    (!written.is_empty()).then(|| Resolved {
        value: format!("PT{written}"),
        timex_type: TimexType::Duration,
        point: None,
    })
}

fn set(fields: &Fields) -> Option<Resolved> {
    let value = if let Some(value) = &fields.set {
        value.clone()
    } else if let Some(weekday) = fields.weekday {
        match &fields.part {
            Some(part) => format!("XXXX-WXX-{weekday}T{part}"),
            None => format!("XXXX-WXX-{weekday}"),
        }
    } else if let Some(part) = &fields.part {
        format!("XXXX-XX-XXT{part}")
    } else {
        duration_value(Some(fields.number.flatten().unwrap_or(1)), fields.unit?)
    };
    Some(Resolved {
        value,
        timex_type: TimexType::Set,
        point: None,
    })
}

/// "the 1990s" → `199`; "the '90s" → `199` (a two-digit decade is read as 19xx).
fn decade(fields: &Fields) -> Option<Resolved> {
    let digits: String = fields
        .decade
        .as_deref()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let value = match digits.len() {
        4 => digits[..3].to_string(),
        3 => digits[..3].to_string(),
        2 => format!("19{}", &digits[..1]),
        _ => return None,
    };
    Some(date_value(value, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_time_stays_a_time_point() {
        let day = TimePoint::parse("2016-12-11").unwrap();
        let fields = Fields {
            hour: Some(8),
            minute: Some(30),
            meridiem: Some("pm".into()),
            ..Fields::default()
        };
        let r = with_time_of_day(day, &fields);
        assert_eq!(r.value, "2016-12-11T20:30");
        assert_eq!(r.point, TimePoint::parse("2016-12-11T20:30").ok());
        // No year: the value keeps the clock, the model point stays the day.
        let day = TimePoint::parse("XXXX-12-11").unwrap();
        let r = with_time_of_day(day, &fields);
        assert_eq!(r.value, "XXXX-12-11T20:30");
        assert_eq!(r.point, Some(day));
    }

    #[test]
    fn months_wrap_across_years() {
        assert_eq!(add_months(2016, 1, -1), Some((2015, 12)));
        assert_eq!(add_months(2016, 12, 1), Some((2017, 1)));
        assert_eq!(add_months(2016, 3, -27), Some((2013, 12)));
    }

    #[test]
    fn durations_use_timex_units() {
        assert_eq!(duration_value(Some(48), Unit::Hour), "PT48H");
        assert_eq!(duration_value(None, Unit::Day), "PXD");
        assert_eq!(duration_value(Some(1), Unit::Decade), "P10Y");
        assert_eq!(duration_value(Some(3), Unit::Month), "P3M");
    }

    #[test]
    fn future_tense_takes_the_next_occurrence() {
        let reference = TimePoint::parse("2013-03-22").ok();
        let may = TimePoint::month(None, 5);
        let oct = TimePoint::month(None, 10);
        let (Some(may), Some(oct)) = (may, oct) else {
            panic!("months build");
        };
        assert_eq!(
            place_year(oct, reference.as_ref(), Some(Tense::Past)).to_string(),
            "2012-10"
        );
        assert_eq!(
            place_year(may, reference.as_ref(), Some(Tense::Future)).to_string(),
            "2013-05"
        );
        let feb = TimePoint::month(None, 2)
            .map(|p| place_year(p, reference.as_ref(), Some(Tense::Future)));
        assert_eq!(feb.map(|p| p.to_string()).as_deref(), Some("2014-02"));
    }
}
