//! The query language: `claims <predicates> | <stages>`, answering who said what, and
//! when, from the store's indexes. `docs/query-language.md` is the reference and
//! `schema/query.ebnf` the grammar.
//!
//! Layers, all private: `lexer` (text → tokens with spans) → `parser` (tokens → syntax
//! tree) → `plan` (names resolved through aliases, the driving index chosen by estimated
//! size, everything else a filter) → `exec` (runs the plan) → [`QueryResult`] (one result
//! model for every output format). No input may panic any layer: errors carry the
//! offending span and a hint, rendered by miette. [`Listing`] turns the `claims` command's
//! flags into query text, so every listing goes through the same planner.
//!
//! The public surface is [`QueryStore`] (query, explain and run on a store), [`Statement`]
//! (a query parsed once, which the shell checks for completeness and then runs), [`Plan`] (what
//! `explain` prints), [`QueryError`], [`Listing`], [`check_syntax`] and [`edit_distance`]
//! (for "did you mean" hints elsewhere), and [`linking`]: linking a store's articles across
//! each other (the cross-article model of `claimgraph-link` over the store's API), which
//! the command line and the Python package share.
#![warn(missing_docs)]

mod ast;
mod exec;
mod lexer;
mod linked;
pub mod linking;
mod listing;
mod parser;
mod plan;
#[cfg(test)]
mod testing;

pub use claimgraph_model::result::{QueryResult, ResultData, Value};
pub use listing::Listing;
pub use parser::edit_distance;
pub use plan::Plan;

use claimgraph_store::{Store, StoreError};
use miette::{Diagnostic, SourceSpan};
use std::ops::Range;

/// Rows a query returns when it does not say `limit`: runaway queries stop here.
pub const DEFAULT_LIMIT: usize = 1000;

