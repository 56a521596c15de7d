//! Quantities: figures with their unit ("120.000 dân_thường" → 120000 dân thường), with the
//! language's separators (Vietnamese `.` for thousands and `,` for decimals), multiplier
//! words ("3 triệu", "about 3 million") and vague amounts ("hàng chục ngàn người", "tens of
//! thousands"), which are approximate.

use super::lang::LangData;
use super::token::{Token, TokenKind};
use claimgraph_model::names;
use claimgraph_model::record::QuantityRecord;

/// Parses a written number with the language's separators.
pub fn parse_number(s: &str, lang: &LangData) -> Option<f64> {
    let thousands = lang.numbers.thousands_separator.as_str();
    let decimal = lang.numbers.decimal_separator.as_str();
    let mut cleaned = String::with_capacity(s.len());
    // "120.000" is thousands in Vietnamese, but "3.5" with one group of other than three
    // digits can only be a decimal.
    let groups: Vec<&str> = s.split(thousands).collect();
    let grouped = groups.len() > 1
        && groups[1..]
            .iter()
            .all(|g| g.split(decimal).next().is_some_and(|d| d.len() == 3));
    for (i, part) in groups.iter().enumerate() {
        if i > 0 && !grouped {
            cleaned.push('.');
        }
        cleaned.push_str(&part.replace(decimal, "."));
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn unit_after(tokens: &[Token], text: &str, at: usize, lang: &LangData) -> (Option<String>, usize) {
    let mut i = at;
    if tokens
        .get(i)
        .is_some_and(|t| lang.numbers.unit_linkers.contains(&t.key))
    {
        i += 1;
    }
    let Some(t) = tokens.get(i) else {
        return (None, at);
    };
    if t.key == "%" {
        return (Some("%".into()), i + 1);
    }
    if t.kind != TokenKind::Word || lang.numbers.not_units.contains(&t.key) {
        return (None, at);
    }
    let mut j = i + 1;
    while tokens.get(j).is_some_and(|n| n.joined) {
        j += 1;
    }
    (Some(names::display(&text[t.start..tokens[j - 1].end])), j)
}

/// "nine activists", "twelve million people": a spelled-out number (with its multiplier
/// and, when the language needs one, its unit) as an exact figure, and where it ends.
fn spelled_figure(
    tokens: &[Token],
    text: &str,
    lang: &LangData,
    at: usize,
) -> Option<(QuantityRecord, usize)> {
    let numbers = &lang.numbers;
    let t = &tokens[at];
    if !numbers.spelled_figures || numbers.pronoun_number_words.contains(&t.key) {
        return None;
    }
    let mut value = *numbers.words.get(&t.key)?;
    let mut end = at + 1;
    if let Some(m) = tokens
        .get(end)
        .and_then(|n| numbers.multipliers.get(&n.key))
    {
        value *= m;
        end += 1;
    }
    let (unit, next) = unit_after(tokens, text, end, lang);
    if unit.is_none() && numbers.number_words_need_unit {
        return None;
    }
    let quantity = QuantityRecord {
        value,
        unit,
        text: Some(names::display(&text[t.start..tokens[end - 1].end])),
        approximate: false,
    };
    Some((quantity, next.max(end)))
}

/// Quantities in a token range, skipping numbers inside the given byte ranges (dates; sorted
/// by start and not overlapping).
pub fn find(
    tokens: &[Token],
    text: &str,
    lang: &LangData,
    skip: &[(usize, usize)],
) -> Vec<QuantityRecord> {
    crate::work::step(tokens.len());
    let keys: Vec<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    let approx_before = |i: usize| -> bool {
        (1..=2).any(|len| i >= len && lang.approximators.contains_phrase(&keys[i - len..i]))
    };
    while i < tokens.len() {
        let t = &tokens[i];
        if super::times::overlaps(skip, t.start, t.end) {
            i += 1;
            continue;
        }
        if let Some((len, value)) = lang.number_phrases.longest(&keys, i) {
            let (unit, next) = unit_after(tokens, text, i + len, lang);
            out.push(QuantityRecord {
                value: *value,
                unit,
                text: Some(names::display(&text[t.start..tokens[i + len - 1].end])),
                approximate: true,
            });
            i = next.max(i + len);
            continue;
        }
        if let Some((quantity, next)) = spelled_figure(tokens, text, lang, i) {
            out.push(quantity);
            i = next;
            continue;
        }
        if t.kind != TokenKind::Number {
            i += 1;
            continue;
        }
        let Some(mut value) = parse_number(&t.key, lang) else {
            i += 1;
            continue;
        };
        let date_like = tokens
            .get(i + 1)
            .is_some_and(|n| matches!(n.key.as_str(), "/" | "-" | ":") && !n.space_before)
            || (i > 0 && matches!(tokens[i - 1].key.as_str(), "/" | "-" | ":") && !t.space_before);
        let year_like = t.key.len() == 4 && (1800.0..=2100.0).contains(&value);
        if date_like || year_like {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        if let Some(m) = tokens
            .get(end)
            .and_then(|n| lang.numbers.multipliers.get(&n.key))
        {
            value *= m;
            end += 1;
        }
        let (unit, next) = unit_after(tokens, text, end, lang);
        out.push(QuantityRecord {
            value,
            unit,
            text: Some(names::display(&text[t.start..tokens[end - 1].end])),
            approximate: approx_before(i),
        });
        i = next.max(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lang_data;
    use crate::token::tokenize;

    fn q(text: &str, lang: &str) -> Vec<QuantityRecord> {
        find(&tokenize(text), text, lang_data(lang).unwrap(), &[])
    }

    #[test]
    fn vietnamese_separators_and_vague_amounts() {
        let r = q(
            "đã có 120.000 dân_thường rời đi , còn hàng chục ngàn người kẹt lại trong 48 tiếng",
            "vi",
        );
        assert_eq!(r[0].value, 120000.0);
        assert_eq!(r[0].unit.as_deref(), Some("dân thường"));
        assert!(!r[0].approximate);
        assert_eq!(r[1].value, 10000.0);
        assert!(r[1].approximate);
        assert_eq!(r[2].value, 48.0);
        assert_eq!(q("3,5 triệu người", "vi")[0].value, 3_500_000.0);
    }

    #[test]
    fn english_numbers() {
        let r = q("120,000 civilians and about 3 million people in 2016", "en");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].value, 120000.0);
        assert_eq!(r[1].value, 3_000_000.0);
        assert!(r[1].approximate);
    }

    #[test]
    fn spelled_out_english_numbers_with_a_unit_are_figures() {
        let r = q(
            "Nine activists were held and twelve million people voted.",
            "en",
        );
        let figures: Vec<(f64, Option<&str>, bool)> = r
            .iter()
            .map(|f| (f.value, f.unit.as_deref(), f.approximate))
            .collect();
        assert_eq!(
            figures,
            [
                (9.0, Some("activists"), false),
                (12_000_000.0, Some("people"), false)
            ]
        );
        // A pronoun, and a number word with no unit, are no figures.
        assert!(q("No one came, and the two of them left.", "en").is_empty());
    }
}
