//! Extraction never panics: every text of the shared corpus goes through (skipped when
//! `../shared` is absent), and so do arbitrary strings and bytes.

use crate::timeml;

use claimgraph_extract::{extract, extract_bytes, ExtractError, ExtractOptions};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn texts(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            texts(&p, out);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "tml"))
            && !p.ends_with("README.md")
        {
            out.push(p);
        }
    }
}

#[test]
fn whole_corpus_extracts() {
    let root = Path::new(CORPUS);
    if !root.exists() {
        crate::common::skip(&format!("the corpus walk: {CORPUS} is absent"));
        return;
    }
    let mut files = Vec::new();
    texts(root, &mut files);
    files.sort();
    assert!(
        files.len() > 50,
        "expected the corpus, found {} files",
        files.len()
    );
    let mut claims = 0;
    for f in &files {
        let raw = std::fs::read_to_string(f).unwrap();
        let text = if f.extension().is_some_and(|x| x == "tml") {
            timeml_text(&raw)
        } else {
            raw
        };
        for published in [None, Some("2016-12-12")] {
            let opts = ExtractOptions {
                published: published.map(str::to_string),
                ..ExtractOptions::default()
            };
            let rec = extract(&text, &opts).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            // Spans point into the record's text: the input composed to NFC (the same
            // text when the input already is).
            let record_text = rec.article.text.as_deref().unwrap_or_default();
            if unicode_normalization::is_nfc(&text) {
                assert_eq!(record_text, text, "{}", f.display());
            }
            for c in &rec.claims {
                let [a, b] = c.span.unwrap();
                assert!(
                    record_text.get(a as usize..b as usize).is_some(),
                    "{}: bad span",
                    f.display()
                );
                assert!(
                    !c.text.is_empty() && !c.speaker.is_empty(),
                    "{}: {c:?}",
                    f.display()
                );
            }
            claims += rec.claims.len();
        }
    }
    assert!(claims > 100);
}

#[test]
fn bad_input_gives_clear_errors() {
    let opts = ExtractOptions::default();
    assert!(matches!(
        extract_bytes(b"", &opts),
        Err(ExtractError::Empty)
    ));
    assert!(matches!(
        extract_bytes(b"  \n ", &opts),
        Err(ExtractError::Empty)
    ));
    assert!(matches!(
        extract_bytes(b"ab\0cd", &opts),
        Err(ExtractError::Binary { offset: 2 })
    ));
    let err = extract_bytes(b"Nga n\xf3i", &opts).unwrap_err();
    assert!(
        matches!(err, ExtractError::InvalidUtf8 { offset: 5 }),
        "{err}"
    );
    assert!(err.to_string().contains("offset 5"));
    let bad_date = ExtractOptions {
        published: Some("yesterday".into()),
        ..ExtractOptions::default()
    };
    assert!(extract("He said so.", &bad_date).is_err());
}

/// Inputs the property tests below once shrank a panic to, replayed in both languages.
#[test]
fn inputs_that_once_panicked_extract() {
    // A closing "according to" as the sentence's first token; a place preposition ("ở",
    // "tại") opening the sentence before a cue.
    let inputs = [
        "according to\".A",
        "According to X.",
        "Ở Hà_Nội cho_biết trời mưa .",
        "Tại đây, ông Nam cho biết trời mưa.",
    ];
    for text in inputs {
        for lang in ["vi", "en"] {
            let opts = ExtractOptions {
                lang: Some(lang.into()),
                ..ExtractOptions::default()
            };
            assert!(extract(text, &opts).is_ok(), "{lang}: {text:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_never_panic(s in "\\PC{0,300}") {
        let _ = extract(&s, &ExtractOptions::default());
    }

    #[test]
    fn news_like_strings_never_panic(s in "([A-Z][a-zà-ỹ_]{0,8}|said|nói|cho_biết|Theo|according to|dẫn lời|tại|Ở|“|”|\"|–|,|\\.|:|\\(|\\)|[0-9.,/-]{1,6}|\n| ){0,60}") {
        for lang in ["vi", "en"] {
            let opts = ExtractOptions { lang: Some(lang.into()), published: Some("2016-12-12".into()), ..ExtractOptions::default() };
            if let Ok(rec) = extract(&s, &opts) {
                let record_text = rec.article.text.as_deref().unwrap_or_default();
                for c in &rec.claims {
                    let [a, b] = c.span.unwrap();
                    prop_assert!(record_text.get(a as usize..b as usize).is_some());
                }
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = extract_bytes(&b, &ExtractOptions::default());
    }
}

/// The text of a TimeML file (its `<TEXT>` body, tags removed), as the TimeML scorer reads it.
fn timeml_text(xml: &str) -> String {
    timeml::parse_tml(xml)
        .map(|doc| doc.text)
        .unwrap_or_default()
}
