//! The result model: one [`QueryResult`] feeds every output format. A query yields either
//! claims (full [`ClaimView`]s, for listings and the timeline and graph exports) or rows of
//! values (after `group`, `count`, `select` or `links`). Rendering reuses
//! `export::table`, so `query` prints exactly like the other listings.

use crate::export::table::{claim_cells, claim_json, write_csv, write_table, CLAIM_COLUMNS};
use crate::model::{ClaimView, TimePoint, TimeSpan};
use serde_json::json;
use std::cmp::Ordering;
use std::fmt;
use std::io::{self, Write};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// One cell of a row result.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Num(f64),
    Text(String),
    Time(TimePoint),
    Span(TimeSpan),
}

impl Value {
    fn rank(&self) -> u8 {
        match self {
            Value::Null => 0,
            Value::Int(_) | Value::Num(_) => 1,
            Value::Time(_) | Value::Span(_) => 2,
            Value::Text(_) => 3,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Num(n) => Some(*n),
            _ => None,
        }
    }

    fn time_key(&self) -> Option<(Option<TimePoint>, Option<TimePoint>)> {
        match self {
            Value::Time(t) => Some((Some(*t), None)),
            Value::Span(s) => Some((s.start.or(s.end), s.end)),
            _ => None,
        }
    }

    /// Total order used by `sort` and `group`: nulls first, then numbers, times, text.
    pub fn total_cmp(&self, other: &Value) -> Ordering {
        self.rank().cmp(&other.rank()).then_with(|| {
            if let (Some(a), Some(b)) = (self.as_f64(), other.as_f64()) {
                return a.total_cmp(&b);
            }
            if let (Some(a), Some(b)) = (self.time_key(), other.time_key()) {
                return a.cmp(&b);
            }
            match (self, other) {
                (Value::Text(a), Value::Text(b)) => a.cmp(b),
                _ => Ordering::Equal,
            }
        })
    }

    fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Int(i) => json!(i),
            Value::Num(n) => json!(n),
            other => json!(other.to_string()),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Int(i) => write!(f, "{i}"),
            Value::Num(n) => write!(f, "{n}"),
            Value::Text(s) => f.write_str(s),
            Value::Time(t) => write!(f, "{t}"),
            Value::Span(s) => write!(f, "{s}"),
        }
    }
}

/// What a query returned.
#[derive(Debug, Clone, PartialEq)]
pub enum ResultData {
    Claims(Vec<ClaimView>),
    Rows {
        columns: Vec<String>,
        rows: Vec<Vec<Value>>,
    },
}

/// A query's answer, with a note when the default row cap cut it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryResult {
    pub data: ResultData,
    /// True when more rows matched than the default cap let through.
    pub truncated: bool,
}

impl QueryResult {
    /// The claims, when the query returns claims (no `group`, `count`, `select`, `links`).
    pub fn claims(&self) -> Option<&[ClaimView]> {
        match &self.data {
            ResultData::Claims(c) => Some(c),
            ResultData::Rows { .. } => None,
        }
    }

    /// Column names of the result as a table.
    pub fn columns(&self) -> Vec<String> {
        match &self.data {
            ResultData::Claims(_) => CLAIM_COLUMNS.iter().map(|s| s.to_string()).collect(),
            ResultData::Rows { columns, .. } => columns.clone(),
        }
    }

    /// Every row as strings, in [`QueryResult::columns`] order.
    pub fn cells(&self) -> Vec<Vec<String>> {
        match &self.data {
            ResultData::Claims(c) => c.iter().map(claim_cells).collect(),
            ResultData::Rows { rows, .. } => rows
                .iter()
                .map(|r| r.iter().map(|v| v.to_string()).collect())
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        match &self.data {
            ResultData::Claims(c) => c.len(),
            ResultData::Rows { rows, .. } => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Writes the result in a format. Tables of claims show the listing columns (said,
    /// speaker, cue, stance, text, via, publisher); CSV and JSON carry everything.
    pub fn write(&self, out: &mut dyn Write, format: Format) -> io::Result<()> {
        match (&self.data, format) {
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
            ),
            (ResultData::Claims(claims), Format::Json) => {
                let v: Vec<_> = claims.iter().map(claim_json).collect();
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&v).map_err(io::Error::other)?
                )
            }
            (ResultData::Rows { columns, rows }, Format::Json) => {
                let v: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|r| {
                        let obj: serde_json::Map<String, serde_json::Value> = columns
                            .iter()
                            .zip(r)
                            .map(|(c, v)| (c.clone(), v.to_json()))
                            .collect();
                        serde_json::Value::Object(obj)
                    })
                    .collect();
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string_pretty(&v).map_err(io::Error::other)?
                )
            }
            (ResultData::Rows { columns, .. }, Format::Csv) => {
                let header: Vec<&str> = columns.iter().map(String::as_str).collect();
                write_csv(out, &header, &self.cells())
            }
            (ResultData::Rows { columns, .. }, Format::Table) => {
                let header: Vec<&str> = columns.iter().map(String::as_str).collect();
                write_table(out, &header, &self.cells(), 70)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_order_numbers_before_text_and_nulls_first() {
        let mut v = vec![
            Value::Text("b".into()),
            Value::Int(3),
            Value::Null,
            Value::Num(2.5),
            Value::Text("a".into()),
        ];
        v.sort_by(|a, b| a.total_cmp(b));
        assert_eq!(
            v,
            vec![
                Value::Null,
                Value::Num(2.5),
                Value::Int(3),
                Value::Text("a".into()),
                Value::Text("b".into())
            ]
        );
    }

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
        r.write(&mut t, Format::Table).unwrap();
        assert_eq!(
            String::from_utf8(t).unwrap(),
            "speaker  claims\nRussia   2\n"
        );
        let mut j = Vec::new();
        r.write(&mut j, Format::Json).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&j).unwrap();
        assert_eq!(parsed[0]["claims"], 2);
        let mut c = Vec::new();
        r.write(&mut c, Format::Csv).unwrap();
        assert_eq!(String::from_utf8(c).unwrap(), "speaker,claims\nRussia,2\n");
    }
}
