//! No input may panic the lexer, parser, planner or executor: arbitrary strings and
//! arbitrary sequences of query tokens, run end to end on the Aleppo store. (The cargo-fuzz
//! target in `fuzz/` does the same for longer runs.)

use crate::common;

use claimgraph_query::QueryStore;
use claimgraph_store::Store;
use common::*;
use proptest::prelude::*;
use std::sync::OnceLock;

fn store() -> &'static Store {
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let records = read_records(&fixture("aleppo.jsonl"));
            let dir = tempfile::tempdir().unwrap();
            let store = build_store(dir.path(), &[(&records, 1_764_000_000)]);
            (dir, store)
        })
        .1
}

const VOCABULARY: &[&str] = &[
    "claims",
    "by",
    "via",
    "direct",
    "about",
    "published",
    "said",
    "event",
    "ingested",
    "as",
    "of",
    "members",
    "denying",
    "supporting",
    "answering",
    "denied",
    "supported",
    "answered",
    "where",
    "not",
    "and",
    "or",
    "within",
    "overlaps",
    "before",
    "after",
    "|",
    "sort",
    "limit",
    "top",
    "count",
    "group",
    "select",
    "links",
    "asc",
    "desc",
    "(",
    ")",
    ",",
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "~",
    "!",
    "speaker",
    "speaker.kind",
    "stance",
    "quantity",
    "denials",
    "supports",
    "text",
    "about",
    "via",
    "said.day",
    "Russia",
    "Aleppo",
    "Reuters",
    "\"phe nổi dậy\"",
    "\"Russian government\"",
    "unknown",
    "deny",
    "2016",
    "2016-12",
    "2016-12-11",
    "2016-12-10..2016-12-12",
    "..",
    "2016-12-10..",
    "..2016-12",
    "XXXX-12-11",
    "2016-12-11T08:00:00Z",
    "2026-11-25T10:00:00+07:00",
    "100000",
    "-1",
    "0",
    "1e400",
    "NaN",
    "\"",
    "'",
    "\\",
    "\"unterminated",
    "9999999999999999999999",
    "đ",
    "Ω",
    "\u{0}",
    "\u{202e}",
    "claims(",
    ")|",
    "||",
];

fn token_query() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCABULARY), 0..24).prop_map(|t| t.join(" "))
}

fn prefixed_query() -> impl Strategy<Value = String> {
    token_query().prop_map(|q| format!("claims {q}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(q in ".{0,80}") {
        let _ = store().query(&q);
        let _ = store().explain(&q);
    }

    #[test]
    fn arbitrary_token_sequences_never_panic(q in token_query()) {
        let _ = store().query(&q);
    }

    #[test]
    fn queries_that_start_right_never_panic(q in prefixed_query()) {
        match store().query(&q) {
            Ok(r) => {
                // Every result renders in every format.
                for f in [claimgraph_export::Format::Table, claimgraph_export::Format::Json, claimgraph_export::Format::Csv] {
                    let mut out = Vec::new();
                    prop_assert!(claimgraph_export::write_result(&r, &mut out, f).is_ok());
                }
            }
            Err(e) => {
                // Errors point inside the query and render.
                if let Some(span) = e.span() {
                    prop_assert!(span.end <= q.len());
                    prop_assert!(q.is_char_boundary(span.start) && q.is_char_boundary(span.end));
                }
                prop_assert!(!e.render().is_empty());
            }
        }
    }
}

#[test]
fn pathological_inputs_are_errors() {
    let deep = format!("claims {}by Russia{}", "(".repeat(5000), ")".repeat(5000));
    assert!(store().query(&deep).is_err());
    let nested = format!(
        "claims {}by Russia{}",
        "denying (claims ".repeat(200),
        ")".repeat(200)
    );
    assert!(store().query(&nested).is_err());
    let long = format!("claims {}", "by Russia or ".repeat(2000) + "by Russia");
    assert!(store().query(&long).is_ok());
}
