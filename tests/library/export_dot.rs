//! DOT export: snapshots of the sample story and Graphviz acceptance of hostile labels.

use crate::common;

use claimgraph_export::dot::{write_dot, Cluster, DotOptions, DotView, RankDir};
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
    insta::assert_snapshot!(dot_of(&DotOptions {
        view: DotView::Full,
        ..DotOptions::default()
    }));
}

#[test]
fn sample_story_claims_view() {
    let dot = dot_of(&DotOptions::default());
    // Claims and the time axis only: no actor, article, outlet or topic nodes.
    assert!(
        !dot.contains("shape=tab") && !dot.contains("shape=note"),
        "{dot}"
    );
    // The denial is drawn as a link between two claims.
    assert!(dot.contains("[label=\"denies\""), "{dot}");
    // Undated claims stand "on or before" their article's publication.
    assert!(dot.contains("on or before 2016-12-12"), "{dot}");
    insta::assert_snapshot!(dot);
}

#[test]
fn sample_story_dot_clustered_by_article_top_to_bottom() {
    insta::assert_snapshot!(dot_of(&DotOptions {
        view: DotView::Full,
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
