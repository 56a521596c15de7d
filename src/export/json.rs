//! JSON of a [`ClaimGraph`] for programs: `{"nodes": [...], "edges": [...]}`. A node is
//! `{"id", "kind", "label", ...attributes}` (all strings); an edge is `{"id", "source",
//! "target", "kind"}` plus `"order"` (a number) on `via` edges.

use super::ExportError;
use crate::graph::{ClaimGraph, Edge};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde_json::{Map, Value};
use std::io::Write;

/// Writes the graph as one JSON object, one node or edge per line.
pub fn write_graph_json(graph: &ClaimGraph, out: &mut dyn Write) -> Result<(), ExportError> {
    let g = &graph.graph;
    writeln!(out, "{{\"nodes\": [")?;
    for (n, idx) in g.node_indices().enumerate() {
        let mut obj = Map::new();
        obj.insert("id".into(), Value::String(graph.node_id(idx)));
        for (name, value) in g[idx].attributes() {
            obj.insert(name.into(), Value::String(value));
        }
        let sep = if n == 0 { "" } else { ",\n" };
        write!(out, "{sep}  {}", Value::Object(obj))?;
    }
    writeln!(out, "\n], \"edges\": [")?;
    for (n, e) in g.edge_references().enumerate() {
        let mut obj = Map::new();
        obj.insert("id".into(), Value::String(format!("e{n}")));
        obj.insert("source".into(), Value::String(graph.node_id(e.source())));
        obj.insert("target".into(), Value::String(graph.node_id(e.target())));
        obj.insert("kind".into(), Value::String(e.weight().kind().into()));
        if let Edge::Via { order } = e.weight() {
            obj.insert("order".into(), Value::from(*order));
        }
        let sep = if n == 0 { "" } else { ",\n" };
        write!(out, "{sep}  {}", Value::Object(obj))?;
    }
    writeln!(out, "\n]}}")?;
    Ok(())
}
