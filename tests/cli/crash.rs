//! Crash safety: kill -9 an ingest, or a compaction, at random moments; the store must open
//! every time and hold every article whole (all of its claims) or not at all, and every
//! index must hold each claim exactly once.

use crate::common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("claimgraph")
}

/// The ids (synthetic article numbers) of the stored articles, each checked whole.
fn whole_articles(store: &std::path::Path) -> Vec<usize> {
    let out = Command::new(bin())
        .arg("--store")
        .arg(store)
        .args(["articles", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "store did not open after a crash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let articles: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids = Vec::new();
    for a in articles.as_array().unwrap() {
        let i: usize = a["id"].as_str().unwrap()[4..].parse().unwrap();
        assert_eq!(
            a["claims"],
            common::claims_in(i) as u64,
            "article {i} is not whole after a crash"
        );
        ids.push(i);
    }
    ids
}

/// `(group key, claims)` rows of a grouping query.
fn grouped(store: &std::path::Path, query: &str, column: &str) -> BTreeMap<String, u64> {
    let out = Command::new(bin())
        .arg("--store")
        .arg(store)
        .args(["query", query, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r[column].as_str().unwrap().to_string(),
                r["claims"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Every index (speaker, topic, relay, publisher, said month) answers with each claim of
/// the stored articles exactly once: a merge lost or doubled nothing.
fn check_indexes(store: &std::path::Path, articles: &[usize]) {
    let mut by_speaker: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_publisher: BTreeMap<String, u64> = BTreeMap::new();
    for &i in articles {
        for j in 0..common::claims_in(i) {
            *by_speaker
                .entry(common::synthetic_speaker(i, j).to_string())
                .or_default() += 1;
        }
        *by_publisher.entry(format!("Outlet {}", i % 7)).or_default() +=
            common::claims_in(i) as u64;
    }
    for (query, index) in [
        ("claims about Aleppo | group speaker", "topic"),
        ("claims via Reuters | group speaker", "relay"),
        ("claims said 2016-12 | group speaker", "said month"),
    ] {
        assert_eq!(
            grouped(store, query, "speaker"),
            by_speaker,
            "{index} index"
        );
    }
    let russia = grouped(store, "claims by Russia | group speaker", "speaker");
    assert_eq!(
        russia.get("Russia"),
        by_speaker.get("Russia"),
        "speaker index"
    );
    for (outlet, claims) in &by_publisher {
        let rows = grouped(
            store,
            &format!("claims published by \"{outlet}\" | group publisher"),
            "publisher",
        );
        assert_eq!(rows.get(outlet), Some(claims), "publisher index");
    }
}

fn check_whole_articles(store: &std::path::Path) -> usize {
    let out = Command::new(bin())
        .arg("--store")
        .arg(store)
        .args(["articles", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "store did not open after a crash: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let articles: Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = articles.as_array().unwrap();
    for a in articles {
        let i: usize = a["id"].as_str().unwrap()[4..].parse().unwrap();
        assert_eq!(
            a["claims"],
            common::claims_in(i) as u64,
            "article {i} is not whole after a crash"
        );
    }
    articles.len()
}

#[test]
fn kill_9_at_random_moments_leaves_whole_articles() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, common::synthetic_jsonl(30_000)).unwrap();
    let store = dir.path().join("db");
    let mut next = seeded_random("crash test");
    let mut last = 0;
    for round in 0..6 {
        let mut child = Command::new(bin())
            .arg("--store")
            .arg(&store)
            // Commits every few chunks, so kills land before, during and after them.
            .args(["ingest", "--chunk", "700", "--commit-postings", "20000"])
            .arg(&input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = Duration::from_millis(200 + next() % 2500);
        let started = Instant::now();
        while started.elapsed() < wait {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // SIGKILL: no destructors, no flush.
        let _ = child.kill();
        let _ = child.wait();
        let count = check_whole_articles(&store);
        eprintln!("round {round}: killed after {wait:?}, {count} whole articles");
        assert!(count >= last, "articles were lost: {count} < {last}");
        last = count;
    }
    // Finishing the ingest completes the store exactly.
    let status = Command::new(bin())
        .arg("--store")
        .arg(&store)
        .arg("ingest")
        .arg(&input)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(check_whole_articles(&store), 30_000);
}

#[test]
fn kill_9_during_compaction_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let all = dir.path().join("all.jsonl");
    let text = common::synthetic_jsonl(3_000);
    std::fs::write(&all, &text).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let store = dir.path().join("db");
    let ingest = |from: usize, to: usize| {
        let part = dir.path().join(format!("part-{from}.jsonl"));
        std::fs::write(&part, lines[from..to].join("\n")).unwrap();
        // Small chunks: many runs per term for compaction to merge.
        let status = Command::new(bin())
            .arg("--store")
            .arg(&store)
            .args(["ingest", "--no-link", "--chunk", "50"])
            .arg(&part)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    ingest(0, 2_000);
    let mut next = seeded_random("compaction crash test");
    let mut killed_mid_way = 0;
    for round in 0..4 {
        let mut child = Command::new(bin())
            .arg("--store")
            .arg(&store)
            .arg("compact")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = Duration::from_millis(30 + next() % 600);
        let started = Instant::now();
        let mut finished = false;
        while started.elapsed() < wait {
            if child.try_wait().unwrap().is_some() {
                finished = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = child.kill();
        let _ = child.wait();
        killed_mid_way += usize::from(!finished);
        let articles = whole_articles(&store);
        assert_eq!(articles.len(), 2_000 + 250 * round);
        check_indexes(&store, &articles);
        eprintln!("round {round}: compaction killed after {wait:?} (finished: {finished})");
        // New runs for the next round to merge.
        ingest(2_000 + 250 * round, 2_250 + 250 * round);
    }
    eprintln!("{killed_mid_way} of 4 compactions killed mid-way");
    // Re-ingesting everything stores exactly the rest; a full compaction then changes no
    // answer.
    let status = Command::new(bin())
        .arg("--store")
        .arg(&store)
        .args(["ingest", "--no-link"])
        .arg(&all)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let status = Command::new(bin())
        .arg("--store")
        .arg(&store)
        .arg("compact")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let articles = whole_articles(&store);
    assert_eq!(articles.len(), 3_000);
    check_indexes(&store, &articles);
}

/// A xorshift source seeded from the clock, its seed printed so a failing run can be told
/// apart (the kill moments differ on every run on purpose).
fn seeded_random(label: &str) -> impl FnMut() -> u64 {
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    eprintln!("{label} seed {seed}");
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}
