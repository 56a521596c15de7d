//! Graphviz DOT of a [`ClaimGraph`], written by an emitter of its own: petgraph's `Dot`
//! passes attribute strings through raw, and every attribute here may carry article text.
//!
//! Safety rules: node ids are synthetic (`c12`, `a3`); every attribute value goes through
//! `escape` and is double-quoted; no URL attributes are emitted. Rendering (`--render`)
//! pipes the DOT to Graphviz's `dot` program.

use super::{control_picture, truncate, ExportError};
use crate::graph::{ClaimGraph, Edge, Node};
use claimgraph_model::{ActorKind, Stance, TimePoint};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::str::FromStr;

/// Layout direction: time runs left to right, or top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RankDir {
    /// Time runs left to right.
    #[default]
    LeftRight,
    /// Time runs top to bottom.
    TopBottom,
}

impl RankDir {
    /// Every direction with a one-line description.
    pub const CHOICES: &'static [(&'static str, &'static str)] = &[
        ("LR", "Time runs left to right"),
        ("TB", "Time runs top to bottom"),
    ];

    /// The direction as Graphviz writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RankDir::LeftRight => "LR",
            RankDir::TopBottom => "TB",
        }
    }
}

/// Which picture to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DotView {
    /// Claims on a time axis, boxed by speaker, with who denies or supports whom; relays,
    /// article and outlet written on each claim.
    #[default]
    Claims,
    /// Every node and edge of the claim graph: actors, articles, outlets, topics, times.
    Full,
}

impl DotView {
    /// Every view with a one-line description.
    pub const CHOICES: &'static [(&'static str, &'static str)] = &[
        (
            "claims",
            "Claims on a time axis by speaker, with denials and support",
        ),
        (
            "full",
            "The whole claim graph: actors, articles, outlets, topics, times",
        ),
    ];
}

impl FromStr for DotView {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "claims" => Ok(DotView::Claims),
            "full" => Ok(DotView::Full),
            _ => Err(format!("unknown view '{s}': expected claims or full")),
        }
    }
}

/// What claims are boxed together by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cluster {
    /// Each article with the claims it reports.
    Article,
    /// Each speaker with the claims they made.
    Speaker,
    /// No boxes.
    #[default]
    None,
}

impl Cluster {
    /// Every choice with a one-line description.
    pub const CHOICES: &'static [(&'static str, &'static str)] = &[
        ("article", "Each article with the claims it reports"),
        ("speaker", "Each speaker with the claims they made"),
        ("none", "No boxes"),
    ];
}

impl FromStr for Cluster {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "article" => Ok(Cluster::Article),
            "speaker" => Ok(Cluster::Speaker),
            "none" => Ok(Cluster::None),
            _ => Err(format!(
                "unknown cluster '{s}': expected article, speaker or none"
            )),
        }
    }
}

impl FromStr for RankDir {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "LR" => Ok(RankDir::LeftRight),
            "TB" => Ok(RankDir::TopBottom),
            _ => Err(format!("unknown direction '{s}': expected LR or TB")),
        }
    }
}

/// Image formats `--render` asks Graphviz for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    /// Scalable vector graphics.
    Svg,
    /// A bitmap.
    Png,
}

impl FromStr for RenderFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "svg" => Ok(RenderFormat::Svg),
            "png" => Ok(RenderFormat::Png),
            _ => Err(format!("unknown image format '{s}': expected svg or png")),
        }
    }
}

impl RenderFormat {
    /// Every image format with a one-line description.
    pub const CHOICES: &'static [(&'static str, &'static str)] =
        &[("svg", "Scalable vector graphics"), ("png", "A bitmap")];

    /// The format as Graphviz's `-T` names it.
    pub fn as_str(self) -> &'static str {
        match self {
            RenderFormat::Svg => "svg",
            RenderFormat::Png => "png",
        }
    }
}

/// How the picture is laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    /// Which picture: claims first (the default) or the full graph.
    pub view: DotView,
    /// Direction time runs in (Graphviz `rankdir`).
    pub rankdir: RankDir,
    /// What claims are boxed together by, if anything (the full view; the claims view
    /// always boxes by speaker).
    pub cluster: Cluster,
    /// Longest claim text shown in a label before it is cut with an ellipsis (the full
    /// text is in the tooltip).
    pub label_chars: usize,
    /// Characters per label line.
    pub wrap_chars: usize,
    /// Chain the time nodes in order (a dotted time axis).
    pub time_axis: bool,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            view: DotView::default(),
            rankdir: RankDir::default(),
            cluster: Cluster::default(),
            label_chars: 90,
            wrap_chars: 30,
            time_axis: true,
        }
    }
}

