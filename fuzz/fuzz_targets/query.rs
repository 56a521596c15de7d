//! Fuzzes the whole query path (lexer, parser, planner, executor, rendering of results and
//! of errors) on a store holding `examples/aleppo.jsonl`. Inputs that fail must fail with an
//! error, never a panic.
#![no_main]

use claimgraph_export::{write_result, Format};
use claimgraph_model::record::ArticleRecord;
use claimgraph_query::QueryStore;
use claimgraph_store::{IngestOptions, Store};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn store() -> &'static Store {
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open(dir.path()).expect("store");
            let fixture = include_str!("../../examples/aleppo.jsonl");
            let mut ingester = store
                .ingester(IngestOptions {
                    chunk_articles: 1,
                    ingested_at: Some(1_764_000_000),
                })
                .expect("ingester");
            for line in fixture.lines().filter(|l| !l.trim().is_empty()) {
                let mut record: ArticleRecord = serde_json::from_str(line).expect("fixture");
                claimgraph_extract::enrich(&mut record);
                ingester.add(record).expect("ingest");
            }
            ingester.finish().expect("finish");
            (dir, store)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Queries are one line in practice; very long inputs only slow the fuzzer down.
    if text.len() > 512 {
        return;
    }
    match store().query(text) {
        Ok(result) => {
            for format in [Format::Table, Format::Json, Format::Csv] {
                let mut out = Vec::new();
                let _ = write_result(&result, &mut out, format);
            }
        }
        Err(e) => {
            if let Some(span) = e.span() {
                assert!(span.end <= text.len(), "span {span:?} past the query");
            }
            let _ = e.render();
        }
    }
    let _ = store().explain(text).map(|p| p.to_string());
});
