//! The streamed graph exports (`graph_stream`) write the same graph as the in-memory
//! writers (`graphml::write_graphml`, `json::write_graph_json`): the same nodes with the
//! same attributes and the same edges. Ids and order differ by design (a streamed claim's
//! id is its store claim id, nodes come article by article), so graphs are compared with
//! every node named by its attributes and every edge by its ends' attributes.

use crate::common;

use claimgraph_export::graph::{ClaimGraph, GraphContext};
use claimgraph_export::graph_stream::{write_graph_stream, StreamFormat, StreamStats};
use claimgraph_export::graphml::write_graphml;
use claimgraph_export::json::write_graph_json;
use claimgraph_export::ExportError;
use claimgraph_model::{ActorKind, ClaimId, ClaimLink, ClaimView, LinkKind, Stance, TimePoint};
use common::sample::{aleppo, claim_view};
use regex::Regex;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

fn context() -> GraphContext {
    GraphContext {
        member_of: vec![("Sergei Ryabkov".into(), "Russian Foreign Ministry".into())],
        actor_kinds: vec![
            ("RIA".into(), ActorKind::Media),
            ("Reuters".into(), ActorKind::Media),
            ("Russian Foreign Ministry".into(), ActorKind::Organization),
        ],
        ..GraphContext::default()
    }
}

/// A graph as sorted lists: nodes by their attributes, edges by kind, order and their
/// ends' attributes. Node attributes include the claim id, external ids and names, so
/// distinct nodes stay distinct (unnamed voices of two articles differ by their edges,
/// which are compared too).
#[derive(Debug, PartialEq)]
struct Canonical {
    nodes: Vec<String>,
    edges: Vec<String>,
}

fn canonical(nodes: Vec<(String, BTreeMap<String, String>)>, edges: Vec<[String; 4]>) -> Canonical {
    let names: HashMap<String, String> = nodes
        .iter()
        .map(|(id, attrs)| (id.clone(), format!("{attrs:?}")))
        .collect();
    let mut node_list: Vec<String> = names.values().cloned().collect();
    node_list.sort();
    assert_eq!(names.len(), nodes.len(), "node ids are unique");
    let mut edge_list: Vec<String> = edges
        .iter()
        .map(|[source, target, kind, order]| {
            let end = |id: &String| {
                names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| panic!("edge end {id} is not a node"))
            };
            format!("{kind}{order} {} -> {}", end(source), end(target))
        })
        .collect();
    edge_list.sort();
    Canonical {
        nodes: node_list,
        edges: edge_list,
    }
}

