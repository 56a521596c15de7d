//! Helpers shared by the integration tests: synthetic article records and paths, building
//! stores from JSON Lines through the public ingest API, and reading the same JSON Lines
//! independently of the store.
#![allow(dead_code)]

/// The exports' sample claim set, shared with the export crate's own unit tests: one
/// source, kept out of that crate's public API.
#[path = "../../crates/export/src/sample.rs"]
pub mod sample;

use std::fmt::Write as _;
use std::path::PathBuf;

/// The shared corpus folder beside the clone, or `$CLAIMGRAPH_SHARED` when set (for
/// checkouts that do not sit beside it, such as git worktrees), when present.
pub fn shared() -> Option<PathBuf> {
    let p = match std::env::var_os("CLAIMGRAPH_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")),
    };
    p.is_dir().then_some(p)
}

/// The `claimgraph` binary on `store`, with `CLAIMGRAPH_STORE` cleared so the
/// environment cannot pick another store.
pub fn cg(store: &std::path::Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("claimgraph").unwrap();
    command
        .arg("--store")
        .arg(store)
        .env_remove("CLAIMGRAPH_STORE");
    command
}

/// Says that (part of) the running test was skipped and why, where `cargo test` shows it:
/// libtest hides what a passing test prints with `eprintln!`, so this writes to the
/// process's standard error directly.
pub fn skip(why: &str) {
    use std::io::Write;
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("a test");
    let _ = writeln!(std::io::stderr().lock(), "note: {test}: skipped {why}");
}

/// Peak resident set size of this process in kB (Linux), if known.
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `n` deterministic JSON Lines records; article `i` has `claims_in(i)` claims.
pub fn synthetic_jsonl(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let mut claims = Vec::new();
        for j in 0..claims_in(i) {
            let speaker = synthetic_speaker(i, j);
            let responds = if j > 0 && j % 3 == 0 {
                format!(r#"["art-{i:06}#0"]"#)
            } else {
                "[]".into()
            };
            let stance = if j % 3 == 0 && j > 0 {
                "deny"
            } else {
                "assert"
            };
            claims.push(format!(
                r#"{{"id":"art-{i:06}#{j}","speaker":"{speaker}","cue":"said","stance":"{stance}","text":"claim {j} of article {i} about \"Aleppo\"","said":"2016-12-{day:02}","when":null,"via":["Reuters"],"about":["Aleppo","topic {t}"],"quantities":[],"responds_to":{responds}}}"#,
                day = 1 + (i % 28),
                t = i % 50
            ));
        }
        let _ = writeln!(
            out,
            r#"{{"article":{{"id":"art-{i:06}","publisher":"Outlet {p}","author":null,"published":"2016-12-{day:02}T08:00:00Z","lang":"en","title":"Article {i}"}},"claims":[{}]}}"#,
            claims.join(","),
            p = i % 7,
            day = 1 + (i % 28)
        );
    }
    out
}

/// The speaker of claim `j` of synthetic article `i`.
pub fn synthetic_speaker(i: usize, j: usize) -> &'static str {
    SYNTHETIC_SPEAKERS[(i + j) % 4]
}

/// Every speaker of the synthetic articles.
pub const SYNTHETIC_SPEAKERS: [&str; 4] = [
    "Phe nổi dậy",
    "Russia",
    "Sergei Ryabkov",
    "a Western diplomat",
];

pub fn claims_in(i: usize) -> usize {
    1 + (i * 7919) % 9
}

use claimgraph_model::record::ArticleRecord;
use claimgraph_model::{Interval, TimePoint, TimeSpan};
use claimgraph_store::{IngestOptions, Store};
use std::path::Path;

/// A file of the bundled examples.
pub fn fixture(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
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
                ..IngestOptions::default()
            })
            .unwrap();
        for r in records.iter() {
            let mut r = r.clone();
            claimgraph_extract::enrich(&mut r);
            ingester.add(r).unwrap();
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

pub fn when_interval(w: &claimgraph_model::record::WhenRecord) -> Option<Interval> {
    let span = TimeSpan {
        start: w.start.as_deref().and_then(|s| TimePoint::parse(s).ok()),
        end: w.end.as_deref().and_then(|s| TimePoint::parse(s).ok()),
    };
    span.interval()
}

/// Folded name, as the store's alias lookup compares names.
pub fn fold(s: &str) -> String {
    claimgraph_model::names::fold(s)
}
