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

#[test]
fn query_and_explain_read_the_query_from_stdin() {
    let dir = store();
    claimgraph(&dir)
        .args(["query", "-"])
        .write_stdin("claims about Aleppo\n  | count\n")
        .assert()
        .success()
        .stdout("claims\n10\n");
    claimgraph(&dir)
        .args(["explain", "-"])
        .write_stdin("claims by Russia")
        .assert()
        .success()
        .stdout(predicate::str::contains("query: claims by Russia"));
    claimgraph(&dir)
        .args(["query", "-"])
        .write_stdin("\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no query on standard input"));
}

#[test]
fn shell_meta_commands_set_mode_headers_timer_output_and_read() {
    let dir = store();
    let script = dir.path().join("questions.cg");
    std::fs::write(
        &script,
        "-- the seed questions\nclaims about Aleppo |\n  count\n.mode jsonl\nclaims by Russia | select speaker, cue\n",
    )
    .unwrap();
    let saved = dir.path().join("out.csv");
    let input = format!(
        ".mode csv\n.headers off\nclaims about Aleppo | group speaker | top 1\n.headers on\n\
         .timer on\n.output {}\nclaims about Aleppo | count\n.output\n.timer off\n.mode table\n\
         .read {}\n.mode yaml\n.quit\n",
        saved.display(),
        script.display()
    );
    let out = claimgraph(&dir)
        .arg("shell")
        .arg("--history")
        .arg(dir.path().join("history"))
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    // Not a terminal: no banner, no row counts.
    assert!(
        !out.contains("claimgraph shell on") && !out.contains(" row"),
        "{out}"
    );
    // .headers off: the top speaker's row without the header row.
    assert!(out.starts_with("Sergei Ryabkov,2\n"), "{out}");
    // .output: the result went to the file; the time to the terminal.
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), "claims\n10\n");
    assert!(out.contains("Sergei Ryabkov,2\ntime: "), "{out}");
    // .read: the file's multi-line query as a table, then its .mode jsonl query.
    assert!(out.contains("claims\n10\n{"), "{out}");
    assert!(
        out.contains("{\"cue\":\"phủ nhận\",\"speaker\":\"Russia\"}\n"),
        "{out}"
    );
    assert!(out.contains("unknown mode 'yaml'"), "{out}");
}

#[test]
fn shell_runs_a_file_with_f_and_fails_when_a_statement_does() {
    let dir = store();
    let good = dir.path().join("good.cg");
    std::fs::write(
        &good,
        ".mode csv\nclaims by Russia |\n count\n.topics\n.actors\n",
    )
    .unwrap();
    let out = claimgraph(&dir)
        .args(["shell", "-f"])
        .arg(&good)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with("claims\n1\nal-Qaeda\nAleppo\nGeneva talks\n"),
        "{out}"
    );
    assert!(
        out.contains("\nname,kind,role,member_of,aliases\n"),
        "{out}"
    );
    assert!(out.contains("\nRussia,country,"), "{out}");
    let bad = dir.path().join("bad.cg");
    std::fs::write(&bad, "claims wehre x\nclaims | count\n.heders on\n").unwrap();
    claimgraph(&dir)
        .args(["shell", "-f"])
        .arg(&bad)
        .assert()
        .code(1)
        .stdout("claims\n11\n")
        .stderr(predicate::str::contains("did you mean 'where'?"))
        .stderr(predicate::str::contains("did you mean '.headers'?"))
        .stderr(predicate::str::contains("2 statements in"));
}