/// Everything that can go wrong with a query.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum QueryError {
    /// The query is wrong: syntax, an unknown field, a name the store does not know, an
    /// ambiguous name, a bad value. `span` points at the offending token.
    #[error("{message}")]
    Invalid {
        /// What is wrong, in one sentence.
        message: String,
        /// The whole query text, for the snippet under the message.
        #[source_code]
        source_text: String,
        /// Byte range of the offending token in `source_text`.
        #[label("{label}")]
        span: SourceSpan,
        /// The word under the caret: `this`, or `here` at the end of the query.
        label: String,
        /// A hint: the nearest known field, name or keyword, or the expected form.
        #[help]
        help: Option<String>,
    },
    /// The store failed while planning or running the query.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl QueryError {
    pub(crate) fn syntax(
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> QueryError {
        let start = span.start.min(source.len());
        let end = span.end.clamp(start, source.len());
        QueryError::Invalid {
            message: message.into(),
            source_text: source.to_string(),
            span: (start, end - start).into(),
            label: if start == source.len() {
                "here".into()
            } else {
                "this".into()
            },
            help,
        }
    }

    /// Byte offset of the offending token, when the error is about the query text.
    pub fn offset(&self) -> Option<usize> {
        match self {
            QueryError::Invalid { span, .. } => Some(span.offset()),
            QueryError::Store(_) => None,
        }
    }

    /// Byte range of the offending token.
    pub fn span(&self) -> Option<Range<usize>> {
        match self {
            QueryError::Invalid { span, .. } => Some(span.offset()..span.offset() + span.len()),
            QueryError::Store(_) => None,
        }
    }

    /// The hint, when the error has one.
    pub fn help_text(&self) -> Option<&str> {
        match self {
            QueryError::Invalid { help, .. } => help.as_deref(),
            QueryError::Store(_) => None,
        }
    }

    pub(crate) fn set_help(&mut self, text: impl Into<String>) {
        if let QueryError::Invalid { help, .. } = self {
            *help = Some(text.into());
        }
    }

    /// True when the user can fix it by changing the query (not a store failure).
    pub fn is_user_error(&self) -> bool {
        matches!(self, QueryError::Invalid { .. })
    }

    /// The error with the query, a caret under the offending token and the hint, as the
    /// CLI and the shell print it (no colours, so it reads the same in logs).
    ///
    /// Only a window of the query around the error is shown (200 bytes on
    /// each side, `…` where it is cut): miette panics when a caret sits past column 65,535,
    /// and a snippet of a very long query helps nobody anyway.
    pub fn render(&self) -> String {
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_width(100);
        let mut out = String::new();
        let rendered = match self.clipped() {
            Some(clipped) => handler.render_report(&mut out, &clipped),
            None => handler.render_report(&mut out, self),
        };
        if rendered.is_err() {
            return self.to_string();
        }
        out
    }

    /// The error with its source cut to a window around the span, or `None` when the whole
    /// query is short enough to show.
    fn clipped(&self) -> Option<QueryError> {
        let QueryError::Invalid {
            message,
            source_text,
            span,
            label,
            help,
        } = self
        else {
            return None;
        };
        if source_text.len() <= 2 * SNIPPET_CONTEXT {
            return None;
        }
        let floor = |mut i: usize| {
            while !source_text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let ceil = |mut i: usize| {
            while !source_text.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        let start = span.offset().min(source_text.len());
        let end = (start + span.len().min(SNIPPET_CONTEXT)).min(source_text.len());
        let from = floor(start.saturating_sub(SNIPPET_CONTEXT));
        let to = ceil((end + SNIPPET_CONTEXT).min(source_text.len()));
        let (start, end) = (floor(start), ceil(end));
        let prefix = if from > 0 { "…" } else { "" };
        let suffix = if to < source_text.len() { "…" } else { "" };
        let text = format!("{prefix}{}{suffix}", &source_text[from..to]);
        let offset = prefix.len() + start - from;
        Some(QueryError::Invalid {
            message: message.clone(),
            source_text: text,
            span: (offset, end - start).into(),
            label: label.clone(),
            help: help.clone(),
        })
    }
}

/// Bytes of the query shown on each side of an error's span when the query is long.
pub(crate) const SNIPPET_CONTEXT: usize = 200;

/// Lexes and parses a query without a store: `Ok` when the text is well formed, else the
/// error with the offending span. The parser's fuzz target calls it.
pub fn check_syntax(query: &str) -> Result<(), QueryError> {
    parser::parse(query).map(|_| ())
}

/// Whether `query` is unfinished rather than wrong, as the lexer and parser see it: a
/// string or a parenthesis is left open, or the text stops where the grammar expects more
/// (a trailing `|` or `by`). A `(` or `|` inside a string is text. The shell continues such
/// a statement on the next line.
pub fn is_unfinished(query: &str) -> bool {
    let query = query.trim_end();
    !query.trim_start().is_empty() && Statement::complete(query).is_none()
}

/// A query parsed once: the shell asks whether a statement is complete, which parses it,
/// and then runs that parse ([`QueryStore::run`]) instead of parsing the text again.
pub struct Statement {
    text: String,
    parsed: Result<ast::Query, QueryError>,
}

impl Statement {
    /// `query` parsed whole; an unfinished or wrong query is kept as its error, which
    /// [`QueryStore::run`] returns.
    pub fn parse(query: &str) -> Statement {
        Statement {
            text: query.to_string(),
            parsed: parser::parse(query),
        }
    }

    /// `query` parsed, or `None` while it is unfinished ([`is_unfinished`]'s rules); a
    /// wrong query is complete, and running it returns its error.
    pub fn complete(query: &str) -> Option<Statement> {
        let tokens = match lexer::lex(query) {
            Ok(tokens) => tokens,
            // The lexer fails on an unterminated string (pointing at its quote) or a lone `!`.
            Err(e) => {
                let open_string = e
                    .offset()
                    .and_then(|at| query.get(at..))
                    .is_some_and(|rest| rest.starts_with(['"', '\'']));
                return (!open_string).then(|| Statement {
                    text: query.to_string(),
                    parsed: Err(e),
                });
            }
        };
        let depth = tokens.iter().fold(0i64, |depth, t| match t.kind {
            lexer::TokenKind::LParen => depth + 1,
            lexer::TokenKind::RParen => depth - 1,
            _ => depth,
        });
        if depth > 0 {
            return None;
        }
        match parser::parse_tokens(query, tokens) {
            Err(e) if e.offset().is_some_and(|at| at >= query.len()) => None,
            parsed => Some(Statement {
                text: query.to_string(),
                parsed,
            }),
        }
    }

    /// The query's text.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// The query language on a store: `use claimgraph_query::QueryStore` and call
/// `store.query(text)` or `store.explain(text)`.
pub trait QueryStore {
    /// Runs a query and returns its rows.
    fn query(&self, query: &str) -> Result<QueryResult, QueryError>;
    /// Parses and plans a query without running it: which index, which scans, how many
    /// rows are expected. `Display` prints it.
    fn explain(&self, query: &str) -> Result<Plan, QueryError>;
    /// Runs a statement parsed before ([`Statement`]) and returns its rows, or the
    /// statement's parse error.
    fn run(&self, statement: Statement) -> Result<QueryResult, QueryError>;
}

impl QueryStore for Store {
    /// Runs a query and returns its rows.
    ///
    /// ```no_run
    /// # use claimgraph_store::Store;
    /// # use claimgraph_query::QueryStore;
    /// let store = Store::open_existing(std::path::Path::new("claimgraph.db"))?;
    /// let result = store.query("claims about Aleppo said 2016-12-10..2016-12-12")?;
    /// for claim in result.claims().unwrap_or_default() {
    ///     println!("{} {}: {}", claim.said.map(|t| t.to_string()).unwrap_or_default(), claim.speaker, claim.text);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn query(&self, query: &str) -> Result<QueryResult, QueryError> {
        let plan = self.explain(query)?;
        exec::run(self, &plan)
    }

    fn explain(&self, query: &str) -> Result<Plan, QueryError> {
        let ast = parser::parse(query)?;
        plan::plan(self, query, &ast)
    }

    fn run(&self, statement: Statement) -> Result<QueryResult, QueryError> {
        let plan = plan::plan(self, &statement.text, &statement.parsed?)?;
        exec::run(self, &plan)
    }
}

#[cfg(test)]
mod tests {
    use super::{is_unfinished, QueryStore, Statement};

    #[test]
    fn a_statement_parsed_once_runs_as_its_text_does() {
        let (_dir, store) = crate::testing::store();
        for text in [
            "claims by Russia | select id, said, text",
            "claims denying (claims by Russia) | links",
            "claims about Aleppo | group speaker",
        ] {
            let statement = Statement::complete(text).expect("a complete query");
            assert_eq!(statement.text(), text);
            let once = store.run(statement).expect("runs");
            assert_eq!(once, store.query(text).expect("runs"), "{text}");
            assert!(!once.is_empty(), "{text}: the fixture answers it");
        }
        // A wrong query is complete, and running it gives the error its text gives.
        let wrong = Statement::complete("claims wehre x").expect("complete, though wrong");
        let from_statement = store.run(wrong).expect_err("wrong").render();
        let from_text = store.query("claims wehre x").expect_err("wrong").render();
        assert_eq!(from_statement, from_text);
        assert!(Statement::complete("claims denying (claims by Russia").is_none());
        assert!(Statement::complete("claims where text ~ \"a (b").is_none());
        assert!(Statement::complete("claims where x ! y").is_some());
    }

    #[test]
    fn unfinished_queries_are_told_from_wrong_ones() {
        for unfinished in [
            "claims denying (claims by Russia",
            "claims about Aleppo |",
            "claims by",
            "claims where text ~ \"a (b",
            "claims where text ~ 'it''",
        ] {
            assert!(is_unfinished(unfinished), "{unfinished}");
        }
        for finished in [
            "claims about Aleppo | count",
            "claims where text ~ \"a (b |\"",
            "claims wehre x",
            "claims by Russia)",
            "claims where x ! y",
            "",
        ] {
            assert!(!is_unfinished(finished), "{finished}");
        }
    }
}
