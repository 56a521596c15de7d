//! How the story weights and threshold were chosen: B-cubed F1 of story grouping against a
//! hand-grouped sample, over a grid of thresholds, channel weights and time scales.
//!
//! ```text
//! claimgraph --store vmds.db ingest ../shared/corpus/vmds/articles.segmented.jsonl
//! cargo run --release --example tune_links -- vmds.db tests/fixtures/link/vmds-sample.stories.json
//! ```
//!
//! The reference groups only a sample of the stored articles; the others are grouped as
//! usual but not scored (see `claimgraph_link::eval`). The store is only read.

use claimgraph_link::eval::bcubed;
use claimgraph_link::{answered_stories, stories, LinkArticle, LinkParams, StoryParams};
use claimgraph_model::ClaimId;
use claimgraph_store::{NameCache, Store};
use std::error::Error;
use std::path::Path;

fn load(store: &Store) -> Result<Vec<LinkArticle>, Box<dyn Error>> {
    let mut names = NameCache::new(store);
    let mut out = Vec::new();
    for doc in store.articles() {
        let doc = doc?;
        let seq = doc.article.seq;
        let mut claims = Vec::new();
        for index in 0..doc.claims.len() {
            let id = ClaimId::new(seq, u16::try_from(index)?);
            claims.extend(store.view_in(&doc, id, &mut names)?);
        }
        out.push(LinkArticle {
            id: doc.article.id.clone(),
            title: doc.article.title.clone(),
            text: store.article_text(seq)?.unwrap_or_default(),
            publisher: claims.first().and_then(|c| c.publisher.clone()),
            published: doc.article.published,
            claims,
        });
    }
    Ok(out)
}

#[derive(serde::Deserialize)]
struct Reference {
    articles: Vec<String>,
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(store), Some(gold)) = (args.get(1), args.get(2)) else {
        return Err("usage: tune_links STORE REFERENCE.json".into());
    };
    let store = Store::open_existing(Path::new(store))?;
    let articles = load(&store)?;
    let reference: Vec<Reference> = serde_json::from_str(&std::fs::read_to_string(gold)?)?;
    let reference: Vec<Vec<String>> = reference.into_iter().map(|r| r.articles).collect();
    let score = |p: &StoryParams| {
        let found = answered_stories(
            &articles,
            stories(&articles, p),
            &LinkParams::default(),
            p.max_articles,
        );
        let groups: Vec<Vec<String>> = found
            .stories
            .iter()
            .map(|s| s.articles.iter().map(|&a| articles[a].id.clone()).collect())
            .collect();
        (bcubed(&groups, &reference), found.stories.len())
    };
    let default = StoryParams::default();
    let (s, n) = score(&default);
    println!(
        "default {default:?}: B-cubed P {:.3} R {:.3} F1 {:.3}, {n} stories",
        s.precision, s.recall, s.f1
    );
    let mut grid = Vec::new();
    for names in [0.2, 0.35, 0.5] {
        for lead in [0.2, 0.35, 0.5] {
            let body = 1.0 - names - lead;
            if body < 0.0 {
                continue;
            }
            for (title, hours, threshold) in title_hours_thresholds() {
                let p = StoryParams {
                    names,
                    lead,
                    body,
                    title,
                    time_scale_hours: hours,
                    threshold,
                    ..default
                };
                let (s, n) = score(&p);
                grid.push((s.f1, s.precision, s.recall, n, p));
            }
        }
    }
    grid.sort_by(|a, b| b.0.total_cmp(&a.0));
    // What the headline channel adds: the best point of the grid at each headline weight.
    for title in title_weights() {
        if let Some((f1, p, r, n, params)) = grid.iter().find(|g| g.4.title == title) {
            println!(
                "best with headline weight {title}: F1 {f1:.3} P {p:.3} R {r:.3} stories {n}: names {} lead {} body {:.2} hours {} threshold {}",
                params.names, params.lead, params.body, params.time_scale_hours, params.threshold
            );
        }
    }
    for (f1, p, r, n, params) in grid.iter().take(25) {
        println!(
            "F1 {f1:.3} P {p:.3} R {r:.3} stories {n}: names {} lead {} body {:.2} title {} hours {} threshold {}",
            params.names, params.lead, params.body, params.title, params.time_scale_hours, params.threshold
        );
    }
    Ok(())
}

/// The grid's headline weights, time scales and thresholds.
fn title_hours_thresholds() -> Vec<(f64, f64, f64)> {
    let mut out = Vec::new();
    for title in title_weights() {
        for hours in [24.0, 72.0] {
            for threshold in [0.2, 0.25, 0.3] {
                out.push((title, hours, threshold));
            }
        }
    }
    out
}

/// The grid's headline weights.
fn title_weights() -> [f64; 4] {
    [0.0, 0.15, 0.3, 0.45]
}
