//! The query language on a generated corpus (`gen_claims.py --articles 3000 --seed 5`,
//! ingested in three batches at three ingest times): as-of snapshots, large counts,
//! quantities, timelines and denials, each checked against an answer computed from the
//! JSON Lines file itself. Skips when `../shared` is absent.

use crate::common;

use claimgraph_model::record::{ArticleRecord, ClaimRecord};
use claimgraph_query::QueryStore;
use claimgraph_query::{ResultData, Value};
use claimgraph_store::Store;
use common::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

const T1: i64 = 1_700_000_000;
const T2: i64 = 1_710_000_000;
const T3: i64 = 1_720_000_000;

struct Corpus {
    _dir: tempfile::TempDir,
    store: Store,
    records: Vec<ArticleRecord>,
}

fn corpus() -> Option<&'static Corpus> {
    static CORPUS: OnceLock<Option<Corpus>> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let Some(generator) = shared().map(|s| s.join("bench/gen_claims.py")) else {
                common::skip("the generated-corpus tests: the shared corpus is absent");
                return None;
            };
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("claims.jsonl");
            let status = std::process::Command::new("python3")
                .arg(&generator)
                .args(["--articles", "3000", "--seed", "5", "-o"])
                .arg(&file)
                .status();
            if !status.is_ok_and(|s| s.success()) {
                common::skip("the generated-corpus tests: python3 could not run the generator");
                return None;
            }
            let records = read_records(file.to_str().unwrap());
            let store = build_store(
                &dir.path().join("store"),
                &[
                    (&records[..1000], T1),
                    (&records[1000..2000], T2),
                    (&records[2000..], T3),
                ],
            );
            Some(Corpus {
                _dir: dir,
                store,
                records,
            })
        })
        .as_ref()
}

fn all_claims(records: &[ArticleRecord]) -> impl Iterator<Item = (&ArticleRecord, &ClaimRecord)> {
    records
        .iter()
        .flat_map(|r| r.claims.iter().map(move |c| (r, c)))
}

fn count(store: &Store, q: &str) -> i64 {
    match store
        .query(q)
        .unwrap_or_else(|e| panic!("{q}: {}", e.render()))
        .data
    {
        ResultData::Rows { rows, .. } => match rows[0][0] {
            Value::Int(n) => n,
            ref other => panic!("{other:?}"),
        },
        ResultData::Claims(_) => panic!("{q} returned claims"),
    }
}

fn id_set(store: &Store, q: &str) -> BTreeSet<String> {
    let r = store
        .query(q)
        .unwrap_or_else(|e| panic!("{q}: {}", e.render()));
    assert!(!r.truncated, "{q} was cut by the row cap");
    r.claims()
        .unwrap()
        .iter()
        .map(|c| c.external_id.clone())
        .collect()
}

/// The most frequent value of `key` over all claims (a deterministic choice from data).
fn most_frequent<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(v, n)| (*n, std::cmp::Reverse(*v)))
        .map(|(v, _)| v.to_string())
        .unwrap()
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn as_of_counts_follow_the_ingest_batches() {
    let Some(c) = corpus() else { return };
    let per_batch = |range: std::ops::Range<usize>| {
        c.records[range]
            .iter()
            .map(|r| r.claims.len() as i64)
            .sum::<i64>()
    };
    let total = per_batch(0..3000);
    assert_eq!(count(&c.store, "claims | count"), total);
    assert_eq!(
        count(&c.store, &format!("claims as of {} | count", iso(T1 - 1))),
        0
    );
    assert_eq!(
        count(&c.store, &format!("claims as of {} | count", iso(T1))),
        per_batch(0..1000)
    );
    assert_eq!(
        count(&c.store, &format!("claims as of {} | count", iso(T2 + 5))),
        per_batch(0..2000)
    );
    assert_eq!(
        count(&c.store, &format!("claims as of {} | count", iso(T3))),
        total
    );
    // A snapshot also hides later denials from the counts.
    let later_denials: i64 = count(
        &c.store,
        &format!("claims as of {} where denials > 0 | count", iso(T1)),
    );
    let first_batch_ids: BTreeSet<&str> = c.records[..1000]
        .iter()
        .flat_map(|r| r.claims.iter().map(|c| c.id.as_str()))
        .collect();
    let mut denied = BTreeSet::new();
    for (_, cl) in all_claims(&c.records[..1000]) {
        if cl.stance == "deny" {
            for t in &cl.responds_to {
                if first_batch_ids.contains(t.as_str()) {
                    denied.insert(t.as_str());
                }
            }
        }
    }
    assert_eq!(later_denials, denied.len() as i64);
    let plan = c
        .store
        .explain(&format!("claims as of {} | count", iso(T2)))
        .unwrap();
    assert_eq!(plan.index(), "articles (as of)");
    assert!(plan.to_string().contains("articles 0..2000"), "{plan}");
}

