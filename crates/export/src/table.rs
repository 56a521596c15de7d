//! Tabular renderings of result rows: an aligned text table, CSV, JSON, JSON Lines and a
//! Markdown table. Times print in their TIMEX3 form; every format shows the same columns.

use crate::{csv_cell, show_bidi, CsvStyle, Format};
use claimgraph_model::{Actor, ClaimView};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The columns of a claim listing, in order.
pub const CLAIM_COLUMNS: [&str; 11] = [
    "said",
    "speaker",
    "cue",
    "stance",
    "text",
    "via",
    "publisher",
    "article",
    "id",
    "about",
    "event",
];

/// One claim as strings, in [`CLAIM_COLUMNS`] order.
pub fn claim_cells(c: &ClaimView) -> Vec<String> {
    vec![
        c.said.map(|t| t.to_string()).unwrap_or_default(),
        c.speaker.clone(),
        c.cue.clone().unwrap_or_default(),
        c.stance.to_string(),
        c.text.clone(),
        c.via.join(" > "),
        c.publisher.clone().unwrap_or_default(),
        c.article_id.clone(),
        c.external_id.clone(),
        c.about.join("; "),
        c.when.map(|w| w.to_string()).unwrap_or_default(),
    ]
}

/// A claim as a JSON object with times as TIMEX3 strings.
pub fn claim_json(c: &ClaimView) -> Value {
    json!({
        "id": c.external_id,
        "claim": c.id.to_string(),
        "speaker": c.speaker,
        "speaker_kind": c.speaker_kind.as_str(),
        "speaker_text": c.speaker_text,
        "cue": c.cue,
        "stance": c.stance.as_str(),
        "kind": c.kind.as_str(),
        "text": c.text,
        "said": c.said.map(|t| t.to_string()),
        "when": c.when.map(|w| json!({
            "start": w.start.map(|t| t.to_string()),
            "end": w.end.map(|t| t.to_string()),
        })),
        "via": c.via,
        "about": c.about,
        "quantities": c.quantities.iter().map(|q| json!({
            "value": q.value, "unit": q.unit, "text": q.text, "approximate": q.approximate,
        })).collect::<Vec<_>>(),
        "links": c.links.iter().map(|l| json!({
            "kind": l.kind.as_str(), "target": l.target,
            "target_claim": l.target_id.map(|t| t.to_string()),
        })).collect::<Vec<_>>(),
        "provenance": c.provenance.map(|p| json!({"sentence": p.sentence, "span": p.span})),
        "said_basis": c.said_basis.map(|b| b.as_str()),
        "cue_span": c.mentions.cue,
        "speaker_span": c.mentions.speaker,
        "content_span": c.mentions.content,
        "article": c.article_id,
        "title": c.article_title,
        "publisher": c.publisher,
        "published": c.published.map(|t| t.to_string()),
        "story": c.story,
        "statement": c.statement,
    })
}

