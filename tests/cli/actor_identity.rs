//! Actor identity at ingest: exact names (case, Unicode normalization, `_` and spacing
//! aside) and explicit aliases decide who is who; folding (diacritics) only finds
//! candidates at query time. `tests/fixtures/actor-identity.jsonl` holds the cases.
//!
//! Across articles, linking merges actors that are one person (`crates/link/src/actors.rs`):
//! `tests/fixtures/link/actors-en.jsonl` and `actors-vi.{segmented,plain}.jsonl` are one
//! event told in three English and three Vietnamese articles.

use serde_json::Value;
use std::path::Path;

use crate::common::cg;

fn json_of(store: &Path, args: &[&str]) -> Value {
    let out = cg(store).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The store's actors by name, after ingesting the fixture.
fn actors() -> (tempfile::TempDir, Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    cg(&store)
        .args(["ingest", "tests/fixtures/actor-identity.jsonl"])
        .assert()
        .success();
    let actors = json_of(&store, &["actors", "--format", "json"]);
    (dir, actors.as_array().unwrap().clone())
}

fn actor_named<'a>(actors: &'a [Value], alias: &str) -> Vec<&'a Value> {
    actors
        .iter()
        .filter(|a| {
            a["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x.as_str() == Some(alias))
        })
        .collect()
}

#[test]
fn names_differing_only_in_tone_marks_are_two_people() {
    let (_dir, actors) = actors();
    let thanh = actor_named(&actors, "Thanh");
    let thanh_grave = actor_named(&actors, "Thành");
    assert_eq!((thanh.len(), thanh_grave.len()), (1, 1), "{actors:#?}");
    assert_ne!(thanh[0]["name"], thanh_grave[0]["name"]);
}

#[test]
fn the_times_is_not_the_new_york_times() {
    let (_dir, actors) = actors();
    let times = actor_named(&actors, "The Times");
    let nyt = actor_named(&actors, "The New York Times");
    assert_eq!((times.len(), nyt.len()), (1, 1), "{actors:#?}");
    assert_eq!(times[0]["name"], "The Times");
    assert_eq!(nyt[0]["name"], "The New York Times");
}

#[test]
fn ap_and_associated_press_are_one_outlet() {
    let (_dir, actors) = actors();
    let ap = actor_named(&actors, "AP");
    assert_eq!(ap.len(), 1, "{actors:#?}");
    assert_eq!(ap, actor_named(&actors, "Associated Press"));
}

#[test]
fn the_kremlin_is_part_of_russia_not_russia() {
    let (dir, actors) = actors();
    let kremlin = actor_named(&actors, "Kremlin");
    let russia = actor_named(&actors, "Russia");
    assert_eq!((kremlin.len(), russia.len()), (1, 1), "{actors:#?}");
    assert_ne!(kremlin[0]["name"], russia[0]["name"]);
    assert_eq!(kremlin[0]["member_of"], serde_json::json!(["Russia"]));
    // "the Kremlin" and "Kremlin" are one actor with both claims; Russia has its own.
    let store = dir.path().join("db");
    let by_nga = json_of(&store, &["query", "claims by Nga", "--format", "json"]);
    let texts: Vec<&str> = by_nga
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["four"], "claims by Nga (Vietnamese for Russia)");
    let by_kremlin = json_of(&store, &["query", "claims by Kremlin", "--format", "json"]);
    assert_eq!(by_kremlin.as_array().unwrap().len(), 2);
}

const ACTORS_EN: &str = "tests/fixtures/link/actors-en.jsonl";

/// A store holding the English and the Vietnamese (`form`: segmented or plain) actor
/// fixtures, linked by ingest.
fn merged_store(form: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    let vi = format!("tests/fixtures/link/actors-vi.{form}.jsonl");
    cg(&store)
        .args(["ingest", ACTORS_EN, &vi])
        .assert()
        .success();
    (dir, store)
}

fn actor<'a>(actors: &'a [Value], name: &str) -> &'a Value {
    let found: Vec<&Value> = actors.iter().filter(|a| a["name"] == name).collect();
    assert_eq!(found.len(), 1, "{name}: {actors:#?}");
    found[0]
}

