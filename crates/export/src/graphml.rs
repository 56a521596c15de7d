//! GraphML of a [`ClaimGraph`], for Gephi, Cytoscape and yEd: every attribute declared
//! once with `<key>`, every value XML-escaped, node ids synthetic.
//!
//! The head, node, edge and tail writers are shared with the streamed export
//! ([`crate::graph_stream`]), so both write the same elements for the same node or edge.

use super::{escape_html, ExportError};
use crate::graph::{ClaimGraph, Edge, Node, NODE_ATTRIBUTES};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::io::Write;

/// Writes the graph as GraphML.
pub fn write_graphml(graph: &ClaimGraph, out: &mut dyn Write) -> Result<(), ExportError> {
    let g = &graph.graph;
    write_head(out)?;
    for idx in g.node_indices() {
        write_node(out, &graph.node_id(idx), &g[idx])?;
    }
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

/// The XML declaration, the key declarations and the opening `<graph>`.
pub(crate) fn write_head(out: &mut dyn Write) -> Result<(), ExportError> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for name in NODE_ATTRIBUTES {
        writeln!(
            out,
            r#"  <key id="n_{name}" for="node" attr.name="{name}" attr.type="string"/>"#
        )?;
    }
    writeln!(
        out,
        r#"  <key id="e_kind" for="edge" attr.name="kind" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="e_order" for="edge" attr.name="order" attr.type="int"/>"#
    )?;
    writeln!(out, r#"  <graph id="claimgraph" edgedefault="directed">"#)?;
    Ok(())
}

/// One `<node>` with its attributes.
pub(crate) fn write_node(out: &mut dyn Write, id: &str, node: &Node) -> Result<(), ExportError> {
    writeln!(out, r#"    <node id="{id}">"#)?;
    for (name, value) in node.attributes() {
        writeln!(
            out,
            r#"      <data key="n_{name}">{}</data>"#,
            escape_html(&value)
        )?;
    }
    writeln!(out, "    </node>")?;
    Ok(())
}

/// The `n`th `<edge>` (its id is `e{n}`).
pub(crate) fn write_edge(
    out: &mut dyn Write,
    n: usize,
    source: &str,
    target: &str,
    edge: &Edge,
) -> Result<(), ExportError> {
    writeln!(
        out,
        r#"    <edge id="e{n}" source="{source}" target="{target}">"#
    )?;
    writeln!(out, r#"      <data key="e_kind">{}</data>"#, edge.kind())?;
    if let Edge::Via { order } = edge {
        writeln!(out, r#"      <data key="e_order">{order}</data>"#)?;
    }
    writeln!(out, "    </edge>")?;
    Ok(())
}

/// Closes `<graph>` and `<graphml>`.
pub(crate) fn write_tail(out: &mut dyn Write) -> Result<(), ExportError> {
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}
