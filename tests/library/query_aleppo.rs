//! The eleven questions of the query language on the Aleppo seed story
//! (`examples/aleppo.jsonl`), each checked against an answer computed from the JSON
//! Lines file itself.

use crate::common;

use claimgraph_model::record::{ArticleRecord, ClaimRecord};
use claimgraph_query::QueryStore;
use claimgraph_query::{ResultData, Value};
use claimgraph_store::Store;
use common::*;
use std::collections::{BTreeMap, HashMap};

const INGESTED_AT: i64 = 1_764_000_000; // 2025-11-24T16:00:00Z

fn setup() -> (tempfile::TempDir, Store, Vec<ArticleRecord>) {
    let records = read_records(&fixture("aleppo.jsonl"));
    let dir = tempfile::tempdir().unwrap();
    let store = build_store(dir.path(), &[(&records, INGESTED_AT)]);
    (dir, store, records)
}

fn claims(records: &[ArticleRecord]) -> Vec<&ClaimRecord> {
    records.iter().flat_map(|r| r.claims.iter()).collect()
}

fn ids(store: &Store, q: &str) -> Vec<String> {
    let r = store
        .query(q)
        .unwrap_or_else(|e| panic!("{q}: {}", e.render()));
    r.claims()
        .unwrap_or_else(|| panic!("{q} returned rows"))
        .iter()
        .map(|c| c.external_id.clone())
        .collect()
}

fn table(store: &Store, q: &str) -> (Vec<String>, Vec<Vec<Value>>) {
    match store
        .query(q)
        .unwrap_or_else(|e| panic!("{q}: {}", e.render()))
        .data
    {
        ResultData::Rows { columns, rows } => (columns, rows),
        ResultData::Claims(_) => panic!("{q} returned claims"),
    }
}

/// Expected ids in said order (said interval start, then end, then position).
fn said_ordered(mut v: Vec<&ClaimRecord>) -> Vec<String> {
    v.sort_by_key(|c| {
        let iv = interval(c.said.as_deref());
        (
            iv.map_or(i64::MAX, |i| i.start),
            iv.map_or(i64::MAX, |i| i.end),
            c.id.rsplit('#').next().and_then(|n| n.parse::<u32>().ok()),
        )
    });
    v.into_iter().map(|c| c.id.clone()).collect()
}

fn is_alias(records: &[ArticleRecord], name: &str, of: &str) -> bool {
    fold(name) == fold(of)
        || records
            .iter()
            .flat_map(|r| &r.actors)
            .any(|a| fold(&a.name) == fold(name) && a.aliases.iter().any(|x| fold(x) == fold(of)))
}

#[test]
fn q1_who_said_anything_about_aleppo_between_the_10th_and_12th() {
    let (_d, store, records) = setup();
    let window = range("2016-12-10..2016-12-12");
    let expected = said_ordered(
        claims(&records)
            .into_iter()
            .filter(|c| c.about.iter().any(|t| t == "Aleppo"))
            .filter(|c| interval(c.said.as_deref()).is_some_and(|iv| iv.overlaps(&window)))
            .collect(),
    );
    assert!(!expected.is_empty());
    let got = ids(&store, "claims about aleppo said 2016-12-10..2016-12-12");
    assert_eq!(got, expected);
    // The same with the explicit operator and spaces around the range.
    assert_eq!(
        ids(
            &store,
            "claims about Aleppo said overlaps 2016-12-10 .. 2016-12-12"
        ),
        expected
    );
    let plan = store
        .explain("claims about Aleppo said 2016-12-10..2016-12-12")
        .unwrap();
    assert!(["by_said", "by_topic"].contains(&plan.index()), "{plan}");
}

#[test]
fn q2_what_russia_said_newest_first() {
    let (_d, store, records) = setup();
    let mut expected = said_ordered(
        claims(&records)
            .into_iter()
            .filter(|c| c.speaker == "Russia")
            .collect(),
    );
    expected.reverse();
    assert_eq!(ids(&store, "claims by Russia | sort said desc"), expected);
    // Aliases resolve: Vietnamese name, case and diacritics do not matter.
    assert_eq!(ids(&store, "claims by nga | sort said desc"), expected);
    assert_eq!(
        ids(&store, "claims by \"PHÍA NGA\" | sort said desc"),
        expected
    );
    let plan = store.explain("claims by Russia | sort said desc").unwrap();
    assert_eq!(plan.index(), "by_speaker", "{plan}");
}

#[test]
fn q3_who_denied_the_rebels_and_what() {
    let (_d, store, records) = setup();
    let all = claims(&records);
    let speaker_of: HashMap<&str, &str> = all
        .iter()
        .map(|c| (c.id.as_str(), c.speaker.as_str()))
        .collect();
    let mut expected: Vec<(String, String)> = Vec::new();
    for c in &all {
        let targets = c
            .denies
            .iter()
            .chain(c.responds_to.iter().filter(|_| c.stance == "deny"));
        for t in targets {
            if speaker_of.get(t.as_str()).copied() == Some("Phe nổi dậy") {
                expected.push((c.speaker.clone(), t.clone()));
            }
        }
    }
    expected.sort();
    assert!(expected.len() >= 2);
    let (columns, rows) = table(&store, "claims denying (claims by \"phe nổi dậy\") | links");
    let speaker = columns.iter().position(|c| c == "speaker").unwrap();
    let target = columns.iter().position(|c| c == "target_id").unwrap();
    let mut got: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r[speaker].to_string(), r[target].to_string()))
        .collect();
    got.sort();
    assert_eq!(got, expected);
}

