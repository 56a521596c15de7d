//! Temporal expression tagging and normalization (English, Vietnamese).
//!
//! Two phases, as in HeidelTime: pattern rules from `schema/lang/time.<lang>.json` find
//! expressions and read their fields (month 12, day 11, year unknown); a resolver then fills
//! what the text leaves open from the reference date (normally the publication date) and the
//! tense of the clause, or keeps TIMEX3's `X` placeholders when it cannot. See
//! `docs/time.md`, section "Temporal expressions in text".

mod coordinate;
mod grammar;
mod resolve;

use claimgraph_model::TimePoint;
use grammar::Tense;

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimexType {
    /// A calendar date or period: `2016-12-11`, `2016-W50`, `PAST_REF`.
    Date,
    /// A time of day: `2016-12-11T14:16`, `2016-12-11TMO`.
    Time,
    /// A length of time: `PT48H`, `P3Y`.
    Duration,
    /// A recurrence: `P1W` ("every week").
    Set,
}

impl TimexType {
    /// The TIMEX3 spelling: `DATE`, `TIME`, `DURATION`, `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A temporal expression found in text, with its normalized value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimexMatch {
    /// Byte offsets `[start, end)` in the input.
    pub span: (usize, usize),
    /// The input text at `span`.
    pub text: String,
    /// TIMEX3 value: `2016-12-11`, `XXXX-12-11`, `PT48H`, `PAST_REF`, `2016-W50` ...
    pub value: String,
    /// DATE, TIME, DURATION or SET.
    pub timex_type: TimexType,
    /// The value as a model time point, when it is a date or time the model can hold.
    pub point: Option<TimePoint>,
    /// The rule that matched, for debugging.
    pub rule: &'static str,
}

/// Finds and normalizes the temporal expressions of `text` in language `lang` (`"en"`,
/// `"vi"`), resolving relative and underspecified ones against `reference` (the
/// publication date) when given. Sorted by span start, non-overlapping. A language without
/// a grammar yields nothing.
pub fn find_times(text: &str, lang: &str, reference: Option<&TimePoint>) -> Vec<TimexMatch> {
    let Some(Ok(grammar)) = grammar::grammar(lang) else {
        return Vec::new();
    };
    let mut out = find_by_rules(grammar, text, reference);
    coordinate::add_conjuncts(grammar, text, reference, &mut out);
    out
}

