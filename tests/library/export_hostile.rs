//! Hostile text in every field: the DOT must be accepted by real Graphviz with the text
//! intact, and GraphML, JSON and the timelines must keep it inert.

use crate::common;

use claimgraph_export::dot::{
    render, write_dot, Cluster, DotOptions, DotView, RankDir, RenderFormat,
};
use claimgraph_export::graph::{ClaimGraph, GraphContext};
use claimgraph_export::graphml::write_graphml;
use claimgraph_export::json::write_graph_json;
use claimgraph_export::timeline::{write_timeline, TimelineFormat, TimelineOptions};
use claimgraph_model::{ActorKind, ClaimLink, ClaimView, LinkKind, Stance};
use common::sample::{aleppo, claim_view};
use std::process::Command;

const HOSTILE: [&str; 10] = [
    r#"He said "no" \N \G \l \L \E \T \H done"#,
    r"back\slash\\ and trailing\",
    "{braces} [brackets] -> a -- b; c=d",
    "<b>bold</b> <script>alert(1)</script> &amp; &lt; & AT&T",
    "line one\nline two\r\nline three",
    "bell\u{7} escape\u{1b} nul\u{0} del\u{7f} c1\u{85}",
    "emoji 🚀 👍🏽 and ẩn danh",
    "\"}; digraph evil { x -> y; label=\"",
    "\\",
    "\"",
];

/// What a reader should see for `text`: control characters as visible symbols, line
/// breaks as they are.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' => {
                char::from_u32(0x2400 + c as u32).unwrap()
            }
            '\u{7f}' => '\u{2421}',
            '\u{80}'..='\u{9f}' => '\u{fffd}',
            c => c,
        })
        .collect()
}

fn hostile_claims() -> Vec<ClaimView> {
    let mut claims = aleppo();
    for (n, text) in HOSTILE.iter().enumerate() {
        let mut c = claim_view(9, n as u16, text, ActorKind::Person, Stance::Deny, text);
        c.cue = Some(text.to_string());
        c.via = vec![format!("relay {text}")];
        c.about = vec![format!("topic {text}")];
        c.article_title = Some(format!("title {text}"));
        c.publisher = Some(format!("outlet {text}"));
        c.links = vec![
            ClaimLink {
                kind: LinkKind::Denies,
                target: claims[0].external_id.clone(),
                target_id: Some(claims[0].id),
            },
            ClaimLink {
                kind: LinkKind::Supports,
                target: format!("outside {text}"),
                target_id: None,
            },
        ];
        c.article_id = format!("art {text}");
        claims.push(c);
    }
    claims
}

fn have_dot() -> bool {
    Command::new("dot").arg("-V").output().is_ok()
}

/// Undoes the XML escaping Graphviz writes.
fn xml_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The values of every `xlink:title` attribute (where Graphviz puts tooltips) and the
/// contents of every `<text>` element, unescaped.
fn svg_strings(svg: &str) -> (Vec<String>, Vec<String>) {
    let mut titles = Vec::new();
    for part in svg.split("xlink:title=\"").skip(1) {
        if let Some(end) = part.find('"') {
            titles.push(xml_unescape(&part[..end]));
        }
    }
    let mut texts = Vec::new();
    for part in svg.split("<text").skip(1) {
        if let (Some(open), Some(close)) = (part.find('>'), part.find("</text>")) {
            texts.push(xml_unescape(&part[open + 1..close]));
        }
    }
    (titles, texts)
}

/// Node statements of a DOT text as written by the exports: one per line, an id and `[`.
fn node_statements(dot: &str) -> usize {
    dot.lines()
        .map(str::trim)
        .filter_map(|l| l.split_once(" ["))
        .filter(|(id, _)| !id.contains("->") && !matches!(*id, "graph" | "node" | "edge"))
        .count()
}