/// Escapes text for a double-quoted DOT label (node, edge or cluster) so Graphviz shows it
/// literally: backslash first (which also neutralizes Graphviz's own escapes `\N`, `\G`,
/// `\l`, `\L`, `\E`, `\T`, `\H`), then quotes; newlines become `\n`; `&` becomes `&amp;`
/// because Graphviz decodes entity references; control characters become visible symbols.
pub(crate) fn escape(text: &str) -> String {
    escape_with(text, "\\\\")
}

/// Escapes text for a `tooltip`. Graphviz unescapes tooltips once more than labels before
/// substituting `\N` and friends, so a backslash needs four backslashes to arrive as one
/// (checked against real Graphviz by `tests/library/export_hostile.rs`).
pub(crate) fn escape_tooltip(text: &str) -> String {
    escape_with(text, "\\\\\\\\")
}

/// Longest attribute value written, in bytes after escaping. Graphviz's scanner refuses a
/// quoted string longer than 16,384 bytes ("scanning a quoted string ... longer than
/// 16384?") and then the whole graph fails; the margin leaves room for the ellipsis.
pub(crate) const MAX_ATTRIBUTE_BYTES: usize = 16_000;

/// The one escaping routine behind `escape` and [`escape_tooltip`]; they differ only
/// in how a backslash is written. The result is at most [`MAX_ATTRIBUTE_BYTES`] long: a
/// longer text is cut before the first character whose escaped form would not fit, so the
/// cut falls on a character boundary and never splits an escape, and ends with `…`.
fn escape_with(text: &str, backslash: &str) -> String {
    const ELLIPSIS: char = '…';
    let budget = MAX_ATTRIBUTE_BYTES - ELLIPSIS.len_utf8();
    let mut out = String::with_capacity(text.len().min(MAX_ATTRIBUTE_BYTES) + 8);
    // Where the text would be cut, should it turn out too long.
    let mut cut: Option<usize> = None;
    let mut chars = text.chars().peekable();
    let mut piece = String::new();
    while let Some(c) = chars.next() {
        piece.clear();
        match c {
            '\\' => piece.push_str(backslash),
            '"' => piece.push_str("\\\""),
            '&' => piece.push_str("&amp;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => piece.push_str("\\n"),
            '\t' => piece.push(' '),
            c => match super::bidi_marker(c) {
                Some(marker) => piece.push_str(&marker),
                None => piece.push(control_picture(c).unwrap_or(c)),
            },
        }
        if cut.is_none() && out.len() + piece.len() > budget {
            cut = Some(out.len());
        }
        if out.len() + piece.len() > MAX_ATTRIBUTE_BYTES {
            // `cut` is set: the budget is below the maximum.
            out.truncate(cut.unwrap_or(out.len()));
            out.push(ELLIPSIS);
            break;
        }
        out.push_str(&piece);
    }
    out
}

/// Label lines escaped and joined with DOT's centred line break (the escaped newline), as
/// one value so the length cap covers the whole label.
fn label_lines(lines: &[String]) -> String {
    escape(&lines.join("\n"))
}

/// Splits text into lines of at most `width` characters at spaces (long words are cut).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub(crate) fn stance_fill(stance: Stance) -> &'static str {
    match stance {
        Stance::Assert | Stance::Confirm => "#fff2cc",
        Stance::Deny | Stance::RefuseComment => "#f8d7da",
        Stance::Report => "#e3ecfa",
        Stance::Propose | Stance::Question => "#ede3f6",
    }
}

