//! Conjuncts that share the rest of a coordinated expression: "between 12 and 18 months"
//! (12 is `P12M`), "Monday and Tuesday nights" (a set of Monday nights), "1957-58" (58 is
//! `1958`). The rules tag the complete conjunct; this pass tags the bare one beside it by
//! reading it in the complete one's place. The linking words are the grammar's
//! `coordinator` table, so a language without one gets no conjuncts.

use super::grammar::Grammar;
use super::{find_by_rules, TimexMatch, TimexType};
use claimgraph_model::TimePoint;

/// The table of words that join two conjuncts ("and", "or", "to", "-").
const COORDINATOR_TABLE: &str = "coordinator";

/// Adds to `found` (sorted, disjoint) the bare conjuncts beside its matches, keeping it
/// sorted and disjoint. A one-word match read alone ("Monday" in "Monday and Tuesday
/// nights") is replaced by its reading as a conjunct.
pub(super) fn add_conjuncts(
    grammar: &Grammar,
    text: &str,
    reference: Option<&TimePoint>,
    found: &mut Vec<TimexMatch>,
) {
    let mut added = Vec::new();
    for (index, complete) in found.iter().enumerate() {
        // A conjunct must not reach into the match before or after this one, unless that
        // match is the one word the conjunct is.
        let floor = index
            .checked_sub(1)
            .and_then(|i| found.get(i))
            .map_or(0, |m| match m.text.contains(char::is_whitespace) {
                true => m.span.1,
                false => m.span.0,
            });
        let ceiling = found.get(index + 1).map_or(text.len(), |m| m.span.0);
        let conjunct = match complete.timex_type {
            TimexType::Duration | TimexType::Set => {
                conjunct_before(grammar, text, reference, complete, floor)
            }
            TimexType::Date => year_range_end(grammar, text, complete, ceiling),
            TimexType::Time => None,
        };
        added.extend(conjunct);
    }
    if added.is_empty() {
        return;
    }
    found.retain(|m| {
        !added
            .iter()
            .any(|a| a.span.0 < m.span.1 && m.span.0 < a.span.1)
    });
    found.extend(added);
    found.sort_by_key(|m| m.span.0);
}

/// "12 and 18 months": the word before a coordinator before `complete`, read in place of
/// the complete conjunct's first word ("12 months"), when that reading is one expression of
/// the same type.
fn conjunct_before(
    grammar: &Grammar,
    text: &str,
    reference: Option<&TimePoint>,
    complete: &TimexMatch,
    floor: usize,
) -> Option<TimexMatch> {
    let (coordinator_start, coordinator) = last_word(text, floor, complete.span.0)?;
    grammar.lookup(COORDINATOR_TABLE, coordinator)?;
    let (word_start, word) = last_word(text, floor, coordinator_start)?;
    if !word.chars().all(crate::token::is_alphanumeric) {
        return None;
    }
    let first_word_len = complete.text.find(char::is_whitespace)?;
    let reading = format!("{word}{}", &complete.text[first_word_len..]);
    let [read] = <[TimexMatch; 1]>::try_from(find_by_rules(grammar, &reading, reference)).ok()?;
    let whole = read.span == (0, reading.len()) && read.timex_type == complete.timex_type;
    whole.then(|| TimexMatch {
        span: (word_start, word_start + word.len()),
        text: word.to_string(),
        value: read.value,
        timex_type: read.timex_type,
        point: read.point,
        rule: "coordinated",
    })
}

/// "1957-58": the two-digit end of a year range after a year, when it is later in the same
/// century ("2019-05" is no range).
fn year_range_end(
    grammar: &Grammar,
    text: &str,
    complete: &TimexMatch,
    ceiling: usize,
) -> Option<TimexMatch> {
    let year: u32 = complete
        .value
        .parse()
        .ok()
        .filter(|_| complete.value.len() == 4)?;
    if !complete.text.ends_with(complete.value.as_str()) {
        return None;
    }
    let after = text.get(complete.span.1..ceiling)?;
    let dash = after.chars().next()?;
    grammar.lookup(COORDINATOR_TABLE, dash.encode_utf8(&mut [0; 4]))?;
    let rest = &after[dash.len_utf8()..];
    let digits: &str = rest.get(..2)?;
    let ends_there = rest[2..]
        .chars()
        .next()
        .is_none_or(|c| !crate::token::is_alphanumeric(c));
    let end: u32 = digits.parse().ok().filter(|_| ends_there)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || end <= year % 100 {
        return None;
    }
    let start = complete.span.1 + dash.len_utf8();
    Some(TimexMatch {
        span: (start, start + 2),
        text: digits.to_string(),
        value: format!("{}", year - year % 100 + end),
        timex_type: TimexType::Date,
        point: TimePoint::parse(&format!("{}", year - year % 100 + end)).ok(),
        rule: "coordinated",
    })
}

/// The last whitespace-separated word of `text[floor..end]` and its start.
fn last_word(text: &str, floor: usize, end: usize) -> Option<(usize, &str)> {
    let before = text.get(floor..end)?.trim_end();
    let start = before.rfind(char::is_whitespace).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[start..];
    (!word.is_empty()).then_some((floor + start, word))
}

#[cfg(test)]
mod tests {
    use super::super::find_times;

    fn values(text: &str) -> Vec<(String, String)> {
        find_times(text, "en", None)
            .into_iter()
            .map(|m| (m.text, m.value))
            .collect()
    }

    #[test]
    fn a_bare_number_shares_the_unit_after_it() {
        assert_eq!(
            values("It will take between 12 and 18 months."),
            [
                ("12".into(), "P12M".into()),
                ("18 months".into(), "P18M".into())
            ]
        );
    }

    #[test]
    fn a_weekday_shares_the_day_part_of_a_set() {
        assert_eq!(
            values("The show airs Monday and Tuesday nights."),
            [
                ("Monday".into(), "XXXX-WXX-1TNI".into()),
                ("Tuesday nights".into(), "XXXX-WXX-2TNI".into())
            ]
        );
    }

    #[test]
    fn a_two_digit_year_range_end_is_in_the_same_century() {
        assert_eq!(
            values("the season of 1957-58, which"),
            [("1957".into(), "1957".into()), ("58".into(), "1958".into())]
        );
        // Not a range: the end would be before the start.
        assert!(values("the 2019-05 figures")
            .iter()
            .all(|(text, _)| text != "05"));
    }

    #[test]
    fn a_word_that_is_no_number_is_no_conjunct() {
        assert_eq!(
            values("Prices and 18 months of data."),
            [("18 months".into(), "P18M".into())]
        );
    }
}
