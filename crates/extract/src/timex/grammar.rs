//! The per-language grammar of temporal expressions: word tables and pattern rules read
//! from `schema/lang/time.<lang>.json`, compiled once into regexes.
//!
//! A rule's pattern is a regex in which `{table}` stands for "any word of lexicon table
//! `table`" and becomes the named group `(?P<table>…)`; `{day}`, `{month}`, `{year}`,
//! `{hour}`, `{minute}` are the numeric fields. What a group means is given by its name up
//! to the first `_` (`shift_after` is read like `shift`), so a language adds tables without
//! touching code.

use regex::Regex;
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Errors building a grammar from its data file.
#[derive(Debug, thiserror::Error)]
pub(crate) enum GrammarError {
    #[error("time grammar for '{lang}' is not valid JSON: {source}")]
    Json {
        lang: String,
        source: serde_json::Error,
    },
    #[error("time grammar for '{lang}', rule '{rule}': {message}")]
    Rule {
        lang: String,
        rule: String,
        message: String,
    },
}

/// One lexicon table as written in the data file.
#[derive(Debug, Deserialize)]
struct TableFile {
    /// Match the words exactly as written ("May" the month, not "may" the verb).
    #[serde(default)]
    exact_case: bool,
    /// Also match numbers written in digits ("48", "1,000").
    #[serde(default)]
    digits: bool,
    words: HashMap<String, Value>,
}

#[derive(Debug, Deserialize)]
struct TenseFile {
    #[serde(default)]
    past: Vec<String>,
    #[serde(default)]
    future: Vec<String>,
    /// An extra regex whose matches count as past-tense cues (English `-ed` forms).
    #[serde(default)]
    past_pattern: Option<String>,
    /// An extra regex whose matches count as future cues ("to be", "to begin").
    #[serde(default)]
    future_pattern: Option<String>,
    /// Words after which a past form is a participle that carries no tense ("will be
    /// named"): the cue is skipped.
    #[serde(default)]
    participle_after: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RuleFile {
    name: String,
    kind: RuleKind,
    pattern: String,
    /// Tense forced by the rule itself ("hồi tháng 7" is past, "tháng 12 tới" future).
    #[serde(default)]
    tense: Option<Tense>,
    /// Day part forced by the rule ("tonight").
    #[serde(default)]
    part: Option<String>,
    /// Regex the text right after a match must not start with.
    #[serde(default)]
    not_before: Option<String>,
    /// Regex the text right before a match must not end with.
    #[serde(default)]
    not_after: Option<String>,
    /// Amount when the rule has no number group ("the following decade" is one decade).
    #[serde(default)]
    amount: Option<u32>,
}

#[derive(Debug, Deserialize)]
struct GrammarFile {
    lexicon: HashMap<String, TableFile>,
    tense: TenseFile,
    rules: Vec<RuleFile>,
}

/// What a rule builds once it has matched; see `resolve.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A calendar date or part of one: year, month, day, day part, clock time.
    Date,
    /// A day counted from the reference ("yesterday", "hôm qua").
    RelativeDay,
    /// A calendar unit shifted from the reference ("last week", "tháng trước", "next May").
    Shift,
    /// An amount of units before the reference ("two years ago").
    Ago,
    /// A day of the week, placed by tense.
    Weekday,
    /// An amount of time ("48 hours", "trong 48 tiếng").
    Duration,
    /// A fixed TIMEX3 value from the `ref` table (`PRESENT_REF`).
    Reference,
    /// A recurrence ("every Thursday").
    Set,
    /// A decade ("the 1990s").
    Decade,
    /// A century ("the 20th century").
    Century,
}

/// Tense of the clause a time expression sits in: decides whether "in July" or "on
/// Tuesday" is the last one or the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Tense {
    Past,
    Future,
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub name: &'static str,
    pub kind: RuleKind,
    pub regex: Regex,
    pub tense: Option<Tense>,
    pub part: Option<String>,
    pub not_before: Option<Regex>,
    pub not_after: Option<Regex>,
    pub amount: Option<u32>,
    /// Position in the data file: earlier rules win ties.
    pub priority: usize,
}