/// The attribute list of a node (without brackets).
fn node_attributes(node: &Node, opts: &DotOptions) -> Vec<(&'static str, String)> {
    let quoted = |s: &str| format!("\"{s}\"");
    let mut attrs: Vec<(&'static str, String)> = Vec::new();
    match node {
        Node::Claim(c) => {
            let head = match c.claim_kind {
                claimgraph_model::ClaimKind::Narrative => format!("{} (narrative)", c.speaker),
                claimgraph_model::ClaimKind::Reported => format!("{} ({})", c.speaker, c.stance),
            };
            let text = super::one_line(&c.text);
            let mut lines = wrap(&head, opts.wrap_chars);
            lines.extend(wrap(&truncate(&text, opts.label_chars), opts.wrap_chars));
            let style = match c.claim_kind {
                claimgraph_model::ClaimKind::Narrative => "rounded,filled,dashed",
                claimgraph_model::ClaimKind::Reported => "rounded,filled",
            };
            let mut tooltip = format!("{} ", c.speaker);
            tooltip.push_str(c.cue.as_deref().unwrap_or(c.stance.as_str()));
            tooltip.push_str(": ");
            tooltip.push_str(&c.text);
            if let Some(said) = c.said {
                tooltip.push_str(&format!(" [said {said}]"));
            }
            if let Some(when) = c.when {
                tooltip.push_str(&format!(" [event {when}]"));
            }
            attrs.push(("shape", "box".into()));
            attrs.push(("style", quoted(style)));
            attrs.push(("fillcolor", quoted(stance_fill(c.stance))));
            attrs.push(("label", quoted(&label_lines(&lines))));
            attrs.push(("tooltip", quoted(&escape_tooltip(&tooltip))));
        }
        Node::Actor { name, actor_kind } => {
            let style = if *actor_kind == Some(ActorKind::Unknown) {
                "filled,dashed"
            } else {
                "filled"
            };
            let shape = match actor_kind {
                Some(ActorKind::Person) | Some(ActorKind::Unknown) | None => "ellipse",
                Some(ActorKind::Media) => "box3d",
                Some(_) => "hexagon",
            };
            let mut tooltip = name.clone();
            if let Some(kind) = actor_kind {
                tooltip.push_str(&format!(" ({kind})"));
            }
            attrs.push(("shape", shape.into()));
            attrs.push(("style", quoted(style)));
            attrs.push(("fillcolor", quoted("#d0e4f5")));
            attrs.push(("label", quoted(&label_lines(&wrap(name, opts.wrap_chars)))));
            attrs.push(("tooltip", quoted(&escape_tooltip(&tooltip))));
        }
        Node::Article {
            article_id,
            title,
            published,
        } => {
            let mut lines = wrap(
                &truncate(title.as_deref().unwrap_or(article_id), opts.label_chars),
                opts.wrap_chars,
            );
            if let Some(p) = published {
                lines.push(p.to_string());
            }
            let tooltip = format!(
                "{} [{}]",
                title.as_deref().unwrap_or(article_id),
                article_id
            );
            attrs.push(("shape", "note".into()));
            attrs.push(("style", quoted("filled")));
            attrs.push(("fillcolor", quoted("#fde9d9")));
            attrs.push(("label", quoted(&label_lines(&lines))));
            attrs.push(("tooltip", quoted(&escape_tooltip(&tooltip))));
        }
        Node::Outlet { name } => {
            attrs.push(("shape", "folder".into()));
            attrs.push(("style", quoted("filled")));
            attrs.push(("fillcolor", quoted("#f6c89f")));
            attrs.push(("label", quoted(&label_lines(&wrap(name, opts.wrap_chars)))));
            attrs.push(("tooltip", quoted(&escape_tooltip(name))));
        }
        Node::Topic { name } => {
            attrs.push(("shape", "tab".into()));
            attrs.push(("style", quoted("filled")));
            attrs.push(("fillcolor", quoted("#e6f4e0")));
            attrs.push(("label", quoted(&label_lines(&wrap(name, opts.wrap_chars)))));
            attrs.push(("tooltip", quoted(&escape_tooltip(name))));
        }
        Node::Time { label, .. } => {
            attrs.push(("shape", "cds".into()));
            attrs.push(("style", quoted("filled")));
            attrs.push(("fillcolor", quoted("#e7e7e7")));
            attrs.push(("label", quoted(&escape(label))));
        }
        Node::ExternalClaim { external_id } => {
            attrs.push(("shape", "box".into()));
            attrs.push(("style", quoted("rounded,dashed")));
            attrs.push(("color", quoted("#888888")));
            attrs.push(("fontcolor", quoted("#666666")));
            let lines = [external_id.clone(), "(not in this set)".to_string()];
            attrs.push(("label", quoted(&label_lines(&lines))));
            attrs.push(("tooltip", quoted(&escape_tooltip(external_id))));
        }
    }
    attrs
}

fn edge_attributes(edge: &Edge) -> Vec<(&'static str, String)> {
    let quoted = |s: &str| format!("\"{s}\"");
    let label = match edge {
        Edge::Via { order } => format!("via {}", order + 1),
        // The day sits in its claims' column: a label on that short flat edge only
        // crowds it (and trips Graphviz's flat-edge label routing).
        Edge::SaidAt => String::new(),
        other => other.kind().to_string(),
    };
    let mut attrs = Vec::new();
    if !label.is_empty() {
        attrs.push(("label", quoted(&escape(&label))));
    }
    let (color, style, penwidth) = match edge {
        Edge::Denies => ("#c62828", "solid", "2"),
        Edge::Supports => ("#2e7d32", "solid", "2"),
        Edge::RespondsTo => ("#1565c0", "dashed", "1.5"),
        Edge::MemberOf => ("#7f7f7f", "dotted", "1"),
        Edge::SaidAt | Edge::OccurredAt => ("#9e9e9e", "solid", "1"),
        Edge::Via { .. } => ("#5b7fa6", "solid", "1"),
        _ => ("#555555", "solid", "1"),
    };
    attrs.push(("color", quoted(color)));
    attrs.push(("fontcolor", quoted(color)));
    if style != "solid" {
        attrs.push(("style", quoted(style)));
    }
    if penwidth != "1" {
        attrs.push(("penwidth", penwidth.to_string()));
    }
    // Links between claims run against time as often as with it; they must not move
    // claims off their day's rank.
    if matches!(edge, Edge::Denies | Edge::Supports | Edge::RespondsTo) {
        attrs.push(("constraint", "false".into()));
    }
    attrs
}

fn write_attributes(out: &mut dyn Write, attrs: &[(&'static str, String)]) -> std::io::Result<()> {
    let joined = attrs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ");
    write!(out, "[{joined}]")
}

/// Writes the graph as DOT, in the view `opts` asks for.
pub fn write_dot(
    graph: &ClaimGraph,
    opts: &DotOptions,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    match opts.view {
        DotView::Claims => crate::claims_dot::write_claims_dot(graph, opts, out),
        DotView::Full => write_full_dot(graph, opts, out),
    }
}

/// The full graph: every node and edge.
fn write_full_dot(
    graph: &ClaimGraph,
    opts: &DotOptions,
    out: &mut dyn Write,
) -> Result<(), ExportError> {
    let g = &graph.graph;
    writeln!(out, "digraph claimgraph {{")?;
    writeln!(
        out,
        "  graph [rankdir={}, newrank=true, nodesep=0.25, ranksep=0.6, fontname=\"Helvetica\", fontsize=11];",
        opts.rankdir.as_str()
    )?;
    writeln!(out, "  node [fontname=\"Helvetica\", fontsize=10];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=8];")?;

    // Cluster membership: claims (and the article or speaker node itself) by cluster head.
    let mut clusters: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
    if opts.cluster != Cluster::None {
        let kind = match opts.cluster {
            Cluster::Article => "reported_in",
            _ => "said_by",
        };
        for idx in g.node_indices() {
            if matches!(g[idx], Node::Claim(_)) {
                if let Some(head) = graph.target(idx, kind) {
                    clusters.entry(head).or_default().push(idx);
                }
            }
        }
    }
    let clustered: std::collections::HashSet<NodeIndex> = clusters
        .iter()
        .flat_map(|(head, members)| std::iter::once(*head).chain(members.iter().copied()))
        .collect();

    for (n, (head, members)) in clusters.iter().enumerate() {
        writeln!(out, "  subgraph cluster_{n} {{")?;
        writeln!(
            out,
            "    graph [label=\"{}\", style=\"rounded\", color=\"#bbbbbb\", fontcolor=\"#555555\"];",
            escape(&truncate(&g[*head].label(), opts.label_chars))
        )?;
        for idx in std::iter::once(head).chain(members.iter()) {
            write!(out, "    {} ", graph.node_id(*idx))?;
            write_attributes(out, &node_attributes(&g[*idx], opts))?;
            writeln!(out, ";")?;
        }
        writeln!(out, "  }}")?;
    }
    for idx in g.node_indices().filter(|i| !clustered.contains(i)) {
        write!(out, "  {} ", graph.node_id(idx))?;
        write_attributes(out, &node_attributes(&g[idx], opts))?;
        writeln!(out, ";")?;
    }

    // Claims said the same day share a rank with that day's time node: with newrank,
    // across clusters too.
    let mut by_day: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
    for idx in g.node_indices() {
        if matches!(g[idx], Node::Claim(_)) {
            // A claim with no said time (narration) sits with its event time instead.
            let day = graph
                .target(idx, "said_at")
                .or_else(|| graph.target(idx, "occurred_at"));
            if let Some(day) = day {
                by_day.entry(day).or_default().push(idx);
            }
        }
    }
    for (day, claims) in &by_day {
        let ids: Vec<String> = std::iter::once(day)
            .chain(claims.iter())
            .map(|i| graph.node_id(*i))
            .collect();
        writeln!(out, "  {{ rank=same; {}; }}", ids.join("; "))?;
    }

    for e in g.edge_references() {
        write!(
            out,
            "  {} -> {} ",
            graph.node_id(e.source()),
            graph.node_id(e.target())
        )?;
        write_attributes(out, &edge_attributes(e.weight()))?;
        writeln!(out, ";")?;
    }

    if opts.time_axis {
        let mut times: Vec<(TimePoint, NodeIndex)> = g
            .node_indices()
            .filter_map(|i| match &g[i] {
                Node::Time { point: Some(p), .. } => Some((*p, i)),
                _ => None,
            })
            .collect();
        times.sort();
        for pair in times.windows(2) {
            writeln!(
                out,
                "  {} -> {} [style=\"dotted\", color=\"#bdbdbd\", arrowhead=\"none\", weight=4];",
                graph.node_id(pair[0].1),
                graph.node_id(pair[1].1)
            )?;
        }
    }
    writeln!(out, "}}")?;
    Ok(())
}

/// Renders DOT to an image file with Graphviz's `dot`.
pub fn render(dot_source: &[u8], format: RenderFormat, output: &Path) -> Result<(), ExportError> {
    render_with("dot", dot_source, format, output)
}

/// Renders with a given Graphviz program (a path or a name looked up on `PATH`).
pub(crate) fn render_with(
    program: &str,
    dot_source: &[u8],
    format: RenderFormat,
    output: &Path,
) -> Result<(), ExportError> {
    let spawned = Command::new(program)
        .arg(format!("-T{}", format.as_str()))
        .arg("-o")
        .arg(output)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ExportError::GraphvizMissing {
                program: program.to_string(),
            })
        }
        Err(e) => return Err(ExportError::Io(e)),
    };
    if let Some(mut stdin) = child.stdin.take() {
        // Graphviz stops reading at a syntax error; its message, not our broken pipe, says
        // what went wrong.
        match stdin.write_all(dot_source) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other?,
        }
    }
    let result = child.wait_with_output()?;
    if !result.status.success() {
        return Err(ExportError::Graphviz {
            program: program.to_string(),
            status: result.status.to_string(),
            stderr: String::from_utf8_lossy(&result.stderr).trim().to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralizes_quotes_backslashes_and_graphviz_escapes() {
        assert_eq!(escape(r#"a "b" \N \l"#), r#"a \"b\" \\N \\l"#);
        assert_eq!(escape("x\r\ny\nz"), "x\\ny\\nz");
        assert_eq!(escape("a&b\u{1}"), "a&amp;b\u{2401}");
        // A trailing backslash cannot swallow the closing quote.
        assert_eq!(escape("end\\"), "end\\\\");
        assert_eq!(escape_tooltip(r"a\N"), r"a\\\\N");
    }

    #[test]
    fn long_values_are_cut_after_escaping_on_a_boundary() {
        let short = "ẩn".repeat(100);
        assert_eq!(escape(&short), short);
        // Exactly at the limit: kept whole.
        let exact = "a".repeat(MAX_ATTRIBUTE_BYTES);
        assert_eq!(escape(&exact), exact);
        for text in [
            "ẩn & ".repeat(10_000),
            "\\".repeat(10_000),
            format!("{}\"tail", "x".repeat(MAX_ATTRIBUTE_BYTES - 2)),
        ] {
            for escaped in [escape(&text), escape_tooltip(&text)] {
                assert!(escaped.len() <= MAX_ATTRIBUTE_BYTES, "{}", escaped.len());
                assert!(escaped.ends_with('…'));
                // No dangling backslash: the run of backslashes before the ellipsis is even.
                let body = escaped.trim_end_matches('…');
                let trailing = body.len() - body.trim_end_matches('\\').len();
                assert_eq!(trailing % 2, 0, "{}", &body[body.len() - 8..]);
                assert!(!body.ends_with("&am"));
            }
        }
    }

    #[test]
    fn wrap_respects_width_and_cuts_long_words() {
        let lines = wrap("aaaa bbbb cccc dddddddddddddddddddd", 10);
        assert!(lines.iter().all(|l| l.chars().count() <= 10), "{lines:?}");
        assert_eq!(lines[0], "aaaa bbbb");
    }

    #[test]
    fn a_missing_graphviz_says_how_to_install_it() {
        let out = std::env::temp_dir().join("claimgraph-missing-dot.svg");
        let err = render_with(
            "claimgraph-no-such-dot-program",
            b"digraph {}",
            RenderFormat::Svg,
            &out,
        );
        match err {
            Err(e @ ExportError::GraphvizMissing { .. }) => {
                assert!(e.to_string().contains("apt-get install graphviz"))
            }
            other => panic!("expected GraphvizMissing, got {other:?}"),
        }
    }
}
