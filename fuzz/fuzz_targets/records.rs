//! Fuzzes ingest: JSON Lines article records → serde → `enrich` (as the CLI does) → ingest
//! into a fresh store → read everything back. Bad records must be refused with an error.
#![no_main]

use claimgraph_model::record::ArticleRecord;
use claimgraph_query::QueryStore;
use claimgraph_store::{IngestOptions, Store};
use libfuzzer_sys::fuzz_target;

fn scratch() -> tempfile::TempDir {
    // A RAM disk when there is one: every input opens a new sled store.
    match std::path::Path::new("/dev/shm").is_dir() {
        true => tempfile::tempdir_in("/dev/shm").expect("temp dir"),
        false => tempfile::tempdir().expect("temp dir"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut records = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(8) {
        if let Ok(mut record) = serde_json::from_str::<ArticleRecord>(line) {
            claimgraph_extract::enrich(&mut record);
            records.push(record);
        }
    }
    if records.is_empty() {
        return;
    }
    let dir = scratch();
    let store = Store::open(dir.path()).expect("fresh store");
    let mut ids = Vec::new();
    {
        let mut ingester = store
            .ingester(IngestOptions {
                chunk_articles: 2,
                ingested_at: Some(1_764_000_000),
            })
            .expect("ingester");
        for record in records {
            let id = record.article.id.clone();
            if ingester.add(record).is_ok() {
                ids.push(id);
            }
        }
        let _ = ingester.finish();
    }
    let _ = store.stats();
    for id in &ids {
        if let Ok(Some(seq)) = store.article_seq(id) {
            let _ = store.article_doc(seq);
            let _ = store.article_text(seq);
        }
    }
    for doc in store.articles() {
        let _ = doc;
    }
    for actor in store.actors() {
        let _ = actor;
    }
    for q in ["claims", "claims | group speaker", "claims | links"] {
        if let Ok(result) = store.query(q) {
            for format in [
                claimgraph_export::Format::Table,
                claimgraph_export::Format::Json,
                claimgraph_export::Format::Csv,
            ] {
                let _ = claimgraph_export::write_result(&result, &mut Vec::new(), format);
            }
        }
    }
});
