//! Actor identity at ingest: exact names (case, Unicode normalization, `_` and spacing
//! aside) and explicit aliases decide who is who; folding (diacritics) only finds
//! candidates at query time. `tests/fixtures/actor-identity.jsonl` holds the cases.

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
