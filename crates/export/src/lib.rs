//! Exports of claim sets: tables, CSV and JSON rows ([`table`]); timelines (Markdown, CSV, JSON, TimelineJS, HTML), graph pictures
//! (Graphviz DOT) and graph data (GraphML, JSON). Every exporter is a pure function of
//! result rows ([`claimgraph_model::ClaimView`]) or of the [`crate::graph::ClaimGraph`] built
//! from them, writing to a `&mut dyn Write`; GraphML and graph JSON of a whole store
//! stream instead ([`graph_stream`]), writing nodes and edges as the claims come.
//!
//! This module also owns the text rules every format shares: control characters are shown
//! as visible symbols (U+2400 block) rather than passed on, and each format escapes with
//! exactly one function ([`escape_html`] for HTML and XML, `dot::escape` for DOT).
//! See `docs/exports.md`.

#![warn(missing_docs)]

mod claims_dot;
pub mod dot;
pub mod graph;
pub mod graph_stream;
pub mod graphml;
mod html;
pub mod json;
mod result;
/// The sample claim set is a test fixture: compiled for this crate's tests only, and
/// included by path into the integration tests (`tests/common/mod.rs`). Not every test
/// binary uses every helper.
#[cfg(test)]
#[allow(dead_code)]
mod sample;
pub mod story;
pub mod table;
pub mod timeline;
mod timelinejs;

pub use result::{write_result, write_result_with};

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// The output format of listings and query results: one type for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned columns for people.
    #[default]
    Table,
    /// A JSON array of objects.
    Json,
    /// CSV with a header row.
    Csv,
    /// JSON Lines: one compact JSON object per row, for `jq` and streaming readers.
    Jsonl,
    /// A Markdown (GitHub) pipe table, for notes and reports.
    Markdown,
}

impl Format {
    /// Every format with a one-line description.
    pub const CHOICES: &'static [(&'static str, &'static str)] = &[
        ("table", "Aligned columns for people"),
        ("json", "A JSON array of objects"),
        ("csv", "CSV with a header row"),
        ("jsonl", "JSON Lines: one JSON object per row"),
        ("markdown", "A Markdown table"),
    ];

    /// The format's name on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "jsonl" => Ok(Format::Jsonl),
            "markdown" | "md" => Ok(Format::Markdown),
            _ => Err(format!(
                "unknown format '{s}': expected table, json, jsonl, csv or markdown"
            )),
        }
    }
}

/// Errors writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output (file, pipe or Graphviz's stdin) could not be written.
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV writer failed (its I/O errors included).
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    /// JSON serialization failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The Graphviz program for `--render` is not on the `PATH`.
    #[error("Graphviz `{program}` was not found; install Graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install graphviz`) or export DOT without --render")]
    GraphvizMissing {
        /// The program that was run (`dot`).
        program: String,
    },
    #[error("Graphviz `{program}` failed ({status}): {stderr}")]
    /// Graphviz ran but exited unsuccessfully.
    Graphviz {
        /// The program that was run (`dot`).
        program: String,
        /// Its exit status as the OS reports it (`exit status: 1`).
        status: String,
        /// Its standard error, lossily decoded as UTF-8 and trimmed.
        stderr: String,
    },
    /// A streamed graph export takes claims grouped by article in ascending article order.
    #[error("claim {claim} came after a claim of a later article: a streamed graph export needs claims in article order")]
    NotInArticleOrder {
        /// The store id of the first claim out of order.
        claim: String,
    },
    /// The two passes of a streamed graph JSON export saw different claims.
    #[error("the claims changed between the two passes of the graph JSON export; run it again")]
    SourceChanged,
}

/// The visible stand-in for a control character, or `None` for characters that are fine
/// as they are. Tabs and newlines are left to each format.
pub(crate) fn control_picture(c: char) -> Option<char> {
    match c {
        '\n' | '\t' | '\r' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        // C1 controls and the XML non-characters have no picture.
        '\u{80}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// Whether `c` is a bidirectional formatting character: the embeddings and overrides
/// (U+202A–U+202E), the isolates (U+2066–U+2069), the marks (U+200E, U+200F) and the
/// Arabic letter mark (U+061C). In user text they can reorder what a reader sees (a
/// right-to-left override makes `exe.txt` read as `txt.exe`).
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
    )
}

/// The visible stand-in for a bidirectional formatting character (`⟨U+202E⟩`), or `None`
/// for any other character. This is the one rule for the text formats (Markdown, CSV, DOT,
/// tables): the character is shown, not obeyed. HTML isolates user text with `<bdi>`
/// instead, and JSON keeps text exact.
pub(crate) fn bidi_marker(c: char) -> Option<String> {
    is_bidi_control(c).then(|| format!("⟨U+{:04X}⟩", c as u32))
}

