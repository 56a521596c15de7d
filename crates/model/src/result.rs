//! The result model: one [`QueryResult`] feeds every output format. A query yields either
//! claims (full [`ClaimView`]s, for listings and the timeline and graph exports) or rows of
//! values (after `group`, `count`, `select` or `links`). The export crate renders it.

use crate::{ClaimView, TimePoint, TimeSpan};
use serde_json::json;
use std::cmp::Ordering;
use std::fmt;

/// One cell of a row result.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value (a missing time or name).
    Null,
    /// A count or other integer.
    Int(i64),
    /// A measured figure.
    Num(f64),
    /// A name, id or text.
    Text(String),
    /// A point in time, at its own precision.
    Time(TimePoint),
    /// A span of time (an event time).
    Span(TimeSpan),
    /// The values of a many-valued field (relays in order, topics, figures): an array in
    /// JSON, joined with `; ` in text formats.
    List(Vec<Value>),
}

impl Value {
    fn rank(&self) -> u8 {
        match self {
            Value::Null => 0,
            Value::Int(_) | Value::Num(_) => 1,
            Value::Time(_) | Value::Span(_) => 2,
            Value::Text(_) => 3,
            Value::List(_) => 4,
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
                (Value::List(a), Value::List(b)) => a
                    .iter()
                    .zip(b)
                    .map(|(x, y)| x.total_cmp(y))
                    .find(|o| o.is_ne())
                    .unwrap_or_else(|| a.len().cmp(&b.len())),
                _ => Ordering::Equal,
            }
        })
    }

    /// The value as JSON: numbers stay numbers, lists arrays, times their ISO text.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Int(i) => json!(i),
            Value::Num(n) => json!(n),
            Value::List(items) => items.iter().map(Value::to_json).collect(),
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
            Value::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{item}")?;
                }
                Ok(())
            }
        }
    }
}

/// What a query returned.
#[derive(Debug, Clone, PartialEq)]
pub enum ResultData {
    /// Whole claims, from a query without grouping or projection.
    Claims(Vec<ClaimView>),
    /// A table, from `count`, `group`, `top` or `select`.
    Rows {
        /// Column names, in order.
        columns: Vec<String>,
        /// Rows of cells, each as long as `columns`.
        rows: Vec<Vec<Value>>,
    },
}

/// A query's answer, with a note when the default row cap cut it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryResult {
    /// The claims or rows.
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

    /// How many rows (or claims) the result holds.
    pub fn len(&self) -> usize {
        match &self.data {
            ResultData::Claims(c) => c.len(),
            ResultData::Rows { rows, .. } => rows.len(),
        }
    }

    /// True when nothing matched.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn lists_are_arrays_in_json_and_joined_in_text() {
        let list = Value::List(vec![Value::Text("RIA".into()), Value::Num(1.5)]);
        assert_eq!(list.to_json(), serde_json::json!(["RIA", 1.5]));
        assert_eq!(list.to_string(), "RIA; 1.5");
        assert_eq!(Value::List(Vec::new()).to_json(), serde_json::json!([]));
        let shorter = Value::List(vec![Value::Text("RIA".into())]);
        assert_eq!(shorter.total_cmp(&list), Ordering::Less);
    }
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
}
