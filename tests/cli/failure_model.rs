//! The store's failure model (`docs/storage.md`, "Failure model"), end to end through the
//! binary: a missing sled snapshot file, a full disk, a store held by another process.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("claimgraph")
}

/// Runs the binary on `store`; a run that does not finish within two minutes is killed and
/// fails the test (a store must never hang on a fault, and a hang must not stall the suite).
fn cg(store: &Path, args: &[&str]) -> Output {
    let mut command = assert_cmd::Command::new(bin());
    command
        .arg("--store")
        .arg(store)
        .args(args)
        .timeout(Duration::from_secs(120));
    match command.output() {
        Ok(out) => out,
        Err(e) => panic!("claimgraph {args:?} did not finish: {e}"),
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn articles(store: &Path) -> u64 {
    let out = cg(store, &["stats", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    stats["articles"].as_u64().unwrap()
}

fn snapshot_files(store: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(store)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("snap."))
        })
        .collect()
}

#[test]
fn a_store_missing_its_snapshot_file_is_refused_not_emptied() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, common::synthetic_jsonl(1_000)).unwrap();
    let store = dir.path().join("db");
    let out = cg(&store, &["ingest", "--no-link", input.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The first open after the ingest is when sled writes its snapshot.
    assert_eq!(articles(&store), 1_000);
    let snaps = snapshot_files(&store);
    assert_eq!(snaps.len(), 1, "{snaps:?}");
    let saved = dir.path().join("saved-snapshot");
    std::fs::rename(&snaps[0], &saved).unwrap();
    let size_before = std::fs::metadata(store.join("db")).unwrap().len();

    let out = cg(&store, &["stats"]);
    let message = stderr(&out);
    assert!(
        !out.status.success(),
        "a damaged store was opened: {message}"
    );
    assert!(message.contains("is damaged"), "{message}");
    assert!(message.contains("snap"), "{message}");
    assert!(message.contains("claimgraph.manifest"), "{message}");
    assert_eq!(
        std::fs::metadata(store.join("db")).unwrap().len(),
        size_before,
        "the refused open changed the data file"
    );
    // Putting the snapshot back brings everything back.
    std::fs::rename(&saved, &snaps[0]).unwrap();
    assert_eq!(articles(&store), 1_000);
}

#[test]
fn an_idle_shell_is_named_when_it_holds_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let out = cg(&store, &["ingest", "examples/aleppo.jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut shell = Command::new(bin())
        .arg("--store")
        .arg(&store)
        .arg("shell")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let holder = store.join("claimgraph.holder");
    let started = Instant::now();
    while !holder.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = cg(&store, &["stats"]);
    let message = stderr(&out);
    drop(shell.stdin.take());
    let _ = shell.kill();
    let _ = shell.wait();
    assert!(!out.status.success());
    assert!(
        message.contains(&format!("in use by process {}", shell.id())),
        "{message}"
    );
    assert!(message.contains("shell"), "{message}");
    assert!(message.contains("wait for it to finish"), "{message}");
    // Once the shell is gone (even killed, leaving its holder file), the store opens.
    assert_eq!(articles(&store), 1);
}

/// Mounts a tmpfs of `size` at a fresh directory; `None` (with the reason printed) where
/// that is not possible (not root, not Linux, no mount).
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount(size: &str) -> Result<Tmpfs, String> {
        if !cfg!(target_os = "linux") {
            return Err("not Linux".into());
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "cannot mount a tmpfs (needs root): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Tmpfs(dir))
    }

    fn resize(&self, size: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,size={size}")])
            .arg(self.0.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
fn a_full_disk_is_reported_and_the_store_opens_with_everything_committed() {
    let fs = match Tmpfs::mount("8m") {
        Ok(fs) => fs,
        Err(why) => {
            common::skip(&why);
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    // More store than the 8 MB the tmpfs holds.
    std::fs::write(&input, common::synthetic_jsonl(12_000)).unwrap();
    let store = fs.0.path().join("db");
    let out = cg(
        &store,
        &[
            "ingest",
            "--no-link",
            "--chunk",
            "500",
            // Commits every few chunks, so some are committed before the disk fills.
            "--commit-postings",
            "10000",
            input.to_str().unwrap(),
        ],
    );
    let message = stderr(&out);
    // A full disk makes the store unusable until space is freed: exit 3.
    assert_eq!(out.status.code(), Some(3), "{message}");
    assert!(!message.contains("Os {"), "raw debug text: {message}");
    let stored: u64 = message
        .split("disk full at store ")
        .nth(1)
        .and_then(|rest| rest.split(": ").nth(1))
        .and_then(|n| n.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no disk-full count in: {message}"));
    assert!(message.contains("the rest not"), "{message}");
    assert!(stored > 0 && stored < 12_000, "{message}");
    assert_eq!(
        message.lines().count(),
        1,
        "one message, not one per line: {message}"
    );

    // While the disk is full an open fails clearly and leaves no half-written snapshot.
    for _ in 0..2 {
        let out = cg(&store, &["stats"]);
        if !out.status.success() {
            let message = stderr(&out);
            assert!(message.contains("disk full"), "{message}");
        }
        let litter: Vec<_> = snapshot_files(&store)
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(".generating"))
            .collect();
        assert!(litter.is_empty(), "left behind: {litter:?}");
    }

    // With space freed the store opens with exactly what was reported stored.
    fs.resize("200m");
    assert_eq!(articles(&store), stored);
    let out = cg(
        &store,
        &[
            "ingest",
            "--no-link",
            "--chunk",
            "500",
            input.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(articles(&store), 12_000);
}