/// The matches of the rules alone, without the conjuncts `coordinate` adds.
fn find_by_rules(
    grammar: &grammar::Grammar,
    text: &str,
    reference: Option<&TimePoint>,
) -> Vec<TimexMatch> {
    // The grammar is written in NFC; decomposed input (common in Vietnamese) is matched in
    // its NFC form and spans mapped back.
    let composed = Composed::new(text);
    // Word-segmented Vietnamese joins syllables with `_`; a space has the same byte length,
    // so offsets into `haystack` are offsets into the composed text.
    let haystack = composed.text.replace('_', " ");
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    for (index, rule) in grammar.rules.iter().enumerate() {
        if grammar.triggers.unfiltered[index] {
            search_rule(rule, index, &haystack, &mut candidates);
        }
    }
    // A match starting inside a word is refused by `at_word_edges`, and the search goes on
    // from the next character: such offsets need no trying.
    let starts = grammar
        .triggers
        .starts(&haystack, |at| starts_inside_word(&haystack, at));
    try_starts(grammar, &haystack, &starts, &mut candidates);
    // Longest match first, then the earlier rule: "December 11, 2016" beats "December 11".
    candidates.sort_by(|a, b| {
        (b.1 - b.0)
            .cmp(&(a.1 - a.0))
            .then(
                grammar.rules[a.2]
                    .priority
                    .cmp(&grammar.rules[b.2].priority),
            )
            .then(a.0.cmp(&b.0))
    });
    // The chosen spans by start. They never overlap, so a candidate overlaps one of them
    // exactly when it overlaps the last one starting before its end: a lookup, where a scan
    // of all chosen spans per candidate was quadratic.
    let mut chosen: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
    for (start, end, index) in candidates {
        crate::work::step(1);
        let free = chosen
            .range(..end)
            .next_back()
            .is_none_or(|(_, &(c_end, _))| c_end <= start);
        if free {
            chosen.insert(start, (end, index));
        }
    }
    let mut clauses = Clauses::new(&haystack);
    let mut out = Vec::with_capacity(chosen.len());
    // The last resolved point and where it ended: the anchor of an anaphoric rule in the
    // same sentence ("in early December …, and peaked by the end of the year").
    let mut last_point: Option<(usize, TimePoint)> = None;
    for (start, (end, index)) in chosen {
        let rule = &grammar.rules[index];
        let Some(captures) = rule.regex.captures(&haystack[start..end]) else {
            continue;
        };
        let tense = rule.tense.or_else(|| clauses.tense(grammar, start, end));
        let anchor = last_point
            .as_ref()
            .filter(|(at, _)| rule.anaphoric && clauses.same_sentence(*at, start))
            .map(|(_, point)| point);
        // An anchor too coarse for the unit ("the week" after "in 2010") leaves `X`s: the
        // reference then decides.
        let resolved = anchor
            .and_then(|a| resolve::resolve(grammar, rule, &captures, Some(a), tense))
            .filter(|r| !r.value.contains('X'))
            .or_else(|| resolve::resolve(grammar, rule, &captures, reference, tense));
        let Some(resolved) = resolved else {
            continue;
        };
        if let Some(point) = resolved.point {
            last_point = Some((end, point));
        }
        let (start, end) = (composed.original_start(start), composed.original_end(end));
        out.push(TimexMatch {
            span: (start, end),
            text: text.get(start..end).unwrap_or_default().to_string(),
            value: resolved.value,
            timex_type: resolved.timex_type,
            point: resolved.point,
            rule: rule.name,
        });
    }
    out
}

/// Whether a rule's match at `[found_start, found_end)` is refused; otherwise its span
/// without the spaces optional parts may leave at its edges.
fn accepted(
    rule: &grammar::Rule,
    haystack: &str,
    found_start: usize,
    found_end: usize,
) -> Option<(usize, usize)> {
    let start = found_end - haystack[found_start..found_end].trim_start().len();
    let end = start + haystack[start..found_end].trim_end().len();
    let rejected = start == end
        || !at_word_edges(haystack, start, end)
        || rule
            .not_before
            .as_ref()
            .is_some_and(|guard| guard.is_match(&haystack[end..]))
        || rule
            .not_after
            .as_ref()
            .is_some_and(|guard| guard.is_match(preceding(haystack, start, 64)));
    (!rejected).then_some((start, end))
}

/// The offset after the character at `at`.
fn next_char(haystack: &str, at: usize) -> usize {
    at + haystack[at..].chars().next().map_or(1, char::len_utf8)
}

/// Adds the matches of a rule without a finite prefix set, searching the whole text: the
/// leftmost match from where the last one ended, and after a refused match, from the next
/// character (a refused match must not hide one that starts inside it).
fn search_rule(
    rule: &grammar::Rule,
    index: usize,
    haystack: &str,
    out: &mut Vec<(usize, usize, usize)>,
) {
    let mut from = 0;
    while let Some(found) = rule.regex.find_at(haystack, from) {
        crate::work::step(found.end() - from);
        match accepted(rule, haystack, found.start(), found.end()) {
            Some((start, end)) => {
                from = end;
                out.push((start, end, index));
            }
            None => {
                from = next_char(haystack, found.start());
                if from > haystack.len() {
                    break;
                }
            }
        }
    }
    crate::work::step(haystack.len().saturating_sub(from));
}

