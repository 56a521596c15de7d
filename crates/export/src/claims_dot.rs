//! The claims-first DOT picture (`dot --view claims`, the default): who said what, when,
//! and who denies whom, readable at a glance. Claims stand on a time axis (their said day,
//! or "on or before" their article's publication when undated), boxed by speaker; links
//! between claims are the prominent edges; relays, article and outlet are lines of the
//! claim's label rather than nodes of their own, so each entity appears once; a legend
//! explains colours and edges. The full graph (`--view full`) stays in `dot.rs`.
//!
//! The same safety rules as the full picture hold: synthetic node ids, every attribute
//! escaped and double-quoted, no URLs.

use crate::dot::{escape, escape_tooltip, stance_fill, wrap, DotOptions};
use crate::graph::{ClaimGraph, ClaimNode, Edge, Node};
use crate::{truncate, ExportError};
use claimgraph_model::{ClaimKind, TimePoint};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use std::collections::BTreeMap;
use std::io::Write;

/// Where a claim stands on the time axis.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    /// Said on this day (or month, or year, as precisely as known).
    Said(TimePoint),
    /// No said time: on or before the article's publication day.
    OnOrBefore(TimePoint),
    /// Neither a said time nor a publication time.
    Undated,
}

impl Column {
    fn label(&self) -> String {
        match self {
            Column::Said(day) => day.to_string(),
            Column::OnOrBefore(day) => format!("on or before {day}\n(undated; published then)"),
            Column::Undated => "undated".into(),
        }
    }
}

/// One claim as the picture shows it.
struct Drawn<'g> {
    node: NodeIndex,
    claim: &'g ClaimNode,
    /// Relays in order, nearest the speaker first.
    via: Vec<String>,
    /// "Outlet, day" or the article id.
    source: Option<String>,
    column: Column,
}

/// Writes the claims-first picture of `graph`.
pub fn write_claims_dot(
    graph: &ClaimGraph,
    opts: &DotOptions,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut drawn = drawn_claims(graph);
    // One source for every claim: say it once, as the picture's title, not on each claim.
    let title = single_source(&mut drawn)
        .map(|source| format!(", label=\"{}\", labelloc=t, fontsize=14", escape(&source)))
        .unwrap_or_default();
    writeln!(out, "digraph claimgraph {{")?;
    writeln!(
        out,
        "  graph [rankdir={}, nodesep=0.2, ranksep=0.35, fontname=\"Helvetica\", fontsize=11{title}];",
        opts.rankdir.as_str()
    )?;
    writeln!(out, "  node [fontname=\"Helvetica\", fontsize=10];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    let columns = write_axis(&drawn, out)?;
    write_speakers(graph, &drawn, opts, out)?;
    // Each claim hangs from its day on the axis (an invisible edge), so the layout reads
    // left to right in time without rank=same across clusters.
    for d in &drawn {
        if let Some(axis) = columns.get(&d.column) {
            writeln!(
                out,
                "  {axis} -> {} [style=invis, weight=4];",
                graph.node_id(d.node)
            )?;
        }
    }
    write_links(graph, out)?;
    write_legend(out)?;
    writeln!(out, "}}")?;
    Ok(())
}

fn drawn_claims(graph: &ClaimGraph) -> Vec<Drawn<'_>> {
    let g = &graph.graph;
    let mut drawn = Vec::new();
    for idx in g.node_indices() {
        let Node::Claim(claim) = &g[idx] else {
            continue;
        };
        let mut via: Vec<(usize, String)> = Vec::new();
        let mut article = None;
        for e in g.edges_directed(idx, Direction::Outgoing) {
            match e.weight() {
                Edge::Via { order } => via.push((*order, g[e.target()].label())),
                Edge::ReportedIn => article = Some(e.target()),
                _ => {}
            }
        }
        via.sort();
        let published = article.and_then(|a| match &g[a] {
            Node::Article { published, .. } => *published,
            _ => None,
        });
        let source = article.map(|a| source_line(graph, a));
        let column = match (claim.said, published) {
            (Some(said), _) => Column::Said(crate::graph::day_of(said)),
            (None, Some(p)) => Column::OnOrBefore(crate::graph::day_of(p)),
            (None, None) => Column::Undated,
        };
        drawn.push(Drawn {
            node: idx,
            claim,
            via: via.into_iter().map(|(_, name)| name).collect(),
            source,
            column,
        });
    }
    drawn
}

