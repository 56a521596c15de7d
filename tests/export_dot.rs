//! DOT export: snapshots of the sample story and Graphviz acceptance of hostile labels.

use claimgraph::export::dot::{write_dot, Cluster, DotOptions, RankDir};
use claimgraph::export::sample::aleppo;
use claimgraph::graph::{ClaimGraph, GraphContext};

fn dot_of(opts: &DotOptions) -> String {
    let graph = ClaimGraph::from_claims(&aleppo(), &GraphContext::default());
    let mut out = Vec::new();
    write_dot(&graph, opts, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn sample_story_dot() {
    insta::assert_snapshot!(dot_of(&DotOptions::default()));
}

#[test]
fn sample_story_dot_clustered_by_article_top_to_bottom() {
    insta::assert_snapshot!(dot_of(&DotOptions {
        rankdir: RankDir::TopBottom,
        cluster: Cluster::Article,
        ..DotOptions::default()
    }));
}