fn iso(t: i64) -> String {
    claimgraph_model::time::utc_point(t).unwrap().to_string()
}

#[test]
fn the_default_row_cap_stops_runaway_listings() {
    let Some(c) = corpus() else { return };
    let r = c.store.query("claims").unwrap();
    assert_eq!(r.len(), claimgraph_query::DEFAULT_LIMIT);
    assert!(r.truncated);
    let r = c.store.query("claims | limit 2500").unwrap();
    assert_eq!(r.len(), 2500);
    assert!(!r.truncated);
}

#[test]
fn quantities_over_a_threshold() {
    let Some(c) = corpus() else { return };
    for threshold in [100_000.0, 1_000.0] {
        let expected: BTreeSet<String> = all_claims(&c.records)
            .filter(|(_, cl)| cl.quantities.iter().any(|q| q.value > threshold))
            .map(|(_, cl)| cl.id.clone())
            .collect();
        assert!(!expected.is_empty());
        let q = format!("claims where quantity > {threshold} | limit 100000");
        let got: BTreeSet<String> = c
            .store
            .query(&q)
            .unwrap()
            .claims()
            .unwrap()
            .iter()
            .map(|c| c.external_id.clone())
            .collect();
        assert_eq!(got, expected, "{q}");
    }
    assert!(c
        .store
        .explain("claims where quantity > 100000")
        .unwrap()
        .is_full_scan());
}

#[test]
fn topic_and_said_range_like_question_1() {
    let Some(c) = corpus() else { return };
    let topic = most_frequent(
        all_claims(&c.records).flat_map(|(_, cl)| cl.about.iter().map(String::as_str)),
    );
    // A month that has claims on that topic.
    let month = most_frequent(
        all_claims(&c.records)
            .filter(|(_, cl)| cl.about.contains(&topic))
            .filter_map(|(_, cl)| cl.said.as_deref().and_then(|s| s.get(..7))),
    );
    for (op, within) in [("", false), ("within ", true)] {
        let window = range(&month);
        let expected: BTreeSet<String> = all_claims(&c.records)
            .filter(|(_, cl)| cl.about.contains(&topic))
            .filter(|(_, cl)| {
                interval(cl.said.as_deref()).is_some_and(|iv| {
                    if within {
                        iv.within(&window)
                    } else {
                        iv.overlaps(&window)
                    }
                })
            })
            .map(|(_, cl)| cl.id.clone())
            .collect();
        assert!(!expected.is_empty());
        let q = format!("claims about {} said {op}{month}", quote(&topic));
        assert_eq!(id_set(&c.store, &q), expected, "{q}");
    }
    let plan = c
        .store
        .explain(&format!("claims about {} said {month}", quote(&topic)))
        .unwrap();
    assert!(["by_said", "by_topic"].contains(&plan.index()), "{plan}");
}

