//! Streamed graph exports keep memory flat: a long stream of claims goes through the
//! GraphML and graph JSON stream writers with the peak resident memory checked after a
//! warm-up (the dictionaries of speakers, outlets, topics and days fill during it). One test
//! per binary, so no other test's allocations move the process's peak. It fails when the
//! writer keeps claims, articles or edges (as the in-memory graph does).

mod common;

use claimgraph_export::graph::GraphContext;
use claimgraph_export::graph_stream::{write_graph_stream, StreamFormat};
use claimgraph_export::ExportError;
use claimgraph_model::{ActorKind, ClaimId, ClaimLink, ClaimView, LinkKind, Stance, TimePoint};

/// Claim `i` of a long synthetic store, in article order (five claims per article).
fn claim(i: usize) -> ClaimView {
    let article = (i / 5) as u64;
    let index = (i % 5) as u16;
    let mut c = common::sample::claim_view(
        article,
        index,
        &format!("Speaker {}", i % 2_000),
        ActorKind::Person,
        Stance::ALL[i % Stance::ALL.len()],
        &format!(
            "claim number {i}: {}",
            "words of a long enough claim text ".repeat(6)
        ),
    );
    c.said = TimePoint::day(
        Some(2010 + (i / 100_000) as i32),
        1 + (i / 8_000 % 12) as u8,
        1 + (i / 300 % 28) as u8,
    );
    c.article_title = Some(format!("Article {article} title"));
    c.publisher = Some(format!("Outlet {}", article % 300));
    c.about = vec![format!("topic {}", i % 100)];
    if i % 5 == 0 {
        c.via = vec!["Reuters".into()];
    }
    if i % 4 == 0 && i > 10 {
        let target = ClaimId::new(((i - 7) / 5) as u64, ((i - 7) % 5) as u16);
        c.links = vec![ClaimLink {
            kind: LinkKind::Denies,
            target: format!("art-{:06}#{}", target.article(), target.index()),
            target_id: Some(target),
        }];
    }
    c
}

#[test]
fn streaming_graph_data_keeps_memory_flat() {
    if common::peak_rss_kb().is_none() {
        common::skip("the memory check: no /proc/self/status");
        return;
    }
    const CLAIMS: usize = 80_000;
    const WARM_UP: usize = 20_000;
    for format in [StreamFormat::Graphml, StreamFormat::Json] {
        let mut after_warm_up = None;
        let mut sink = std::io::sink();
        let stats = write_graph_stream(
            format,
            &GraphContext::default(),
            &|_| true,
            |write| {
                for i in 0..CLAIMS {
                    if i == WARM_UP && after_warm_up.is_none() {
                        after_warm_up = common::peak_rss_kb();
                    }
                    write(claim(i))?;
                }
                Ok::<(), ExportError>(())
            },
            &mut sink,
        )
        .expect("the stream writes");
        assert_eq!(stats.claims, CLAIMS);
        let (Some(warm), Some(end)) = (after_warm_up, common::peak_rss_kb()) else {
            continue;
        };
        let growth_mb = end.saturating_sub(warm) / 1024;
        // Keeping the remaining 60,000 claims would take about 40 MB, their edges more.
        assert!(
            growth_mb < 8,
            "{format:?}: peak memory grew {growth_mb} MB after warm-up"
        );
    }
}
