//! Properties of the temporal tagger on arbitrary input: it never panics, and what it
//! returns is sorted, disjoint and sliced from the input.

use claimgraph_extract::timex::find_times;
use claimgraph_model::TimePoint;
use proptest::prelude::*;

fn check(text: &str, lang: &str, reference: Option<&TimePoint>) -> Result<(), TestCaseError> {
    let found = find_times(text, lang, reference);
    for pair in found.windows(2) {
        prop_assert!(pair[0].span.1 <= pair[1].span.0);
    }
    for m in &found {
        prop_assert!(m.span.0 < m.span.1);
        prop_assert_eq!(text.get(m.span.0..m.span.1), Some(m.text.as_str()));
        prop_assert!(!m.value.is_empty());
    }
    Ok(())
}

fn time_words() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "ngày", "tháng", "năm", "hôm_qua", "11-12", "30/3", "29/2", "31/2", "2016", "tuần",
        "trước", "sáng", "thứ", "Hai", "hai", "Dec.", "31", "February", "29,", "last", "week",
        "ago", "two", "years", "Tuesday", "morning", "9999", "0/0", "1/13", "_", "(", ")", "every",
        "the", "1990s", "20th", "century", "at", "8", "p.m.", "tiếng", "48", "qua", "nay",
    ]);
    prop::collection::vec(words, 0..12).prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,80}", lang in prop::sample::select(vec!["en", "vi", "xx"])) {
        let reference = TimePoint::parse("2016-02-29").ok();
        check(&text, lang, None)?;
        check(&text, lang, reference.as_ref())?;
    }

    #[test]
    fn never_panics_on_time_like_text(text in time_words(), year in 1i32..9999, month in 1u8..=12) {
        let reference = TimePoint::month(Some(year), month);
        for lang in ["en", "vi"] {
            check(&text, lang, None)?;
            check(&text, lang, reference.as_ref())?;
            check(&text, lang, Some(&TimePoint::year(year)))?;
        }
    }

    #[test]
    fn decomposed_text_gets_the_same_values(text in time_words()) {
        use unicode_normalization::UnicodeNormalization;
        let decomposed: String = text.nfd().collect();
        let reference = TimePoint::parse("2016-12-12").ok();
        for lang in ["en", "vi"] {
            let values = |t: &str| -> Vec<String> {
                find_times(t, lang, reference.as_ref()).into_iter().map(|m| m.value).collect()
            };
            prop_assert_eq!(values(&text), values(&decomposed));
            check(&decomposed, lang, reference.as_ref())?;
        }
    }
}

#[test]
fn extreme_references_do_not_panic() {
    for reference in ["0001-01-01", "9999-12-31", "2016-02-29"] {
        let reference = TimePoint::parse(reference).ok();
        let text =
            "yesterday tomorrow last week next month next year 9999 years ago the next decade \
                    hôm_qua ngày_mai tuần tới sang năm 100000 năm trước";
        check(text, "en", reference.as_ref()).unwrap_or_else(|e| panic!("{e}"));
        check(text, "vi", reference.as_ref()).unwrap_or_else(|e| panic!("{e}"));
    }
}