#[test]
fn graphviz_accepts_hostile_dot_and_keeps_the_text() {
    if !have_dot() {
        common::skip("(apt-get install graphviz): Graphviz `dot` is not installed");
        return;
    }
    let graph = ClaimGraph::from_claims(&hostile_claims(), &GraphContext::default());
    let dir = tempfile::tempdir().unwrap();
    let pictures = [
        (DotView::Full, Cluster::None),
        (DotView::Full, Cluster::Article),
        (DotView::Full, Cluster::Speaker),
        (DotView::Claims, Cluster::None),
    ];
    for (n, (view, cluster)) in pictures.into_iter().enumerate() {
        let opts = DotOptions {
            view,
            cluster,
            rankdir: if n == 1 {
                RankDir::TopBottom
            } else {
                RankDir::LeftRight
            },
            ..DotOptions::default()
        };
        let mut dot = Vec::new();
        write_dot(&graph, &opts, &mut dot).unwrap();
        let svg_path = dir.path().join(format!("hostile-{n}.svg"));
        render(&dot, RenderFormat::Svg, &svg_path)
            .unwrap_or_else(|e| panic!("{cluster:?}: {e}\n{}", String::from_utf8_lossy(&dot)));
        let svg = std::fs::read_to_string(&svg_path).unwrap();

        // Exactly the nodes we wrote: no text escaped into DOT syntax.
        if view == DotView::Full {
            assert_eq!(
                svg.matches("class=\"node\"").count(),
                graph.graph.node_count()
            );
            assert_eq!(
                svg.matches("class=\"edge\"").count(),
                graph.graph.edge_count() + count_axis(&dot)
            );
        } else {
            assert_eq!(
                svg.matches("class=\"node\"").count(),
                node_statements(&String::from_utf8_lossy(&dot)),
                "claims view: one node per claim, axis day and legend entry"
            );
        }
        for title in svg
            .split("<title>")
            .skip(1)
            .filter_map(|t| t.split("</title>").next())
        {
            let title = xml_unescape(title);
            let synthetic = |id: &str| {
                id.len() > 1
                    && id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id[1..].bytes().all(|b| b.is_ascii_digit())
            };
            let ok = title == "claimgraph"
                || title.starts_with("cluster_")
                || title.split("->").all(synthetic);
            assert!(ok, "text leaked into a graph, node or edge id: {title:?}");
        }
        assert!(
            !svg.chars()
                .any(|c| c < ' ' && c != '\n' && c != '\t' && c != '\r'),
            "raw control characters make the SVG invalid XML"
        );

        let (titles, texts) = svg_strings(&svg);
        for text in HOSTILE {
            let shown = visible(text).replace("\r\n", "\n");
            // Full text in the claim's tooltip.
            assert!(
                titles.iter().any(|t| t.contains(&shown)),
                "{cluster:?}: tooltip lost {text:?}\ntitles: {titles:#?}"
            );
            // Every label line the text was wrapped into appears literally.
            for word in shown.split_whitespace().filter(|w| w.chars().count() < 20) {
                assert!(
                    texts.iter().any(|t| t.contains(word)),
                    "{cluster:?}: label lost {word:?} of {text:?}"
                );
            }
        }
        // Graphviz escapes stayed literal: no node shows its own id in place of `\N`.
        assert!(texts.iter().any(|t| t.contains(r"\N")));
        assert!(texts.iter().any(|t| t.contains(r"\l")));
    }
}

fn count_axis(dot: &[u8]) -> usize {
    String::from_utf8_lossy(dot)
        .matches("arrowhead=\"none\"")
        .count()
}