/// Writes rows as an aligned table; cells wider than `max_width` columns are cut with an
/// ellipsis. Widths are display widths (a wide CJK character takes two columns, a
/// combining mark none), so columns line up in a terminal whatever the script.
pub fn write_table(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
    max_width: usize,
) -> io::Result<()> {
    let clip = |s: &str| -> String {
        let flat: String = show_bidi(s)
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if flat.width() > max_width {
            let mut cut = String::new();
            for c in flat.chars() {
                if cut.width() + c.width().unwrap_or(0) + 1 > max_width {
                    break;
                }
                cut.push(c);
            }
            format!("{cut}…")
        } else {
            flat
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clip(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let line = |out: &mut dyn Write, row: &[String]| -> io::Result<()> {
        let mut s = String::new();
        for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < row.len() {
                s.push_str(&" ".repeat(w.saturating_sub(c.width())));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(
        out,
        &header.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    )?;
    for row in &cells {
        line(out, row)?;
    }
    Ok(())
}

/// Writes rows as a Markdown pipe table. Cells are on one line, and the characters that
/// would make structure, links or HTML of untrusted text (`|`, `\\`, `<`, `>`, `[`, `]`,
/// `*`, `` ` ``) are escaped with a backslash.
pub fn write_markdown(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> io::Result<()> {
    let cell = |s: &str| -> String {
        let mut escaped = String::with_capacity(s.len());
        for c in show_bidi(s).chars() {
            match c {
                '|' | '\\' | '<' | '>' | '[' | ']' | '*' | '`' => {
                    escaped.push('\\');
                    escaped.push(c);
                }
                c if c.is_control() => escaped.push(' '),
                c => escaped.push(c),
            }
        }
        escaped.trim().to_string()
    };
    let line = |out: &mut dyn Write, cells: &mut dyn Iterator<Item = String>| -> io::Result<()> {
        let joined: Vec<String> = cells.collect();
        writeln!(out, "| {} |", joined.join(" | "))
    };
    line(out, &mut header.iter().map(|h| cell(h)))?;
    line(out, &mut header.iter().map(|_| "---".to_string()))?;
    for row in rows {
        line(out, &mut row.iter().map(|c| cell(c)))?;
    }
    Ok(())
}

/// A claim as [`claim_json`] renders it, serialized straight from the view: the fields in
/// the sorted order of a JSON object, so the bytes are those of the `Value`, without
/// building it.
#[derive(serde::Serialize)]
struct ClaimJson<'a> {
    about: &'a [String],
    article: &'a str,
    claim: String,
    content_span: &'a [[u32; 2]],
    cue: Option<&'a str>,
    cue_span: Option<[u32; 2]>,
    id: &'a str,
    kind: &'static str,
    links: Vec<LinkJson<'a>>,
    provenance: Option<ProvenanceJson>,
    published: Option<String>,
    publisher: Option<&'a str>,
    quantities: Vec<QuantityJson<'a>>,
    said: Option<String>,
    said_basis: Option<&'static str>,
    speaker: &'a str,
    speaker_kind: &'static str,
    speaker_span: Option<[u32; 2]>,
    speaker_text: Option<&'a str>,
    stance: &'static str,
    statement: Option<&'a str>,
    story: Option<&'a str>,
    text: &'a str,
    title: Option<&'a str>,
    via: &'a [String],
    when: Option<WhenJson>,
}

#[derive(serde::Serialize)]
struct WhenJson {
    end: Option<String>,
    start: Option<String>,
}

#[derive(serde::Serialize)]
struct QuantityJson<'a> {
    approximate: bool,
    text: Option<&'a str>,
    unit: Option<&'a str>,
    value: f64,
}

#[derive(serde::Serialize)]
struct LinkJson<'a> {
    kind: &'static str,
    target: &'a str,
    target_claim: Option<String>,
}

#[derive(serde::Serialize)]
struct ProvenanceJson {
    sentence: u32,
    span: [u32; 2],
}

impl<'a> ClaimJson<'a> {
    fn of(c: &'a ClaimView) -> ClaimJson<'a> {
        ClaimJson {
            about: &c.about,
            article: &c.article_id,
            claim: c.id.to_string(),
            content_span: &c.mentions.content,
            cue: c.cue.as_deref(),
            cue_span: c.mentions.cue,
            id: &c.external_id,
            kind: c.kind.as_str(),
            links: c
                .links
                .iter()
                .map(|l| LinkJson {
                    kind: l.kind.as_str(),
                    target: &l.target,
                    target_claim: l.target_id.map(|t| t.to_string()),
                })
                .collect(),
            provenance: c.provenance.map(|p| ProvenanceJson {
                sentence: p.sentence,
                span: p.span,
            }),
            published: c.published.map(|t| t.to_string()),
            publisher: c.publisher.as_deref(),
            quantities: c
                .quantities
                .iter()
                .map(|q| QuantityJson {
                    approximate: q.approximate,
                    text: q.text.as_deref(),
                    unit: q.unit.as_deref(),
                    value: q.value,
                })
                .collect(),
            said: c.said.map(|t| t.to_string()),
            said_basis: c.said_basis.map(|b| b.as_str()),
            speaker: &c.speaker,
            speaker_kind: c.speaker_kind.as_str(),
            speaker_span: c.mentions.speaker,
            speaker_text: c.speaker_text.as_deref(),
            stance: c.stance.as_str(),
            statement: c.statement.as_deref(),
            story: c.story.as_deref(),
            text: &c.text,
            title: c.article_title.as_deref(),
            via: &c.via,
            when: c.when.map(|w| WhenJson {
                end: w.end.map(|t| t.to_string()),
                start: w.start.map(|t| t.to_string()),
            }),
        }
    }
}

/// Writes claims as JSON Lines, each line the compact form of [`claim_json`].
pub fn write_claims_json_lines(out: &mut dyn Write, claims: &[ClaimView]) -> io::Result<()> {
    let mut buf = Vec::with_capacity(1024);
    for c in claims {
        buf.clear();
        serde_json::to_writer(&mut buf, &ClaimJson::of(c)).map_err(io::Error::other)?;
        buf.push(b'\n');
        out.write_all(&buf)?;
    }
    Ok(())
}

/// Writes result rows as JSON Lines, each line the compact form of the object that maps
/// each column to its cell's [`claimgraph_model::result::Value::to_json`]: keys in sorted
/// order, a repeated column keeping its last cell, as a JSON object would; written
/// straight from the cells.
pub fn write_rows_json_lines(
    out: &mut dyn Write,
    columns: &[String],
    rows: &[Vec<claimgraph_model::result::Value>],
) -> io::Result<()> {
    // Column indexes by name, the last of equal names first: a row's cell for a name is
    // its last present one, as collecting (column, cell) pairs into an object keeps.
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by(|&a, &b| columns[a].cmp(&columns[b]).then(b.cmp(&a)));
    let mut keys: Vec<(Vec<usize>, Vec<u8>)> = Vec::new();
    for i in order {
        match keys.last_mut() {
            Some((idx, _)) if columns[idx[0]] == columns[i] => idx.push(i),
            _ => {
                let mut key = Vec::new();
                serde_json::to_writer(&mut key, &columns[i]).map_err(io::Error::other)?;
                key.push(b':');
                keys.push((vec![i], key));
            }
        }
    }
    let mut buf = Vec::with_capacity(1024);
    for row in rows {
        buf.clear();
        buf.push(b'{');
        let mut first = true;
        for (idx, key) in &keys {
            let Some(cell) = idx.iter().find_map(|&i| row.get(i)) else {
                continue;
            };
            if !first {
                buf.push(b',');
            }
            first = false;
            buf.extend_from_slice(key);
            write_cell_json(&mut buf, cell)?;
        }
        buf.extend_from_slice(b"}\n");
        out.write_all(&buf)?;
    }
    Ok(())
}

/// One cell as [`claimgraph_model::result::Value::to_json`] renders it.
fn write_cell_json(buf: &mut Vec<u8>, v: &claimgraph_model::result::Value) -> io::Result<()> {
    use claimgraph_model::result::Value as V;
    let r = match v {
        V::Null => {
            buf.extend_from_slice(b"null");
            Ok(())
        }
        V::Int(i) => serde_json::to_writer(&mut *buf, i),
        V::Num(n) => serde_json::to_writer(&mut *buf, n),
        V::Text(s) => serde_json::to_writer(&mut *buf, s.as_str()),
        V::List(items) => {
            buf.push(b'[');
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    buf.push(b',');
                }
                write_cell_json(buf, item)?;
            }
            buf.push(b']');
            Ok(())
        }
        other => serde_json::to_writer(&mut *buf, &other.to_string()),
    };
    r.map_err(io::Error::other)
}

/// Writes JSON values as JSON Lines: each compact on its own line.
pub fn write_json_lines(out: &mut dyn Write, values: &[Value]) -> io::Result<()> {
    for value in values {
        serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes a listing in any [`Format`]: `cells` (strings in `header` order) for the table,
/// CSV and Markdown, `json` (one object per row) for JSON and JSON Lines. The table clips
/// cells at `max_width` display columns.
pub fn write_listing(
    out: &mut dyn Write,
    format: Format,
    csv: CsvStyle,
    header: &[&str],
    cells: &[Vec<String>],
    json: &[Value],
    max_width: usize,
) -> io::Result<()> {
    match format {
        Format::Table => write_table(out, header, cells, max_width),
        Format::Csv => write_csv(out, header, cells, csv),
        Format::Markdown => write_markdown(out, header, cells),
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(json).map_err(io::Error::other)?
        ),
        Format::Jsonl => write_json_lines(out, json),
    }
}

/// Writes every actor with kind, role, membership and aliases: `claimgraph actors`, the
/// shell's `.actors` and the server's `/api/actors`.
pub fn write_actors(
    out: &mut dyn Write,
    actors: &[Actor],
    format: Format,
    csv: CsvStyle,
) -> io::Result<()> {
    let name_of: HashMap<u64, &str> = actors.iter().map(|a| (a.id, a.name.as_str())).collect();
    let member_names = |a: &Actor| -> Vec<String> {
        a.member_of
            .iter()
            .filter_map(|m| name_of.get(m).map(|s| s.to_string()))
            .collect()
    };
    let header = ["name", "kind", "role", "member_of", "aliases"];
    let json: Vec<Value> = actors
        .iter()
        .map(|a| {
            json!({
                "name": a.name, "kind": a.kind.as_str(), "role": a.role,
                "aliases": a.aliases, "member_of": member_names(a),
            })
        })
        .collect();
    let rows: Vec<Vec<String>> = actors
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                a.kind.to_string(),
                a.role.clone().unwrap_or_default(),
                member_names(a).join("; "),
                a.aliases.join("; "),
            ]
        })
        .collect();
    write_listing(out, format, csv, &header, &rows, &json, 50)
}

