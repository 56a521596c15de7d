//! Graph data exports (GraphML, JSON) of the sample story, and rendering through Graphviz.

use crate::common;

use claimgraph_export::dot::{render, write_dot, DotOptions, RenderFormat};
use claimgraph_export::graph::{ClaimGraph, GraphContext};
use claimgraph_export::graphml::write_graphml;
use claimgraph_export::json::write_graph_json;
use claimgraph_model::ActorKind;
use common::sample::aleppo;
use serde_json::Value;

fn graph() -> ClaimGraph {
    let ctx = GraphContext {
        member_of: vec![("Sergei Ryabkov".into(), "Russian Foreign Ministry".into())],
        actor_kinds: vec![
            ("RIA".into(), ActorKind::Media),
            ("Reuters".into(), ActorKind::Media),
            ("Russian Foreign Ministry".into(), ActorKind::Organization),
        ],
        ..GraphContext::default()
    };
    ClaimGraph::from_claims(&aleppo(), &ctx)
}

#[test]
fn graphml_of_the_sample_story() {
    let mut out = Vec::new();
    write_graphml(&graph(), &mut out).unwrap();
    let xml = String::from_utf8(out).unwrap();
    // Every data key used is declared.
    for key in xml
        .split("<data key=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
    {
        assert!(
            xml.contains(&format!("<key id=\"{key}\"")),
            "undeclared key {key}"
        );
    }
    insta::assert_snapshot!(xml);
}

#[test]
fn json_of_the_sample_story() {
    let mut out = Vec::new();
    let g = graph();
    write_graph_json(&g, &mut out).unwrap();
    let doc: Value = serde_json::from_slice(&out).unwrap();
    let nodes = doc["nodes"].as_array().unwrap();
    let edges = doc["edges"].as_array().unwrap();
    assert_eq!(nodes.len(), g.graph.node_count());
    assert_eq!(edges.len(), g.graph.edge_count());
    let ids: std::collections::HashSet<&str> =
        nodes.iter().filter_map(|n| n["id"].as_str()).collect();
    for e in edges {
        assert!(ids.contains(e["source"].as_str().unwrap()));
        assert!(ids.contains(e["target"].as_str().unwrap()));
    }
    let kinds: Vec<&str> = edges.iter().filter_map(|e| e["kind"].as_str()).collect();
    for kind in [
        "said_by",
        "reported_in",
        "published_by",
        "via",
        "said_at",
        "occurred_at",
        "about",
        "denies",
        "responds_to",
        "member_of",
    ] {
        assert!(kinds.contains(&kind), "no {kind} edge");
    }
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn renders_svg_and_png_with_graphviz() {
    if std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_err()
    {
        common::skip("(apt-get install graphviz): Graphviz `dot` is not installed");
        return;
    }
    let mut dot = Vec::new();
    write_dot(&graph(), &DotOptions::default(), &mut dot).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("story.svg");
    let png = dir.path().join("story.png");
    render(&dot, RenderFormat::Svg, &svg).unwrap();
    render(&dot, RenderFormat::Png, &png).unwrap();
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    assert!(svg_text.contains("<svg"));
    assert!(svg_text.contains("Sergei Ryabkov"));
    let png_bytes = std::fs::read(&png).unwrap();
    assert!(png_bytes.starts_with(b"\x89PNG"));
    // Broken DOT is reported with Graphviz's own message.
    let err = render(b"digraph { a -> }", RenderFormat::Svg, &svg).unwrap_err();
    assert!(err.to_string().contains("syntax error"), "{err}");
}
