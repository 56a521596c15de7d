//! The configuration file through the real binary: its defaults apply where no flag or
//! environment variable gives a value, and a bad file is named with its line.

use crate::common;

use std::path::Path;

fn cg_with_config(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("claimgraph").unwrap();
    cmd.current_dir(dir)
        .env_remove("CLAIMGRAPH_STORE")
        .env_remove("CLAIMGRAPH_CONFIG")
        .env("XDG_CONFIG_HOME", dir.join("config"));
    cmd
}

#[test]
fn the_config_file_gives_the_default_store_format_and_actors() {
    let dir = tempfile::tempdir().unwrap();
    let config_dir = dir.path().join("config").join("claimgraph");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(
        config_dir.join("actors.json"),
        r#"{"actors": [{"name": "Minister Quux", "kind": "person", "aliases": ["the minister"]}]}"#,
    )
    .unwrap();
    std::fs::write(
        config_dir.join("config.toml"),
        "# where the news lives\nstore = \"../../news.db\"\nformat = \"markdown\"\nactors = \"actors.json\"\n",
    )
    .unwrap();
    cg_with_config(dir.path())
        .args(["ingest", &common::fixture("aleppo.jsonl")])
        .assert()
        .success();
    assert!(dir.path().join("news.db").is_dir());
    // The format: Markdown unless a flag says otherwise.
    cg_with_config(dir.path())
        .args(["query", "claims | count"])
        .assert()
        .success()
        .stdout("| claims |\n| --- |\n| 11 |\n");
    cg_with_config(dir.path())
        .args(["query", "claims | count", "--format", "jsonl"])
        .assert()
        .success()
        .stdout("{\"claims\":11}\n");
    // A flag or the environment wins over the file's store.
    cg_with_config(dir.path())
        .args(["--store", "other.db", "stats"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("other.db"));
    cg_with_config(dir.path())
        .env("CLAIMGRAPH_STORE", "env.db")
        .args(["stats"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("env.db"));
    // The extra actors reach extraction.
    let out = cg_with_config(dir.path())
        .args([
            "extract",
            "-",
            "--lang",
            "en",
            "--published",
            "2016-12-12",
            "--format",
            "json",
        ])
        .write_stdin("The minister said on Monday that talks would resume.")
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("Minister Quux"), "{text}");
}

#[test]
fn a_bad_config_file_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "store = \"x.db\"\n\nformat = \"yaml\"\n").unwrap();
    cg_with_config(dir.path())
        .arg("--config")
        .arg(&file)
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicates::str::contains(format!(
            "config file {}, line 3: unknown format 'yaml'",
            file.display()
        )));
    std::fs::write(&file, "stroe = \"x.db\"\n").unwrap();
    cg_with_config(dir.path())
        .env("CLAIMGRAPH_CONFIG", &file)
        .arg("stats")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("line 1: unknown field `stroe`"));
    // A file named explicitly must exist; the usual place may be empty.
    cg_with_config(dir.path())
        .args(["--config", "missing.toml", "stats"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("config file missing.toml"));
}

#[test]
fn every_listing_prints_json_lines_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    common::cg(&store)
        .args(["ingest", &common::fixture("aleppo.jsonl")])
        .assert()
        .success();
    for command in [
        &["stats"][..],
        &["articles"],
        &["actors"],
        &["claims", "--about", "Aleppo"],
        &["query", "claims about Aleppo | group speaker"],
        &["stories"],
        &["statements"],
        &["links"],
        &["figures"],
    ] {
        let jsonl = common::cg(&store)
            .args(command)
            .args(["--format", "jsonl"])
            .assert()
            .success();
        let text = String::from_utf8_lossy(&jsonl.get_output().stdout).into_owned();
        for line in text.lines() {
            let value: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{command:?}: {e}: {line}"));
            assert!(value.is_object(), "{command:?}: {line}");
        }
        let markdown = common::cg(&store)
            .args(command)
            .args(["--format", "markdown"])
            .assert()
            .success();
        let text = String::from_utf8_lossy(&markdown.get_output().stdout).into_owned();
        let mut lines = text.lines();
        assert!(
            lines.next().is_some_and(|l| l.starts_with("| ")),
            "{command:?}: {text}"
        );
        assert!(
            lines.next().is_some_and(|l| l.starts_with("| --- |")),
            "{command:?}: {text}"
        );
    }
}