/// Adds the matches of the filtered rules given the ascending offsets where some of them
/// match: the same matches [`search_rule`] finds, since the leftmost match from an offset
/// is the anchored match at the first offset after it that has one (the patterns look
/// neither behind nor ahead).
fn try_starts(
    grammar: &grammar::Grammar,
    haystack: &str,
    starts: &[grammar::Start],
    out: &mut Vec<(usize, usize, usize)>,
) {
    // Per rule, where its search goes on from.
    let mut from = vec![0; grammar.rules.len()];
    for (at, rules) in starts {
        let at = *at;
        for &index in rules {
            crate::work::step(1);
            if at < from[index] {
                continue;
            }
            let rule = &grammar.rules[index];
            let Some(found) = rule.anchored.find(&haystack[at..]) else {
                continue;
            };
            crate::work::step(found.end());
            match accepted(rule, haystack, at, at + found.end()) {
                Some((start, end)) => {
                    from[index] = end;
                    out.push((start, end, index));
                }
                None => from[index] = next_char(haystack, at),
            }
        }
    }
}

/// True when the character at `at` is alphanumeric and so is the one before it.
fn starts_inside_word(haystack: &str, at: usize) -> bool {
    let is_word = crate::token::is_alphanumeric;
    haystack[at..].chars().next().is_some_and(is_word)
        && haystack[..at].chars().next_back().is_some_and(is_word)
}

/// The NFC form of a text with a map back to the original's byte offsets.
struct Composed<'a> {
    text: std::borrow::Cow<'a, str>,
    /// (offset in `text`, offset in the original) at every segment boundary, ascending;
    /// empty when the text was already NFC.
    boundaries: Vec<(usize, usize)>,
}

impl<'a> Composed<'a> {
    fn new(original: &'a str) -> Composed<'a> {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::UnicodeNormalization;
        if unicode_normalization::is_nfc(original) {
            return Composed {
                text: std::borrow::Cow::Borrowed(original),
                boundaries: Vec::new(),
            };
        }
        // Composition happens within a starter and the combining marks after it, so each
        // such segment is composed on its own and its boundaries are kept.
        let mut text = String::with_capacity(original.len());
        let mut boundaries = vec![(0, 0)];
        let mut segment_start = 0;
        for (offset, ch) in original.char_indices().skip(1) {
            if canonical_combining_class(ch) == 0 {
                text.extend(original[segment_start..offset].nfc());
                boundaries.push((text.len(), offset));
                segment_start = offset;
            }
        }
        text.extend(original[segment_start..].nfc());
        boundaries.push((text.len(), original.len()));
        Composed {
            text: std::borrow::Cow::Owned(text),
            boundaries,
        }
    }

    /// The original offset of the segment containing `offset`.
    fn original_start(&self, offset: usize) -> usize {
        if self.boundaries.is_empty() {
            return offset;
        }
        match self.boundaries.binary_search_by_key(&offset, |b| b.0) {
            Ok(i) => self.boundaries[i].1,
            Err(i) => self.boundaries[i.saturating_sub(1)].1,
        }
    }

    /// The original offset of the end of the segment containing `offset - 1`.
    fn original_end(&self, offset: usize) -> usize {
        if self.boundaries.is_empty() {
            return offset;
        }
        match self.boundaries.binary_search_by_key(&offset, |b| b.0) {
            Ok(i) => self.boundaries[i].1,
            Err(i) => self
                .boundaries
                .get(i)
                .or(self.boundaries.last())
                .map_or(offset, |b| b.1),
        }
    }
}

/// True when the match neither starts nor ends inside a word ("a year" inside "data year"
/// is no match).
fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let is_word = crate::token::is_alphanumeric;
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let left_ok = !(before.is_some_and(is_word) && first.is_some_and(is_word));
    let right_ok = !(after.is_some_and(is_word) && last.is_some_and(is_word));
    left_ok && right_ok
}

/// Up to `max_bytes` of `text` before `end`, cut at a character boundary.
fn preceding(text: &str, end: usize, max_bytes: usize) -> &str {
    let mut start = end.saturating_sub(max_bytes);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..end]
}

/// A tense cue: its span and tense.
type Cue = (usize, usize, Tense);

/// A clause's bounds, its cues sorted by (end, future) and by (start, past first), and its
/// quotations.
type ClauseCues = ((usize, usize), Vec<Cue>, Vec<Cue>, Vec<(usize, usize)>);

