//! The core acceptance checks, driven through the real binary against real sled stores.

use crate::common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

use crate::common::cg;

fn json_of(store: &Path, args: &[&str]) -> Value {
    let out = cg(store).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn ingest_twice_counts_each_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("in.jsonl");
    let text = common::synthetic_jsonl(300);
    std::fs::write(&input, &text).unwrap();
    let expected_claims: usize = (0..300).map(common::claims_in).sum();
    for _ in 0..2 {
        cg(&store).arg("ingest").arg(&input).assert().success();
    }
    let stats = json_of(&store, &["stats", "--format", "json"]);
    assert_eq!(stats["articles"], 300);
    assert_eq!(stats["claims"], expected_claims as u64);
    assert_eq!(stats["earliest_said"], "2016-12-01");
    assert_eq!(stats["latest_said"], "2016-12-28");
    for key in ["actors", "topics"] {
        assert!(stats[key].as_u64().unwrap() > 0, "{key}");
    }
}

#[test]
fn generated_corpus_round_trips_counts() {
    // The issue's acceptance check on the shared generator; skipped without ../shared.
    let Some(shared) = common::shared() else {
        common::skip("the shared-corpus check: ../shared is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("gen.jsonl");
    let status = std::process::Command::new("python3")
        .arg(shared.join("bench/gen_claims.py"))
        .args(["--articles", "2000", "--seed", "7", "-o"])
        .arg(&input)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        common::skip("the shared-corpus check: python3 could not run gen_claims.py");
        return;
    }
    let text = std::fs::read_to_string(&input).unwrap();
    let mut claims = 0u64;
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        claims += v["claims"].as_array().unwrap().len() as u64;
    }
    let store = dir.path().join("db");
    cg(&store).arg("ingest").arg(&input).assert().success();
    cg(&store).arg("ingest").arg(&input).assert().success();
    let stats = json_of(&store, &["stats", "--format", "json"]);
    assert_eq!(stats["articles"], 2000);
    assert_eq!(stats["claims"], claims);
}

#[test]
fn truncated_third_line_is_reported_and_the_rest_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("in.jsonl");
    let text = common::synthetic_jsonl(6);
    let mut lines: Vec<&str> = text.lines().collect();
    let third = &lines[2][..lines[2].len() / 2];
    lines[2] = third;
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out = cg(&store).arg("ingest").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:3: ", input.display())),
        "stderr: {stderr}"
    );
    let articles = json_of(&store, &["articles", "--format", "json"]);
    let ids: Vec<&str> = articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "art-000000",
            "art-000001",
            "art-000003",
            "art-000004",
            "art-000005"
        ]
    );
    for a in articles.as_array().unwrap() {
        let i: usize = a["id"].as_str().unwrap()[4..].parse().unwrap();
        assert_eq!(a["claims"], common::claims_in(i) as u64);
    }
}

#[test]
fn strict_stops_at_the_first_bad_line_but_keeps_what_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("in.jsonl");
    let text = common::synthetic_jsonl(4);
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[1] = lines[1].replace("\"assert\"", "\"agree\"");
    std::fs::write(&input, lines.join("\n")).unwrap();
    let out = cg(&store)
        .args(["ingest", "--strict"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(":2: claims[0].stance: unknown stance 'agree'"),
        "{stderr}"
    );
    let stats = json_of(&store, &["stats", "--format", "json"]);
    assert_eq!(stats["articles"], 1);
}