/// Writes rows as CSV (RFC 4180 quoting by the csv crate), each cell through
/// [`CsvStyle`] (formula-safe and bidi-marked, or raw).
pub fn write_csv(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
    style: CsvStyle,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header).map_err(io::Error::other)?;
    for row in rows {
        w.write_record(row.iter().map(|cell| csv_cell(cell, style).into_owned()))
            .map_err(io::Error::other)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_would_make_structure() {
        let mut out = Vec::new();
        let rows = vec![vec![
            "a|b".to_string(),
            "<img src=x>\n[link](u) *x*".to_string(),
        ]];
        write_markdown(&mut out, &["h1", "h2"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| h1 | h2 |\n| --- | --- |\n| a\\|b | \\<img src=x\\> \\[link\\](u) \\*x\\* |\n"
        );
    }

    #[test]
    fn json_lines_put_one_compact_object_on_each_line() {
        let mut out = Vec::new();
        write_json_lines(&mut out, &[json!({"a": [1, 2]}), json!({"b": "x\ny"})]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"a\":[1,2]}\n{\"b\":\"x\\ny\"}\n"
        );
    }

    #[test]
    fn table_aligns_and_clips() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["a".to_string(), "x\ny".to_string()],
            vec!["long text".to_string(), "z".to_string()],
        ];
        write_table(&mut out, &["h1", "h2"], &rows, 5).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "h1     h2\na      x y\nlong…  z\n");
    }

    #[test]
    fn wide_and_combining_characters_align_by_display_width() {
        let mut out = Vec::new();
        // "東京" is four columns wide; "Thành" in decomposed form (NFD) is five.
        let rows = vec![
            vec!["東京".to_string(), "1".to_string()],
            vec!["Tha\u{300}nh".to_string(), "2".to_string()],
            vec!["ab".to_string(), "3".to_string()],
        ];
        write_table(&mut out, &["name", "n"], &rows, 40).unwrap();
        let s = String::from_utf8(out).unwrap();
        let columns: Vec<usize> = s
            .lines()
            .map(|l| {
                let (name, _) = l.rsplit_once("  ").unwrap();
                name.width()
            })
            .collect();
        assert!(columns.windows(2).all(|w| w[0] == w[1]), "{s}");
        // A wide cell is clipped to the limit in columns, not characters.
        let mut out = Vec::new();
        write_table(&mut out, &["h"], &[vec!["東京東京東京".to_string()]], 5).unwrap();
        let clipped = String::from_utf8(out).unwrap();
        assert_eq!(clipped.lines().nth(1), Some("東京…"));
    }

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &["a"],
            &[vec!["x, \"y\"".to_string()]],
            CsvStyle::Safe,
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a\n\"x, \"\"y\"\"\"\n");
    }
}