/// `text` with every bidirectional formatting character replaced by its [`bidi_marker`].
pub(crate) fn show_bidi(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_bidi_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match bidi_marker(c) {
            Some(marker) => out.push_str(&marker),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How CSV cells are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CsvStyle {
    /// Safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab or
    /// a carriage return gets a leading `'` so it is not run as a formula (OWASP's CSV
    /// injection advice), and bidirectional formatting characters are shown as
    /// `⟨U+202E⟩` markers.
    #[default]
    Safe,
    /// Values exactly as stored (`--raw-csv`), for programs that read the CSV.
    Raw,
}

/// One CSV cell's text under a [`CsvStyle`]; every CSV writer goes through this.
pub(crate) fn csv_cell(text: &str, style: CsvStyle) -> Cow<'_, str> {
    if style == CsvStyle::Raw {
        return Cow::Borrowed(text);
    }
    let shown = show_bidi(text);
    if shown.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        return Cow::Owned(format!("'{shown}"));
    }
    shown
}

/// Escapes text for HTML and XML element content and attribute values (either quote),
/// with control characters made visible. Newlines and tabs are kept; a carriage return
/// becomes `&#13;` so XML readers do not fold it into the newline.
pub fn escape_html(text: &str) -> Cow<'_, str> {
    let needs =
        |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'' | '\r') || control_picture(c).is_some();
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(control_picture(c).unwrap_or(c)),
        }
    }
    Cow::Owned(out)
}

/// Text on one line: runs of whitespace (newlines included) become one space, control
/// characters become visible.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| control_picture(c).unwrap_or(c)));
    }
    out
}

/// At most `max` characters of `text`, ending in an ellipsis when cut. Cuts at the last
/// space in the final fifth when there is one, so words stay whole.
pub(crate) fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if max == 0 || text.chars().count() <= max {
        return Cow::Borrowed(text);
    }
    let cut: String = text.chars().take(max - 1).collect();
    let keep = match cut.rfind(' ') {
        Some(space) if cut[..space].chars().count() >= (max - 1) * 4 / 5 => &cut[..space],
        _ => &cut[..],
    };
    Cow::Owned(format!("{}…", keep.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_covers_markup_quotes_and_controls() {
        assert_eq!(
            escape_html("<b>\"a\" & 'b'</b>\u{7}"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;\u{2407}"
        );
        assert!(matches!(escape_html("plain ẩn"), Cow::Borrowed(_)));
    }

    #[test]
    fn truncation_adds_an_ellipsis_and_keeps_words() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(
            truncate("the rebels will leave Aleppo", 20),
            "the rebels will…"
        );
        assert_eq!(truncate("abcdefghij", 5), "abcd…");
        assert!(truncate("ẩn ẩn ẩn ẩn ẩn ẩn", 7).chars().count() <= 7);
    }

    #[test]
    fn bidi_controls_are_shown_not_obeyed() {
        let spoof = "invoice\u{202e}fdp.exe \u{2066}x\u{2069} \u{200e}\u{200f}\u{61c}";
        assert_eq!(
            show_bidi(spoof),
            "invoice⟨U+202E⟩fdp.exe ⟨U+2066⟩x⟨U+2069⟩ ⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩"
        );
        assert!(matches!(show_bidi("ẩn danh"), Cow::Borrowed(_)));
        assert!(!is_bidi_control('a') && is_bidi_control('\u{202a}'));
    }

    #[test]
    fn csv_cells_are_safe_for_spreadsheets_unless_raw() {
        for formula in ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(formula, CsvStyle::Safe), format!("'{formula}"));
            assert_eq!(csv_cell(formula, CsvStyle::Raw), formula);
        }
        assert_eq!(csv_cell("a=b", CsvStyle::Safe), "a=b");
        assert_eq!(csv_cell("x\u{202e}y", CsvStyle::Safe), "x⟨U+202E⟩y");
        assert_eq!(csv_cell("x\u{202e}y", CsvStyle::Raw), "x\u{202e}y");
    }

    #[test]
    fn the_sample_fixture_is_not_public_api() {
        // A fixture in the public API would be a semver promise; it is for tests only.
        let lib = include_str!("lib.rs");
        assert!(!lib.contains(concat!("pub ", "mod sample")));
        assert!(lib.contains("#[cfg(test)]\n#[allow(dead_code)]\nmod sample;"));
    }

    #[test]
    fn one_line_collapses_whitespace_and_shows_controls() {
        assert_eq!(one_line(" a\n\n b\u{1b}c "), "a b\u{241b}c");
    }
}
