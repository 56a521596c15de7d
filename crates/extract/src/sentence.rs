//! The sentence splitter, over tokens. A sentence ends at `.`, `!`, `?` or an ellipsis (with
//! any closing quotes and brackets after it) when the next token starts a new sentence: an
//! uppercase word, a number or an opening quote, after whitespace. It does not end inside a
//! quotation (so a quote of several sentences stays with its attribution), before a dash
//! introducing the speaker, or after an abbreviation ("TP.", "Mr.", "Dec.") or an initial.
//! Line breaks always end a sentence.

use super::lang::LangData;
use super::token::{Token, TokenKind};

/// One sentence: a token range and the byte range it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub first: usize,
    pub end: usize,
    pub start_byte: usize,
    pub end_byte: usize,
}

/// A quotation this long without its closing mark is treated as unbalanced.
const MAX_QUOTE_BYTES: usize = 1500;

fn is_terminal(t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.key.as_str(), "." | "!" | "?" | "…")
        || t.key.starts_with("..")
}

pub fn is_open_quote(key: &str) -> bool {
    matches!(key, "“" | "«" | "„" | "‘")
}

pub fn is_close_quote(key: &str) -> bool {
    matches!(key, "”" | "»" | "’")
}

fn is_close_quote_or_straight(t: &Token) -> bool {
    is_close_quote(&t.key) || t.key == "\""
}

pub fn is_dash(key: &str) -> bool {
    matches!(key, "–" | "—" | "-" | "―")
}

fn starts_sentence(t: &Token) -> bool {
    t.space_before
        && (t.upper
            || t.kind == TokenKind::Number
            || is_open_quote(&t.key)
            || t.key == "\""
            || t.key == "(")
}

/// A photo credit glued to the next sentence ("… - Ảnh : AFP Theo hãng tin AFP , …"): the
/// index of the first token after the credit, when a capitalized word follows it. The credit
/// is the capitalized words after the marker and its colon, up to a word that opens a cue,
/// a person noun or a title ("Theo", "Ông").
/// Tokens after a caption marker that [`caption_end`] reads: the marker, the colon, a
/// credit of at most eight words and a phrase of the lexicon after it.
const CAPTION_WINDOW: usize = 32;

fn caption_end(tokens: &[Token], i: usize, lang: &LangData) -> Option<usize> {
    let marker = &tokens[i];
    if !marker.upper || !lang.caption_markers.contains(&marker.key) {
        return None;
    }
    if tokens.get(i + 1).is_none_or(|t| t.key != ":") {
        return None;
    }
    // Only the few tokens a credit can span (and a phrase after it) are looked at: keys of
    // the whole text here would make splitting quadratic in the number of captions.
    let window = &tokens[i..tokens.len().min(i + CAPTION_WINDOW)];
    let keys: Vec<&str> = window.iter().map(|t| t.key.as_str()).collect();
    crate::work::step(keys.len());
    let opens_text = |k: usize| {
        lang.cues.longest(&keys, k - i).is_some()
            || lang.person_nouns.longest(&keys, k - i).is_some()
            || lang.titles.longest(&keys, k - i).is_some()
    };
    let mut k = i + 2;
    while let Some(t) = tokens.get(k) {
        let credit_word = t.upper && t.kind == TokenKind::Word && t.newlines_before == 0;
        if !credit_word || (k > i + 2 && opens_text(k)) {
            break;
        }
        if k > i + 8 {
            // No word that opens a sentence: where the credit ends is unknown.
            return None;
        }
        k += 1;
    }
    let next = tokens.get(k)?;
    (k > i + 2 && next.upper && next.newlines_before == 0).then_some(k)
}

fn is_double_open(key: &str) -> bool {
    matches!(key, "“" | "«" | "„")
}

/// Tokens after a closing quote that [`speaker_after_quote`] reads: a name of a few words
/// (a title's abbreviation included) and the cue after it.
const SPEAKER_WINDOW: usize = 10;

/// "“Why not?” Vitter demanded.": a question or exclamation closed by a quotation mark and
/// followed by a capitalized name and a lowercase cue is that speaker's quotation, not a
/// sentence of its own. `j` is the first token after the closing quote.
fn speaker_after_quote(tokens: &[Token], j: usize, lang: &LangData) -> bool {
    let window = &tokens[j..tokens.len().min(j + SPEAKER_WINDOW)];
    let keys: Vec<&str> = window.iter().map(|t| t.key.as_str()).collect();
    crate::work::step(keys.len());
    let mut k = 0;
    while let Some(t) = window.get(k) {
        let name_word = t.upper && t.kind == TokenKind::Word;
        let abbreviation_dot =
            t.key == "." && k > 0 && !t.space_before && lang.abbreviations.contains(keys[k - 1]);
        if !(name_word || abbreviation_dot) || t.newlines_before > 0 {
            break;
        }
        k += 1;
    }
    k > 0
        && window
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Word && !t.upper && t.newlines_before == 0)
        && lang.cues.longest(&keys, k).is_some()
}

