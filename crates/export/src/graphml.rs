//! GraphML of a [`ClaimGraph`], for Gephi, Cytoscape and yEd: every attribute declared
//! once with `<key>`, every value XML-escaped, node ids synthetic.

use super::{escape_html, ExportError};
use crate::graph::{ClaimGraph, Edge, NODE_ATTRIBUTES};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::io::Write;

/// Writes the graph as GraphML.
pub fn write_graphml(graph: &ClaimGraph, out: &mut dyn Write) -> Result<(), ExportError> {
    let g = &graph.graph;
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
    for idx in g.node_indices() {
        writeln!(out, r#"    <node id="{}">"#, graph.node_id(idx))?;
        for (name, value) in g[idx].attributes() {
            writeln!(
                out,
                r#"      <data key="n_{name}">{}</data>"#,
                escape_html(&value)
            )?;
        }
        writeln!(out, "    </node>")?;
    }
    for (n, e) in g.edge_references().enumerate() {
        writeln!(
            out,
            r#"    <edge id="e{n}" source="{}" target="{}">"#,
            graph.node_id(e.source()),
            graph.node_id(e.target())
        )?;
        writeln!(
            out,
            r#"      <data key="e_kind">{}</data>"#,
            e.weight().kind()
        )?;
        if let Edge::Via { order } = e.weight() {
            writeln!(out, r#"      <data key="e_order">{order}</data>"#)?;
        }
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}
