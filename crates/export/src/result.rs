//! Rendering of query results ([`QueryResult`]) as a table, CSV, JSON, JSON Lines or
//! Markdown: `query` prints exactly like the other listings.

use crate::table::{
    claim_cells, claim_json, write_csv, write_json_lines, write_markdown, write_table,
    CLAIM_COLUMNS,
};
use crate::{CsvStyle, Format};
use claimgraph_model::result::{QueryResult, ResultData};
use std::io::{self, Write};

/// Every row as strings, in the order of the result's columns.
pub(crate) fn cells(result: &QueryResult) -> Vec<Vec<String>> {
    match &result.data {
        ResultData::Claims(c) => c.iter().map(claim_cells).collect(),
        ResultData::Rows { rows, .. } => rows
            .iter()
            .map(|r| r.iter().map(|v| v.to_string()).collect())
            .collect(),
    }
}

/// Writes the result in a format, CSV in its spreadsheet-safe style; see
/// [`write_result_with`].
pub fn write_result(result: &QueryResult, out: &mut dyn Write, format: Format) -> io::Result<()> {
    write_result_with(result, out, format, CsvStyle::Safe)
}

/// Writes the result in a format, CSV cells in `csv` style. Tables of claims show the listing columns (said,
/// speaker, cue, stance, text, via, publisher); CSV and JSON carry everything.
pub fn write_result_with(
    result: &QueryResult,
    out: &mut dyn Write,
    format: Format,
    csv: CsvStyle,
) -> io::Result<()> {
    match (&result.data, format) {
        (ResultData::Claims(claims), Format::Table) => {
            let rows: Vec<Vec<String>> = claims
                .iter()
                .map(|c| claim_cells(c)[..7].to_vec())
                .collect();
            write_table(out, &CLAIM_COLUMNS[..7], &rows, 70)
        }
        (ResultData::Claims(claims), Format::Csv) => write_csv(
            out,
            &CLAIM_COLUMNS,
            &claims.iter().map(claim_cells).collect::<Vec<_>>(),
            csv,
        ),
        (ResultData::Claims(claims), Format::Markdown) => {
            let rows: Vec<Vec<String>> = claims
                .iter()
                .map(|c| claim_cells(c)[..7].to_vec())
                .collect();
            write_markdown(out, &CLAIM_COLUMNS[..7], &rows)
        }
        (_, Format::Json) => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json_rows(result)).map_err(io::Error::other)?
        ),
        (_, Format::Jsonl) => write_json_lines(out, &json_rows(result)),
        (ResultData::Rows { columns, .. }, Format::Csv) => {
            let header: Vec<&str> = columns.iter().map(String::as_str).collect();
            write_csv(out, &header, &cells(result), csv)
        }
        (ResultData::Rows { columns, .. }, Format::Table) => {
            let header: Vec<&str> = columns.iter().map(String::as_str).collect();
            write_table(out, &header, &cells(result), 70)
        }
        (ResultData::Rows { columns, .. }, Format::Markdown) => {
            let header: Vec<&str> = columns.iter().map(String::as_str).collect();
            write_markdown(out, &header, &cells(result))
        }
    }
}

/// Every row as a JSON object: claims with all their fields, rows keyed by column, lists
/// as arrays and numbers as numbers.
fn json_rows(result: &QueryResult) -> Vec<serde_json::Value> {
    match &result.data {
        ResultData::Claims(claims) => claims.iter().map(claim_json).collect(),
        ResultData::Rows { columns, rows } => rows
            .iter()
            .map(|r| {
                let obj: serde_json::Map<String, serde_json::Value> = columns
                    .iter()
                    .zip(r)
                    .map(|(c, v)| (c.clone(), v.to_json()))
                    .collect();
                serde_json::Value::Object(obj)
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_model::result::Value;

    #[test]
    fn rows_render_in_every_format() {
        let r = QueryResult {
            data: ResultData::Rows {
                columns: vec!["speaker".into(), "claims".into()],
                rows: vec![vec![Value::Text("Russia".into()), Value::Int(2)]],
            },
            truncated: false,
        };
        let mut t = Vec::new();
        write_result(&r, &mut t, Format::Table).unwrap();
        assert_eq!(
            String::from_utf8(t).unwrap(),
            "speaker  claims\nRussia   2\n"
        );
        let mut j = Vec::new();
        write_result(&r, &mut j, Format::Json).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&j).unwrap();
        assert_eq!(parsed[0]["claims"], 2);
        let mut c = Vec::new();
        write_result(&r, &mut c, Format::Csv).unwrap();
        assert_eq!(String::from_utf8(c).unwrap(), "speaker,claims\nRussia,2\n");
        let mut l = Vec::new();
        write_result(&r, &mut l, Format::Jsonl).unwrap();
        assert_eq!(
            String::from_utf8(l).unwrap(),
            "{\"claims\":2,\"speaker\":\"Russia\"}\n"
        );
        let mut m = Vec::new();
        write_result(&r, &mut m, Format::Markdown).unwrap();
        assert_eq!(
            String::from_utf8(m).unwrap(),
            "| speaker | claims |\n| --- | --- |\n| Russia | 2 |\n"
        );
    }
}
