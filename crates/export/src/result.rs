//! Rendering of query results ([`QueryResult`]) as a table, CSV, JSON, JSON Lines or
//! Markdown: `query` prints exactly like the other listings.

use crate::table::{
    claim_cells, claim_json, write_claims_json_lines, write_csv, write_markdown,
    write_rows_json_lines, write_table, CLAIM_COLUMNS,
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
        (ResultData::Claims(claims), Format::Jsonl) => write_claims_json_lines(out, claims),
        (ResultData::Rows { columns, rows }, Format::Jsonl) => {
            write_rows_json_lines(out, columns, rows)
        }
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

    /// The JSON Lines written straight from claims and cells are the bytes of the JSON
    /// values the other formats build (`claim_json`, `Value::to_json` in an object).
    #[test]
    fn json_lines_written_directly_are_the_json_values() {
        let claims = crate::sample::aleppo();
        let mut direct = Vec::new();
        write_result(
            &QueryResult {
                data: ResultData::Claims(claims.clone()),
                truncated: false,
            },
            &mut direct,
            Format::Jsonl,
        )
        .unwrap();
        let mut via_values = Vec::new();
        let values: Vec<serde_json::Value> = claims.iter().map(claim_json).collect();
        crate::table::write_json_lines(&mut via_values, &values).unwrap();
        assert_eq!(
            String::from_utf8(direct).unwrap(),
            String::from_utf8(via_values).unwrap()
        );
        // Every optional part of a claim present, and absent.
        let mut full = claims[0].clone();
        full.quantities = vec![
            claimgraph_model::Quantity {
                value: 2.5,
                unit: Some("km".into()),
                text: Some("2,5 \"km\"".into()),
                approximate: true,
            },
            claimgraph_model::Quantity {
                value: f64::NAN,
                unit: None,
                text: None,
                approximate: false,
            },
        ];
        full.provenance = Some(claimgraph_model::Provenance {
            sentence: 3,
            span: [4, 9],
        });
        full.mentions.cue = Some([1, 2]);
        full.mentions.content = vec![[3, 4], [6, 8]];
        full.story = Some("s1".into());
        full.statement = None;
        full.when = Some(claimgraph_model::TimeSpan {
            start: None,
            end: full.said,
        });
        let mut bare = full.clone();
        bare.cue = None;
        bare.said = None;
        bare.when = None;
        bare.publisher = None;
        bare.links.clear();
        bare.via.clear();
        bare.about.clear();
        for c in [full, bare] {
            let mut direct = Vec::new();
            crate::table::write_claims_json_lines(&mut direct, std::slice::from_ref(&c)).unwrap();
            let expected = format!("{}\n", serde_json::to_string(&claim_json(&c)).unwrap());
            assert_eq!(String::from_utf8(direct).unwrap(), expected);
        }
        // Rows: keys sorted, a repeated column's last cell, short rows, every kind of cell.
        let columns: Vec<String> = ["text", "b", "a", "b", "n"].map(String::from).to_vec();
        let rows = vec![
            vec![
                Value::Text("x\u{1}\"y\"\n".into()),
                Value::Int(1),
                Value::List(vec![Value::Num(1.5), Value::Null, Value::Text("t".into())]),
                Value::Num(f64::NAN),
                Value::Time(claims[0].said.unwrap()),
            ],
            vec![Value::Null, Value::Int(-3)],
        ];
        let r = QueryResult {
            data: ResultData::Rows { columns, rows },
            truncated: false,
        };
        let mut direct = Vec::new();
        write_result(&r, &mut direct, Format::Jsonl).unwrap();
        let mut via_values = Vec::new();
        crate::table::write_json_lines(&mut via_values, &json_rows(&r)).unwrap();
        assert_eq!(
            String::from_utf8(direct).unwrap(),
            String::from_utf8(via_values).unwrap()
        );
    }
}