#[test]
fn bad_inputs_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.jsonl", vec![], "no article records (empty input)"),
        (
            "utf8.jsonl",
            b"{\"article\": {\"id\": \"\xff\xfe\"}}\n".to_vec(),
            ":1: invalid UTF-8 at byte 20 of the line",
        ),
        (
            "notjson.jsonl",
            b"{not json}\n".to_vec(),
            ":1: column 2: key must be a string",
        ),
        (
            "binary.txt",
            b"\x00\x01\x02binary".to_vec(),
            "looks binary (NUL byte at offset 0)",
        ),
        (
            "date.jsonl",
            br#"{"article":{"id":"a1","published":"2016-13-01"},"claims":[]}"#.to_vec(),
            ":1: article.published: '2016-13-01' is not a real calendar date",
        ),
        (
            "field.jsonl",
            br#"{"article":{"id":"a1"},"claims":[],"extra":1}"#.to_vec(),
            "unknown field `extra`",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = cg(&store).arg("ingest").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{name}: {stderr}");
    }
    let missing = cg(&store)
        .args(["ingest", "/no/such/file.jsonl"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/file.jsonl"));
}

#[test]
fn text_articles_are_extracted_and_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/aleppo.vi.txt");
    for _ in 0..2 {
        cg(&store)
            .args(["ingest", seed, "--published", "2016-12-12"])
            .assert()
            .success();
    }
    let articles = json_of(&store, &["articles", "--format", "json"]);
    assert_eq!(articles.as_array().unwrap().len(), 1);
    assert_eq!(articles[0]["publisher"], "Pháp luật TPHCM");
    assert_eq!(articles[0]["published"], "2016-12-12");
    // The gazetteer's aliases reach the store: "Nga" is Russia, "Ryabkov" is Sergei Ryabkov.
    let russia = json_of(&store, &["claims", "--speaker", "Nga", "--format", "json"]);
    assert!(russia
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["stance"] == "deny"));
    let ryabkov = json_of(
        &store,
        &["claims", "--speaker", "ryabkov", "--format", "json"],
    );
    assert!(ryabkov
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["said"] == "2016-12-11"));
    assert!(!ryabkov.as_array().unwrap().is_empty());
    // Provenance spans index into the stored text.
    assert!(ryabkov[0]["provenance"]["span"].is_array());
}

#[test]
fn a_feed_of_text_records_is_extracted_on_ingest_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("feed.jsonl");
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/aleppo.vi.txt"
    ))
    .unwrap();
    let mut feed = String::new();
    // Enough text records for several workers, then one with an explicit empty claim list
    // (stored as given) and one with claims of its own.
    for i in 0..12 {
        let record = serde_json::json!({"article": {
            "id": format!("feed-{i:02}"), "publisher": format!("Outlet {i}"),
            "published": "2016-12-12", "lang": "vi", "title": format!("Headline {i}"),
            "url": format!("https://example.org/{i}"), "text": seed,
        }});
        feed.push_str(&format!("{record}\n"));
    }
    feed.push_str(&format!(
        "{}\n",
        serde_json::json!({"article": {"id": "as-given", "text": seed}, "claims": []})
    ));
    std::fs::write(&input, feed).unwrap();
    cg(&store).args(["ingest"]).arg(&input).assert().success();

    let articles = json_of(&store, &["articles", "--format", "json"]);
    let ids: Vec<&str> = articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let mut expected: Vec<String> = (0..12).map(|i| format!("feed-{i:02}")).collect();
    expected.push("as-given".into());
    assert_eq!(ids, expected, "articles out of input order");
    // The record's own outlet and date win over the byline in the text.
    assert_eq!(articles[3]["publisher"], "Outlet 3");
    assert_eq!(articles[3]["published"], "2016-12-12");
    let russia = json_of(
        &store,
        &[
            "query",
            "claims where article = \"feed-03\"",
            "--format",
            "json",
        ],
    );
    assert!(russia.as_array().unwrap().len() >= 10, "{russia}");
    assert!(russia
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["stance"] == "deny"));
    let as_given = json_of(
        &store,
        &[
            "query",
            "claims where article = \"as-given\"",
            "--format",
            "json",
        ],
    );
    assert_eq!(as_given.as_array().unwrap().len(), 0);
    // Ingesting the feed again stores nothing new: extraction is deterministic.
    let out = cg(&store).args(["ingest"]).arg(&input).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("13 already stored"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_text_record_that_cannot_be_extracted_is_reported_and_the_rest_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("feed.jsonl");
    let lines = [
        r#"{"article":{"id":"ok-1","published":"2016-12-12","lang":"en","text":"The minister said on Monday that talks would resume."}}"#,
        r#"{"article":{"id":"bad-date","published":"sometime soon","lang":"en","text":"The minister said that talks would resume."}}"#,
        r#"{"article":{"id":"bad-lang","lang":"xx","text":"The minister said that talks would resume."}}"#,
        r#"{"article":{"id":"ok-2","lang":"en","text":"Rebels denied it."}}"#,
    ];
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out = cg(&store).arg("ingest").arg(&input).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // Each refusal names the line, the article and why, in the record's own terms.
    assert!(
        stderr.contains(
            "feed.jsonl:2: article bad-date: \"published\": 'sometime soon' is not a date"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("--published"), "{stderr}");
    assert!(
        stderr.contains("feed.jsonl:3: article bad-lang: cannot extract its text: language 'xx'"),
        "{stderr}"
    );
    let articles = json_of(&store, &["articles", "--format", "json"]);
    let ids: Vec<&str> = articles
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ok-1", "ok-2"]);
}

#[test]
fn speaker_lookup_ignores_case_diacritics_and_underscores() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, common::synthetic_jsonl(40)).unwrap();
    cg(&store).arg("ingest").arg(&input).assert().success();
    let ids = |name: &str| -> Vec<String> {
        let v = json_of(&store, &["claims", "--speaker", name, "--format", "json"]);
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let a = ids("Phe nổi dậy");
    assert!(!a.is_empty());
    assert_eq!(a, ids("PHE NOI DAY"));
    assert_eq!(a, ids("phe_noi_day"));
    assert_eq!(a, ids("phe_nổi_dậy"));
    // Every listed claim really is by that speaker, in said order.
    let v = json_of(
        &store,
        &["claims", "--speaker", "phe noi day", "--format", "json"],
    );
    let said: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["said"].as_str().unwrap())
        .collect();
    let mut sorted = said.clone();
    sorted.sort();
    assert_eq!(said, sorted);
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["speaker"] == "Phe nổi dậy"));
}

