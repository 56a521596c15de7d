//! Timeline exports of the sample story: a snapshot per format and axis, and the
//! TimelineJS3 field structure.

use crate::common;

use claimgraph_export::timeline::{
    write_timeline, write_timeline_sorted, Axis, NoLinkTargets, TimelineFormat, TimelineOptions,
};
use common::sample::aleppo;
use serde_json::Value;

fn timeline(format: TimelineFormat, axis: Axis) -> String {
    let opts = TimelineOptions {
        axis,
        format,
        title: Some("Aleppo, December 2016".into()),
        ..TimelineOptions::default()
    };
    let mut out = Vec::new();
    write_timeline(&aleppo(), &opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn markdown_by_said_time() {
    insta::assert_snapshot!(timeline(TimelineFormat::Md, Axis::Said));
}

#[test]
fn markdown_by_event_time() {
    insta::assert_snapshot!(timeline(TimelineFormat::Md, Axis::Event));
}

#[test]
fn csv_by_said_time() {
    insta::assert_snapshot!(timeline(TimelineFormat::Csv, Axis::Said));
}

#[test]
fn json_by_published_time() {
    let text = timeline(TimelineFormat::Json, Axis::Published);
    let parsed: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed.as_array().map(Vec::len), Some(aleppo().len()));
    insta::assert_snapshot!(text);
}

#[test]
fn timelinejs_by_said_time() {
    insta::assert_snapshot!(timeline(TimelineFormat::Timelinejs, Axis::Said));
}

#[test]
fn html_by_said_time() {
    insta::assert_snapshot!(timeline(TimelineFormat::Html, Axis::Said));
}

/// Checks the TimelineJS3 structure: title slide, events with a `start_date` whose `year`
/// is a number and whose finer parts appear only below coarser ones, text with headline
/// and text strings, string group and unique ids.
#[test]
fn timelinejs_matches_the_timelinejs3_structure() {
    for axis in [Axis::Said, Axis::Event, Axis::Published] {
        let doc: Value = serde_json::from_str(&timeline(TimelineFormat::Timelinejs, axis)).unwrap();
        let title = &doc["title"]["text"];
        assert!(title["headline"].is_string() && title["text"].is_string());
        let events = doc["events"].as_array().expect("events is an array");
        assert!(!events.is_empty(), "{axis}: no events");
        let mut ids = std::collections::HashSet::new();
        for event in events {
            for key in event.as_object().unwrap().keys() {
                assert!(
                    ["start_date", "end_date", "text", "group", "unique_id"]
                        .contains(&key.as_str()),
                    "unexpected event field {key}"
                );
            }
            let start = event["start_date"].as_object().expect("start_date object");
            assert!(start["year"].is_i64(), "year must be a number: {event}");
            let order = ["year", "month", "day", "hour", "minute", "second"];
            let present: Vec<bool> = order.iter().map(|k| start.contains_key(*k)).collect();
            assert!(
                present.windows(2).all(|w| w[0] || !w[1]),
                "a finer date part without the coarser one: {event}"
            );
            for k in &order[1..] {
                if let Some(v) = start.get(*k) {
                    assert!(v.is_u64(), "{k} must be a number");
                }
            }
            if let Some(m) = start.get("month").and_then(Value::as_u64) {
                assert!((1..=12).contains(&m));
            }
            assert!(start["display_date"].is_string());
            assert!(event["text"]["headline"].is_string());
            assert!(event["text"]["text"].is_string());
            assert!(event["group"].is_string());
            let id = event["unique_id"].as_str().unwrap();
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                "{id}"
            );
            assert!(ids.insert(id.to_string()), "duplicate unique_id {id}");
        }
    }
}

#[test]
fn partial_dates_omit_month_and_day_and_undated_claims_stand_at_publication() {
    let doc: Value =
        serde_json::from_str(&timeline(TimelineFormat::Timelinejs, Axis::Event)).unwrap();
    let events = doc["events"].as_array().unwrap();
    // Every claim is shown: only the narrative claim has an event time (July 2016, no
    // day); the others stand at their article's publication, "on or before" it.
    assert_eq!(events.len(), aleppo().len());
    let dated: Vec<&Value> = events
        .iter()
        .filter(|e| {
            !e["start_date"]["display_date"]
                .as_str()
                .unwrap()
                .starts_with("on or before")
        })
        .collect();
    assert_eq!(dated.len(), 1, "only the narrative claim has an event time");
    let start = &dated[0]["start_date"];
    assert_eq!(start["year"], 2016);
    assert_eq!(start["month"], 7);
    assert!(start.get("day").is_none());

    let said: Value =
        serde_json::from_str(&timeline(TimelineFormat::Timelinejs, Axis::Said)).unwrap();
    // Six claims: one undated and one dated XXXX-12-11 stand at publication.
    let said_events = said["events"].as_array().unwrap();
    assert_eq!(said_events.len(), aleppo().len());
    let on_publication = said_events
        .iter()
        .filter(|e| {
            e["start_date"]["display_date"] == "on or before 2016-12-12 (undated; published then)"
        })
        .count();
    assert_eq!(on_publication, 2);
    assert!(!said["title"]["text"]["text"]
        .as_str()
        .unwrap()
        .contains("not shown"));
}

#[test]
fn streaming_without_lookups_names_the_denied_claim_by_id() {
    let opts = TimelineOptions::default();
    let mut out = Vec::new();
    let mut claims = aleppo();
    claims.swap(0, 1); // the denial first: its target is not yet seen
    write_timeline_sorted(claims.into_iter(), &opts, &mut NoLinkTargets, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("denies art-000001\\#0 (not in this export)"),
        "{text}"
    );
}

#[test]
fn article_text_is_escaped_in_html_and_timelinejs() {
    let mut claims = aleppo();
    claims[0].text = "<script>alert(1)</script> & <img src=x onerror=alert(2)>".into();
    claims[0].speaker = "<b>bold</b>".into();
    for format in [TimelineFormat::Html, TimelineFormat::Timelinejs] {
        let opts = TimelineOptions {
            format,
            ..TimelineOptions::default()
        };
        let mut out = Vec::new();
        write_timeline(&claims, &opts, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("<script>"), "{format}");
        assert!(!text.contains("<img"), "{format}");
        assert!(!text.contains("<b>bold"), "{format}");
        assert!(
            text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img"),
            "{format}"
        );
    }
}

#[test]
fn an_empty_result_gives_well_formed_files() {
    for format in [
        TimelineFormat::Md,
        TimelineFormat::Csv,
        TimelineFormat::Json,
        TimelineFormat::Timelinejs,
        TimelineFormat::Html,
    ] {
        let opts = TimelineOptions {
            format,
            ..TimelineOptions::default()
        };
        let mut out = Vec::new();
        let stats = write_timeline(&[], &opts, &mut out).unwrap();
        assert_eq!(stats.entries, 0);
        let text = String::from_utf8(out).unwrap();
        match format {
            TimelineFormat::Json => assert_eq!(
                serde_json::from_str::<Value>(&text).unwrap(),
                serde_json::json!([])
            ),
            TimelineFormat::Timelinejs => {
                let doc: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(doc["events"], serde_json::json!([]));
            }
            TimelineFormat::Html => assert!(text.trim_end().ends_with("</html>")),
            TimelineFormat::Csv => assert_eq!(text.lines().count(), 1),
            TimelineFormat::Md => assert!(text.starts_with("# Timeline")),
        }
    }
}