/// The clauses of a text for [`Clauses::tense`]: where they end, and the tense cues of each
/// clause read once. Finding the clause by scanning back from every expression and reading
/// its cues anew per expression was quadratic in a long text without sentence breaks.
struct Clauses<'t> {
    text: &'t str,
    /// Byte offsets of the clause-ending characters, ascending.
    breaks: Vec<usize>,
    /// The last clause read.
    cached: Option<ClauseCues>,
}

impl<'t> Clauses<'t> {
    fn new(text: &'t str) -> Clauses<'t> {
        let breaks = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| is_clause_break(b))
            .map(|(i, _)| i)
            .collect();
        Clauses {
            text,
            breaks,
            cached: None,
        }
    }

    /// True when no clause break lies between byte offsets `from` and `to` (`from <= to`).
    fn same_sentence(&self, from: usize, to: usize) -> bool {
        self.breaks.partition_point(|&b| b < from) == self.breaks.partition_point(|&b| b < to)
    }

    /// The tense of the clause around `[start, end)`: the last tense cue before the
    /// expression in its sentence, else the first one after it (HeidelTime reads the
    /// nearest verb the same way).
    fn tense(&mut self, grammar: &grammar::Grammar, start: usize, end: usize) -> Option<Tense> {
        crate::work::step(1);
        let before_start = self.breaks.partition_point(|&b| b < start);
        let sentence_start = before_start
            .checked_sub(1)
            .map_or(0, |i| self.breaks[i] + 1);
        let after_end = self.breaks.partition_point(|&b| b < end);
        let sentence_end = self
            .breaks
            .get(after_end)
            .copied()
            .unwrap_or(self.text.len());
        let bounds = (sentence_start, sentence_end);
        if self.cached.as_ref().is_none_or(|c| c.0 != bounds) {
            let mut by_end = clause_cues(grammar, self.text, sentence_start, sentence_end);
            let mut by_start = by_end.clone();
            by_end.sort_by_key(|c| (c.1, matches!(c.2, Tense::Future)));
            by_start.sort_by_key(|c| (c.0, matches!(c.2, Tense::Future)));
            let quotes = quotations(self.text, bounds);
            self.cached = Some((bounds, by_end, by_start, quotes));
        }
        let (_, by_end, by_start, quotes) = self.cached.as_ref()?;
        // A tense cue inside a quotation is the quoted speaker's ("“… sẽ …” , ông nói hôm
        // 4/9"); it sets the tense only of an expression inside the same quotation.
        let here = quotation_at(quotes, start);
        let quoted = |c: &&Cue| {
            let q = quotation_at(quotes, c.0);
            q.is_some() && q != here
        };
        // A cue overlapping the expression ("last", "qua") is not a verb; it neither ends
        // before it nor starts after it, so these two lookups leave it out.
        let before = by_end[..by_end.partition_point(|c| c.1 <= start)]
            .iter()
            .rev()
            .find(|c| !quoted(c));
        let after = by_start[by_start.partition_point(|c| c.0 < end)..]
            .iter()
            .find(|c| !quoted(c));
        before.or(after).map(|c| c.2)
    }
}

/// The quotations of the clause `[from, to)` as byte ranges `[open, close)`, ascending.
/// Curly quotes pair by direction, straight ones by count; one left open runs to the
/// clause's end.
fn quotations(text: &str, (from, to): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, ch) in text[from..to].char_indices() {
        let at = from + i;
        match (ch, open) {
            ('“' | '«', None) => open = Some(at),
            ('”' | '»' | '"', Some(o)) => {
                out.push((o, at));
                open = None;
            }
            ('"', None) => open = Some(at),
            _ => {}
        }
    }
    out.extend(open.map(|o| (o, to)));
    out
}

/// The quotation (its opening offset) among `quotes` holding byte `at`.
fn quotation_at(quotes: &[(usize, usize)], at: usize) -> Option<usize> {
    let i = quotes.partition_point(|q| q.0 <= at);
    i.checked_sub(1)
        .map(|i| quotes[i])
        .filter(|q| at < q.1)
        .map(|q| q.0)
}

/// The characters that end a clause for tense reading.
fn is_clause_break(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n' | b';')
}