#[test]
fn claims_filters_combine() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("in.jsonl");
    let text = common::synthetic_jsonl(60);
    std::fs::write(&input, &text).unwrap();
    cg(&store).arg("ingest").arg(&input).assert().success();
    // Independent answer computed from the input.
    let mut expected = Vec::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        for c in v["claims"].as_array().unwrap() {
            let said = c["said"].as_str().unwrap();
            let about = c["about"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "topic 3");
            if about && ("2016-12-04"..="2016-12-07").contains(&said) {
                expected.push(c["id"].as_str().unwrap().to_string());
            }
        }
    }
    let v = json_of(
        &store,
        &[
            "claims",
            "--about",
            "Topic 3",
            "--said",
            "2016-12-04..2016-12-07",
            "--format",
            "json",
        ],
    );
    let mut got: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    expected.sort();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);
    let by_article = json_of(
        &store,
        &["claims", "--article", "art-000005", "--format", "json"],
    );
    assert_eq!(by_article.as_array().unwrap().len(), common::claims_in(5));
    let csv = cg(&store)
        .args(["claims", "--article", "art-000005", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("said,speaker,cue,stance,text,via,publisher,article,id,about,event\n"));
    assert_eq!(csv.lines().count(), 1 + common::claims_in(5));
    let bad = cg(&store)
        .args(["claims", "--said", "2016-12-40.."])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--said"));
}

#[test]
fn reading_a_missing_store_is_a_user_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = cg(&dir.path().join("nothing"))
        .arg("stats")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store at"));
}

#[test]
fn a_second_process_gets_a_clear_in_use_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, common::synthetic_jsonl(5)).unwrap();
    cg(&store).arg("ingest").arg(&input).assert().success();
    // Hold the store open in this process, then ask the binary to open it.
    let held = claimgraph_store::Store::open(&store).unwrap();
    let out = cg(&store)
        .args(["stats"])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "a locked store is unusable: exit 3"
    );
    assert!(
        // The holder is named (this test process), not "another process".
        String::from_utf8_lossy(&out.stderr)
            .contains(&format!("in use by process {}", std::process::id())),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(held);
    cg(&store).arg("stats").assert().success();
}

