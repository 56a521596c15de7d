//! Helpers shared by the query integration tests: building stores from JSON Lines through
//! the public ingest API, and reading the same JSON Lines independently of the store.

#![allow(dead_code)]

use claimgraph::model::record::ArticleRecord;
use claimgraph::model::{Interval, TimePoint, TimeSpan};
use claimgraph::store::{IngestOptions, Store};
use std::path::Path;

pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub fn read_records(path: &str) -> Vec<ArticleRecord> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Ingests `batches` of records, each batch as one ingest at its own ingest time.
pub fn build_store(dir: &Path, batches: &[(&[ArticleRecord], i64)]) -> Store {
    let store = Store::open(dir).unwrap();
    for (records, at) in batches {
        let mut ingester = store
            .ingester(IngestOptions {
                chunk_articles: 500,
                ingested_at: Some(*at),
            })
            .unwrap();
        for r in records.iter() {
            ingester.add(r.clone()).unwrap();
        }
        ingester.finish().unwrap();
    }
    store
}

pub fn interval(text: Option<&str>) -> Option<Interval> {
    TimePoint::parse(text?).ok()?.interval()
}

pub fn range(text: &str) -> Interval {
    TimeSpan::parse_range(text).unwrap().as_range().unwrap()
}

pub fn when_interval(w: &claimgraph::model::record::WhenRecord) -> Option<Interval> {
    let span = TimeSpan {
        start: w.start.as_deref().and_then(|s| TimePoint::parse(s).ok()),
        end: w.end.as_deref().and_then(|s| TimePoint::parse(s).ok()),
    };
    span.interval()
}

/// Folded name, as the store's alias lookup compares names.
pub fn fold(s: &str) -> String {
    claimgraph::model::names::fold(s)
}
