//! The cross-article commands (`stories`, `statements`, `links`, `figures`) on a
//! hand-grouped sample of the vmds feed (`tests/fixtures/link/`): story grouping scored by
//! B-cubed, statements by pairwise precision and recall, and the same results whatever
//! order the feed arrives in. With `../shared`, the sample is also scored inside the whole
//! feed.

use crate::common;
use claimgraph_link::eval::{bcubed, pairs, pairs_where, Scores};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SAMPLE: &str = "tests/fixtures/link/vmds-sample.jsonl";
const SAMPLE_STORIES: &str = "tests/fixtures/link/vmds-sample.stories.json";
const SAMPLE_STATEMENTS: &str = "tests/fixtures/link/vmds-sample.statements.json";

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

fn ingest(store: &Path, file: &Path) {
    cg(store).arg("ingest").arg(file).assert().success();
}

/// A store holding the sample, its lines in the order `order` gives.
fn sample_store(
    dir: &Path,
    name: &str,
    order: impl Fn(Vec<String>) -> Vec<String>,
) -> std::path::PathBuf {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let lines = order(text.lines().map(String::from).collect());
    let file = dir.join(format!("{name}.jsonl"));
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let store = dir.join(name);
    ingest(&store, &file);
    store
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// The reference story groups of the sample.
fn reference_stories() -> Vec<Vec<String>> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE_STORIES).unwrap()).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| strings(&s["articles"]))
        .collect()
}

/// Stories as sets of article ids, with their titles: what must not depend on feed order.
fn story_sets(stories: &Value) -> BTreeSet<(Vec<String>, String)> {
    stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut ids = strings(&s["articles"]);
            ids.sort();
            (ids, s["title"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

/// Statements as sets of external claim ids (store claim ids follow ingest order).
fn statement_sets(statements: &Value) -> BTreeSet<Vec<String>> {
    statements
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = s["occurrences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_str().unwrap().to_string())
                .collect();
            ids.sort();
            ids
        })
        .collect()
}

fn story_groups(stories: &Value) -> Vec<Vec<String>> {
    stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| strings(&s["articles"]))
        .collect()
}

fn show(what: &str, s: Scores) -> String {
    format!(
        "{what}: precision {:.3}, recall {:.3}, F1 {:.3}",
        s.precision, s.recall, s.f1
    )
}

#[test]
fn stories_of_the_sample_match_the_hand_grouping() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path(), "db", |l| l);
    let stories = json_of(&store, &["stories", "--format", "json"]);
    for s in stories.as_array().unwrap() {
        for key in [
            "id", "title", "articles", "outlets", "first", "last", "claims",
        ] {
            assert!(s.get(key).is_some(), "story without {key}: {s}");
        }
        assert!(s["first"].as_str() <= s["last"].as_str(), "{s}");
    }
    let score = bcubed(&story_groups(&stories), &reference_stories());
    eprintln!("{}", show("stories of the sample, B-cubed", score));
    // Measured 0.938 with the default weights (docs/cross-article.md).
    assert!(score.f1 >= 0.92, "{}", show("B-cubed", score));
}

#[test]
fn stories_and_statements_do_not_depend_on_feed_order_or_reingest() {
    let dir = tempfile::tempdir().unwrap();
    let forward = sample_store(dir.path(), "forward", |l| l);
    let reversed = sample_store(dir.path(), "reversed", |mut l| {
        l.reverse();
        l
    });
    // Every seventh line first, then the rest: a different interleaving of the stories.
    let shuffled = sample_store(dir.path(), "shuffled", |l| {
        let (a, b): (Vec<_>, Vec<_>) = l.into_iter().enumerate().partition(|(i, _)| i % 7 == 3);
        a.into_iter().chain(b).map(|(_, s)| s).collect()
    });
    ingest(&forward, Path::new(SAMPLE));
    let stories = |s: &Path| story_sets(&json_of(s, &["stories", "--format", "json"]));
    let statements = |s: &Path| statement_sets(&json_of(s, &["statements", "--format", "json"]));
    assert_eq!(stories(&forward), stories(&reversed));
    assert_eq!(stories(&forward), stories(&shuffled));
    assert_eq!(statements(&forward), statements(&reversed));
    assert_eq!(statements(&forward), statements(&shuffled));
}

/// Whether a claim's text holds the annotated words (word-segmented text joins a word's
/// syllables with `_`; the annotations write spaces).
fn holds(text: &Value, words: &str) -> bool {
    text.as_str()
        .unwrap_or("")
        .replace('_', " ")
        .contains(&words.replace('_', " "))
}

