//! DOT export: snapshots of the sample story and Graphviz acceptance of hostile labels.

use crate::common;

use claimgraph_export::dot::{write_dot, Cluster, DotOptions, RankDir};
use claimgraph_export::graph::{ClaimGraph, GraphContext};
use common::sample::aleppo;

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

#[test]
fn an_empty_graph_is_valid_dot() {
    let graph = ClaimGraph::from_claims(&[], &GraphContext::default());
    let mut out = Vec::new();
    write_dot(&graph, &DotOptions::default(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("digraph claimgraph {") && text.trim_end().ends_with('}'));
    if std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_err()
    {
        common::skip("the render: Graphviz `dot` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    claimgraph_export::dot::render(
        text.as_bytes(),
        claimgraph_export::dot::RenderFormat::Svg,
        &dir.path().join("empty.svg"),
    )
    .unwrap();
}
