//! The tokenizer: words, numbers and punctuation with byte spans into the article text.
//! Word-segmented Vietnamese joins syllables with `_`; the tokenizer splits there too (and
//! remembers it), so "cho_biết" and "cho biết" match the same cue.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lowercase form (diacritics kept): the key cue lexicons match on.
    pub key: String,
    pub kind: TokenKind,
    /// The first character is uppercase.
    pub upper: bool,
    /// Whitespace or `_` separates this token from the previous one.
    pub space_before: bool,
    /// Line breaks in the whitespace before this token.
    pub newlines_before: u32,
    /// Joined to the previous token by `_` (one word of segmented Vietnamese).
    pub joined: bool,
}

impl AsRef<str> for Token {
    fn as_ref(&self) -> &str {
        &self.key
    }
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind != TokenKind::Punct
    }
}

/// Lowercases a word for lexicon lookups.
pub fn fold_token(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_lowercase()
    } else if is_nfc_quick(word.chars()) == IsNormalized::Yes {
        word.to_lowercase()
    } else {
        word.to_lowercase().nfc().collect()
    }
}

/// The key the actor gazetteer uses: lowercase, NFC, diacritics kept (in Vietnamese they
/// tell "Anh" (Britain) from "ảnh" (photo) and "Đức" (Germany) from "đức").
pub fn gazetteer_key(key: &str) -> String {
    if key.is_ascii() || is_nfc_quick(key.chars()) == IsNormalized::Yes {
        key.to_string()
    } else {
        key.nfc().collect()
    }
}

/// The characters below this code point answer [`is_alphanumeric`] from a bitmap: Latin
/// with its extensions (Vietnamese letters among them), Greek and Cyrillic. Unicode's
/// tables are a binary search per character, and the tokenizer asks for every character.
const CLASS_MAP_END: u32 = 0x2000;

/// `char::is_alphanumeric`, fast for the scripts news text is mostly written in.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    use std::sync::OnceLock;
    static MAP: OnceLock<Vec<u64>> = OnceLock::new();
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let code = c as u32;
    if code >= CLASS_MAP_END {
        return c.is_alphanumeric();
    }
    let map = MAP.get_or_init(|| {
        let mut map = vec![0u64; CLASS_MAP_END as usize / 64];
        for (code, c) in (0..CLASS_MAP_END).filter_map(|n| Some((n, char::from_u32(n)?))) {
            if c.is_alphanumeric() {
                map[code as usize / 64] |= 1 << (code % 64);
            }
        }
        map
    });
    map[code as usize / 64] & (1 << (code % 64)) != 0
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Where the first of two words glued together without a space ends ("ThànhCho_biết" from
/// text that lost its spaces): at a lowercase letter followed by a capital. Only in a word
/// with a letter beyond ASCII (Vietnamese: no syllable has a capital inside), so names such
/// as "McDonald" or "YouTube" stay whole. The whole length when nothing is glued.
fn glued_word_end(word: &[(usize, char)]) -> usize {
    let len = word.len();
    if len < 4 || word.iter().all(|(_, c)| c.is_ascii()) {
        return len;
    }
    (2..len - 1)
        .find(|&k| {
            word[k - 1].1.is_lowercase()
                && word[k - 2].1.is_alphabetic()
                && word[k].1.is_uppercase()
                && word[k + 1].1.is_lowercase()
        })
        .unwrap_or(len)
}

/// Splits text into tokens. Never fails; every byte offset is on a char boundary.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut space_before = true;
    let mut newlines = 0u32;
    let mut joined = false;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() || c == '_' || c == '\u{feff}' {
            space_before = true;
            joined = c == '_' && i > 0 && !chars[i - 1].1.is_whitespace();
            if c == '\n' {
                newlines += 1;
            }
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let kind = if is_alphanumeric(c) {
            while j < chars.len() {
                let d = chars[j].1;
                let next = chars.get(j + 1).map(|x| x.1);
                let prev = chars[j - 1].1;
                // Digit groups ("120.000", "3,5") and apostrophes ("Russia's") stay inside.
                let inside = is_alphanumeric(d)
                    || ((d == '.' || d == ',')
                        && prev.is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit()))
                    || (is_apostrophe(d)
                        && prev.is_alphabetic()
                        && next.is_some_and(|n| n.is_alphabetic()));
                if !inside {
                    break;
                }
                j += 1;
            }
            if c.is_ascii_digit() {
                TokenKind::Number
            } else {
                j = i + glued_word_end(&chars[i..j]);
                TokenKind::Word
            }
        } else {
            if c == '.' {
                while j < chars.len() && chars[j].1 == '.' {
                    j += 1;
                }
            }
            // '' and `` are how some newspapers write a double quotation mark.
            if (c == '\'' || c == '`') && chars.get(j).is_some_and(|n| n.1 == c) {
                j += 1;
            }
            TokenKind::Punct
        };
        let end = chars.get(j).map_or(text.len(), |x| x.0);
        let surface = &text[start..end];
        out.push(Token {
            start,
            end,
            key: if surface == "''" || surface == "``" {
                "\"".to_string()
            } else if kind == TokenKind::Punct {
                surface.to_string()
            } else {
                fold_token(surface)
            },
            kind,
            upper: c.is_uppercase(),
            space_before,
            newlines_before: newlines,
            joined,
        });
        space_before = false;
        joined = false;
        newlines = 0;
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_segmented_words_and_keeps_numbers_whole() {
        let text = "Nga cho_biết 120.000 dân_thường, Russia's 3,5 ...";
        let keys: Vec<String> = tokenize(text).into_iter().map(|t| t.key).collect();
        assert_eq!(
            keys,
            [
                "nga",
                "cho",
                "biết",
                "120.000",
                "dân",
                "thường",
                ",",
                "russia's",
                "3,5",
                "..."
            ]
        );
    }

    #[test]
    fn glued_vietnamese_words_split_at_the_capital() {
        let keys =
            |text: &str| -> Vec<String> { tokenize(text).into_iter().map(|t| t.key).collect() };
        assert_eq!(keys("Ông ThànhCho_biết"), ["ông", "thành", "cho", "biết"]);
        assert_eq!(keys("Phan YếnTheo BBC"), ["phan", "yến", "theo", "bbc"]);
        // ASCII names with inner capitals stay whole, and so do acronyms.
        assert_eq!(
            keys("McDonald YouTube TPHCM"),
            ["mcdonald", "youtube", "tphcm"]
        );
    }

    #[test]
    fn spans_index_the_text() {
        let text = "“Chúng_tôi” – ông nói.";
        for t in tokenize(text) {
            assert!(text.get(t.start..t.end).is_some());
        }
    }
}
