//! The per-language grammar of temporal expressions: word tables and pattern rules read
//! from `schema/lang/time.<lang>.json`, compiled once into regexes.
//!
//! A rule's pattern is a regex in which `{table}` stands for "any word of lexicon table
//! `table`" and becomes the named group `(?P<table>…)`; `{day}`, `{month}`, `{year}`,
//! `{hour}`, `{minute}` are the numeric fields. What a group means is given by its name up
//! to the first `_` (`shift_after` is read like `shift`), so a language adds tables without
//! touching code.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use regex_automata::meta::Regex as MetaRegex;
use regex_automata::{Anchored, Input, MatchKind, PatternSet};
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
    /// A unit without a shift word that refers to the period its sentence speaks of ("by
    /// the end of the year"): shift 0 from the sentence's previous time, else the reference.
    #[serde(default)]
    anaphoric: bool,
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
    /// The same pattern anchored at the start of its haystack: tries one candidate start.
    pub anchored: Regex,
    pub tense: Option<Tense>,
    pub part: Option<String>,
    pub not_before: Option<Regex>,
    pub not_after: Option<Regex>,
    pub amount: Option<u32>,
    /// Resolved against the previous time of its sentence (see `RuleFile::anaphoric`).
    pub anaphoric: bool,
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
    /// Where each rule's matches can start, found in one pass for all rules.
    pub triggers: Triggers,
}

/// Where the rules' matches can start, found for all rules at once: one automaton over
/// the literal prefixes of every rule finds the candidate starts, and one anchored
/// multi-pattern search at each tells which rules match there. A search per rule read the
/// whole text once per rule.
#[derive(Debug)]
pub struct Triggers {
    /// Over every filtered rule's prefixes; `None` when no rule has a finite prefix set.
    prefixes: Option<AhoCorasick>,
    /// The filtered rules' patterns, anchored, reporting every pattern that matches.
    any_rule: Option<MetaRegex>,
    /// The rule of each `any_rule` pattern.
    rule_of_pattern: Vec<usize>,
    /// Per rule: true when its matches can start anywhere (no finite prefix set), so it is
    /// searched on its own.
    pub unfiltered: Vec<bool>,
}

/// A candidate start and the rules that match there.
pub type Start = (usize, Vec<usize>);

impl Triggers {
    fn new(patterns: &[String]) -> Result<Triggers, String> {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut filtered: Vec<&str> = Vec::new();
        let mut rule_of_pattern = Vec::new();
        let mut unfiltered = Vec::with_capacity(patterns.len());
        for (rule, pattern) in patterns.iter().enumerate() {
            let Some(prefixes) = literal_prefixes(pattern) else {
                unfiltered.push(true);
                continue;
            };
            unfiltered.push(false);
            literals.extend(prefixes);
            filtered.push(pattern);
            rule_of_pattern.push(rule);
        }
        literals.sort_unstable();
        literals.dedup();
        if filtered.is_empty() {
            return Ok(Triggers {
                prefixes: None,
                any_rule: None,
                rule_of_pattern,
                unfiltered,
            });
        }
        let prefixes = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .map_err(|e| e.to_string())?;
        let any_rule = MetaRegex::builder()
            .configure(MetaRegex::config().match_kind(MatchKind::All))
            .build_many(&filtered)
            .map_err(|e| e.to_string())?;
        Ok(Triggers {
            prefixes: Some(prefixes),
            any_rule: Some(any_rule),
            rule_of_pattern,
            unfiltered,
        })
    }

    /// The offsets of `text` where a filtered rule's match may start, ascending, each with
    /// the rules that have a match starting there. `skip` leaves out offsets the caller
    /// would refuse whatever matched.
    pub fn starts(&self, text: &str, skip: impl Fn(usize) -> bool) -> Vec<Start> {
        let (Some(prefixes), Some(any_rule)) = (&self.prefixes, &self.any_rule) else {
            return Vec::new();
        };
        crate::work::step(text.len());
        let mut offsets: Vec<usize> = prefixes
            .find_overlapping_iter(text)
            .map(|found| found.start())
            .collect();
        // Overlapping matches come in order of their ends, not their starts.
        offsets.sort_unstable();
        offsets.dedup();
        let mut matching = PatternSet::new(any_rule.pattern_len());
        let mut out = Vec::new();
        for at in offsets {
            crate::work::step(1);
            if skip(at) {
                continue;
            }
            matching.clear();
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            // The regex keeps its lazily built automaton between calls and documents.
            any_rule.which_overlapping_matches(&input, &mut matching);
            if !matching.is_empty() {
                let rules = matching
                    .iter()
                    .map(|p| self.rule_of_pattern[p.as_usize()])
                    .collect();
                out.push((at, rules));
            }
        }
        out
    }
}

/// The literal prefix lengths tried per rule, longest first: a longer prefix is rarer in
/// text, but a case-insensitive word has more spellings, and a rule whose alternatives
/// multiply past the extractor's limit gets none at that length.
const PREFIX_BYTES: [usize; 2] = [3, 2];

/// Literals one of which starts every match of `pattern`; `None` when there is no such
/// finite set (or a match may be empty).
fn literal_prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    PREFIX_BYTES.iter().find_map(|&bytes| {
        let mut extractor = Extractor::new();
        extractor
            .kind(ExtractKind::Prefix)
            .limit_literal_len(bytes)
            .limit_total(50_000);
        let seq = extractor.extract(&hir);
        let literals = seq.literals()?;
        if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
            return None;
        }
        Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
    })
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
    ("second", r"(?P<second>[0-5][0-9])"),
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
    let mut patterns = Vec::with_capacity(file.rules.len());
    for (priority, raw) in file.rules.iter().enumerate() {
        let kind = raw.kind;
        let expanded =
            expand_pattern(&raw.pattern, &file.lexicon).map_err(|m| rule_error(&raw.name, m))?;
        // No `\b` here: a Unicode word boundary keeps the regex engine off its fast
        // automata on Vietnamese text; word edges are checked after matching instead.
        let pattern = format!(r"(?i)(?:{expanded})");
        let regex = Regex::new(&pattern).map_err(|e| rule_error(&raw.name, e.to_string()))?;
        let anchored = Regex::new(&format!(r"(?i)^(?:{expanded})"))
            .map_err(|e| rule_error(&raw.name, e.to_string()))?;
        patterns.push(pattern);
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
            anchored,
            tense,
            part: raw.part.clone(),
            not_before: guard(&raw.not_before, |t| format!("(?i)^(?:{t})"))?,
            not_after: guard(&raw.not_after, |t| format!("(?i)(?:{t})$"))?,
            amount: raw.amount,
            anaphoric: raw.anaphoric,
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
    let triggers = Triggers::new(&patterns).map_err(|m| rule_error("triggers", m))?;
    Ok(Grammar {
        tables,
        rules,
        past_cues,
        future_cues,
        participle_after,
        triggers,
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