pub fn split(tokens: &[Token], lang: &LangData) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut quote_open_at: Option<usize> = None;
    let mut straight_open = false;
    // Where sentences would end inside the open quotation, were it no quotation.
    let mut unquoted_breaks: Vec<usize> = Vec::new();
    let mut i = 0;
    let push = |first: usize, end: usize, out: &mut Vec<Sentence>| {
        if end > first {
            out.push(Sentence {
                first,
                end,
                start_byte: tokens[first].start,
                end_byte: tokens[end - 1].end,
            });
        }
    };
    while i < tokens.len() {
        let t = &tokens[i];
        if quote_open_at.is_none() {
            unquoted_breaks.clear();
        }
        if i > first && t.newlines_before > 0 {
            push(first, i, &mut out);
            first = i;
            quote_open_at = None;
            straight_open = false;
        }
        let key = t.key.as_str();
        if is_open_quote(key) && key != "’" {
            // A second opening double mark inside an open quotation: the first one was never
            // closed, so the sentences since it end where they would have without it.
            if quote_open_at.is_some() && is_double_open(key) && lang.unclosed_quote_ends_at_next {
                for &c in &unquoted_breaks {
                    push(first, c, &mut out);
                    first = c;
                }
            }
            unquoted_breaks.clear();
            quote_open_at = Some(t.start);
        } else if is_close_quote(key) {
            quote_open_at = None;
        } else if key == "\"" && quote_open_at.is_some() && !straight_open {
            // “… closed by a straight quote (mixed marks in hand-typed text).
            quote_open_at = None;
        } else if key == "\"" {
            straight_open = !straight_open;
            quote_open_at = straight_open.then_some(t.start);
        }
        if let Some(end) = caption_end(tokens, i, lang).filter(|_| quote_open_at.is_none()) {
            push(first, end, &mut out);
            first = end;
            straight_open = false;
            i = end;
            continue;
        }
        if !is_terminal(t) {
            i += 1;
            continue;
        }
        // Closing quotes and brackets right after the terminal belong to this sentence.
        let mut j = i + 1;
        while let Some(n) = tokens.get(j) {
            if n.space_before && n.key != "”" {
                break;
            }
            if is_close_quote(&n.key) || n.key == ")" || n.key == "]" {
                quote_open_at = None;
            } else if n.key == "\"" && (straight_open || quote_open_at.is_some()) {
                straight_open = false;
                quote_open_at = None;
            } else {
                break;
            }
            j += 1;
        }
        let inside_quote = quote_open_at.is_some_and(|at| t.start - at < MAX_QUOTE_BYTES);
        let after_abbreviation = key == "."
            && i > 0
            && !t.space_before
            && tokens[i - 1].kind == TokenKind::Word
            && (lang.abbreviations.contains(&tokens[i - 1].key)
                || (tokens[i - 1].upper && tokens[i - 1].key.chars().count() == 1));
        let quoted_question = key != "." && j > i + 1 && is_close_quote_or_straight(&tokens[j - 1]);
        let quote_then_speaker = quoted_question && speaker_after_quote(tokens, j, lang);
        let breaks = match tokens.get(j) {
            None => false,
            Some(n) => {
                starts_sentence(n)
                    && !is_dash(&n.key)
                    && !inside_quote
                    && !after_abbreviation
                    && !quote_then_speaker
            }
        };
        if !breaks
            && inside_quote
            && !after_abbreviation
            && tokens
                .get(j)
                .is_some_and(|n| starts_sentence(n) && !is_dash(&n.key))
        {
            unquoted_breaks.push(j);
        }
        if breaks {
            unquoted_breaks.clear();
            push(first, j, &mut out);
            first = j;
            quote_open_at = None;
            straight_open = false;
        }
        i = j;
    }
    push(first, tokens.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lang_data;
    use crate::token::tokenize;

    fn texts(text: &str, lang: &str) -> Vec<String> {
        let toks = tokenize(text);
        let data = lang_data(lang).unwrap();
        split(&toks, data)
            .into_iter()
            .map(|s| text[s.start_byte..s.end_byte].to_string())
            .collect()
    }

    #[test]
    fn glued_boundary_and_abbreviations() {
        let s = texts(
            "sự giám_sát của LHQ. Các tay súng ở TP. Hồ Chí Minh đi.",
            "vi",
        );
        assert_eq!(
            s,
            ["sự giám_sát của LHQ.", "Các tay súng ở TP. Hồ Chí Minh đi."]
        );
        let s = texts("Mr. Smith left on Dec. 11. He said so.", "en");
        assert_eq!(s, ["Mr. Smith left on Dec. 11.", "He said so."]);
    }

    #[test]
    fn mixed_quotation_marks_and_photo_credits_end_sentences() {
        // “… closed by a straight quote: the quotation ends there.
        let s = texts(
            "“Chúng tôi không biết\", cô Hoa nói. Anh Nam cho biết, giá đã tăng. Xong.",
            "vi",
        );
        assert_eq!(s.len(), 3, "{s:?}");
        let s = texts(
            "Cảnh sát tại hiện_trường - Ảnh : AFP Theo hãng tin AFP , đám cháy đã tắt .",
            "vi",
        );
        assert_eq!(
            s,
            [
                "Cảnh sát tại hiện_trường - Ảnh : AFP",
                "Theo hãng tin AFP , đám cháy đã tắt ."
            ]
        );
    }

    #[test]
    fn quotes_ellipses_and_dashes() {
        let s = texts(
            "“ Họ nói ... chúng_tôi đi . Chúng_tôi chưa trả_lời ” – một lãnh_đạo nói . Xong .",
            "vi",
        );
        assert_eq!(s.len(), 2, "{s:?}");
        let s = texts(
            "\"We will win. We always do,\" Trump said. Then he left.",
            "en",
        );
        assert_eq!(
            s,
            [
                "\"We will win. We always do,\" Trump said.",
                "Then he left."
            ]
        );
        let s = texts("\"Really?\" he asked. Yes.", "en");
        assert_eq!(s, ["\"Really?\" he asked.", "Yes."]);
    }
}
