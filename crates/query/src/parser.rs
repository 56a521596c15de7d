//! The parser: tokens to a [`Query`] tree, by recursive descent over the grammar in
//! `schema/query.ebnf`. Precedence, loosest first: `or`, `and` (or juxtaposition), `not`.
//! Nesting is capped so no input can exhaust the stack.

use super::ast::*;
use super::lexer::{lex, CmpOp, Token, TokenKind};
use super::QueryError;
use claimgraph_model::{TimePoint, TimeSpan};

/// Deepest nesting of parentheses and subqueries accepted.
pub(crate) const MAX_DEPTH: usize = 32;

/// Words that start a predicate.
pub(crate) const PREDICATE_WORDS: &[&str] = &[
    "by",
    "via",
    "direct",
    "about",
    "published",
    "said",
    "event",
    "ingested",
    "as",
    "denying",
    "supporting",
    "answering",
    "denied",
    "supported",
    "answered",
    "where",
    "not",
    "in",
    "contested",
    "first",
];

/// Words that start a pipeline stage.
pub(crate) const STAGE_WORDS: &[&str] =
    &["sort", "limit", "top", "count", "group", "select", "links"];

const TIME_OPS: &[&str] = &["within", "overlaps", "before", "after"];

/// Parses a whole query.
pub(crate) fn parse(source: &str) -> Result<Query, QueryError> {
    parse_tokens(source, lex(source)?)
}

/// Parses a whole query from its tokens (`lex(source)`), for callers that looked at the
/// tokens first.
pub(crate) fn parse_tokens(source: &str, tokens: Vec<Token>) -> Result<Query, QueryError> {
    let mut p = Parser {
        source,
        tokens,
        pos: 0,
        depth: 0,
    };
    let query = p.query()?;
    if let Some(tok) = p.peek() {
        let tok = tok.clone();
        return Err(p.unexpected(&tok, "the end of the query"));
    }
    Ok(query)
}

struct Parser<'s> {
    source: &'s str,
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
}

