//! The lexer: turns query text into tokens with byte spans. Words are runs of anything
//! but whitespace and the punctuation `( ) | , " = < > ! ~`; quoted strings take `"…"` or
//! `'…'` with backslash escapes. Keywords are words, recognised by the parser
//! case-insensitively, so a quoted string is never a keyword.

use super::QueryError;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TokenKind {
    /// A bare word: keyword, name, number or date.
    Word(String),
    /// A quoted string, unescaped.
    Str(String),
    LParen,
    RParen,
    Pipe,
    Comma,
    Op(CmpOp),
}

/// Comparison operators of `where` conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// Contains (case- and diacritic-insensitive).
    Contains,
}

impl CmpOp {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Contains => "~",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub(crate) kind: TokenKind,
    pub(crate) span: Range<usize>,
}

impl Token {
    /// How the token reads in an error message.
    pub(crate) fn describe(&self) -> String {
        match &self.kind {
            TokenKind::Word(w) => format!("'{w}'"),
            TokenKind::Str(s) => format!("\"{s}\""),
            TokenKind::LParen => "'('".into(),
            TokenKind::RParen => "')'".into(),
            TokenKind::Pipe => "'|'".into(),
            TokenKind::Comma => "','".into(),
            TokenKind::Op(op) => format!("'{}'", op.as_str()),
        }
    }

    /// The word, lower-cased, when the token is a bare word.
    pub(crate) fn keyword(&self) -> Option<String> {
        match &self.kind {
            TokenKind::Word(w) => Some(w.to_lowercase()),
            _ => None,
        }
    }
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '(' | ')' | '|' | ',' | '"' | '=' | '<' | '>' | '!' | '~')
}

/// Splits `source` into tokens.
pub(crate) fn lex(source: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let single = |kind: TokenKind| Token {
            kind,
            span: start..start + c.len_utf8(),
        };
        match c {
            '(' | ')' | '|' | ',' | '~' => {
                chars.next();
                tokens.push(single(match c {
                    '(' => TokenKind::LParen,
                    ')' => TokenKind::RParen,
                    '|' => TokenKind::Pipe,
                    ',' => TokenKind::Comma,
                    _ => TokenKind::Op(CmpOp::Contains),
                }));
            }
            '=' | '<' | '>' | '!' => {
                chars.next();
                let followed_by_eq = chars.peek().is_some_and(|&(_, n)| n == '=');
                let op = match (c, followed_by_eq) {
                    ('=', _) => CmpOp::Eq,
                    ('<', true) => CmpOp::Le,
                    ('<', false) => CmpOp::Lt,
                    ('>', true) => CmpOp::Ge,
                    ('>', false) => CmpOp::Gt,
                    ('!', true) => CmpOp::Ne,
                    _ => {
                        return Err(QueryError::syntax(
                            source,
                            start..start + 1,
                            "unexpected '!'",
                            Some("write '!=' for 'not equal', or 'not' before a predicate".into()),
                        ))
                    }
                };
                let mut end = start + 1;
                if followed_by_eq && c != '=' {
                    chars.next();
                    end += 1;
                } else if c == '=' && followed_by_eq {
                    // `==` reads as `=`.
                    chars.next();
                    end += 1;
                }
                tokens.push(Token {
                    kind: TokenKind::Op(op),
                    span: start..end,
                });
            }
            '"' | '\'' => {
                chars.next();
                let quote = c;
                let mut text = String::new();
                let mut closed = None;
                while let Some((i, ch)) = chars.next() {
                    if ch == quote {
                        closed = Some(i + ch.len_utf8());
                        break;
                    }
                    if ch == '\\' {
                        if let Some((_, escaped)) = chars.next() {
                            text.push(escaped);
                            continue;
                        }
                    }
                    text.push(ch);
                }
                let Some(end) = closed else {
                    return Err(QueryError::syntax(
                        source,
                        start..start + 1,
                        "unterminated string",
                        Some(format!("close the string with {quote}")),
                    ));
                };
                tokens.push(Token {
                    kind: TokenKind::Str(text),
                    span: start..end,
                });
            }
            _ => {
                let mut end = start;
                while let Some(&(i, ch)) = chars.peek() {
                    if !is_word_char(ch) || (ch == '\'' && i == start) {
                        break;
                    }
                    end = i + ch.len_utf8();
                    chars.next();
                }
                tokens.push(Token {
                    kind: TokenKind::Word(source[start..end].to_string()),
                    span: start..end,
                });
            }
        }
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<TokenKind> {
        lex(s).unwrap().into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn splits_words_strings_and_punctuation() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"claims by "phe nổi dậy" said 2016-12-10..2016-12-12 | sort said desc"#),
            vec![
                Word("claims".into()),
                Word("by".into()),
                Str("phe nổi dậy".into()),
                Word("said".into()),
                Word("2016-12-10..2016-12-12".into()),
                Pipe,
                Word("sort".into()),
                Word("said".into()),
                Word("desc".into()),
            ]
        );
        assert_eq!(
            kinds("quantity>=100000 and x!=y~z"),
            vec![
                Word("quantity".into()),
                Op(CmpOp::Ge),
                Word("100000".into()),
                Word("and".into()),
                Word("x".into()),
                Op(CmpOp::Ne),
                Word("y".into()),
                Op(CmpOp::Contains),
                Word("z".into()),
            ]
        );
        assert_eq!(
            kinds("Russia's 'a \\' b'"),
            vec![Word("Russia's".into()), Str("a ' b".into())]
        );
    }

    #[test]
    fn spans_are_byte_ranges() {
        let toks = lex("by \"Đăng\" x").unwrap();
        assert_eq!(toks[1].span, 3..11);
        assert_eq!(toks[2].span, 12..13);
    }

    #[test]
    fn unterminated_string_points_at_the_quote() {
        let e = lex("claims by \"Russia").unwrap_err();
        assert_eq!(e.offset(), Some(10));
    }
}