/// The one source line every claim shares, taken off the claims; `None` when they differ.
fn single_source(drawn: &mut [Drawn<'_>]) -> Option<String> {
    let first = drawn.first()?.source.clone()?;
    if drawn
        .iter()
        .any(|d| d.source.as_deref() != Some(first.as_str()))
    {
        return None;
    }
    for d in drawn.iter_mut() {
        d.source = None;
    }
    Some(format!("Claims reported in {first}"))
}

/// "Outlet, 2016-12-12" for an article node (its id when it names no outlet).
fn source_line(graph: &ClaimGraph, article: NodeIndex) -> String {
    let g = &graph.graph;
    let outlet = graph.target(article, "published_by").map(|o| g[o].label());
    let (id, published) = match &g[article] {
        Node::Article {
            article_id,
            published,
            ..
        } => (article_id.clone(), *published),
        other => (other.label(), None),
    };
    match (outlet, published) {
        (Some(o), Some(p)) => format!("{o}, {}", crate::graph::day_of(p)),
        (Some(o), None) => o,
        (None, Some(p)) => format!("{id}, {}", crate::graph::day_of(p)),
        (None, None) => id,
    }
}

/// The time axis: one node per column, chained in time order. Returns each column's node.
fn write_axis(
    drawn: &[Drawn<'_>],
    out: &mut dyn Write,
) -> Result<BTreeMap<Column, String>, ExportError> {
    let columns: BTreeMap<Column, String> = drawn
        .iter()
        .map(|d| d.column.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, format!("t{i}")))
        .collect();
    for (column, id) in &columns {
        let dashed = !matches!(column, Column::Said(_));
        writeln!(
            out,
            "  {id} [shape=box, style=\"filled{}\", fillcolor=\"#eeeeee\", color=\"#999999\", fontsize=11, label=\"{}\"];",
            if dashed { ",dashed" } else { "" },
            escape(&column.label())
        )?;
    }
    let ids: Vec<&String> = columns.values().collect();
    for pair in ids.windows(2) {
        writeln!(
            out,
            "  {} -> {} [color=\"#999999\", penwidth=2, arrowhead=vee, minlen=2];",
            pair[0], pair[1]
        )?;
    }
    Ok(columns)
}

/// One box per speaker holding their claims.
fn write_speakers(
    graph: &ClaimGraph,
    drawn: &[Drawn<'_>],
    opts: &DotOptions,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let mut by_speaker: BTreeMap<String, Vec<&Drawn<'_>>> = BTreeMap::new();
    for d in drawn {
        by_speaker
            .entry(claimgraph_model::names::fold(&d.claim.speaker))
            .or_default()
            .push(d);
    }
    for (n, claims) in by_speaker.values().enumerate() {
        let first = claims[0].claim;
        let narrative = claims
            .iter()
            .all(|d| d.claim.claim_kind == ClaimKind::Narrative);
        let title = if narrative {
            format!("{} (the article's own account)", first.speaker)
        } else {
            first.speaker.clone()
        };
        writeln!(out, "  subgraph cluster_speaker_{n} {{")?;
        writeln!(
            out,
            "    graph [label=\"{}\", labeljust=l, style=\"rounded,filled\", fillcolor=\"#fafafa\", color=\"#bbbbbb\", fontcolor=\"#333333\", fontsize=12];",
            escape(&truncate(&title, opts.label_chars))
        )?;
        for d in claims {
            writeln!(
                out,
                "    {} [{}];",
                graph.node_id(d.node),
                claim_attributes(d, opts)
            )?;
        }
        writeln!(out, "  }}")?;
    }
    Ok(())
}

fn claim_attributes(d: &Drawn<'_>, opts: &DotOptions) -> String {
    let c = d.claim;
    // Word-segmented text joins a word's syllables with `_`; a picture shows them apart.
    let cue = c
        .cue
        .as_deref()
        .map(|cue| crate::one_line(cue).replace('_', " "))
        .unwrap_or_default();
    let head = if cue.is_empty() {
        c.stance.to_string()
    } else {
        format!("{} ({cue})", c.stance)
    };
    let mut lines = vec![head];
    lines.extend(wrap(
        &truncate(&crate::one_line(&c.text), opts.label_chars),
        opts.wrap_chars,
    ));
    if !d.via.is_empty() {
        lines.extend(wrap(&format!("via {}", d.via.join(" ← ")), opts.wrap_chars));
    }
    if let Some(source) = &d.source {
        lines.extend(wrap(&format!("in {source}"), opts.wrap_chars));
    }
    let style = match c.claim_kind {
        ClaimKind::Narrative => "rounded,filled,dashed",
        ClaimKind::Reported => "rounded,filled",
    };
    let mut tooltip = format!("{}: {}", c.speaker, c.text);
    if let Some(said) = c.said {
        tooltip.push_str(&format!(" [said {said}]"));
    }
    format!(
        "shape=box, style=\"{style}\", fillcolor=\"{}\", label=\"{}\", tooltip=\"{}\"",
        stance_fill(c.stance),
        escape(&lines.join("\n")),
        escape_tooltip(&tooltip)
    )
}

/// Denials, confirmations and answers between claims: the edges the picture is for.
fn write_links(graph: &ClaimGraph, out: &mut dyn Write) -> Result<(), ExportError> {
    let g = &graph.graph;
    for e in g.edge_references() {
        let (label, color, style) = match e.weight() {
            Edge::Denies => ("denies", "#c62828", "solid"),
            Edge::Supports => ("supports", "#2e7d32", "solid"),
            Edge::RespondsTo => ("answers", "#1565c0", "dashed"),
            _ => continue,
        };
        let target = e.target();
        if let Node::ExternalClaim { external_id } = &g[target] {
            // A claim outside the picture is named, not drawn as a hairball of its own.
            writeln!(
                out,
                "  {} [shape=box, style=\"rounded,dashed\", color=\"#888888\", fontcolor=\"#666666\", label=\"{}\"];",
                graph.node_id(target),
                escape(&format!("{external_id}\n(not in this picture)"))
            )?;
        }
        writeln!(
            out,
            "  {} -> {} [label=\"{label}\", color=\"{color}\", fontcolor=\"{color}\", style={style}, penwidth=2.5, constraint=false];",
            graph.node_id(e.source()),
            graph.node_id(target)
        )?;
    }
    Ok(())
}

/// A small key to the colours and edges.
fn write_legend(out: &mut dyn Write) -> Result<(), ExportError> {
    use claimgraph_model::Stance;
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(
        out,
        "    graph [label=\"Legend\", labeljust=l, style=\"rounded\", color=\"#cccccc\", fontcolor=\"#555555\", fontsize=10];"
    )?;
    writeln!(
        out,
        "    node [shape=box, style=\"rounded,filled\", fontsize=9, width=0, height=0];"
    )?;
    let entries = [
        ("l0", Stance::Assert, "asserts, confirms"),
        ("l1", Stance::Deny, "denies, declines to comment"),
        ("l2", Stance::Report, "reports"),
        ("l3", Stance::Propose, "proposes, asks"),
    ];
    for (id, stance, label) in entries {
        writeln!(
            out,
            "    {id} [fillcolor=\"{}\", label=\"{label}\"];",
            stance_fill(stance)
        )?;
    }
    writeln!(
        out,
        "    l4 [style=\"rounded,filled,dashed\", fillcolor=\"#ffffff\", label=\"the article's own account\"];"
    )?;
    writeln!(
        out,
        "    l1 -> l0 [label=\"denies\", color=\"#c62828\", fontcolor=\"#c62828\", penwidth=2.5];"
    )?;
    writeln!(
        out,
        "    l2 -> l3 [label=\"supports\", color=\"#2e7d32\", fontcolor=\"#2e7d32\", penwidth=2.5];"
    )?;
    writeln!(
        out,
        "    l4 -> l2 [label=\"answers\", color=\"#1565c0\", fontcolor=\"#1565c0\", style=dashed, penwidth=2.5];"
    )?;
    writeln!(out, "  }}")?;
    Ok(())
}
