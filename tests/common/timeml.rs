//! Reading TimeML (`.tml`) files and scoring `claimgraph_extract::timex::find_times` against
//! their TIMEX3 gold values the way TempEval-3 style scorers do: a prediction matches a gold
//! expression when their normalized texts overlap (one contains the other), and value-F1
//! counts the matches whose value equals the gold value.
//!
//! An evaluation harness, not part of the extraction library: tests and examples include it
//! with `#[path = ".../tests/common/timeml.rs"] mod timeml;`.

use claimgraph_model::TimePoint;
use regex::Regex;
use std::path::Path;
use std::sync::OnceLock;

/// A gold TIMEX3 of a TimeML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    pub text: String,
    pub value: String,
    pub timex_type: String,
}

/// A TimeML document: creation time, plain text, gold expressions.
#[derive(Debug, Clone)]
pub struct TimemlDoc {
    /// The `CREATION_TIME` TIMEX3 value, as written.
    pub creation_time: Option<String>,
    /// The `<TEXT>` content with tags removed and entities decoded.
    pub text: String,
    pub gold: Vec<GoldTimex>,
}

struct Patterns {
    creation: Regex,
    value: Regex,
    kind: Regex,
    body: Regex,
    timex: Regex,
    tag: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static PATTERNS: OnceLock<Option<Patterns>> = OnceLock::new();
    PATTERNS
        .get_or_init(|| {
            Some(Patterns {
                creation: Regex::new(r#"<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>"#)
                    .ok()?,
                value: Regex::new(r#"value="([^"]*)""#).ok()?,
                kind: Regex::new(r#"type="([^"]*)""#).ok()?,
                body: Regex::new(r"(?s)<TEXT>(.*)</TEXT>").ok()?,
                timex: Regex::new(r"(?s)<TIMEX3([^>]*)>(.*?)</TIMEX3>").ok()?,
                tag: Regex::new(r"<[^>]+>").ok()?,
            })
        })
        .as_ref()
}

/// Decodes the XML entities TimeML files use.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let decoded = tail.find(';').filter(|&semi| semi <= 10).and_then(|semi| {
            let name = &tail[1..semi];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let code = if let Some(hex) = name.strip_prefix("#x") {
                        u32::from_str_radix(hex, 16).ok()
                    } else {
                        name.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    code.and_then(char::from_u32)
                }
            }?;
            Some((ch, semi + 1))
        });
        match decoded {
            Some((ch, width)) => {
                out.push(ch);
                rest = &tail[width..];
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

/// Parses a TimeML document; `None` if the built-in patterns failed to compile.
pub fn parse_tml(raw: &str) -> Option<TimemlDoc> {
    let p = patterns()?;
    let creation_time = p
        .creation
        .find(raw)
        .and_then(|tag| p.value.captures(tag.as_str()))
        .and_then(|c| c.get(1))
        .map(|v| v.as_str().to_string());
    let body = p
        .body
        .captures(raw)
        .and_then(|c| c.get(1))
        .map_or(raw, |m| m.as_str());
    let gold = p
        .timex
        .captures_iter(body)
        .map(|c| {
            let attrs = c.get(1).map_or("", |m| m.as_str());
            let inner = c.get(2).map_or("", |m| m.as_str());
            let attr = |re: &Regex| {
                re.captures(attrs)
                    .and_then(|a| a.get(1))
                    .map_or(String::new(), |v| v.as_str().to_string())
            };
            GoldTimex {
                text: unescape(&p.tag.replace_all(inner, "")),
                value: attr(&p.value),
                timex_type: attr(&p.kind),
            }
        })
        .collect();
    let text = unescape(&p.tag.replace_all(body, ""));
    Some(TimemlDoc {
        creation_time,
        text,
        gold,
    })
}

/// Casefolds, turns punctuation into spaces and collapses whitespace.
pub fn normalize(text: &str) -> String {
    let cleaned: String = text
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() {
                c
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts for one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub span_hits: usize,
    pub value_hits: usize,
}

/// One gold expression and what it was matched with.
#[derive(Debug, Clone)]
pub struct Alignment {
    pub gold: GoldTimex,
    /// (text, value) of the matched prediction.
    pub predicted: Option<(String, String)>,
}

fn f1(hits: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let precision = if predicted == 0 {
        0.0
    } else {
        hits as f64 / predicted as f64
    };
    let recall = if gold == 0 {
        0.0
    } else {
        hits as f64 / gold as f64
    };
    let f = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f)
}

impl Score {
    pub fn add(&mut self, other: Score) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.span_hits += other.span_hits;
        self.value_hits += other.value_hits;
    }
    /// Value precision, recall, F1.
    pub fn value(&self) -> (f64, f64, f64) {
        f1(self.value_hits, self.predicted, self.gold)
    }
    /// Relaxed span precision, recall, F1.
    pub fn span(&self) -> (f64, f64, f64) {
        f1(self.span_hits, self.predicted, self.gold)
    }
}

/// Scores predictions (text, value) against gold: each gold expression, in order, takes the
/// first unused prediction whose normalized text contains or is contained in its own.
pub fn score(gold: &[GoldTimex], predicted: &[(String, String)]) -> (Score, Vec<Alignment>) {
    let mut used = vec![false; predicted.len()];
    let mut result = Score {
        gold: gold.len(),
        predicted: predicted.len(),
        ..Score::default()
    };
    let mut alignments = Vec::with_capacity(gold.len());
    for g in gold {
        let gold_text = normalize(&g.text);
        let mut matched = None;
        for (i, (text, value)) in predicted.iter().enumerate() {
            if used[i] {
                continue;
            }
            let pred_text = normalize(text);
            if !gold_text.is_empty()
                && !pred_text.is_empty()
                && (gold_text.contains(&pred_text) || pred_text.contains(&gold_text))
            {
                used[i] = true;
                result.span_hits += 1;
                if *value == g.value {
                    result.value_hits += 1;
                }
                matched = Some((text.clone(), value.clone()));
                break;
            }
        }
        alignments.push(Alignment {
            gold: g.clone(),
            predicted: matched,
        });
    }
    (result, alignments)
}

/// Runs `find_times` (English) on every `.tml` file of `dir`, in name
/// order, with the creation time cut to the day as reference; calls `report` with each
/// document's alignments and its unmatched predictions, and returns the total.
pub fn evaluate_dir(
    dir: &Path,
    mut report: impl FnMut(&str, &[Alignment], &[(String, String)]),
) -> std::io::Result<Score> {
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "tml"))
        .collect();
    names.sort();
    let mut total = Score::default();
    for path in names {
        let raw = std::fs::read_to_string(&path)?;
        let Some(doc) = parse_tml(&raw) else {
            continue;
        };
        let reference = doc
            .creation_time
            .as_deref()
            .and_then(|dct| dct.get(..10).or(Some(dct)))
            .and_then(|dct| TimePoint::parse(dct).ok());
        let predicted: Vec<(String, String)> =
            claimgraph_extract::timex::find_times(&doc.text, "en", reference.as_ref())
                .into_iter()
                .map(|m| (m.text, m.value))
                .collect();
        let (doc_score, alignments) = score(&doc.gold, &predicted);
        let unmatched: Vec<(String, String)> = predicted
            .iter()
            .filter(|p| !alignments.iter().any(|a| a.predicted.as_ref() == Some(*p)))
            .cloned()
            .collect();
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        report(&name, &alignments, &unmatched);
        total.add(doc_score);
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_small_document() {
        let raw = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">2013-03-22</TIMEX3></DCT>
<TEXT>He left on <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> &amp; came back.</TEXT></TimeML>"#;
        let doc = parse_tml(raw).unwrap_or_else(|| panic!("patterns compile"));
        assert_eq!(doc.creation_time.as_deref(), Some("2013-03-22"));
        assert_eq!(doc.text, "He left on Thursday & came back.");
        assert_eq!(doc.gold.len(), 1);
        assert_eq!(doc.gold[0].value, "2013-03-21");
    }

    #[test]
    fn scoring_is_relaxed_on_text_and_exact_on_value() {
        let gold = vec![
            GoldTimex {
                text: "last week".into(),
                value: "2013-W11".into(),
                timex_type: "DATE".into(),
            },
            GoldTimex {
                text: "Friday".into(),
                value: "2013-03-22".into(),
                timex_type: "DATE".into(),
            },
        ];
        let predicted = vec![
            ("the last week".to_string(), "2013-W11".to_string()),
            ("Friday".to_string(), "2013-03-15".to_string()),
            ("2010".to_string(), "2010".to_string()),
        ];
        let (s, _) = score(&gold, &predicted);
        assert_eq!(s.span_hits, 2);
        assert_eq!(s.value_hits, 1);
        let (p, r, _) = s.value();
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(unescape("a &lt;b&gt; &#39;c&#x27; & d"), "a <b> 'c' & d");
    }
}