fn speakers_of(store: &Path, query: &str) -> Vec<String> {
    let rows = json_of(store, &["query", query, "--format", "json"]);
    let mut out: Vec<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["speaker"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

fn check_netanyahu_is_one_person(form: &str) {
    let (_dir, store) = merged_store(form);
    let actors = json_of(&store, &["actors", "--format", "json"]);
    let actors = actors.as_array().unwrap();
    for name in [
        "Israeli Prime Minister Benjamin Netanyahu",
        "Thủ tướng Israel Benjamin Netanyahu",
        "ông Netanyahu",
    ] {
        let a = actor(actors, name);
        assert_eq!(a["merged_into"], "Benjamin Netanyahu", "{form}: {a:#}");
        let merge = &a["merges"][0];
        assert_eq!(merge["relation"], "same");
        assert!(
            merge["reason"].as_str().unwrap().contains("netanyahu"),
            "{merge}"
        );
    }
    let person = actor(actors, "Benjamin Netanyahu");
    assert_eq!(
        person["merged_from"].as_array().unwrap().len(),
        3,
        "{person:#}"
    );
    // Offices belong to the person; they are not the person.
    for office in ["Mr. Netanyahu's office", "Văn phòng Thủ tướng Netanyahu"] {
        let a = actor(actors, office);
        assert_eq!(a["merged_into"], Value::Null, "{a:#}");
        assert!(
            a["member_of"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m == "Benjamin Netanyahu"),
            "{a:#}"
        );
    }
    // Unnamed voices stay apart, and so do names that differ in a tone mark.
    for voice in [
        "A Western diplomat",
        "Một nhà ngoại giao phương Tây",
        "Thanh",
    ] {
        let a = actor(actors, voice);
        assert_eq!(a["merged_into"], Value::Null, "{a:#}");
        assert!(a["merged_from"].as_array().unwrap().is_empty(), "{a:#}");
    }
    // Queries see one person: by any of its names, in both languages.
    let by_short = speakers_of(&store, "claims by Netanyahu");
    assert_eq!(by_short.len(), 5, "{by_short:?}");
    assert!(by_short.iter().any(|s| s == "ông Netanyahu"));
    assert_eq!(
        by_short,
        speakers_of(&store, "claims by \"Thủ tướng Israel Benjamin Netanyahu\"")
    );
    let members = speakers_of(&store, "claims by members of \"Benjamin Netanyahu\"");
    assert_eq!(
        members,
        ["Mr. Netanyahu's office", "Văn phòng Thủ tướng Netanyahu"],
        "{form}"
    );
}

#[test]
fn netanyahu_is_one_person_across_articles_and_languages_segmented() {
    check_netanyahu_is_one_person("segmented");
}

#[test]
fn netanyahu_is_one_person_across_articles_and_languages_plain() {
    check_netanyahu_is_one_person("plain");
}

#[test]
fn an_undone_merge_stays_undone_on_relink() {
    let (_dir, store) = merged_store("segmented");
    let out = cg(&store)
        .args(["actors", "--unmerge", "ông Netanyahu", "Benjamin Netanyahu"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let check = |when: &str| {
        let actors = json_of(&store, &["actors", "--format", "json"]);
        let a = actor(actors.as_array().unwrap(), "ông Netanyahu");
        assert_ne!(a["merged_into"], "Benjamin Netanyahu", "{when}: {a:#}");
        let by = speakers_of(&store, "claims by \"Benjamin Netanyahu\"");
        assert!(!by.iter().any(|s| s == "ông Netanyahu"), "{when}: {by:?}");
    };
    check("after unmerge");
    cg(&store).args(["relink"]).assert().success();
    check("after relink");
    // Re-ingesting the same articles changes nothing either.
    cg(&store)
        .args([
            "ingest",
            ACTORS_EN,
            "tests/fixtures/link/actors-vi.segmented.jsonl",
        ])
        .assert()
        .success();
    check("after re-ingest");
    // Two actors that were never merged cannot be unmerged.
    cg(&store)
        .args(["actors", "--unmerge", "Thanh", "Nguyễn Văn Thành"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not merged"));
}