/// The statement of each reference claim: the id of the statement whose occurrence in
/// the named article contains the fragment, or `None` when extraction found no such claim.
fn statement_of(statements: &Value, article: &str, fragment: &str) -> Option<String> {
    statements.as_array().unwrap().iter().find_map(|s| {
        s["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["article"] == article && holds(&o["text"], fragment))
            .then(|| s["id"].as_str().unwrap().to_string())
    })
}

/// The annotated statements of `path` as groups of "article|words" keys (gold), the
/// statements `statements --format json` put those claims in (predicted), and the
/// annotated claims extraction did not find.
fn annotated_statements(
    path: &str,
    statements: &Value,
) -> (Vec<Vec<String>>, Vec<Vec<String>>, Vec<String>) {
    let reference: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut gold: Vec<Vec<String>> = Vec::new();
    let mut predicted: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut missing = Vec::new();
    for group in reference.as_array().unwrap() {
        let mut members = Vec::new();
        for c in group["claims"].as_array().unwrap() {
            let article = c["article"].as_str().unwrap();
            let fragment = c["contains"].as_str().unwrap();
            let key = format!("{article}|{fragment}");
            match statement_of(statements, article, fragment) {
                Some(st) => predicted.entry(st).or_default().push(key.clone()),
                None => missing.push(key.clone()),
            }
            members.push(key);
        }
        gold.push(members);
    }
    (gold, predicted.into_values().collect(), missing)
}

#[test]
fn statements_of_the_sample_match_the_hand_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path(), "db", |l| l);
    let statements = json_of(&store, &["statements", "--format", "json"]);
    let (gold, predicted, missing) = annotated_statements(SAMPLE_STATEMENTS, &statements);
    // Extraction decides which claims exist; most of the annotated ones must be found.
    let total = gold.iter().map(Vec::len).sum::<usize>();
    assert!(missing.len() * 5 <= total, "claims not found: {missing:?}");
    let score = pairs(&predicted, &gold);
    eprintln!("{}", show("statement pairs of the sample", score));
    // Measured: precision 1.0, recall 0.571 (docs/cross-article.md).
    assert_eq!(score.precision, 1.0, "{predicted:?}");
    assert!(score.recall >= 0.55, "{}", show("statement pairs", score));
    for s in statements.as_array().unwrap() {
        let independent = s["independent_sources"].as_u64().unwrap() as usize;
        assert_eq!(independent, s["origins"].as_array().unwrap().len(), "{s}");
        assert!(
            (1..=s["occurrences"].as_array().unwrap().len()).contains(&independent),
            "{s}"
        );
    }
}