fn canonical_json(text: &[u8]) -> Canonical {
    let doc: Value = serde_json::from_slice(text).expect("valid JSON");
    let nodes = doc["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| {
            let obj = n.as_object().expect("a node is an object");
            let attrs = obj
                .iter()
                .filter(|(k, _)| *k != "id")
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect();
            (obj["id"].as_str().expect("id").to_string(), attrs)
        })
        .collect();
    let edges = doc["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            [
                e["source"].as_str().expect("source").to_string(),
                e["target"].as_str().expect("target").to_string(),
                e["kind"].as_str().expect("kind").to_string(),
                e["order"]
                    .as_u64()
                    .map(|o| o.to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    canonical(nodes, edges)
}

/// Reads our own GraphML back (one element per line), and checks that every edge comes
/// after both of its ends.
fn canonical_graphml(text: &[u8]) -> Canonical {
    let text = std::str::from_utf8(text).expect("UTF-8");
    let node = Regex::new(r#"^\s*<node id="([^"]+)">$"#).unwrap();
    let data = Regex::new(r#"^\s*<data key="([ne])_(\w+)">(.*)</data>$"#).unwrap();
    let edge = Regex::new(r#"^\s*<edge id="e\d+" source="([^"]+)" target="([^"]+)">$"#).unwrap();
    let mut nodes: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    let mut edges: Vec<[String; 4]> = Vec::new();
    let mut in_edge = false;
    for line in text.lines() {
        if let Some(c) = node.captures(line) {
            nodes.push((c[1].to_string(), BTreeMap::new()));
            in_edge = false;
        } else if let Some(c) = edge.captures(line) {
            for end in [&c[1], &c[2]] {
                assert!(
                    nodes.iter().any(|(id, _)| id == end),
                    "edge to {end} before the node"
                );
            }
            edges.push([
                c[1].to_string(),
                c[2].to_string(),
                String::new(),
                String::new(),
            ]);
            in_edge = true;
        } else if let Some(c) = data.captures(line) {
            let value = c[3].to_string();
            match (&c[1], &c[2], in_edge) {
                ("n", name, false) => {
                    let (_, attrs) = nodes.last_mut().expect("data inside a node");
                    attrs.insert(name.to_string(), value);
                }
                ("e", "kind", true) => edges.last_mut().expect("an edge")[2] = value,
                ("e", "order", true) => edges.last_mut().expect("an edge")[3] = value,
                other => panic!("unexpected data {other:?}"),
            }
        }
    }
    canonical(nodes, edges)
}

/// The streamed export of `claims` (sorted into article order first).
fn streamed(
    format: StreamFormat,
    claims: &[ClaimView],
    ctx: &GraphContext,
    contains: &dyn Fn(ClaimId) -> bool,
) -> (Vec<u8>, StreamStats) {
    let mut sorted = claims.to_vec();
    sorted.sort_by_key(|c| c.id);
    let mut out = Vec::new();
    let stats = write_graph_stream(
        format,
        ctx,
        contains,
        |sink| {
            for c in &sorted {
                sink(c.clone())?;
            }
            Ok::<(), ExportError>(())
        },
        &mut out,
    )
    .expect("the stream writes");
    (out, stats)
}

/// Checks both formats against the in-memory writers; returns the streamed stats.
fn assert_same_graph(claims: &[ClaimView], ctx: &GraphContext) -> StreamStats {
    let ids: std::collections::HashSet<ClaimId> = claims.iter().map(|c| c.id).collect();
    let contains = |id: ClaimId| ids.contains(&id);
    let graph = ClaimGraph::from_claims(claims, ctx);

    let mut json = Vec::new();
    write_graph_json(&graph, &mut json).unwrap();
    let (streamed_json, stats) = streamed(StreamFormat::Json, claims, ctx, &contains);
    assert_eq!(canonical_json(&streamed_json), canonical_json(&json));
    assert_eq!(stats.nodes, graph.graph.node_count());
    assert_eq!(stats.edges, graph.graph.edge_count());

    let mut xml = Vec::new();
    write_graphml(&graph, &mut xml).unwrap();
    let (streamed_xml, xml_stats) = streamed(StreamFormat::Graphml, claims, ctx, &contains);
    assert_eq!(xml_stats, stats);
    assert_eq!(canonical_graphml(&streamed_xml), canonical_graphml(&xml));
    stats
}

#[test]
fn streamed_sample_story_equals_the_in_memory_graph() {
    let stats = assert_same_graph(&aleppo(), &context());
    assert_eq!(stats.claims, 6);
    assert_eq!(
        stats.external, 1,
        "the diplomat answers a claim outside the set"
    );
    // Without the denied claim, the denial goes to a stub, as in memory.
    let without: Vec<ClaimView> = aleppo().into_iter().skip(1).collect();
    let stats = assert_same_graph(&without, &context());
    assert_eq!(stats.external, 2);
    let drop = GraphContext {
        drop_external_links: true,
        ..context()
    };
    assert_eq!(assert_same_graph(&without, &drop).external, 0);
}

#[test]
fn streamed_graphml_of_the_sample_story() {
    let (xml, _) = streamed(StreamFormat::Graphml, &aleppo(), &context(), &|_| true);
    insta::assert_snapshot!(String::from_utf8(xml).unwrap());
}

/// Claims in articles of five, speakers repeating, unnamed voices, relays, topics and
/// links backwards, within the article, forwards, and to claims that do not exist.
fn synthetic(n: usize) -> Vec<ClaimView> {
    (0..n)
        .map(|i| {
            let article = (i / 5) as u64;
            let index = (i % 5) as u16;
            let kind = if i % 11 == 0 {
                ActorKind::Unknown
            } else {
                ActorKind::Person
            };
            let speaker = if kind == ActorKind::Unknown {
                "a diplomat".to_string()
            } else {
                format!("Speaker {}", i % 37)
            };
            let mut c = claim_view(article, index, &speaker, kind, Stance::ALL[i % 7], "text");
            c.speaker_id = if kind == ActorKind::Unknown {
                1
            } else {
                10 + (i % 37) as u64
            };
            c.text = format!("claim {i}");
            c.said = TimePoint::day(Some(2016), 1 + (i / 50 % 12) as u8, 1 + (i % 28) as u8);
            c.publisher = Some(format!("Outlet {}", article % 4));
            c.via = if i % 3 == 0 {
                vec!["Reuters".into(), format!("Speaker {}", (i + 1) % 37)]
            } else {
                Vec::new()
            };
            c.about = vec![format!("topic {}", i % 6), format!("Topic {}", i % 6)];
            let target = |t: usize| ClaimId::new((t / 5) as u64, (t % 5) as u16);
            let external = |t: ClaimId| format!("art-{:06}#{}", t.article(), t.index());
            c.links = match i % 9 {
                // Backwards, to an earlier article or the same one.
                1 | 2 if i >= 7 => vec![ClaimLink {
                    kind: LinkKind::Denies,
                    target: external(target(i - 7)),
                    target_id: Some(target(i - 7)),
                }],
                // Forwards, by id: waits for the later article.
                3 if i + 12 < n => vec![ClaimLink {
                    kind: LinkKind::Supports,
                    target: external(target(i + 12)),
                    target_id: Some(target(i + 12)),
                }],
                // Within the article, by external id only (ingest leaves a later claim of
                // the same article unresolved).
                4 if index < 4 => vec![ClaimLink {
                    kind: LinkKind::RespondsTo,
                    target: external(target(i + 1)),
                    target_id: None,
                }],
                // To a claim nobody has.
                5 => vec![ClaimLink {
                    kind: LinkKind::Denies,
                    target: format!("elsewhere-{}", i % 4),
                    target_id: None,
                }],
                _ => Vec::new(),
            };
            c
        })
        .collect()
}

#[test]
fn streamed_synthetic_claims_equal_the_in_memory_graph() {
    let ctx = GraphContext {
        member_of: vec![
            ("Speaker 3".into(), "Speaker 4".into()),
            ("Speaker 5".into(), "Some Ministry".into()),
            ("Nobody".into(), "Elsewhere".into()),
        ],
        actor_kinds: (0..37)
            .map(|i| (format!("Speaker {i}"), ActorKind::Person))
            .chain([
                ("Reuters".into(), ActorKind::Media),
                ("Some Ministry".into(), ActorKind::Organization),
            ])
            .collect(),
        ..GraphContext::default()
    };
    let claims = synthetic(400);
    let stats = assert_same_graph(&claims, &ctx);
    assert_eq!(stats.claims, 400);
    assert_eq!(stats.external, 4);
    // A subset: links to claims left out (earlier or later) go to stubs, as in memory.
    let subset: Vec<ClaimView> = claims.iter().filter(|c| c.id.0 % 3 != 0).cloned().collect();
    let stats = assert_same_graph(&subset, &ctx);
    assert!(stats.external > 4, "{stats:?}");
}

#[test]
fn claims_out_of_article_order_are_refused() {
    let claims = aleppo(); // articles 1, 2, 2, 1, ...
    let mut out = Vec::new();
    let result = write_graph_stream(
        StreamFormat::Graphml,
        &context(),
        &|_| true,
        |sink| {
            for c in &claims {
                sink(c.clone())?;
            }
            Ok::<(), ExportError>(())
        },
        &mut out,
    );
    assert!(
        matches!(result, Err(ExportError::NotInArticleOrder { .. })),
        "{result:?}"
    );
}

#[test]
fn json_passes_that_see_different_claims_are_an_error() {
    let claims = aleppo();
    let mut passes = 0;
    let mut out = Vec::new();
    let result = write_graph_stream(
        StreamFormat::Json,
        &context(),
        &|_| true,
        |sink| {
            passes += 1;
            for c in claims.iter().filter(|c| c.article_seq == 1).take(passes) {
                sink(c.clone())?;
            }
            Ok::<(), ExportError>(())
        },
        &mut out,
    );
    assert!(
        matches!(result, Err(ExportError::SourceChanged)),
        "{result:?}"
    );
}
