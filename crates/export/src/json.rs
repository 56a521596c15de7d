//! JSON of a [`ClaimGraph`] for programs: `{"nodes": [...], "edges": [...]}`. A node is
//! `{"id", "kind", "label", ...attributes}` (all strings); an edge is `{"id", "source",
//! "target", "kind"}` plus `"order"` (a number) on `via` edges.

use super::ExportError;
use crate::graph::{ClaimGraph, Edge};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde_json::Value;
use std::io::Write;

/// Writes the graph as one JSON object, one node or edge per line.
pub fn write_graph_json(graph: &ClaimGraph, out: &mut dyn Write) -> Result<(), ExportError> {
    let g = &graph.graph;
    writeln!(out, "{{\"nodes\": [")?;
    for (n, idx) in g.node_indices().enumerate() {
        // Written by hand rather than through a map so `id` and `kind` lead each object.
        let sep = if n == 0 { "" } else { ",\n" };
        write!(out, "{sep}  {{\"id\":{}", Value::String(graph.node_id(idx)))?;
        for (name, value) in g[idx].attributes() {
            write!(out, ",\"{name}\":{}", Value::String(value))?;
        }
        write!(out, "}}")?;
    }
    writeln!(out, "\n], \"edges\": [")?;
    for (n, e) in g.edge_references().enumerate() {
        let sep = if n == 0 { "" } else { ",\n" };
        write!(
            out,
            "{sep}  {{\"id\":\"e{n}\",\"source\":\"{}\",\"target\":\"{}\",\"kind\":\"{}\"",
            graph.node_id(e.source()),
            graph.node_id(e.target()),
            e.weight().kind()
        )?;
        if let Edge::Via { order } = e.weight() {
            write!(out, ",\"order\":{order}")?;
        }
        write!(out, "}}")?;
    }
    writeln!(out, "\n]}}")?;
    Ok(())
}
