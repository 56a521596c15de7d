//! How the statement bars were chosen: pairs of claims of two different articles put in
//! one statement, scored against hand-annotated statements, over a grid of bars.
//!
//! ```text
//! claimgraph --store vmds.db ingest ../shared/corpus/vmds/articles.segmented.jsonl
//! cargo run --release --example tune_statements -- vmds.db tests/fixtures/link/vmds-statements.dev.json
//! cargo run --release --example tune_statements -- vmds.db --pairs 0.2   # candidate pairs to read
//! cargo run --release --example tune_statements -- vmds.db --added   # what the same-speaker bar joins
//! ```
//!
//! Stories and actor merges are computed once with the defaults; the store is only read.

use claimgraph_link::eval::{pairs_where, Scores};
use claimgraph_link::{
    answered_stories, merge_actors, pair_features, statements_merged, stories, LinkArticle,
    LinkParams, MergedSpeakers, PairFeatures, StatementParams, Stories, StoryParams,
};
use claimgraph_query::linking::{actor_context, load};
use claimgraph_store::Store;
use std::error::Error;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Reference {
    claims: Vec<Mention>,
}

#[derive(serde::Deserialize)]
struct Mention {
    article: String,
    contains: String,
}

fn name_knowledge() -> Result<claimgraph_link::NameKnowledge, Box<dyn Error>> {
    let (titles, well_known) = claimgraph_extract::lang::name_knowledge()?;
    Ok(claimgraph_link::NameKnowledge { titles, well_known })
}

/// Each annotated claim's `article|fragment` key and where it is: its article's index and
/// its index in that article's claims.
type Keys = Vec<(String, (usize, usize))>;

/// The groups of keys a reference gives, and where each key was found.
type Annotated = (Vec<Vec<String>>, Keys);

/// The reference's groups of `article|fragment` keys, and each key's claim position.
fn reference(path: &str, articles: &[LinkArticle]) -> Result<Annotated, Box<dyn Error>> {
    let groups: Vec<Reference> = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let mut gold = Vec::new();
    let mut found = Vec::new();
    for g in groups {
        let mut members = Vec::new();
        for m in g.claims {
            let key = format!("{}|{}", m.article, m.contains);
            let at = articles
                .iter()
                .position(|a| a.id == m.article)
                .and_then(|a| {
                    articles[a]
                        .claims
                        .iter()
                        .position(|c| c.text.contains(&m.contains))
                        .map(|c| (a, c))
                });
            match at {
                Some(at) => found.push((key.clone(), at)),
                None => eprintln!("{path}: not extracted: {key}"),
            }
            members.push(key);
        }
        gold.push(members);
    }
    Ok((gold, found))
}