/// A compiled language grammar.
#[derive(Debug)]
pub struct Grammar {
    /// Lexicon tables, keys lowercased, values as written in the data file.
    tables: HashMap<String, HashMap<String, Value>>,
    pub rules: Vec<Rule>,
    pub past_cues: Option<Regex>,
    pub future_cues: Option<Regex>,
    /// Matches the end of text that makes a following past form a participle.
    pub participle_after: Option<Regex>,
}

impl Grammar {
    /// The value of `word` in `table` (case-insensitive lookup).
    pub fn lookup(&self, table: &str, word: &str) -> Option<&Value> {
        let table = self.tables.get(table)?;
        let key = normalize_word(word);
        table.get(&key)
    }
}

/// Lowercases and collapses whitespace, so "Dec." and "dec." or "thứ  Hai" and
/// "thứ hai" find the same entry.
fn normalize_word(word: &str) -> String {
    word.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Numeric fields every language shares (digits are digits).
const NUMERIC_FIELDS: &[(&str, &str)] = &[
    // Two-digit alternatives first: the regex engine takes the first alternative that lets
    // the whole pattern match, and "Dec 1" must not win over "Dec 11".
    ("day", r"(?P<day>[12][0-9]|3[01]|0?[1-9])"),
    ("month", r"(?P<month>1[0-2]|0?[1-9])"),
    ("year", r"(?P<year>1[5-9][0-9]{2}|20[0-9]{2})"),
    ("hour", r"(?P<hour>2[0-3]|[01]?[0-9])"),
    ("minute", r"(?P<minute>[0-5][0-9])"),
];

fn table_alternation(table: &TableFile) -> String {
    let mut words: Vec<&String> = table.words.keys().collect();
    // Longest first, so "Sept." wins over "Sept" and "thứ Hai" over "thứ".
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let mut alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            let escaped = regex::escape(w).replace(' ', r"\s+");
            if table.exact_case {
                format!("(?-i:{escaped})")
            } else {
                escaped
            }
        })
        .collect();
    if table.digits {
        alternatives.push(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,6}".to_string());
    }
    alternatives.join("|")
}

