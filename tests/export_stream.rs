//! Streaming timelines keep memory flat: a long stream of claims goes through every
//! timeline format with the peak resident memory checked after a warm-up. One test per
//! binary, so no other test's allocations move the process's peak.
//! `tests/export_stream_corpus.rs` streams a generated corpus and prints the figures.

mod common;

use claimgraph_export::timeline::{
    write_timeline_sorted, Axis, SeenClaims, TimelineFormat, TimelineOptions,
};
use claimgraph_model::{ActorKind, ClaimId, ClaimLink, ClaimView, LinkKind, Stance, TimePoint};

fn synthetic(n: usize) -> impl Iterator<Item = ClaimView> {
    (0..n).map(|i| {
        let article = (i / 5) as u64;
        let index = (i % 5) as u16;
        let day = TimePoint::day(
            Some(2010 + (i / 100_000) as i32),
            1 + (i / 8_000 % 12) as u8,
            1 + (i / 300 % 28) as u8,
        );
        let mut c = common::sample::claim_view(
            article,
            index,
            &format!("Speaker {}", i % 5_000),
            ActorKind::Person,
            Stance::ALL[i % Stance::ALL.len()],
            &format!(
                "claim number {i}: {}",
                "words of a long enough claim text ".repeat(6)
            ),
        );
        c.said = day;
        c.article_title = Some(format!("Article {article} title"));
        c.publisher = Some(format!("Outlet {}", article % 300));
        c.via = if i % 5 == 0 {
            vec!["Reuters".into()]
        } else {
            Vec::new()
        };
        if i % 4 == 0 && i > 10 {
            let target = ClaimId::new(((i - 7) / 5) as u64, ((i - 7) % 5) as u16);
            c.links = vec![ClaimLink {
                kind: LinkKind::Denies,
                target: format!("art-{:06}#{}", target.article(), target.index()),
                target_id: Some(target),
            }];
        }
        c
    })
}

#[test]
fn streaming_every_format_keeps_memory_flat() {
    if common::peak_rss_kb().is_none() {
        common::skip("the memory check: no /proc/self/status");
        return;
    }
    const CLAIMS: usize = 50_000;
    const WARM_UP: usize = 15_000;
    for (name, _) in TimelineFormat::CHOICES {
        let format: TimelineFormat = name.parse().expect("every choice parses");
        let opts = TimelineOptions {
            axis: Axis::Said,
            format,
            title: None,
            ..TimelineOptions::default()
        };
        let mut targets = SeenClaims::bounded(5_000);
        let mut after_warm_up = None;
        let claims = synthetic(CLAIMS).enumerate().map(|(i, c)| {
            if i == WARM_UP {
                after_warm_up = common::peak_rss_kb();
            }
            c
        });
        let mut sink = std::io::sink();
        let stats = write_timeline_sorted(claims, &opts, &mut targets, &mut sink).unwrap();
        assert_eq!(stats.entries, CLAIMS);
        let (Some(warm), Some(end)) = (after_warm_up, common::peak_rss_kb()) else {
            continue;
        };
        let growth_mb = end.saturating_sub(warm) / 1024;
        // Buffering the remaining 35,000 entries would take about 20 MB.
        assert!(
            growth_mb < 8,
            "{format}: peak memory grew {growth_mb} MB after warm-up"
        );
    }
}
