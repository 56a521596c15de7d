//! JSON of a [`ClaimGraph`] for programs: `{"nodes": [...], "edges": [...]}`. A node is
//! `{"id", "kind", "label", ...attributes}` (all strings); an edge is `{"id", "source",
//! "target", "kind"}` plus `"order"` (a number) on `via` edges.
//!
//! The pieces are shared with the streamed export ([`crate::graph_stream`]), so both write
//! the same objects for the same node or edge.

use super::ExportError;
use crate::graph::{ClaimGraph, Edge, Node};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde_json::Value;
use std::io::Write;

/// Writes the graph as one JSON object, one node or edge per line.
pub fn write_graph_json(graph: &ClaimGraph, out: &mut dyn Write) -> Result<(), ExportError> {
    let g = &graph.graph;
    write_nodes_head(out)?;
    for (n, idx) in g.node_indices().enumerate() {
        write_node(out, n == 0, &graph.node_id(idx), &g[idx])?;
    }
    write_edges_head(out)?;
    for (n, e) in g.edge_references().enumerate() {
        write_edge(
            out,
            n,
            &graph.node_id(e.source()),
            &graph.node_id(e.target()),
            e.weight(),
        )?;
    }
    write_tail(out)
}

/// Opens the object and the `nodes` array.
pub(crate) fn write_nodes_head(out: &mut dyn Write) -> Result<(), ExportError> {
    writeln!(out, "{{\"nodes\": [")?;
    Ok(())
}

/// One node object on its own line; `first` leaves out the separating comma.
pub(crate) fn write_node(
    out: &mut dyn Write,
    first: bool,
    id: &str,
    node: &Node,
) -> Result<(), ExportError> {
    // Written by hand rather than through a map so `id` and `kind` lead each object.
    let sep = if first { "" } else { ",\n" };
    write!(out, "{sep}  {{\"id\":{}", Value::String(id.to_string()))?;
    for (name, value) in node.attributes() {
        write!(out, ",\"{name}\":{}", Value::String(value))?;
    }
    write!(out, "}}")?;
    Ok(())
}

/// Closes `nodes` and opens `edges`.
pub(crate) fn write_edges_head(out: &mut dyn Write) -> Result<(), ExportError> {
    writeln!(out, "\n], \"edges\": [")?;
    Ok(())
}

/// The `n`th edge object (its id is `e{n}`; the first one has no separating comma).
pub(crate) fn write_edge(
    out: &mut dyn Write,
    n: usize,
    source: &str,
    target: &str,
    edge: &Edge,
) -> Result<(), ExportError> {
    let sep = if n == 0 { "" } else { ",\n" };
    write!(
        out,
        "{sep}  {{\"id\":\"e{n}\",\"source\":\"{source}\",\"target\":\"{target}\",\"kind\":\"{}\"",
        edge.kind()
    )?;
    if let Edge::Via { order } = edge {
        write!(out, ",\"order\":{order}")?;
    }
    write!(out, "}}")?;
    Ok(())
}

/// Closes `edges` and the object.
pub(crate) fn write_tail(out: &mut dyn Write) -> Result<(), ExportError> {
    writeln!(out, "\n]}}")?;
    Ok(())
}