/// The tense cues of the clause `[sentence_start, sentence_end)` of `text`, past ones first.
fn clause_cues(
    grammar: &grammar::Grammar,
    text: &str,
    sentence_start: usize,
    sentence_end: usize,
) -> Vec<Cue> {
    let mut cues: Vec<Cue> = Vec::new();
    for (regex, tense) in [
        (&grammar.past_cues, Tense::Past),
        (&grammar.future_cues, Tense::Future),
    ] {
        if let Some(regex) = regex {
            let sentence = &text[sentence_start..sentence_end];
            crate::work::step(sentence.len());
            for m in regex.find_iter(sentence) {
                let (cue_start, cue_end) = (sentence_start + m.start(), sentence_start + m.end());
                let participle = tense == Tense::Past
                    && grammar
                        .participle_after
                        .as_ref()
                        .is_some_and(|p| p.is_match(preceding(text, cue_start, 24)));
                if !participle {
                    cues.push((cue_start, cue_end, tense));
                }
            }
        }
    }
    cues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of(text: &str, lang: &str, reference: Option<&str>) -> Vec<(String, String)> {
        let reference = reference.and_then(|r| TimePoint::parse(r).ok());
        find_times(text, lang, reference.as_ref())
            .into_iter()
            .map(|m| (m.text, m.value))
            .collect()
    }

    #[test]
    fn word_edges_are_respected() {
        assert!(at_word_edges("a year", 0, 6));
        assert!(!at_word_edges("data year", 3, 9));
        assert!(at_word_edges("(2016)", 1, 5));
    }

    #[test]
    fn unknown_language_yields_nothing() {
        assert!(value_of("yesterday", "xx", None).is_empty());
    }

    #[test]
    fn language_tags_are_read_by_their_primary_subtag() {
        assert_eq!(value_of("hôm qua", "vi-VN", None).len(), 1);
        assert_eq!(value_of("yesterday", "EN", None).len(), 1);
    }

    fn tense_of(text: &str, expression: &str) -> Option<Tense> {
        let Some(Ok(grammar)) = grammar::grammar("en") else {
            panic!("English grammar compiles");
        };
        let start = text.find(expression).unwrap_or_default();
        Clauses::new(text).tense(grammar, start, start + expression.len())
    }

    #[test]
    fn clause_tense_reads_the_nearest_cue() {
        assert_eq!(tense_of("He said it in July.", "July"), Some(Tense::Past));
        assert_eq!(
            tense_of("It will open in July.", "July"),
            Some(Tense::Future)
        );
        // A participle after "be" carries no tense: "will" decides.
        assert_eq!(
            tense_of(
                "She will be named commander for a mission in December.",
                "December"
            ),
            Some(Tense::Future)
        );
        assert_eq!(
            tense_of("It is due to be published in May.", "May"),
            Some(Tense::Future)
        );
        // Cues after the expression count when none precede it.
        assert_eq!(tense_of("In July, prices rose.", "July"), Some(Tense::Past));
        // Another sentence does not count.
        assert_eq!(tense_of("He said so. In July it opens", "July"), None);
        // A tense inside a quotation is the quoted speaker's: it sets no tense outside.
        assert_eq!(tense_of("“They will come back” in July", "July"), None);
        assert_eq!(
            tense_of("\"They will come back in July\"", "July"),
            Some(Tense::Future)
        );
    }

    #[test]
    fn decomposed_input_matches_with_original_spans() {
        use unicode_normalization::UnicodeNormalization;
        let text: String = "Ông nói hôm_qua , tháng 7".nfd().collect();
        let found = find_times(&text, "vi", None);
        let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
        let expected: Vec<String> = ["hôm_qua", "tháng 7"]
            .iter()
            .map(|s| s.nfd().collect())
            .collect();
        assert_eq!(texts, expected);
        for m in &found {
            assert_eq!(&text[m.span.0..m.span.1], m.text);
        }
    }

    #[test]
    fn spans_survive_underscores() {
        let found = find_times("Hôm_qua , ông nói", "vi", None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "Hôm_qua");
        assert_eq!(found[0].span, (0, "Hôm_qua".len()));
    }
}