#[test]
fn graphml_and_json_keep_hostile_text_inert_and_intact() {
    let claims = hostile_claims();
    let graph = ClaimGraph::from_claims(&claims, &GraphContext::default());

    let mut xml = Vec::new();
    write_graphml(&graph, &mut xml).unwrap();
    let xml = String::from_utf8(xml).unwrap();
    assert!(!xml.contains("<script"));
    assert!(!xml.contains("<b>"));
    assert!(!xml
        .chars()
        .any(|c| c < ' ' && c != '\n' && c != '\t' && c != '\r'));
    assert_eq!(xml.matches("<node ").count(), graph.graph.node_count());
    for text in HOSTILE {
        let escaped = claimgraph_export::escape_html(&visible(text)).into_owned();
        assert!(xml.contains(&escaped), "GraphML lost {text:?}");
    }
    if Command::new("xmllint").arg("--version").output().is_ok() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.graphml");
        std::fs::write(&path, &xml).unwrap();
        let status = Command::new("xmllint")
            .arg("--noout")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success(), "xmllint rejects the GraphML");
    }

    let mut json = Vec::new();
    write_graph_json(&graph, &mut json).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let labels: Vec<&str> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["label"].as_str())
        .collect();
    for text in HOSTILE {
        assert!(labels.contains(&text), "JSON lost {text:?}");
    }
}

#[test]
fn timelines_of_hostile_text_stay_well_formed() {
    let claims = hostile_claims();
    for format in [
        TimelineFormat::Md,
        TimelineFormat::Csv,
        TimelineFormat::Json,
        TimelineFormat::Timelinejs,
        TimelineFormat::Html,
    ] {
        let opts = TimelineOptions {
            format,
            title: Some(HOSTILE[3].to_string()),
            ..TimelineOptions::default()
        };
        let mut out = Vec::new();
        write_timeline(&claims, &opts, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        match format {
            TimelineFormat::Json | TimelineFormat::Timelinejs => {
                serde_json::from_str::<serde_json::Value>(&text).unwrap();
            }
            TimelineFormat::Csv => {
                let mut reader = csv::Reader::from_reader(text.as_bytes());
                let rows: Vec<csv::StringRecord> =
                    reader.records().collect::<Result<_, _>>().unwrap();
                assert_eq!(rows.len(), claims.len());
                let speakers: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
                for h in HOSTILE {
                    assert!(speakers.contains(&h), "CSV lost {h:?}");
                }
            }
            TimelineFormat::Html => {
                assert!(!text.contains("<script>"));
                assert!(!text.contains("<b>bold"));
            }
            TimelineFormat::Md => {
                assert!(!text.contains("<script>"));
                // Every claim is one bullet line: newlines in text cannot start new blocks.
                let bullets = text.lines().filter(|l| l.starts_with("- **")).count();
                assert_eq!(bullets, claims.len());
            }
        }
    }
}

/// Every double-quoted string of a DOT text, as written (escapes kept), by byte length.
fn quoted_lengths(dot: &str) -> Vec<usize> {
    let mut lengths = Vec::new();
    let mut chars = dot.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut end = dot.len();
        while let Some((j, d)) = chars.next() {
            match d {
                '\\' => {
                    chars.next();
                }
                '"' => {
                    end = j;
                    break;
                }
                _ => {}
            }
        }
        lengths.push(end - i - 1);
    }
    lengths
}