#[test]
fn help_shows_an_example_for_every_command() {
    for cmd in ["ingest", "stats", "articles", "actors", "claims"] {
        let out = Command::cargo_bin("claimgraph")
            .unwrap()
            .args([cmd, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Example"),
            "{cmd}"
        );
    }
}

/// Copies a checked-in store fixture to a temporary directory (opening a sled store writes
/// to it, and the fixture must stay as it was written).
fn copy_fixture(name: &str, to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(&from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn a_format_1_store_is_refused_by_readers_then_migrated() {
    // tests/fixtures/store-format-1 is examples/aleppo.jsonl ingested by the last build that
    // wrote format 1.
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old");
    copy_fixture("store-format-1", &old);
    let refused = cg(&old).arg("stats").assert().code(3);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(stderr.contains("format version 1"), "{stderr}");
    assert!(stderr.contains("migrate"), "{stderr}");
    cg(&old)
        .args(["ingest", "examples/aleppo.jsonl"])
        .assert()
        .code(3);

    let migrated = cg(&old).arg("migrate").assert().success();
    let said = String::from_utf8_lossy(&migrated.get_output().stdout).to_string();
    assert!(said.contains("from format version 1 to 3"), "{said}");
    cg(&old)
        .arg("migrate")
        .assert()
        .success()
        .stdout(predicates::str::contains("nothing to do"));

    // Its articles were hashed the format-1 way: re-ingesting one, under its id or under
    // another, is still a plain duplicate, never a conflict.
    cg(&old)
        .args(["ingest", "examples/aleppo.jsonl"])
        .assert()
        .success()
        .stdout(predicates::str::contains("ingested 0 articles"))
        .stdout(predicates::str::contains("1 already stored"));
    let renamed = dir.path().join("renamed.jsonl");
    let text = std::fs::read_to_string("examples/aleppo.jsonl")
        .unwrap()
        .replace("plo-2016-12-12-aleppo", "renamed-aleppo");
    std::fs::write(&renamed, text).unwrap();
    cg(&old)
        .arg("ingest")
        .arg(&renamed)
        .assert()
        .success()
        .stdout(predicates::str::contains("1 already stored"));

    // The migrated store answers exactly like a store ingested by this build.
    let fresh = dir.path().join("fresh");
    cg(&fresh)
        .args(["ingest", "examples/aleppo.jsonl"])
        .assert()
        .success();
    let q = ["query", "claims | sort said", "--format", "json"];
    assert_eq!(json_of(&old, &q), json_of(&fresh, &q));
    let stats = json_of(&old, &["stats", "--format", "json"]);
    assert_eq!(stats["claims"], 11);
    // And it takes new articles.
    cg(&old)
        .args([
            "ingest",
            "examples/aleppo.vi.txt",
            "--published",
            "2016-12-12",
        ])
        .assert()
        .success();
}

#[test]
fn a_format_2_store_is_refused_by_readers_then_migrated() {
    // tests/fixtures/store-format-2 is examples/aleppo.jsonl ingested by the last build that
    // wrote format 2 (whole articles per block entry, posting runs without covering fields).
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old");
    copy_fixture("store-format-2", &old);
    let refused = cg(&old).arg("stats").assert().code(3);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(stderr.contains("format version 2"), "{stderr}");
    assert!(stderr.contains("migrate"), "{stderr}");

    let migrated = cg(&old).arg("migrate").assert().success();
    let said = String::from_utf8_lossy(&migrated.get_output().stdout).to_string();
    assert!(said.contains("from format version 2 to 3"), "{said}");
    cg(&old)
        .args(["ingest", "examples/aleppo.jsonl"])
        .assert()
        .success()
        .stdout(predicates::str::contains("1 already stored"));

    // The migrated store answers exactly like a store ingested by this build, including
    // the questions answered from the index entries alone.
    let fresh = dir.path().join("fresh");
    cg(&fresh)
        .args(["ingest", "examples/aleppo.jsonl"])
        .assert()
        .success();
    for q in [
        "claims | sort said",
        "claims | group publisher, speaker",
        "claims | group stance",
        "claims about Aleppo | select said, speaker, cue, stance, text, publisher",
    ] {
        let args = ["query", q, "--format", "json"];
        assert_eq!(json_of(&old, &args), json_of(&fresh, &args), "{q}");
    }
    let stats = json_of(&old, &["stats", "--format", "json"]);
    assert_eq!(stats["claims"], 11);
}

#[test]
fn said_basis_and_spans_come_back_in_json_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let records = dir.path().join("spans.jsonl");
    std::fs::write(
        &records,
        serde_json::json!({
            "article": {"id": "s1", "published": "2016-12-12", "text": "Nga nói rằng hoà bình."},
            "claims": [{"id": "s1#0", "speaker": "Nga", "stance": "assert", "text": "hoà bình",
                        "cue": "nói", "said": "2016-12-12", "said_basis": "inherited",
                        "cue_span": [4, 7], "speaker_span": [0, 3], "content_span": [[13, 21]]}]
        })
        .to_string(),
    )
    .unwrap();
    cg(&store).arg("ingest").arg(&records).assert().success();
    let rows = json_of(&store, &["query", "claims", "--format", "json"]);
    let row = &rows[0];
    assert_eq!(row["said_basis"], "inherited");
    assert_eq!(row["cue_span"], serde_json::json!([4, 7]));
    assert_eq!(row["speaker_span"], serde_json::json!([0, 3]));
    assert_eq!(row["content_span"], serde_json::json!([[13, 21]]));
}

#[test]
fn ingested_at_records_the_given_ingest_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let records = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/aleppo.jsonl");
    let bad = cg(&store)
        .args(["ingest", records, "--ingested-at", "yesterday"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--ingested-at"));
    cg(&store)
        .args(["ingest", records, "--ingested-at", "2020-01-01T12:00:00Z"])
        .assert()
        .success();
    let count = |at: &str| {
        let v = json_of(
            &store,
            &[
                "query",
                &format!("claims as of {at} | count"),
                "--format",
                "json",
            ],
        );
        v[0]["claims"].as_i64().unwrap()
    };
    assert_eq!(count("2019-12-31"), 0);
    assert_eq!(count("2020-01-01"), 11);
    let articles = json_of(&store, &["articles", "--format", "json"]);
    assert_eq!(articles[0]["ingested_at"], 1_577_880_000);
}

#[test]
fn exit_codes_follow_the_documented_classes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, common::synthetic_jsonl(3)).unwrap();
    cg(&store).arg("ingest").arg(&input).assert().success();
    let code = |c: &mut Command| c.output().unwrap().status.code();
    // 0: ok, help and version included.
    assert_eq!(code(cg(&store).arg("stats")), Some(0));
    assert_eq!(code(cg(&store).arg("--help")), Some(0));
    assert_eq!(code(cg(&store).arg("--version")), Some(0));
    // 1: the user's input, clap's usage errors included.
    assert_eq!(code(cg(&store).arg("--no-such-flag")), Some(1));
    assert_eq!(code(cg(&store).arg("no-such-command")), Some(1));
    assert_eq!(code(cg(&store).args(["stats", "--format", "xml"])), Some(1));
    assert_eq!(code(&mut cg(&store)), Some(1), "a missing subcommand");
    assert_eq!(code(cg(&store).args(["query", "claims wehre"])), Some(1));
    assert_eq!(code(cg(&dir.path().join("none")).arg("stats")), Some(1));
    // 3: the store is unusable (damaged).
    let damaged = dir.path().join("damaged");
    std::fs::create_dir(&damaged).unwrap();
    std::fs::write(damaged.join("conf"), b"\xff\xff not a sled config").unwrap();
    std::fs::write(damaged.join("db"), b"\x00garbage").unwrap();
    let out = cg(&damaged).arg("stats").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // 2: an internal error (a panic) says it is a bug and where to report it.
    let out = cg(&store)
        .arg("stats")
        .env("CLAIMGRAPH_TEST_PANIC", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("internal error"), "{stderr}");
    assert!(stderr.contains("please report this at"), "{stderr}");
    assert!(stderr.contains("RUST_BACKTRACE=1"), "{stderr}");
    // --help documents the codes.
    let help = cg(&store).arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("3  the store is unusable"));
}