fn score(
    articles: &[LinkArticle],
    found: &Stories,
    merged: &MergedSpeakers,
    params: &StatementParams,
    gold: &[Vec<String>],
    keys: &[(String, (usize, usize))],
) -> Scores {
    let all = statements_merged(articles, found, params, merged);
    let mut predicted: Vec<Vec<String>> = Vec::new();
    for s in &all {
        let members: Vec<String> = keys
            .iter()
            .filter(|(_, (a, c))| {
                s.occurrences
                    .iter()
                    .any(|o| o.article == *a && o.claim == *c)
            })
            .map(|(k, _)| k.clone())
            .collect();
        if !members.is_empty() {
            predicted.push(members);
        }
    }
    let article = |key: &str| key.split('|').next().unwrap_or("").to_string();
    pairs_where(&predicted, gold, |a, b| article(a) != article(b))
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let Some(store) = args.get(1) else {
        return Err("usage: tune_statements STORE (REFERENCE.json… | --pairs MIN)".into());
    };
    let store = Store::open_existing(Path::new(store))?;
    let (articles, _) = load(&store)?;
    let ctx = actor_context(&store, &name_knowledge()?)?;
    let found = answered_stories(
        &articles,
        stories(&articles, &StoryParams::default()),
        &LinkParams::default(),
        StoryParams::default().max_articles,
    );
    let merges = merge_actors(&articles, &found, &ctx);
    let merged: MergedSpeakers = merges
        .canonical
        .iter()
        .map(|(&from, &into)| (from, (into, ctx.actors.get(&into).map(|i| i.kind))))
        .collect();
    if args.get(2).map(String::as_str) == Some("--pairs") {
        let min: f64 = args.get(3).map(|s| s.parse()).transpose()?.unwrap_or(0.2);
        for f in pair_features(&articles, &found, &merged, &StatementParams::default()) {
            if f.containment.max(f.overlap) >= min {
                print_pair(&articles, &f);
            }
        }
        return Ok(());
    }
    if args.get(2).map(String::as_str) == Some("--added") {
        added_by_same_speaker(&articles, &found, &merged);
        return Ok(());
    }
    let default = StatementParams::default();
    let references: Vec<_> = args[2..]
        .iter()
        .map(|p| reference(p, &articles).map(|r| (p.clone(), r)))
        .collect::<Result<_, _>>()?;
    for (path, (gold, keys)) in &references {
        let s = score(&articles, &found, &merged, &default, gold, keys);
        println!(
            "default on {path}: P {:.3} R {:.3} F1 {:.3}",
            s.precision, s.recall, s.f1
        );
    }
    for overlap in [0.4, 0.5] {
        for named in [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 1.0] {
            let p = StatementParams {
                overlap,
                same_speaker: named,
                ..default
            };
            let line: Vec<String> = references
                .iter()
                .map(|(_, (gold, keys))| {
                    let s = score(&articles, &found, &merged, &p, gold, keys);
                    format!("P {:.3} R {:.3} F1 {:.3}", s.precision, s.recall, s.f1)
                })
                .collect();
            println!("overlap {overlap} named {named}: {}", line.join(" | "));
        }
    }
    Ok(())
}

fn print_pair(articles: &[LinkArticle], f: &PairFeatures) {
    let claim = |o: claimgraph_link::Occurrence| &articles[o.article].claims[o.claim];
    let (a, b) = (claim(f.a), claim(f.b));
    println!(
        "story {} containment {:.2} overlap {:.2} story_overlap {:.2} figures_differ {} speakers {:?}\n  {} [{}] {}\n  {} [{}] {}",
        f.story,
        f.containment,
        f.overlap,
        f.story_overlap,
        f.figures_differ,
        f.speakers,
        a.article_id,
        a.speaker,
        a.text,
        b.article_id,
        b.speaker,
        b.text
    );
}

/// Counts the statements with and without the same-speaker bar, and prints each statement
/// spanning articles that the bar joined (to read whether it is right).
fn added_by_same_speaker(articles: &[LinkArticle], found: &Stories, merged: &MergedSpeakers) {
    let with = statements_merged(articles, found, &StatementParams::default(), merged);
    let without = StatementParams {
        same_speaker: 1.0,
        ..StatementParams::default()
    };
    let before = statements_merged(articles, found, &without, merged);
    let spanning = |all: &[claimgraph_link::Statement]| {
        all.iter()
            .filter(|s| {
                let first = s.occurrences[0].article;
                s.occurrences.iter().any(|o| o.article != first)
            })
            .count()
    };
    println!(
        "without the bar: {} statements, {} spanning articles; with it: {} statements, {} spanning articles",
        before.len(),
        spanning(&before),
        with.len(),
        spanning(&with)
    );
    let old: std::collections::BTreeSet<Vec<claimgraph_link::Occurrence>> =
        before.iter().map(|s| s.occurrences.clone()).collect();
    for s in &with {
        let first = s.occurrences[0].article;
        if old.contains(&s.occurrences) || s.occurrences.iter().all(|o| o.article == first) {
            continue;
        }
        println!("story {} speaker {}", found.stories[s.story].id, s.speaker);
        for o in &s.occurrences {
            let c = &articles[o.article].claims[o.claim];
            println!("  {} [{}] {}", c.article_id, c.speaker, c.text);
        }
    }
}
