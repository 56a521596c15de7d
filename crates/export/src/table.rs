//! Tabular renderings of result rows: an aligned text table, CSV and JSON. Times print in
//! their TIMEX3 form; every format shows the same columns.

use crate::{csv_cell, show_bidi, CsvStyle};
use claimgraph_model::ClaimView;
use serde_json::{json, Value};
use std::io::{self, Write};

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
        "article": c.article_id,
        "title": c.article_title,
        "publisher": c.publisher,
        "published": c.published.map(|t| t.to_string()),
    })
}

/// Writes rows as an aligned table; cells longer than `max_width` are cut with an ellipsis.
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
        if flat.chars().count() > max_width {
            let cut: String = flat.chars().take(max_width.saturating_sub(1)).collect();
            format!("{cut}…")
        } else {
            flat
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clip(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
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
                s.push_str(&" ".repeat(w - c.chars().count()));
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
