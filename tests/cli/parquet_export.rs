//! `export --format parquet` through the binary: every table is a Parquet file, the
//! summary's counts are the store's, and the directory is required. The tables' contents
//! are checked by DuckDB and Spark in `tests/cli/python.rs` and in `claimgraph-parquet`.

use crate::common::{self, cg};

fn table_counts(summary: &str) -> Vec<(String, u64)> {
    let tables = summary.split_once(": ").map_or("", |(_, t)| t.trim());
    tables
        .split(", ")
        .filter_map(|t| {
            let (name, n) = t.rsplit_once(' ')?;
            Some((name.to_string(), n.parse().ok()?))
        })
        .collect()
}

#[test]
fn the_store_exports_as_parquet_tables_with_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    cg(&store)
        .args(["ingest", &common::fixture("aleppo.jsonl")])
        .assert()
        .success();
    let out = dir.path().join("tables");
    let done = cg(&store)
        .args(["export", "--format", "parquet", "-o"])
        .arg(&out)
        .assert()
        .success();
    let summary = String::from_utf8_lossy(&done.get_output().stdout).to_string();
    let counts = table_counts(&summary);
    assert_eq!(counts.len(), 17, "{summary}");
    let stats = cg(&store)
        .args(["stats", "--format", "json"])
        .assert()
        .success();
    let stats: serde_json::Value = serde_json::from_slice(&stats.get_output().stdout).unwrap();
    let of = |name: &str| counts.iter().find(|(n, _)| n == name).map(|(_, c)| *c);
    assert_eq!(of("claims"), stats["claims"].as_u64());
    assert_eq!(of("actors"), stats["actors"].as_u64());
    assert_eq!(of("articles"), stats["articles"].as_u64());
    assert_eq!(of("said_by"), of("claims"), "one speaker per claim");
    for (table, _) in &counts {
        let bytes = std::fs::read(out.join(format!("{table}.parquet"))).unwrap();
        assert!(
            bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
            "{table}"
        );
    }

    // A query's claims only, with their articles.
    let russia = cg(&store)
        .args(["export", "claims by Russia", "--format", "parquet", "-o"])
        .arg(dir.path().join("russia"))
        .assert()
        .success();
    let russia = table_counts(&String::from_utf8_lossy(&russia.get_output().stdout));
    let claims = russia.iter().find(|(n, _)| n == "claims").map(|(_, c)| *c);
    assert!(
        matches!(claims, Some(n) if n >= 1 && Some(n) < of("claims")),
        "{russia:?}"
    );
}

#[test]
fn parquet_needs_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    cg(&store)
        .args(["ingest", &common::fixture("aleppo.jsonl")])
        .assert()
        .success();
    cg(&store)
        .args(["export", "--format", "parquet"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("give it with -o DIR"));
}