#[test]
fn q4_contested_claims_with_support_and_denial_counts() {
    let (_d, store, records) = setup();
    let all = claims(&records);
    let mut denials: HashMap<&str, i64> = HashMap::new();
    let mut supports: HashMap<&str, i64> = HashMap::new();
    for c in &all {
        for t in &c.responds_to {
            match c.stance.as_str() {
                "deny" => *denials.entry(t).or_default() += 1,
                "assert" | "confirm" => *supports.entry(t).or_default() += 1,
                _ => {}
            }
        }
        for t in &c.denies {
            *denials.entry(t).or_default() += 1;
        }
        for t in &c.supports {
            *supports.entry(t).or_default() += 1;
        }
    }
    let expected: BTreeMap<String, (i64, i64)> = all
        .iter()
        .filter(|c| c.about.iter().any(|t| t == "Aleppo"))
        .filter(|c| denials.get(c.id.as_str()).copied().unwrap_or(0) > 0)
        .map(|c| {
            (
                c.id.clone(),
                (
                    supports.get(c.id.as_str()).copied().unwrap_or(0),
                    denials[c.id.as_str()],
                ),
            )
        })
        .collect();
    assert!(!expected.is_empty());
    let (_, rows) = table(
        &store,
        "claims about Aleppo where denied | select id, supports, denials",
    );
    let got: BTreeMap<String, (i64, i64)> = rows
        .iter()
        .map(|r| match (&r[1], &r[2]) {
            (Value::Int(s), Value::Int(d)) => (r[0].to_string(), (*s, *d)),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(got, expected);
    // `where denials > 0` is the same question.
    let (_, rows2) = table(
        &store,
        "claims about Aleppo where denials > 0 | select id, supports, denials",
    );
    assert_eq!(rows2.len(), expected.len());
}

#[test]
fn q5_claims_per_speaker_about_aleppo_top_10() {
    let (_d, store, records) = setup();
    let mut counts: HashMap<String, i64> = HashMap::new();
    for c in claims(&records) {
        if c.about.iter().any(|t| t == "Aleppo") {
            *counts.entry(c.speaker.clone()).or_default() += 1;
        }
    }
    let (columns, rows) = table(&store, "claims about Aleppo | group speaker | top 10");
    assert_eq!(columns, ["speaker", "claims"]);
    assert_eq!(rows.len(), counts.len().min(10));
    let mut last = i64::MAX;
    for r in &rows {
        let Value::Int(n) = r[1] else { panic!() };
        assert_eq!(counts[&r[0].to_string()], n, "{r:?}");
        assert!(n <= last, "sorted by count");
        last = n;
    }
    let plan = store
        .explain("claims about Aleppo | group speaker | top 10")
        .unwrap();
    assert_eq!(plan.index(), "by_topic", "{plan}");
}

#[test]
fn q6_relayed_by_reuters_from_unnamed_speakers() {
    let (_d, store, records) = setup();
    let unknown: Vec<String> = records
        .iter()
        .flat_map(|r| &r.actors)
        .filter(|a| a.kind.as_deref() == Some("unknown"))
        .map(|a| a.name.clone())
        .collect();
    let expected = said_ordered(
        claims(&records)
            .into_iter()
            .filter(|c| c.via.iter().any(|v| v == "Reuters"))
            .filter(|c| unknown.contains(&c.speaker))
            .collect(),
    );
    assert!(expected.len() >= 2);
    assert_eq!(
        ids(&store, "claims via Reuters where speaker.kind = unknown"),
        expected
    );
    // The unnamed diplomat answers to its English alias too.
    assert!(is_alias(
        &records,
        "một nhà ngoại giao phương Tây",
        "a Western diplomat"
    ));
    assert_eq!(ids(&store, "claims by \"a western diplomat\"").len(), 1);
}

#[test]
fn q7_quantities_over_100000() {
    let (_d, store, records) = setup();
    let expected = said_ordered(
        claims(&records)
            .into_iter()
            .filter(|c| c.quantities.iter().any(|q| q.value > 100000.0))
            .collect(),
    );
    assert_eq!(expected.len(), 1);
    assert_eq!(ids(&store, "claims where quantity > 100000"), expected);
    assert!(ids(&store, "claims where quantity > 120000").is_empty());
}

#[test]
fn q8_published_by_phap_luat_in_december_2016() {
    let (_d, store, records) = setup();
    let month = range("2016-12");
    let expected = said_ordered(
        records
            .iter()
            .filter(|r| r.article.publisher.as_deref() == Some("Pháp luật TPHCM"))
            .filter(|r| {
                interval(r.article.published.as_deref()).is_some_and(|iv| iv.overlaps(&month))
            })
            .flat_map(|r| r.claims.iter())
            .collect(),
    );
    assert_eq!(expected.len(), 11);
    let q = "claims published by \"Pháp luật TPHCM\" published 2016-12";
    assert_eq!(ids(&store, q), expected);
    assert_eq!(
        ids(
            &store,
            "claims published by \"phap luat tphcm\" published within 2016-12"
        ),
        expected
    );
    assert!(ids(
        &store,
        "claims published by \"Pháp luật TPHCM\" published 2016-11"
    )
    .is_empty());
    assert_eq!(store.explain(q).unwrap().index(), "by_publisher");
}

#[test]
fn q9_event_time_in_july_2016() {
    let (_d, store, records) = setup();
    let july = range("2016-07");
    let expected = said_ordered(
        claims(&records)
            .into_iter()
            .filter(|c| {
                c.when
                    .as_ref()
                    .and_then(when_interval)
                    .is_some_and(|iv| iv.within(&july))
            })
            .collect(),
    );
    assert_eq!(expected.len(), 1);
    assert_eq!(ids(&store, "claims event within 2016-07"), expected);
    // Said time is December: the said axis does not match July.
    assert!(ids(&store, "claims said 2016-07").is_empty());
    assert_eq!(
        store
            .explain("claims event within 2016-07")
            .unwrap()
            .index(),
        "by_event"
    );
}

#[test]
fn q10_as_of_an_ingest_time() {
    let (_d, store, records) = setup();
    let total = claims(&records).len() as i64;
    let count = |q: &str| {
        let (_, rows) = table(&store, q);
        rows[0][0].clone()
    };
    assert_eq!(
        count("claims as of 2025-11-24T15:59:59Z | count"),
        Value::Int(0)
    );
    assert_eq!(
        count("claims as of 2025-11-24T16:00:00Z | count"),
        Value::Int(total)
    );
    assert_eq!(count("claims as of 2025-11-24 | count"), Value::Int(total));
    assert_eq!(count("claims as of 2025-11-23 | count"), Value::Int(0));
    let plan = store.explain("claims as of 2025-11-24 | count").unwrap();
    assert_eq!(plan.index(), "articles (as of)", "{plan}");
}

#[test]
fn q11_said_by_members_of_the_russian_government() {
    let (_d, store, records) = setup();
    let members: Vec<String> = records
        .iter()
        .flat_map(|r| &r.actors)
        .filter(|a| {
            a.member_of
                .iter()
                .any(|o| is_alias(&records, o, "Russian government"))
        })
        .map(|a| a.name.clone())
        .collect();
    assert!(!members.is_empty());
    let expected = said_ordered(
        claims(&records)
            .into_iter()
            .filter(|c| members.contains(&c.speaker))
            .collect(),
    );
    assert_eq!(
        ids(&store, "claims by members of \"Russian government\""),
        expected
    );
}

#[test]
fn unknown_and_ambiguous_names_are_errors_with_candidates() {
    let (_d, store, _) = setup();
    let e = store.query("claims by Rusia").unwrap_err();
    assert_eq!(e.offset(), Some(10));
    assert!(e.help_text().unwrap_or_default().contains("Russia"));
    let e = store.query("claims about Alepo").unwrap_err();
    assert!(e.help_text().unwrap_or_default().contains("Aleppo"));
}

#[test]
fn ambiguous_alias_lists_its_candidates() {
    let line = r#"{"article":{"id":"a1","published":"2016-12-12"},"claims":[{"id":"a1#0","speaker":"John Smith","stance":"assert","text":"x"},{"id":"a1#1","speaker":"Jane Smith","stance":"assert","text":"y"}],"actors":[{"name":"John Smith","aliases":["Smith"]},{"name":"Jane Smith","aliases":["Smith"]}]}"#;
    let record: ArticleRecord = serde_json::from_str(line).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = build_store(dir.path(), &[(&[record], INGESTED_AT)]);
    let e = store.query("claims by smith").unwrap_err();
    assert!(e.to_string().contains("ambiguous"), "{e}");
    let help = e.help_text().unwrap_or_default();
    assert!(
        help.contains("John Smith") && help.contains("Jane Smith"),
        "{help}"
    );
    assert_eq!(ids(&store, "claims by \"john smith\"").len(), 1);
}

#[test]
fn results_render_in_every_format() {
    let (_d, store, _) = setup();
    for q in [
        "claims about Aleppo",
        "claims about Aleppo | group speaker",
        "claims denying (claims by rebels) | links",
    ] {
        let r = store.query(q).unwrap();
        for f in [
            claimgraph_export::Format::Table,
            claimgraph_export::Format::Json,
            claimgraph_export::Format::Csv,
        ] {
            let mut out = Vec::new();
            claimgraph_export::write_result(&r, &mut out, f).unwrap();
            assert!(!out.is_empty());
            if f == claimgraph_export::Format::Json {
                let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
                assert_eq!(v.as_array().unwrap().len(), r.len());
            }
        }
    }
}
