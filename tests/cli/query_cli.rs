//! `claimgraph query`, `explain` and `shell` through the real binary.

use crate::common;

use assert_cmd::Command;
use predicates::prelude::*;

fn store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("claimgraph")
        .unwrap()
        .arg("--store")
        .arg(dir.path().join("db"))
        .args(["ingest", &common::fixture("aleppo.jsonl")])
        .assert()
        .success();
    dir
}

fn claimgraph(dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("claimgraph").unwrap();
    cmd.arg("--store").arg(dir.path().join("db"));
    cmd
}

#[test]
fn query_prints_table_json_and_csv() {
    let dir = store();
    claimgraph(&dir)
        .args(["query", "claims by Russia | sort said desc"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("said"))
        .stdout(predicate::str::contains("phủ nhận"));
    let out = claimgraph(&dir)
        .args([
            "query",
            "claims about Aleppo | group speaker",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["speaker"] == "Sergei Ryabkov" && r["claims"] == 2));
    claimgraph(&dir)
        .args(["query", "claims where quantity > 100000", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("said,speaker,cue,stance,text"))
        .stdout(predicate::str::contains("120.000"));
}

#[test]
fn explain_names_the_index() {
    let dir = store();
    for (q, index) in [
        (
            "claims about Aleppo said 2016-12-10..2016-12-12",
            "index by_",
        ),
        ("claims by Russia | sort said desc", "index by_speaker"),
        (
            "claims about Aleppo | group speaker | top 10",
            "index by_topic",
        ),
        (
            "claims published by \"Pháp luật TPHCM\" published 2016-12",
            "index by_publisher",
        ),
        (
            "claims as of 2016-12-13 | count",
            "articles of the snapshot",
        ),
        ("claims where quantity > 100000", "FULL SCAN"),
    ] {
        claimgraph(&dir)
            .args(["explain", q])
            .assert()
            .success()
            .stdout(predicate::str::contains(index))
            .stdout(predicate::str::contains("estimated rows"));
    }
}

#[test]
fn a_bad_query_exits_1_with_a_caret_and_a_hint() {
    let dir = store();
    claimgraph(&dir)
        .args(["query", "claims where spekaer = Russia"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown field 'spekaer'"))
        .stderr(predicate::str::contains("did you mean 'speaker'?"))
        .stderr(predicate::str::contains("───┬───"));
}

#[test]
fn shell_reads_multi_line_queries_and_reports_errors() {
    let dir = store();
    claimgraph(&dir)
        .arg("shell")
        .arg("--history")
        .arg(dir.path().join("history"))
        .write_stdin("claims about Aleppo \\\n | count\nclaims wehre x\n.quit\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("claims\n10\n"))
        .stdout(predicate::str::contains("did you mean 'where'?"));
}

#[test]
fn completions_and_the_manual_page_come_from_the_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::cargo_bin("claimgraph")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        for word in ["claimgraph", "ingest", "timeline", "store"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let man = Command::cargo_bin("claimgraph")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    assert!(man.status.success());
    let page = String::from_utf8(man.stdout).unwrap();
    assert!(page.contains(".TH claimgraph 1"), "{page}");
    assert!(
        page.contains("Exit codes"),
        "the manual carries the exit codes"
    );
    // An unknown shell is a usage error that lists the shells.
    Command::cargo_bin("claimgraph")
        .unwrap()
        .args(["completions", "tcsh"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bash"));
}

#[test]
fn json_keeps_lists_as_arrays_and_numbers_as_numbers() {
    let dir = store();
    let out = claimgraph(&dir)
        .args([
            "query",
            "claims where quantity > 100000 | select speaker, via, about, quantity",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = &rows[0];
    assert!(row["about"].is_array(), "{row}");
    assert!(row["via"].is_array(), "{row}");
    let figures = row["quantity"].as_array().unwrap();
    assert!(
        !figures.is_empty() && figures.iter().all(|q| q.is_number()),
        "{row}"
    );
    assert!(row["speaker"].is_string(), "{row}");
}