#[test]
fn a_parse_error_past_column_65535_is_reported_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, common::synthetic_jsonl(3)).unwrap();
    cg(&store).arg("ingest").arg(&input).assert().success();
    let query = format!("claims {}bogus!", "direct ".repeat(10_000));
    for command in ["query", "explain"] {
        let out = cg(&store).args([command, &query]).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(stderr.contains("bogus"), "{command}: {stderr}");
    }
}

#[test]
fn a_missing_input_stops_the_command_before_anything_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let one = dir.path().join("one.jsonl");
    std::fs::write(&one, common::synthetic_jsonl(2)).unwrap();
    let out = cg(&store)
        .arg("ingest")
        .arg(&one)
        .arg(dir.path().join("missing.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.jsonl"));
    // Nothing was stored: the store is not even created.
    let stats = cg(&store).arg("stats").output().unwrap();
    assert_eq!(stats.status.code(), Some(1), "no store was created");
    let out = cg(&store)
        .arg("ingest")
        .arg(&one)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));
}

#[test]
fn the_summary_reaches_stdout_even_when_a_line_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let one = dir.path().join("one.jsonl");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&one, common::synthetic_jsonl(2)).unwrap();
    std::fs::write(&bad, "{not json}\n").unwrap();
    let out = cg(&store)
        .arg("ingest")
        .arg(&one)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ingested 2 articles"), "stdout: {stdout:?}");
    assert!(stdout.contains("1 bad line"), "stdout: {stdout:?}");
}

