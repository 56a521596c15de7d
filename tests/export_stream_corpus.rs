//! Streams a corpus made by `../shared/bench/gen_claims.py` through every timeline format and
//! prints time and peak memory per format. Ignored unless asked for:
//!
//! ```sh
//! python3 ../shared/bench/gen_claims.py -n 100000 -o /tmp/gen100k.jsonl
//! CLAIMGRAPH_STREAM_JSONL=/tmp/gen100k.jsonl cargo test --release \
//!     --test export_stream_corpus -- --ignored --nocapture
//! ```
//!
//! `CLAIMGRAPH_STREAM_LINK_MEMORY` sets how many recent claims link targets are resolved
//! against (default 100,000).
//!
//! Claims are taken in file order (articles in publication order), as a query ordered by the
//! `published` axis would return them.

mod common;

use claimgraph_export::timeline::{
    write_timeline_sorted, Axis, SeenClaims, TimelineFormat, TimelineOptions,
};
use claimgraph_model::record::ArticleRecord;
use claimgraph_model::{
    ActorKind, ClaimId, ClaimKind, ClaimLink, ClaimView, LinkKind, Stance, TimePoint, TimeSpan,
};
use std::io::BufRead;
use std::time::Instant;

fn views_of(record: ArticleRecord, seq: u64) -> Vec<ClaimView> {
    let published = record
        .article
        .published
        .as_deref()
        .and_then(|p| TimePoint::parse(p).ok());
    record
        .claims
        .iter()
        .enumerate()
        .map(|(index, claim)| {
            let mut links = Vec::new();
            for (kind, targets) in [
                (LinkKind::RespondsTo, &claim.responds_to),
                (LinkKind::Denies, &claim.denies),
                (LinkKind::Supports, &claim.supports),
            ] {
                links.extend(targets.iter().map(|t| ClaimLink {
                    kind,
                    target: t.clone(),
                    target_id: None,
                }));
            }
            ClaimView {
                id: ClaimId::new(seq, index as u16),
                external_id: claim.id.clone(),
                speaker: claim.speaker.clone(),
                speaker_id: 0,
                speaker_kind: ActorKind::Person,
                speaker_text: None,
                cue: claim.cue.clone(),
                stance: claim.stance.parse().unwrap_or(Stance::Report),
                kind: ClaimKind::Reported,
                text: claim.text.clone(),
                said: claim.said.as_deref().and_then(|s| TimePoint::parse(s).ok()),
                when: claim.when.as_ref().map(|w| TimeSpan {
                    start: w.start.as_deref().and_then(|s| TimePoint::parse(s).ok()),
                    end: w.end.as_deref().and_then(|s| TimePoint::parse(s).ok()),
                }),
                via: claim.via.clone(),
                about: claim.about.clone(),
                quantities: Vec::new(),
                links,
                provenance: None,
                article_id: record.article.id.clone(),
                article_seq: seq,
                article_title: record.article.title.clone(),
                publisher: record.article.publisher.clone(),
                published,
                ingested_at: 0,
                story: None,
                statement: None,
            }
        })
        .collect()
}

#[test]
#[ignore = "needs a generated corpus: set CLAIMGRAPH_STREAM_JSONL"]
fn stream_a_generated_corpus() {
    let Ok(path) = std::env::var("CLAIMGRAPH_STREAM_JSONL") else {
        eprintln!("note: CLAIMGRAPH_STREAM_JSONL is not set; nothing to stream");
        return;
    };
    let link_memory: usize = std::env::var("CLAIMGRAPH_STREAM_LINK_MEMORY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    // Reading and converting alone, to tell the exporters' share of the time.
    let started = Instant::now();
    let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    let read: usize = file
        .lines()
        .enumerate()
        .map(|(seq, line)| {
            let record: ArticleRecord = serde_json::from_str(&line.unwrap()).unwrap();
            views_of(record, seq as u64).len()
        })
        .sum();
    println!(
        "read only: {read} claims, {:.2} s, peak RSS so far {} MB",
        started.elapsed().as_secs_f64(),
        common::peak_rss_kb().unwrap_or(0) / 1024
    );
    for (name, _) in TimelineFormat::CHOICES {
        let format: TimelineFormat = name.parse().expect("every choice parses");
        let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
        let claims = file.lines().enumerate().flat_map(|(seq, line)| {
            let record: ArticleRecord = serde_json::from_str(&line.unwrap()).unwrap();
            views_of(record, seq as u64)
        });
        let opts = TimelineOptions {
            axis: Axis::Published,
            format,
            title: None,
            ..TimelineOptions::default()
        };
        let mut targets = SeenClaims::bounded(link_memory);
        let started = Instant::now();
        let mut sink = std::io::sink();
        let stats = write_timeline_sorted(claims, &opts, &mut targets, &mut sink).unwrap();
        println!(
            "{format}: {} entries, {} groups, {:.2} s, peak RSS so far {} MB",
            stats.entries,
            stats.groups,
            started.elapsed().as_secs_f64(),
            common::peak_rss_kb().unwrap_or(0) / 1024
        );
    }
}