fn expand_pattern(pattern: &str, lexicon: &HashMap<String, TableFile>) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let name = &after[..close];
        let is_placeholder =
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        if !is_placeholder {
            // A regex repetition such as `{1,2}`.
            out.push('{');
            rest = after;
            continue;
        }
        if let Some((_, regex)) = NUMERIC_FIELDS.iter().find(|(field, _)| *field == name) {
            out.push_str(regex);
        } else if let Some(table) = lexicon.get(name) {
            out.push_str(&format!("(?P<{name}>{})", table_alternation(table)));
        } else {
            return Err(format!("unknown placeholder {{{name}}}"));
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn cue_regex(cues: &[String], extra: Option<&String>) -> Result<Option<Regex>, regex::Error> {
    let mut alternatives: Vec<String> = cues
        .iter()
        .map(|c| format!(r"\b{}\b", regex::escape(c).replace(' ', r"\s+")))
        .collect();
    if let Some(extra) = extra {
        alternatives.push(format!("(?:{extra})"));
    }
    if alternatives.is_empty() {
        return Ok(None);
    }
    Regex::new(&format!("(?i){}", alternatives.join("|"))).map(Some)
}

/// Builds a grammar from the text of a data file.
pub fn compile(lang: &str, source: &str) -> Result<Grammar, GrammarError> {
    let file: GrammarFile = serde_json::from_str(source).map_err(|e| GrammarError::Json {
        lang: lang.to_string(),
        source: e,
    })?;
    let rule_error = |rule: &str, message: String| GrammarError::Rule {
        lang: lang.to_string(),
        rule: rule.to_string(),
        message,
    };
    let mut rules = Vec::with_capacity(file.rules.len());
    for (priority, raw) in file.rules.iter().enumerate() {
        let kind = raw.kind;
        let expanded =
            expand_pattern(&raw.pattern, &file.lexicon).map_err(|m| rule_error(&raw.name, m))?;
        // No `\b` here: a Unicode word boundary keeps the regex engine off its fast
        // automata on Vietnamese text; word edges are checked after matching instead.
        let regex = Regex::new(&format!(r"(?i)(?:{expanded})"))
            .map_err(|e| rule_error(&raw.name, e.to_string()))?;
        let tense = raw.tense;
        let guard = |text: &Option<String>, anchored: fn(&str) -> String| {
            text.as_ref()
                .map(|t| Regex::new(&anchored(t)))
                .transpose()
                .map_err(|e| rule_error(&raw.name, e.to_string()))
        };
        rules.push(Rule {
            // Rule names are few and live for the whole program: leaking them once gives
            // the `&'static str` that matches carry for debugging.
            name: Box::leak(raw.name.clone().into_boxed_str()),
            kind,
            regex,
            tense,
            part: raw.part.clone(),
            not_before: guard(&raw.not_before, |t| format!("(?i)^(?:{t})"))?,
            not_after: guard(&raw.not_after, |t| format!("(?i)(?:{t})$"))?,
            amount: raw.amount,
            priority,
        });
    }
    let cue = |cues: &[String], extra: Option<&String>| {
        cue_regex(cues, extra).map_err(|e| rule_error("tense", e.to_string()))
    };
    let past_cues = cue(&file.tense.past, file.tense.past_pattern.as_ref())?;
    let future_cues = cue(&file.tense.future, file.tense.future_pattern.as_ref())?;
    let participle_after = if file.tense.participle_after.is_empty() {
        None
    } else {
        let words: Vec<String> = file
            .tense
            .participle_after
            .iter()
            .map(|w| regex::escape(w))
            .collect();
        Some(
            Regex::new(&format!(r"(?i)\b(?:{})\s+$", words.join("|")))
                .map_err(|e| rule_error("tense", e.to_string()))?,
        )
    };
    let tables = file
        .lexicon
        .into_iter()
        .map(|(name, table)| {
            let words = table
                .words
                .into_iter()
                .map(|(w, v)| (normalize_word(&w), v))
                .collect();
            (name, words)
        })
        .collect();
    Ok(Grammar {
        tables,
        rules,
        past_cues,
        future_cues,
        participle_after,
    })
}

/// The built-in grammar for `lang`, compiled on first use; `None` for a language without
/// a data file.
pub fn grammar(lang: &str) -> Option<&'static Result<Grammar, GrammarError>> {
    // One cell per registry language, in registry order.
    static CELLS: OnceLock<Vec<OnceLock<Result<Grammar, GrammarError>>>> = OnceLock::new();
    let cells = CELLS.get_or_init(|| {
        crate::lang::BUILTIN
            .iter()
            .map(|_| OnceLock::new())
            .collect()
    });
    // "EN", "vi-VN" and "vi_VN" name the same grammars as "en" and "vi".
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase();
    let index = crate::lang::BUILTIN
        .iter()
        .position(|b| b.code == primary)?;
    let source = crate::lang::BUILTIN[index].time;
    Some(cells[index].get_or_init(|| compile(lang, source)))
}

/// Languages with a built-in grammar.
#[cfg(test)]
fn languages() -> impl Iterator<Item = &'static str> {
    crate::lang::languages()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_grammars_compile() {
        for lang in languages() {
            match grammar(lang) {
                Some(Ok(g)) => assert!(!g.rules.is_empty(), "{lang} has rules"),
                Some(Err(e)) => panic!("{e}"),
                None => panic!("{lang} missing"),
            }
        }
    }

    #[test]
    fn placeholders_expand_and_repetitions_stay() {
        let lexicon: HashMap<String, TableFile> = HashMap::new();
        assert_eq!(
            expand_pattern(r"\d{1,2}", &lexicon).as_deref(),
            Ok(r"\d{1,2}")
        );
        assert!(expand_pattern("{nosuch}", &lexicon).is_err());
        assert!(expand_pattern("{day}", &lexicon)
            .unwrap_or_default()
            .contains("?P<day>"));
    }
}