#[test]
fn speaker_timeline_newest_first_like_question_2() {
    let Some(c) = corpus() else { return };
    let speaker = most_frequent(all_claims(&c.records).map(|(_, cl)| cl.speaker.as_str()));
    let mut expected: Vec<(i64, String)> = all_claims(&c.records)
        .filter(|(_, cl)| fold(&cl.speaker) == fold(&speaker))
        .map(|(_, cl)| {
            (
                interval(cl.said.as_deref()).map_or(i64::MAX, |i| i.start),
                cl.id.clone(),
            )
        })
        .collect();
    expected.sort();
    let r = c
        .store
        .query(&format!(
            "claims by {} | sort said desc | limit 100000",
            quote(&speaker)
        ))
        .unwrap();
    let got = r.claims().unwrap();
    assert_eq!(got.len(), expected.len());
    let got_ids: BTreeSet<&str> = got.iter().map(|v| v.external_id.as_str()).collect();
    let want_ids: BTreeSet<&str> = expected.iter().map(|(_, id)| id.as_str()).collect();
    assert_eq!(got_ids, want_ids);
    let starts: Vec<i64> = got
        .iter()
        .map(|v| {
            v.said
                .and_then(|s| s.interval())
                .map_or(i64::MAX, |i| i.start)
        })
        .collect();
    assert!(starts.windows(2).all(|w| w[0] >= w[1]), "newest first");
    // The first 10, newest first, stop early and equal the head of the full list.
    let head = c
        .store
        .query(&format!(
            "claims by {} | sort said desc | limit 10",
            quote(&speaker)
        ))
        .unwrap();
    let head_ids: Vec<&str> = head
        .claims()
        .unwrap()
        .iter()
        .map(|v| v.external_id.as_str())
        .collect();
    let full_ids: Vec<&str> = got
        .iter()
        .take(10)
        .map(|v| v.external_id.as_str())
        .collect();
    assert_eq!(head_ids, full_ids);
}

#[test]
fn denials_of_a_speakers_claims_like_question_3() {
    let Some(c) = corpus() else { return };
    let speaker_of: HashMap<&str, &str> = all_claims(&c.records)
        .map(|(_, cl)| (cl.id.as_str(), cl.speaker.as_str()))
        .collect();
    // The speaker whose claims were denied most often.
    let speaker = most_frequent(
        all_claims(&c.records)
            .filter(|(_, cl)| cl.stance == "deny")
            .flat_map(|(_, cl)| cl.responds_to.iter())
            .filter_map(|t| speaker_of.get(t.as_str()).copied()),
    );
    let targets: BTreeSet<&str> = speaker_of
        .iter()
        .filter(|(_, s)| fold(s) == fold(&speaker))
        .map(|(id, _)| *id)
        .collect();
    let expected: BTreeSet<String> = all_claims(&c.records)
        .filter(|(_, cl)| {
            cl.stance == "deny" && cl.responds_to.iter().any(|t| targets.contains(t.as_str()))
        })
        .map(|(_, cl)| cl.id.clone())
        .collect();
    assert!(!expected.is_empty());
    let q = format!("claims denying (claims by {})", quote(&speaker));
    assert_eq!(id_set(&c.store, &q), expected);
    assert_eq!(c.store.explain(&q).unwrap().index(), "links_to_speaker");
    // `links` shows one row per denial of one of those claims.
    let pairs = match c.store.query(&format!("{q} | links")).unwrap().data {
        ResultData::Rows { rows, .. } => rows.len(),
        ResultData::Claims(_) => panic!(),
    };
    let expected_pairs: usize = all_claims(&c.records)
        .filter(|(_, cl)| cl.stance == "deny")
        .map(|(_, cl)| {
            let mut ts: Vec<&String> = cl
                .responds_to
                .iter()
                .filter(|t| targets.contains(t.as_str()))
                .collect();
            ts.dedup();
            ts.len()
        })
        .sum();
    assert_eq!(pairs, expected_pairs);
}

#[test]
fn claims_per_speaker_for_a_topic_like_question_5() {
    let Some(c) = corpus() else { return };
    let topic = most_frequent(
        all_claims(&c.records).flat_map(|(_, cl)| cl.about.iter().map(String::as_str)),
    );
    let mut counts: HashMap<String, i64> = HashMap::new();
    for (_, cl) in all_claims(&c.records) {
        if cl.about.contains(&topic) {
            *counts.entry(fold(&cl.speaker)).or_default() += 1;
        }
    }
    let r = c
        .store
        .query(&format!(
            "claims about {} | group speaker | top 10",
            quote(&topic)
        ))
        .unwrap();
    let ResultData::Rows { rows, .. } = r.data else {
        panic!()
    };
    assert_eq!(rows.len(), counts.len().min(10));
    let mut sorted: Vec<i64> = counts.values().copied().collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let got: Vec<i64> = rows
        .iter()
        .map(|row| {
            let Value::Int(n) = row[1] else { panic!() };
            assert_eq!(counts[&fold(&row[0].to_string())], n);
            n
        })
        .collect();
    assert_eq!(got, sorted[..got.len()]);
}