#[test]
fn links_figures_and_story_filters_answer_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path(), "db", |l| l);
    let links = json_of(&store, &["links", "--format", "json"]);
    for l in links.as_array().unwrap() {
        assert_ne!(l["from"]["article"], l["target"]["article"], "{l}");
        assert!(
            l["from"]["published"].as_str() >= l["target"]["published"].as_str(),
            "{l}"
        );
    }
    let figures = json_of(&store, &["figures", "--story", "s1", "--format", "json"]);
    for f in figures.as_array().unwrap() {
        assert_eq!(f["story"], "s1");
        let articles: BTreeSet<&str> = f["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["article"].as_str().unwrap())
            .collect();
        assert!(articles.len() >= 2, "{f}");
    }
    let only = json_of(&store, &["statements", "--story", "s2", "--format", "json"]);
    assert!(only.as_array().unwrap().iter().all(|s| s["story"] == "s2"));
    cg(&store)
        .args(["statements", "--story", "s999"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no story 's999'"));
    cg(&store)
        .args(["stories"])
        .assert()
        .success()
        .stdout(predicates::str::contains("title"));
}

/// The annotated sets of the vmds feed, each scored inside the whole feed (one ingest):
/// the development sample's stories, and the held-out day (`vmds-day.*.json`: 79 articles
/// of one day grouped by hand, the statements and cross-article denials of two of its
/// stories). The bars sit just under what was measured (docs/cross-article.md), so a
/// regression fails; the targets are higher.
/// A denial that names what it rejects only by pointing back ("the civilian death figures
/// above"), its article naming whose figures they are, is linked to that speaker's claim in
/// an earlier article, in English and Vietnamese, even when the two articles tell the
/// event apart (different headlines); a denial whose article merely mentions the speaker
/// is not.
#[test]
fn a_denial_pointing_back_is_linked_through_its_article() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    ingest(
        &store,
        Path::new("tests/fixtures/link/denials-context.jsonl"),
    );
    let links = json_of(&store, &["links", "--format", "json"]);
    let found: BTreeSet<(String, String, String)> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["from"]["id"].as_str().unwrap_or("").to_string(),
                l["kind"].as_str().unwrap_or("").to_string(),
                l["target"]["id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String, String)> = [
        ("en-drones-2#1", "denies", "en-drones-1#0"),
        ("vi-uav-2#1", "denies", "vi-uav-1#0"),
    ]
    .iter()
    .map(|(a, k, b)| (a.to_string(), k.to_string(), b.to_string()))
    .collect();
    assert_eq!(found, expected, "{links:#}");
}

#[test]
fn the_annotated_sets_inside_the_whole_feed() {
    let Some(shared) = common::shared() else {
        eprintln!("skipped: ../shared is absent");
        common::skip("the annotated vmds sets: ../shared is absent");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("db");
    ingest(&store, &shared.join("corpus/vmds/articles.segmented.jsonl"));
    let stories = json_of(&store, &["stories", "--format", "json"]);
    let groups = story_groups(&stories);
    let sample = bcubed(&groups, &reference_stories());
    eprintln!(
        "{} ({} stories for the feed)",
        show("the sample within the whole vmds feed, B-cubed", sample),
        stories.as_array().unwrap().len()
    );
    let day = bcubed(&groups, &reference_groups(DAY_STORIES));
    eprintln!(
        "{}",
        show("the held-out day within the feed, stories B-cubed", day)
    );
    let statements = json_of(&store, &["statements", "--format", "json"]);
    let (pairs_score, missing) = day_statement_pairs(&statements);
    eprintln!(
        "{} (annotated claims not extracted: {missing:?})",
        show("the day's statement pairs across articles", pairs_score)
    );
    let (gold, predicted, missing) = annotated_statements(DEV_STATEMENTS, &statements);
    let article = |key: &str| key.split('|').next().unwrap_or("").to_string();
    let dev = pairs_where(&predicted, &gold, |a, b| article(a) != article(b));
    eprintln!(
        "{} (annotated claims not extracted: {missing:?})",
        show("the development pairs' statements across articles", dev)
    );
    let links = json_of(&store, &["links", "--format", "json"]);
    let (found, annotated) = day_links_found(&links);
    eprintln!("the day's cross-article denials and supports found: {found} of {annotated}");
    // Measured 0.931 (docs/cross-article.md).
    assert!(sample.f1 >= 0.92, "{}", show("sample B-cubed", sample));
    assert!(day.f1 >= DAY_STORIES_F1, "{}", show("day B-cubed", day));
    assert!(
        pairs_score.f1 >= DAY_STATEMENTS_F1,
        "{}",
        show("day statement pairs", pairs_score)
    );
    // Measured: 1 of the 2 annotated denials is found (docs/cross-article.md); the other
    // is not extracted as a claim (its sentence reads as the article's own voice).
    // Measured: precision 0.889, recall 0.667 (docs/cross-article.md); the set holds
    // mostly pairs near the bars, so both figures are lower than over the whole feed.
    assert!(
        dev.precision >= 0.85 && dev.recall >= 0.6,
        "{}",
        show("dev pairs", dev)
    );
    assert!(
        found >= 1,
        "the day's cross-article denials found: {found} of {annotated}"
    );
}

const DAY_STORIES: &str = "tests/fixtures/link/vmds-day.stories.json";
const DAY_STATEMENTS: &str = "tests/fixtures/link/vmds-day.statements.json";
const DAY_LINKS: &str = "tests/fixtures/link/vmds-day.links.json";
/// Statements of one speaker paraphrased by two outlets, and the same speakers' other
/// statements that look alike, annotated for choosing the same-speaker bar (the
/// development set of `examples/tune_statements.rs`).
const DEV_STATEMENTS: &str = "tests/fixtures/link/vmds-statements.dev.json";
/// Just under the measured figures (docs/cross-article.md): stories B-cubed F1 0.956,
/// statement pairs across articles F1 0.667 (precision 1.0, recall 0.5).
const DAY_STORIES_F1: f64 = 0.95;
const DAY_STATEMENTS_F1: f64 = 0.65;

fn reference_groups(path: &str) -> Vec<Vec<String>> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| strings(&s["articles"]))
        .collect()
}

/// Statement pairs of the day's annotated claims, counting only pairs of claims of two
/// different articles; and the annotated claims extraction did not find.
fn day_statement_pairs(statements: &Value) -> (Scores, Vec<String>) {
    let (gold, predicted, missing) = annotated_statements(DAY_STATEMENTS, statements);
    let article = |key: &str| key.split('|').next().unwrap_or("").to_string();
    let score = pairs_where(&predicted, &gold, |a, b| article(a) != article(b));
    (score, missing)
}

/// How many of the day's annotated cross-article links `links --format json` holds: the
/// responding claim (article and words) linked, with the annotated kind, to one of the
/// claims it answers.
fn day_links_found(links: &Value) -> (usize, usize) {
    let reference: Value =
        serde_json::from_str(&std::fs::read_to_string(DAY_LINKS).unwrap()).unwrap();
    let is = |o: &Value, want: &Value| {
        o["article"] == want["article"] && holds(&o["text"], want["contains"].as_str().unwrap())
    };
    let annotated = reference.as_array().unwrap();
    let found = annotated
        .iter()
        .filter(|want| {
            links.as_array().unwrap().iter().any(|l| {
                l["kind"] == want["kind"]
                    && is(&l["from"], &want["from"])
                    && want["target"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|t| is(&l["target"], t))
            })
        })
        .count();
    (found, annotated.len())
}
