//! A small real store for the planner's and executor's unit tests: three articles from
//! two outlets, four speakers (one a member of a government), relays, topics and a denial,
//! ingested in two chunks at fixed times so `as of` has something to cut.

use claimgraph_model::record::ArticleRecord;
use claimgraph_store::{IngestOptions, Store};
use tempfile::TempDir;

/// 2016-12-20T00:00:00Z and 2016-12-25T00:00:00Z: the two chunks' ingest times.
pub const FIRST_INGEST: i64 = 1_482_192_000;
pub const SECOND_INGEST: i64 = 1_482_624_000;

fn record(value: serde_json::Value) -> ArticleRecord {
    serde_json::from_value(value).expect("fixture record")
}

/// The store and the directory that holds it (dropped together).
pub fn store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).expect("open");
    let first = [
        record(serde_json::json!({
            "article": {"id": "a1", "publisher": "Outlet One", "published": "2016-12-12"},
            "actors": [
                {"name": "Russia", "kind": "country", "aliases": ["Nga", "Russian government"]},
                {"name": "Sergei Ryabkov", "kind": "person", "aliases": ["Ryabkov"], "member_of": ["Russia"]}
            ],
            "claims": [
                {"id": "a1#0", "speaker": "Russia", "stance": "assert", "text": "the fighting stopped",
                 "said": "2016-12-11", "about": ["Aleppo", "ceasefire"]},
                {"id": "a1#1", "speaker": "Sergei Ryabkov", "stance": "assert", "text": "talks go on",
                 "said": "2016-12-10", "via": ["RIA"], "about": ["talks"]},
                {"id": "a1#2", "speaker": "Rebels", "stance": "deny", "text": "the fighting goes on",
                 "said": "2016-12-12", "about": ["Aleppo"], "denies": ["a1#0"]}
            ]
        })),
        record(serde_json::json!({
            "article": {"id": "a2", "publisher": "Outlet Two", "published": "2016-11-30"},
            "claims": [
                {"id": "a2#0", "speaker": "Russia", "stance": "assert", "text": "aid arrived",
                 "said": "2016-11-29", "about": ["Aleppo"], "via": ["RIA"],
                 "when": {"start": "2016-11-28"}}
            ]
        })),
    ];
    ingest(&store, first, FIRST_INGEST);
    let second = [record(serde_json::json!({
        "article": {"id": "a3", "publisher": "Outlet One", "published": "2017-01-05"},
        "claims": [
            {"id": "a3#0", "speaker": "UN", "stance": "assert", "text": "evacuation done",
             "said": "2017-01-04", "about": ["Aleppo"], "when": {"start": "2010", "end": "2016"}}
        ]
    }))];
    ingest(&store, second, SECOND_INGEST);
    (dir, store)
}

fn ingest(store: &Store, records: impl IntoIterator<Item = ArticleRecord>, at: i64) {
    let mut ingester = store
        .ingester(IngestOptions {
            ingested_at: Some(at),
            ..IngestOptions::default()
        })
        .expect("ingester");
    for r in records {
        ingester.add(r).expect("add");
    }
    ingester.finish().expect("finish");
}