#[test]
fn a_byte_order_mark_does_not_turn_json_lines_into_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let with_bom = dir.path().join("bom.jsonl");
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(common::synthetic_jsonl(3).into_bytes());
    std::fs::write(&with_bom, &bytes).unwrap();
    cg(&store).arg("ingest").arg(&with_bom).assert().success();
    // And from stdin.
    let piped = dir.path().join("db2");
    cg(&piped)
        .args(["ingest", "-"])
        .write_stdin(bytes)
        .assert()
        .success();
    for store in [&store, &piped] {
        let stats = json_of(store, &["stats", "--format", "json"]);
        assert_eq!(stats["articles"], 3, "three records, not one text article");
        let expected: usize = (0..3).map(common::claims_in).sum();
        assert_eq!(stats["claims"], expected as u64);
    }
}

#[test]
fn an_id_stored_with_different_content_is_reported_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    cg(&store)
        .args(["ingest", "examples/aleppo.jsonl"])
        .assert()
        .success();
    // Same id, one claim now about another topic (a field the first hash left out).
    let changed = dir.path().join("changed.jsonl");
    let text = std::fs::read_to_string("examples/aleppo.jsonl")
        .unwrap()
        .replacen("\"about\": [\"Aleppo\"]", "\"about\": [\"Mosul\"]", 1);
    std::fs::write(&changed, &text).unwrap();
    let out = cg(&store).arg("ingest").arg(&changed).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        stderr.contains(&format!(
            "{}:1: article plo-2016-12-12-aleppo is already stored with different content; not stored",
            changed.display()
        )),
        "{stderr}"
    );
    assert!(
        stdout.contains("1 article not stored: the id is already stored with different content: plo-2016-12-12-aleppo"),
        "{stdout}"
    );
    // The same content again is a silent duplicate.
    cg(&store)
        .args(["ingest", "examples/aleppo.jsonl"])
        .assert()
        .success()
        .stdout(predicates::str::contains("1 already stored"));
}