impl<'s> Parser<'s> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_at(&self, ahead: usize) -> Option<&Token> {
        self.tokens.get(self.pos + ahead)
    }

    fn peek_keyword(&self) -> Option<String> {
        self.peek().and_then(Token::keyword)
    }

    fn next(&mut self) -> Option<Token> {
        let tok = self.tokens.get(self.pos).cloned();
        if tok.is_some() {
            self.pos += 1;
        }
        tok
    }

    fn end_span(&self) -> Span {
        let end = self.source.len();
        end..end
    }

    fn error(&self, span: Span, message: impl Into<String>, help: Option<String>) -> QueryError {
        QueryError::syntax(self.source, span, message, help)
    }

    fn unexpected(&self, tok: &Token, expected: &str) -> QueryError {
        let help = match &tok.kind {
            TokenKind::Word(w) => suggest_word(w),
            _ => None,
        };
        self.error(
            tok.span.clone(),
            format!("expected {expected}, found {}", tok.describe()),
            help,
        )
    }

    fn missing(&self, expected: &str, help: Option<String>) -> QueryError {
        self.error(
            self.end_span(),
            format!("expected {expected}, found the end of the query"),
            help,
        )
    }

    fn expect_word(&mut self, word: &str, context: &str) -> Result<Token, QueryError> {
        match self.next() {
            Some(tok) if tok.keyword().as_deref() == Some(word) => Ok(tok),
            Some(tok) => Err(self.unexpected(&tok, &format!("'{word}' {context}"))),
            None => Err(self.missing(&format!("'{word}' {context}"), None)),
        }
    }

    fn enter(&mut self, span: Span) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(
                span,
                format!("the query nests deeper than {MAX_DEPTH} levels"),
                Some("flatten the parentheses".into()),
            ));
        }
        Ok(())
    }

    /// `claims <expr>? ( '|' stage )*`
    fn query(&mut self) -> Result<Query, QueryError> {
        let start = self.peek().map(|t| t.span.start).unwrap_or(0);
        let head = match self.next() {
            Some(tok) if tok.keyword().as_deref().and_then(Head::parse).is_some() => tok
                .keyword()
                .as_deref()
                .and_then(Head::parse)
                .unwrap_or(Head::Claims),
            Some(tok) => {
                let mut err = self.unexpected(&tok, "'claims'");
                err.set_help("a query starts with 'claims', e.g. claims about Aleppo");
                return Err(err);
            }
            None => {
                return Err(self.missing(
                    "'claims'",
                    Some("a query starts with 'claims', e.g. claims about Aleppo".into()),
                ))
            }
        };
        let filter = if self.starts_primary() {
            Some(self.or_expr()?)
        } else {
            None
        };
        let mut stages = Vec::new();
        while let Some(tok) = self.peek() {
            if tok.kind != TokenKind::Pipe {
                break;
            }
            self.next();
            stages.push(self.stage()?);
        }
        let end = self
            .tokens
            .get(self.pos.saturating_sub(1))
            .map(|t| t.span.end)
            .unwrap_or(start);
        Ok(Query {
            head,
            filter,
            stages,
            span: start..end.max(start),
        })
    }

    /// True when the next token can start a predicate (or is a word that we should report
    /// as an unknown predicate rather than stop at).
    fn starts_primary(&self) -> bool {
        match self.peek().map(|t| &t.kind) {
            Some(TokenKind::LParen) => true,
            Some(TokenKind::Word(w)) => {
                let w = w.to_lowercase();
                w != "or" && w != "and"
            }
            Some(TokenKind::Str(_)) | Some(TokenKind::Op(_)) | Some(TokenKind::Comma) => true,
            _ => false,
        }
    }

    fn or_expr(&mut self) -> Result<Expr, QueryError> {
        let mut parts = vec![self.and_expr()?];
        while self.peek_keyword().as_deref() == Some("or") {
            let or = self.next();
            if !self.starts_primary() {
                return Err(match self.peek().cloned() {
                    Some(tok) => self.unexpected(&tok, "a predicate after 'or'"),
                    None => self.missing(
                        "a predicate after 'or'",
                        or.map(|_| "e.g. claims by Russia or via Russia".to_string()),
                    ),
                });
            }
            parts.push(self.and_expr()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and_expr(&mut self) -> Result<Expr, QueryError> {
        let mut parts = vec![self.unary()?];
        loop {
            if self.peek_keyword().as_deref() == Some("and") {
                self.next();
                if !self.starts_primary() {
                    return Err(match self.peek().cloned() {
                        Some(tok) => self.unexpected(&tok, "a predicate after 'and'"),
                        None => self.missing("a predicate after 'and'", None),
                    });
                }
                parts.push(self.unary()?);
            } else if self.starts_primary() {
                parts.push(self.unary()?);
            } else {
                break;
            }
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Expr, QueryError> {
        let Some(tok) = self.peek().cloned() else {
            return Err(self.missing("a predicate", None));
        };
        match tok.keyword().as_deref() {
            Some("not") => {
                self.next();
                self.enter(tok.span.clone())?;
                if !self.starts_primary() {
                    return Err(match self.peek().cloned() {
                        Some(t) => self.unexpected(&t, "a predicate after 'not'"),
                        None => self.missing("a predicate after 'not'", None),
                    });
                }
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Expr::Not(Box::new(inner)))
            }
            Some("where") => {
                self.next();
                if !self.starts_primary() {
                    return Err(match self.peek().cloned() {
                        Some(t) => self.unexpected(&t, "a condition after 'where'"),
                        None => self.missing(
                            "a condition after 'where'",
                            Some("e.g. where speaker.kind = unknown".into()),
                        ),
                    });
                }
                self.unary()
            }
            _ if tok.kind == TokenKind::LParen => {
                self.next();
                self.enter(tok.span.clone())?;
                let inner = self.or_expr()?;
                self.close_paren(&tok)?;
                self.depth -= 1;
                Ok(inner)
            }
            _ => {
                let start = tok.span.start;
                let pred = self.predicate()?;
                let end = self
                    .tokens
                    .get(self.pos.saturating_sub(1))
                    .map(|t| t.span.end)
                    .unwrap_or(start);
                Ok(Expr::Pred(pred, start..end.max(start)))
            }
        }
    }

    fn close_paren(&mut self, open: &Token) -> Result<(), QueryError> {
        match self.next() {
            Some(t) if t.kind == TokenKind::RParen => Ok(()),
            Some(t) => Err(self.unexpected(&t, "')'")),
            None => Err(self.error(
                open.span.clone(),
                "this parenthesis is never closed",
                Some("add ')'".into()),
            )),
        }
    }

    fn predicate(&mut self) -> Result<Pred, QueryError> {
        let Some(tok) = self.next() else {
            return Err(self.missing("a predicate", None));
        };
        let word = match &tok.kind {
            TokenKind::Word(w) => w.to_lowercase(),
            _ => {
                return Err(self.unexpected(
                    &tok,
                    "a predicate (by, via, about, said, published, event, where, ...)",
                ))
            }
        };
        // A field followed by an operator is a comparison, with or without `where`.
        if let Some(TokenKind::Op(_)) = self.peek().map(|t| &t.kind) {
            return self.comparison(&tok, &word);
        }
        match word.as_str() {
            "by" => Ok(Pred::Speaker(self.actor_ref("by")?)),
            "via" => Ok(Pred::Via(self.actor_ref("via")?)),
            "direct" => Ok(Pred::Direct),
            "about" => Ok(Pred::About(self.name("about")?)),
            "published" => {
                if self.peek_keyword().as_deref() == Some("by") {
                    self.next();
                    Ok(Pred::Publisher(self.actor_ref("published by")?))
                } else {
                    self.time_pred(Axis::Published, &tok)
                }
            }
            "said" => self.time_pred(Axis::Said, &tok),
            "event" => self.time_pred(Axis::Event, &tok),
            "ingested" => self.time_pred(Axis::Ingested, &tok),
            "as" => {
                self.expect_word("of", "after 'as'")?;
                let (text, span) = self.time_text("a time after 'as of'")?;
                let at = TimePoint::parse(&text).map_err(|e| {
                    self.error(
                        span.clone(),
                        e.to_string(),
                        Some("as of takes one time, e.g. as of 2026-11-25T10:00:00Z".into()),
                    )
                })?;
                if at.interval().is_none() {
                    return Err(self.error(span, "'as of' needs a time with a known year", None));
                }
                Ok(Pred::AsOf { at, span })
            }
            "denying" | "supporting" | "answering" => {
                let relation = match word.as_str() {
                    "denying" => Relation::Denying,
                    "supporting" => Relation::Supporting,
                    _ => Relation::Answering,
                };
                let open = match self.next() {
                    Some(t) if t.kind == TokenKind::LParen => t,
                    Some(t) => {
                        let mut e = self.unexpected(&t, &format!("'(' after '{word}'"));
                        e.set_help(format!("{word} takes a subquery: {word} (claims by X)"));
                        return Err(e);
                    }
                    None => {
                        return Err(self.missing(
                            &format!("'(' after '{word}'"),
                            Some(format!("{word} takes a subquery: {word} (claims by X)")),
                        ))
                    }
                };
                self.enter(open.span.clone())?;
                let sub = self.query()?;
                if sub.head != Head::Claims {
                    return Err(self.error(
                        sub.span.clone(),
                        "a subquery selects claims, not stories or statements",
                        Some(format!("{word} (claims ...)")),
                    ));
                }
                if let Some(stage) = sub.stages.first() {
                    let span = stage_span(stage).unwrap_or(open.span.clone());
                    return Err(self.error(
                        span,
                        "a subquery selects claims; pipeline stages are not allowed inside it",
                        Some("move the stage after the closing ')'".into()),
                    ));
                }
                self.close_paren(&open)?;
                self.depth -= 1;
                Ok(Pred::Related {
                    relation,
                    sub: Box::new(sub),
                })
            }
            "in" => {
                self.expect_word("story", "after 'in'")?;
                Ok(Pred::InStory(self.name("in story")?))
            }
            "contested" => Ok(Pred::Contested),
            "first" => {
                self.expect_word("reported", "after 'first'")?;
                Ok(Pred::FirstReported)
            }
            "denied" => Ok(Pred::Answered(Relation::Denying)),
            "supported" => Ok(Pred::Answered(Relation::Supporting)),
            "answered" => Ok(Pred::Answered(Relation::Answering)),
            _ => Err(self.unknown_predicate(&tok, &word)),
        }
    }

    fn unknown_predicate(&self, tok: &Token, word: &str) -> QueryError {
        if Field::parse(word).is_some() {
            return self.error(
                tok.span.clone(),
                format!("'{word}' is a field: compare it with a value"),
                Some(format!("e.g. where {word} = ...")),
            );
        }
        if STAGE_WORDS.contains(&word) {
            return self.error(
                tok.span.clone(),
                format!("'{word}' is a pipeline stage"),
                Some(format!("put it after a pipe: claims ... | {word} ...")),
            );
        }
        // A bare name of several words: `by Russian government`.
        let previous = self.pos.checked_sub(2).and_then(|i| self.tokens.get(i));
        let before_previous = self.pos.checked_sub(3).and_then(|i| self.tokens.get(i));
        if let (Some(prev), Some(head)) = (previous, before_previous) {
            let takes_name = head
                .keyword()
                .is_some_and(|k| matches!(k.as_str(), "by" | "via" | "about" | "of"));
            if let (true, TokenKind::Word(name)) = (takes_name, &prev.kind) {
                return self.error(
                    tok.span.clone(),
                    format!("unknown predicate '{word}'"),
                    Some(format!(
                        "a name of several words needs quotes: \"{name} {}\"",
                        &self.source[tok.span.clone()]
                    )),
                );
            }
        }
        let help = suggest_word(word)
            .or_else(|| Some(format!("predicates are: {}", PREDICATE_WORDS.join(", "))));
        self.error(
            tok.span.clone(),
            format!("unknown predicate '{word}'"),
            help,
        )
    }

    fn comparison(&mut self, field_tok: &Token, word: &str) -> Result<Pred, QueryError> {
        let Some(field) = Field::parse(word) else {
            let help = closest(word, FIELDS.iter().map(|(n, _)| *n))
                .map(|f| format!("did you mean '{f}'?"))
                .or_else(|| {
                    Some(format!(
                        "fields are: {}",
                        FIELDS
                            .iter()
                            .map(|(n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                });
            return Err(self.error(
                field_tok.span.clone(),
                format!("unknown field '{word}'"),
                help,
            ));
        };
        let op = match self.next().map(|t| t.kind) {
            Some(TokenKind::Op(op)) => op,
            _ => return Err(self.missing("an operator", None)),
        };
        if let Some(axis) = field.time_axis() {
            let time_op = match op {
                CmpOp::Eq => TimeOp::Overlaps,
                CmpOp::Lt => TimeOp::Before,
                CmpOp::Gt => TimeOp::After,
                CmpOp::Le => TimeOp::NotAfter,
                CmpOp::Ge => TimeOp::NotBefore,
                CmpOp::Ne | CmpOp::Contains => {
                    return Err(self.error(
                        field_tok.span.start..self.tokens[self.pos - 1].span.end,
                        format!("'{}' does not apply to times", op.as_str()),
                        Some(format!(
                            "use not {} 2016-12 for 'not in December 2016'",
                            axis.as_str()
                        )),
                    ))
                }
            };
            let (range, span) = self.time_range(axis)?;
            return Ok(Pred::Time {
                axis,
                op: time_op,
                range,
                span,
            });
        }
        let value = match self.next() {
            Some(Token {
                kind: TokenKind::Word(w),
                span,
            }) => Literal {
                text: w,
                quoted: false,
                span,
            },
            Some(Token {
                kind: TokenKind::Str(s),
                span,
            }) => Literal {
                text: s,
                quoted: true,
                span,
            },
            Some(t) => return Err(self.unexpected(&t, "a value")),
            None => return Err(self.missing("a value", None)),
        };
        Ok(Pred::Compare {
            field,
            field_span: field_tok.span.clone(),
            op,
            value,
        })
    }

    fn actor_ref(&mut self, after: &str) -> Result<ActorRef, QueryError> {
        let is_members = self.peek_keyword().as_deref() == Some("members")
            && self.peek_at(1).and_then(Token::keyword).as_deref() == Some("of");
        if is_members {
            self.next();
            self.next();
            return Ok(ActorRef {
                name: self.name("members of")?,
                members: true,
            });
        }
        Ok(ActorRef {
            name: self.name(after)?,
            members: false,
        })
    }

    fn name(&mut self, after: &str) -> Result<Name, QueryError> {
        let help = Some(format!(
            "write a name after '{after}'; quote names of several words: {after} \"Russian government\""
        ));
        match self.next() {
            Some(Token {
                kind: TokenKind::Word(w) | TokenKind::Str(w),
                span,
            }) => {
                if claimgraph_model::names::fold(&w).is_empty() {
                    return Err(self.error(span, "a name needs letters or digits", help));
                }
                Ok(Name { text: w, span })
            }
            Some(t) => {
                let mut e = self.unexpected(&t, &format!("a name after '{after}'"));
                if let Some(h) = help {
                    e.set_help(h);
                }
                Err(e)
            }
            None => Err(self.missing(&format!("a name after '{after}'"), help)),
        }
    }

    fn time_pred(&mut self, axis: Axis, tok: &Token) -> Result<Pred, QueryError> {
        let mut op = TimeOp::Overlaps;
        if let Some(k) = self.peek_keyword() {
            if TIME_OPS.contains(&k.as_str()) {
                self.next();
                op = match k.as_str() {
                    "within" => TimeOp::Within,
                    "before" => TimeOp::Before,
                    "after" => TimeOp::After,
                    _ => TimeOp::Overlaps,
                };
            }
        }
        if self.peek().is_none() {
            return Err(self.missing(
                &format!("a date after '{}'", &self.source[tok.span.clone()]),
                Some(format!(
                    "e.g. {} 2016-12, {} within 2016-12-10..2016-12-12",
                    axis.as_str(),
                    axis.as_str()
                )),
            ));
        }
        let (range, span) = self.time_range(axis)?;
        Ok(Pred::Time {
            axis,
            op,
            range,
            span,
        })
    }

    /// A date or range, possibly written with spaces around `..`.
    fn time_text(&mut self, expected: &str) -> Result<(String, Span), QueryError> {
        let first = match self.next() {
            Some(t) => t,
            None => return Err(self.missing(expected, None)),
        };
        let mut text = match &first.kind {
            TokenKind::Word(w) | TokenKind::Str(w) => w.clone(),
            _ => return Err(self.unexpected(&first, expected)),
        };
        let mut span = first.span.clone();
        loop {
            let joins = match self.peek().map(|t| &t.kind) {
                Some(TokenKind::Word(w)) => {
                    w.starts_with("..")
                        || (text.ends_with("..")
                            && w.starts_with(|c: char| c.is_ascii_digit() || c == 'X'))
                }
                _ => false,
            };
            if !joins {
                break;
            }
            if let Some(Token {
                kind: TokenKind::Word(w),
                span: s,
            }) = self.next()
            {
                text.push_str(&w);
                span.end = s.end;
            }
        }
        Ok((text, span))
    }

    fn time_range(&mut self, axis: Axis) -> Result<(TimeSpan, Span), QueryError> {
        let (text, span) = self.time_text("a date")?;
        let help = Some(format!(
            "dates are YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339 (2016-12-11T08:00:00Z); ranges are FROM..TO, e.g. {} 2016-12-10..2016-12-12",
            axis.as_str()
        ));
        let range = TimeSpan::parse_range(&text)
            .map_err(|e| self.error(span.clone(), e.to_string(), help.clone()))?;
        if range.as_range().is_none() {
            return Err(self.error(
                span,
                "a date in a filter needs a known year",
                Some("write 2016-12-11, not XXXX-12-11".into()),
            ));
        }
        Ok((range, span))
    }

    fn stage(&mut self) -> Result<Stage, QueryError> {
        let Some(tok) = self.next() else {
            return Err(self.missing(
                "a stage after '|'",
                Some(format!("stages are: {}", STAGE_WORDS.join(", "))),
            ));
        };
        let Some(word) = tok.keyword() else {
            return Err(self.unexpected(
                &tok,
                "a stage (sort, limit, top, count, group, select, links)",
            ));
        };
        match word.as_str() {
            "sort" => {
                let mut keys = Vec::new();
                loop {
                    let column = self.column("sort")?;
                    let dir = match self.peek_keyword().as_deref() {
                        Some("desc") => {
                            self.next();
                            Direction::Desc
                        }
                        Some("asc") => {
                            self.next();
                            Direction::Asc
                        }
                        _ => Direction::Asc,
                    };
                    keys.push((column, dir));
                    if !self.comma() {
                        break;
                    }
                }
                Ok(Stage::Sort(keys))
            }
            "limit" | "top" => {
                let (n, span) = self.count_arg(&word)?;
                Ok(if word == "limit" {
                    Stage::Limit(n, span)
                } else {
                    Stage::Top(n, span)
                })
            }
            "count" => Ok(Stage::Count(tok.span.clone())),
            "links" => Ok(Stage::Links(tok.span.clone())),
            "group" | "select" => {
                let mut columns = vec![self.column(&word)?];
                while self.comma() {
                    columns.push(self.column(&word)?);
                }
                Ok(if word == "group" {
                    Stage::Group(columns)
                } else {
                    Stage::Select(columns)
                })
            }
            _ => {
                let help = closest(&word, STAGE_WORDS.iter().copied())
                    .map(|s| format!("did you mean '{s}'?"))
                    .or_else(|| Some(format!("stages are: {}", STAGE_WORDS.join(", "))));
                Err(self.error(tok.span.clone(), format!("unknown stage '{word}'"), help))
            }
        }
    }

    fn comma(&mut self) -> bool {
        if self.peek().map(|t| &t.kind) == Some(&TokenKind::Comma) {
            self.next();
            true
        } else {
            false
        }
    }

    fn column(&mut self, stage: &str) -> Result<Column, QueryError> {
        match self.next() {
            Some(Token {
                kind: TokenKind::Word(w) | TokenKind::Str(w),
                span,
            }) => Ok(Column {
                name: w.to_lowercase(),
                span,
            }),
            Some(t) => Err(self.unexpected(&t, &format!("a field after '{stage}'"))),
            None => Err(self.missing(
                &format!("a field after '{stage}'"),
                Some(format!("e.g. | {stage} speaker")),
            )),
        }
    }

    fn count_arg(&mut self, stage: &str) -> Result<(usize, Span), QueryError> {
        match self.next() {
            Some(Token {
                kind: TokenKind::Word(w),
                span,
            }) => match w.parse::<usize>() {
                Ok(n) if n > 0 => Ok((n, span)),
                _ => Err(self.error(
                    span,
                    format!("'{stage}' takes a positive whole number, not '{w}'"),
                    Some(format!("e.g. | {stage} 10")),
                )),
            },
            Some(t) => Err(self.unexpected(&t, &format!("a number after '{stage}'"))),
            None => Err(self.missing(
                &format!("a number after '{stage}'"),
                Some(format!("e.g. | {stage} 10")),
            )),
        }
    }
}

fn stage_span(stage: &Stage) -> Option<Span> {
    match stage {
        Stage::Sort(keys) => keys.first().map(|(c, _)| c.span.clone()),
        Stage::Limit(_, s) | Stage::Top(_, s) | Stage::Count(s) | Stage::Links(s) => {
            Some(s.clone())
        }
        Stage::Group(c) | Stage::Select(c) => c.first().map(|c| c.span.clone()),
    }
}

/// "did you mean" for a word in predicate position: predicates, fields and stages.
fn suggest_word(word: &str) -> Option<String> {
    let all = PREDICATE_WORDS
        .iter()
        .copied()
        .chain(FIELDS.iter().map(|(n, _)| *n))
        .chain(STAGE_WORDS.iter().copied())
        .chain(["claims", "members", "of", "and", "or", "asc", "desc"]);
    closest(&word.to_lowercase(), all).map(|s| format!("did you mean '{s}'?"))
}

/// The candidate nearest to `word` by edit distance, if near enough to be a typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let allowed = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .filter(|c| *c != word)
        .map(|c| (edit_distance(&word, c), c))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars, with adjacent transpositions counting one; words longer
/// than 64 characters are `usize::MAX` apart. The parser's hints use it, and the shell's.
pub fn edit_distance(a: &str, b: &str) -> usize {
    // On the stack: the shell measures every unknown dot-command against each command
    // name, and a program that syncs with an unknown command does so once per statement.
    const MAX: usize = 64;
    let (mut ac, mut bc) = (['\0'; MAX], ['\0'; MAX]);
    let (mut na, mut nb) = (0, 0);
    for (chars, n, text) in [(&mut ac, &mut na, a), (&mut bc, &mut nb, b)] {
        for c in text.chars() {
            if *n == MAX {
                return usize::MAX;
            }
            chars[*n] = c;
            *n += 1;
        }
    }
    let (a, b) = (&ac[..na], &bc[..nb]);
    // Three rows (two back, one back, this one), used in turn: row `i` is `i % 3`.
    const W: usize = MAX + 1;
    let mut rows = [0usize; 3 * W];
    for (j, cell) in rows[..b.len() + 1].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = ((i % 3) * W, ((i + 2) % 3) * W, ((i + 1) % 3) * W);
        rows[cur] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2 + j - 2] + 1);
            }
            rows[cur + j] = d;
        }
    }
    rows[(a.len() % 3) * W + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_shapes() {
        for q in [
            "claims about Aleppo said 2016-12-10..2016-12-12",
            "claims by Russia or via Russia | sort said desc",
            "claims denying (claims by \"phe nổi dậy\") | links",
            "claims about Aleppo where denials > 0 | select speaker, text, supports, denials",
            "claims about Aleppo | group speaker | top 10",
            "claims via Reuters where speaker.kind = unknown",
            "claims where quantity > 100000",
            "claims published by \"Pháp luật TPHCM\" published 2016-12",
            "claims event within 2016-07",
            "claims as of 2026-11-25T10:00:00Z | count",
            "claims by members of \"Russian government\"",
            "claims said 2016-12-10 .. 2016-12-12 and not (by Russia or direct)",
            "claims",
        ] {
            parse(q).unwrap_or_else(|e| panic!("{q}: {e:?}"));
        }
    }

    #[test]
    fn or_binds_looser_than_and() {
        let q = parse("claims by A about T or via B").unwrap();
        match q.filter {
            Some(Expr::Or(parts)) => {
                assert_eq!(parts.len(), 2);
                assert!(matches!(parts[0], Expr::And(_)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn edit_distance_counts_typos() {
        assert_eq!(edit_distance("spekaer", "speaker"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(
            closest("spekaer", FIELDS.iter().map(|(n, _)| *n)),
            Some("speaker")
        );
    }

    /// The textbook form (a vector per row), to check the stack-allocated one against.
    fn reference_distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        if a.len() > 64 || b.len() > 64 {
            return usize::MAX;
        }
        let mut prev2 = vec![0; b.len() + 1];
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    cur[j] = cur[j].min(prev2[j - 2] + 1);
                }
            }
            prev2 = std::mem::replace(&mut prev, cur);
        }
        prev[b.len()]
    }

    #[test]
    fn edit_distance_agrees_with_the_textbook_form() {
        let long = "x".repeat(64);
        let longer = "x".repeat(65);
        let short =
            ",a,ab,ba,abc,acb,cgsync,explain,headers,heders,thành,thanh,nổi dậy,kitten,sitting";
        let words: Vec<&str> = short.split(',').chain([long.as_str(), &longer]).collect();
        for &a in &words {
            for &b in &words {
                assert_eq!(edit_distance(a, b), reference_distance(a, b), "{a} / {b}");
            }
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let q = format!("claims {}by X{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&q).is_err());
        let q = format!("claims {}by X", "not ".repeat(10_000));
        assert!(parse(&q).is_err());
    }
}
