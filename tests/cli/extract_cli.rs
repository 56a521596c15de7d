//! `claimgraph extract` through the binary: formats, flags, user actors and input errors.

use assert_cmd::Command;
use claimgraph_model::record::ArticleRecord;
use predicates::prelude::*;
use std::io::Write;

fn bin() -> Command {
    Command::cargo_bin("claimgraph").unwrap()
}

fn file(content: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(content).unwrap();
    f
}

#[test]
fn user_actors_file_adds_aliases() {
    let text = file("Ông Tư Sang cho_biết giá xăng sẽ tăng 5 % từ ngày 1-7 .".as_bytes());
    let actors = file(
        br#"{"actors": [{"name": "Truong Tan Sang", "kind": "person", "aliases": ["Tu Sang"], "role": "former president"}]}"#,
    );
    let out = bin()
        .arg("extract")
        .arg(text.path())
        .arg("--actors")
        .arg(actors.path())
        .args(["--published", "2016-12-12", "--publisher", "Tuổi Trẻ"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rec: ArticleRecord = serde_json::from_slice(&out.stdout).unwrap();
    let c = &rec.claims[0];
    assert_eq!(c.speaker, "Truong Tan Sang");
    assert_eq!(c.speaker_text.as_deref(), Some("Ông Tư Sang"));
    // "sẽ tăng ... từ ngày 1-7" (will rise from 1 July) in an article of December 2016: the
    // coming July.
    assert_eq!(
        c.when.as_ref().and_then(|w| w.start.as_deref()),
        Some("2017-07-01")
    );
    assert_eq!(rec.article.publisher.as_deref(), Some("Tuổi Trẻ"));
    assert!(c
        .quantities
        .iter()
        .any(|q| q.value == 5.0 && q.unit.as_deref() == Some("%")));
}

#[test]
fn table_and_compact_formats() {
    let text = file(b"\"We will not leave,\" a rebel commander told Reuters on Sunday.\n");
    bin()
        .arg("extract")
        .arg(text.path())
        .args(["--format", "table"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("a rebel commander").and(predicate::str::contains("Reuters")),
        );
    let out = bin()
        .arg("extract")
        .arg(text.path())
        .arg("--compact")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    let rec: ArticleRecord = serde_json::from_str(&stdout).unwrap();
    assert_eq!(rec.claims[0].via, ["Reuters"]);
    assert_eq!(rec.claims[0].text, "We will not leave");
}

#[test]
fn reads_standard_input() {
    bin()
        .args(["extract", "-", "--lang", "en", "--no-narrative"])
        .write_stdin("The ministry declined to comment.")
        .assert()
        .success()
        .stdout(predicate::str::contains("refuse_comment"));
}

#[test]
fn bad_inputs_fail_with_the_file_name() {
    let empty = file(b"");
    bin()
        .arg("extract")
        .arg(empty.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("empty").and(predicate::str::contains(
                empty.path().file_name().unwrap().to_str().unwrap(),
            )),
        );
    let latin1 = file(b"Nga n\xf3i");
    bin()
        .arg("extract")
        .arg(latin1.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("not valid UTF-8").and(predicate::str::contains("offset 5")),
        );
    let binary = file(b"\x7fELF\x02\x01\x00\x00");
    bin()
        .arg("extract")
        .arg(binary.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("binary"));
    bin()
        .args(["extract", "/nonexistent/article.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/nonexistent/article.txt"));
    let text = file(b"He said so.");
    bin()
        .arg("extract")
        .arg(text.path())
        .args(["--published", "last week"])
        .assert()
        .code(1);
}