#[test]
fn publisher_month_and_event_month_like_questions_8_and_9() {
    let Some(c) = corpus() else { return };
    let publisher = most_frequent(
        c.records
            .iter()
            .filter_map(|r| r.article.publisher.as_deref()),
    );
    let month = most_frequent(
        c.records
            .iter()
            .filter(|r| r.article.publisher.as_deref() == Some(&publisher))
            .filter_map(|r| r.article.published.as_deref().and_then(|p| p.get(..7))),
    );
    let window = range(&month);
    let expected = c
        .records
        .iter()
        .filter(|r| r.article.publisher.as_deref() == Some(&publisher))
        .filter(|r| interval(r.article.published.as_deref()).is_some_and(|iv| iv.overlaps(&window)))
        .map(|r| r.claims.len() as i64)
        .sum::<i64>();
    let q = format!(
        "claims published by {} published {month} | count",
        quote(&publisher)
    );
    assert_eq!(count(&c.store, &q), expected);
    assert_eq!(c.store.explain(&q).unwrap().index(), "by_publisher");

    let event_month = most_frequent(
        all_claims(&c.records).filter_map(|(_, cl)| cl.when.as_ref()?.start.as_deref()?.get(..7)),
    );
    let window = range(&event_month);
    let expected = all_claims(&c.records)
        .filter(|(_, cl)| {
            cl.when
                .as_ref()
                .and_then(when_interval)
                .is_some_and(|iv| iv.within(&window))
        })
        .count() as i64;
    assert!(expected > 0);
    let q = format!("claims event within {event_month} | count");
    assert_eq!(count(&c.store, &q), expected);
    assert_eq!(c.store.explain(&q).unwrap().index(), "by_event");
    let expected_overlap = all_claims(&c.records)
        .filter(|(_, cl)| {
            cl.when
                .as_ref()
                .and_then(when_interval)
                .is_some_and(|iv| iv.overlaps(&window))
        })
        .count() as i64;
    assert_eq!(
        count(&c.store, &format!("claims event {event_month} | count")),
        expected_overlap
    );
}

#[test]
fn relayed_claims_from_unnamed_voices_like_question_6() {
    let Some(c) = corpus() else { return };
    let relay =
        most_frequent(all_claims(&c.records).flat_map(|(_, cl)| cl.via.iter().map(String::as_str)));
    // Generated unnamed voices are the lower-case speaker names ("witnesses").
    let expected: BTreeSet<String> = all_claims(&c.records)
        .filter(|(_, cl)| cl.via.iter().any(|v| fold(v) == fold(&relay)))
        .filter(|(_, cl)| cl.speaker.starts_with(char::is_lowercase))
        .map(|(_, cl)| cl.id.clone())
        .collect();
    let q = format!(
        "claims via {} where speaker.kind = unknown | limit 100000",
        quote(&relay)
    );
    let got: BTreeSet<String> = c
        .store
        .query(&q)
        .unwrap()
        .claims()
        .unwrap()
        .iter()
        .map(|v| v.external_id.clone())
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn or_of_indexes_is_a_union_and_not_excludes() {
    let Some(c) = corpus() else { return };
    let speaker = most_frequent(all_claims(&c.records).map(|(_, cl)| cl.speaker.as_str()));
    let relay =
        most_frequent(all_claims(&c.records).flat_map(|(_, cl)| cl.via.iter().map(String::as_str)));
    let expected = all_claims(&c.records)
        .filter(|(_, cl)| {
            fold(&cl.speaker) == fold(&speaker) || cl.via.iter().any(|v| fold(v) == fold(&relay))
        })
        .count() as i64;
    let q = format!(
        "claims by {} or via {} | count",
        quote(&speaker),
        quote(&relay)
    );
    assert_eq!(count(&c.store, &q), expected);
    assert_eq!(c.store.explain(&q).unwrap().index(), "union");
    let direct = all_claims(&c.records)
        .filter(|(_, cl)| fold(&cl.speaker) == fold(&speaker) && cl.via.is_empty())
        .count() as i64;
    assert_eq!(
        count(
            &c.store,
            &format!("claims by {} direct | count", quote(&speaker))
        ),
        direct
    );
    assert_eq!(
        count(
            &c.store,
            &format!("claims by {} and not direct | count", quote(&speaker))
        ),
        all_claims(&c.records)
            .filter(|(_, cl)| fold(&cl.speaker) == fold(&speaker))
            .count() as i64
            - direct
    );
}
