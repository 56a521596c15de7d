//! Crash safety: kill -9 an ingest at random moments; the store must open every time and
//! hold every article whole (all of its claims) or not at all.

mod common;

use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("claimgraph")
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
    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("crash test seed {seed}");
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut last = 0;
    for round in 0..6 {
        let mut child = Command::new(bin())
            .arg("--store")
            .arg(&store)
            .args(["ingest", "--chunk", "700"])
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
