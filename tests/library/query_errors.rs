//! Twenty malformed queries: each error must point at the offending token and say what is
//! wrong (and, where one exists, give the hint).

use crate::common;

use claimgraph_query::QueryStore;
use claimgraph_store::Store;
use common::*;

fn store() -> (tempfile::TempDir, Store) {
    let records = read_records(&fixture("aleppo.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    let store = build_store(dir.path(), &[(&records, 1_764_000_000)]);
    (dir, store)
}

/// (query, the offending text (its first occurrence is where the caret must be), a
/// fragment of the message, a fragment of the hint or "").
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "claims where spekaer = Russia",
        "spekaer",
        "unknown field 'spekaer'",
        "did you mean 'speaker'?",
    ),
    (
        "claim by Russia",
        "claim",
        "expected 'claims'",
        "a query starts with 'claims'",
    ),
    ("", "", "expected 'claims'", "a query starts with 'claims'"),
    ("claims by", "", "expected a name after 'by'", "quote names"),
    (
        "claims by \"Russia",
        "\"",
        "unterminated string",
        "close the string",
    ),
    (
        "claims by Rusia",
        "Rusia",
        "no actor is called 'Rusia'",
        "did you mean 'Russia'?",
    ),
    (
        "claims about Alepo",
        "Alepo",
        "no topic is called 'Alepo'",
        "did you mean 'Aleppo'?",
    ),
    (
        "claims by Russian government",
        "government",
        "unknown predicate 'government'",
        "\"Russian government\"",
    ),
    (
        "claims said 2016-13-01",
        "2016-13-01",
        "not a real calendar date",
        "dates are YYYY",
    ),
    (
        "claims said yesterday",
        "yesterday",
        "is not a date",
        "dates are YYYY",
    ),
    (
        "claims said XXXX-12-11",
        "XXXX-12-11",
        "needs a known year",
        "2016-12-11",
    ),
    (
        "claims about Aleppo | sortt said",
        "sortt",
        "unknown stage 'sortt'",
        "did you mean 'sort'?",
    ),
    (
        "claims | limit ten",
        "ten",
        "takes a positive whole number",
        "limit 10",
    ),
    ("claims | limit 0", "0", "takes a positive whole number", ""),
    ("claims (by Russia", "(", "never closed", "add ')'"),
    (
        "claims by Russia)",
        ")",
        "expected the end of the query",
        "",
    ),
    (
        "claims where speaker.kind = robot",
        "robot",
        "unknown speaker.kind 'robot'",
        "person, organization",
    ),
    (
        "claims where quantity > lots",
        "lots",
        "quantity compares with a number",
        "where quantity > 100000",
    ),
    (
        "claims denying claims by Russia",
        "claims by",
        "expected '(' after 'denying'",
        "denying (claims by X)",
    ),
    (
        "claims | group speaker | select spekaer",
        "spekaer",
        "unknown column 'spekaer'",
        "did you mean 'speaker'?",
    ),
    (
        "claims as of 2016 or by Russia",
        "2016",
        "'as of' applies to the whole query",
        "top level",
    ),
    (
        "claims denying (claims by Russia | count)",
        "count",
        "pipeline stages are not allowed",
        "after the closing",
    ),
    (
        "claims | group speaker | links",
        "links",
        "'links' needs claims",
        "before group",
    ),
    (
        "claims where stance ~ deny",
        "stance ~ deny",
        "'~' does not apply to stance",
        "= or !=",
    ),
];

#[test]
fn malformed_queries_point_at_the_offending_token() {
    assert!(CASES.len() >= 20);
    let (_d, store) = store();
    for &(query, token, message, hint) in CASES {
        let err = match store.query(query) {
            Ok(_) => panic!("{query:?} should fail"),
            Err(e) => e,
        };
        assert!(err.is_user_error(), "{query:?}: {err}");
        let expected_offset = if token.is_empty() {
            query.len()
        } else {
            query.find(token).unwrap()
        };
        assert_eq!(
            err.offset(),
            Some(expected_offset),
            "{query:?}: caret at the wrong place\n{}",
            err.render()
        );
        assert!(
            err.to_string().contains(message),
            "{query:?}: message {:?} lacks {message:?}",
            err.to_string()
        );
        let help = err.help_text().unwrap_or_default();
        assert!(
            help.contains(hint),
            "{query:?}: hint {help:?} lacks {hint:?}"
        );
        // The rendered report shows the query and the hint.
        let rendered = err.render();
        assert!(rendered.contains(message), "{rendered}");
        assert!(
            hint.is_empty()
                || rendered
                    .replace('\n', " ")
                    .contains(&hint[..hint.len().min(12)]),
            "{rendered}"
        );
    }
}

#[test]
fn explain_of_a_bad_query_is_the_same_error() {
    let (_d, store) = store();
    let q = "claims where spekaer = x";
    let a = store.query(q).unwrap_err();
    let b = store.explain(q).unwrap_err();
    assert_eq!(a.offset(), b.offset());
    assert_eq!(a.to_string(), b.to_string());
}

#[test]
fn an_error_far_along_a_long_line_renders_without_panicking() {
    // miette panics drawing a caret past column 65,535; the rendered snippet is clipped.
    let (_dir, store) = store();
    let query = format!("claims {}bogus!", "direct ".repeat(10_000));
    for err in [
        store.query(&query).unwrap_err(),
        store.explain(&query).unwrap_err(),
    ] {
        let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| err.render()))
            .expect("render panicked");
        assert!(rendered.contains("bogus"), "{rendered}");
        assert!(
            rendered.len() < 4_000,
            "the snippet is clipped: {}",
            rendered.len()
        );
        let offset = err.offset().unwrap();
        assert!(
            offset >= query.find("bogus").unwrap(),
            "the error still points into the full query: {offset}"
        );
    }
}