#[test]
fn graphviz_accepts_claims_longer_than_its_string_limit() {
    // Graphviz refuses a run of more than 16,384 bytes in a quoted string; escaping grows
    // the text (`&` becomes `&amp;`) and multi-byte letters count by byte. A backslash in
    // the middle must not end up split from what it escapes.
    let mut long = "ẩn danh & the rebels ".repeat(1500);
    long.insert_str(15_990, "\\\"\\");
    assert!(long.len() > 30_000);
    let mut claims = aleppo();
    let mut c = claim_view(9, 0, &long, ActorKind::Person, Stance::Assert, &long);
    c.about = vec![long.clone()];
    c.article_title = Some(long.clone());
    claims.push(c);
    let graph = ClaimGraph::from_claims(&claims, &GraphContext::default());
    for (view, cluster) in [
        (DotView::Full, Cluster::None),
        (DotView::Full, Cluster::Speaker),
        (DotView::Claims, Cluster::None),
    ] {
        let opts = DotOptions {
            view,
            cluster,
            ..DotOptions::default()
        };
        let mut dot = Vec::new();
        write_dot(&graph, &opts, &mut dot).unwrap();
        let text = String::from_utf8(dot.clone()).unwrap();
        let longest = quoted_lengths(&text).into_iter().max().unwrap_or(0);
        assert!(longest <= 16_384, "a quoted string of {longest} bytes");
        assert!(text.contains('…'), "a cut string ends in an ellipsis");
        if !have_dot() {
            common::skip(
                "the render check (apt-get install graphviz): Graphviz `dot` is not installed",
            );
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let svg_path = dir.path().join("long.svg");
        render(&dot, RenderFormat::Svg, &svg_path)
            .unwrap_or_else(|e| panic!("{cluster:?}: Graphviz refused the DOT: {e}"));
        let svg = std::fs::read_to_string(&svg_path).unwrap();
        assert!(svg.contains("ẩn"));
    }
}

/// Bidirectional formatting characters: a right-to-left override makes
/// `invoice`, U+202E, `fdp.exe` read as `invoiceexe.pdf`.
const BIDI: &str = "invoice\u{202e}fdp.exe \u{202a}a\u{202b}b\u{202c}\u{202d}c \u{2066}d\u{2067}e\u{2068}f\u{2069} \u{200e}\u{200f}\u{61c}";

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

#[test]
fn bidi_overrides_are_visible_in_text_formats_isolated_in_html_and_exact_in_json() {
    let mut claims = aleppo();
    let mut c = claim_view(9, 0, BIDI, ActorKind::Person, Stance::Assert, BIDI);
    c.article_title = Some(BIDI.to_string());
    claims.push(c);
    for format in [
        TimelineFormat::Md,
        TimelineFormat::Csv,
        TimelineFormat::Json,
        TimelineFormat::Html,
    ] {
        let opts = TimelineOptions {
            format,
            ..TimelineOptions::default()
        };
        let mut out = Vec::new();
        write_timeline(&claims, &opts, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        match format {
            TimelineFormat::Md | TimelineFormat::Csv => {
                assert!(
                    !text.chars().any(is_bidi),
                    "{format:?} passes bidi controls on"
                );
                assert!(
                    text.contains("invoice⟨U+202E⟩fdp.exe"),
                    "{format:?}: {text}"
                );
                assert!(text.contains("⟨U+2066⟩d⟨U+2067⟩e⟨U+2068⟩f⟨U+2069⟩"));
                assert!(text.contains("⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩"));
            }
            TimelineFormat::Json => {
                let v: serde_json::Value = serde_json::from_str(&text).unwrap();
                let texts: Vec<&str> = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|e| e["text"].as_str())
                    .collect();
                assert!(texts.contains(&BIDI), "JSON keeps text exact");
            }
            _ => {
                // Each user text with a control sits in its own isolate.
                assert!(
                    text.contains("<bdi>invoice\u{202e}fdp.exe"),
                    "HTML isolates user text"
                );
                for line in text.lines().filter(|l| l.chars().any(is_bidi)) {
                    let open = line.matches("<bdi>").count();
                    assert!(open > 0 && open == line.matches("</bdi>").count(), "{line}");
                }
            }
        }
    }
    let graph = ClaimGraph::from_claims(&claims, &GraphContext::default());
    let mut dot = Vec::new();
    write_dot(&graph, &DotOptions::default(), &mut dot).unwrap();
    let dot = String::from_utf8(dot).unwrap();
    assert!(!dot.chars().any(is_bidi), "DOT passes bidi controls on");
    assert!(dot.contains("⟨U+202E⟩"));
    let mut table = Vec::new();
    claimgraph_export::table::write_table(&mut table, &["text"], &[vec![BIDI.to_string()]], 200)
        .unwrap();
    let table = String::from_utf8(table).unwrap();
    assert!(
        !table.chars().any(is_bidi),
        "the table passes bidi controls on"
    );
    assert!(table.contains("invoice⟨U+202E⟩fdp.exe"));
}
