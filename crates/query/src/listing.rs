//! Simple claim listings (the `claims` command's flags: speaker, topic, said range,
//! article, limit) as query-language text, so they go through the one planner. Owns the
//! quoting of user text into the language.

use super::{QueryError, QueryResult, QueryStore};
use claimgraph_model::ClaimView;
use claimgraph_store::Store;

/// Most claims one article can hold (claim ids number them with 16 bits).
const ARTICLE_CLAIMS_MAX: usize = 1 << 16;

/// A conjunction of simple predicates over claims, in said order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Who said it: any name or alias.
    pub speaker: Option<String>,
    /// A topic the claim is about.
    pub about: Option<String>,
    /// A said-time range `FROM..TO` (or one date); claims whose said time overlaps it.
    pub said: Option<String>,
    /// Only claims of this article id.
    pub article: Option<String>,
    /// At most this many claims; `None` for the query language's default cap.
    pub limit: Option<usize>,
}

impl Listing {
    /// The listing as query-language text.
    pub(crate) fn query_text(&self) -> String {
        let mut preds = Vec::new();
        if let Some(s) = &self.speaker {
            preds.push(format!("by {}", quote(s)));
        }
        if let Some(t) = &self.about {
            preds.push(format!("about {}", quote(t)));
        }
        if let Some(r) = &self.said {
            preds.push(format!("said {}", quote(r)));
        }
        if let Some(a) = &self.article {
            preds.push(format!("where article = {}", quote(a)));
        }
        let mut text = String::from("claims");
        if !preds.is_empty() {
            text.push(' ');
            text.push_str(&preds.join(" and "));
        }
        if let Some(n) = self.limit {
            text.push_str(&format!(" | limit {n}"));
        }
        text
    }

    /// Runs the listing. A speaker, topic or article the store does not know matches no
    /// claim (a listing is a filter, not a question that can be misspelt).
    pub fn run(&self, store: &Store) -> Result<Vec<ClaimView>, QueryError> {
        if let Some(s) = &self.speaker {
            if store.resolve_actor(s)?.is_empty() {
                return Ok(Vec::new());
            }
        }
        if let Some(t) = &self.about {
            if store.resolve_topic(t)?.is_none() {
                return Ok(Vec::new());
            }
        }
        if let Some(a) = &self.article {
            if store.article_seq(a)?.is_none() {
                return Ok(Vec::new());
            }
        }
        if self.article.is_none() {
            let result = store.query(&self.query_text())?;
            return Ok(claims_of(&result));
        }
        // One article's claims are listed as the article holds them: the first `limit`
        // in claim order, then sorted by said time (claims without one first). An article
        // holds at most 2^16 claims, so the query reads them all.
        let all = Listing {
            limit: Some(ARTICLE_CLAIMS_MAX),
            ..self.clone()
        };
        let mut views = claims_of(&store.query(&all.query_text())?);
        views.sort_by_key(|v| v.id);
        if let Some(n) = self.limit {
            views.truncate(n);
        }
        views.sort_by(|a, b| a.said.cmp(&b.said).then(a.id.cmp(&b.id)));
        Ok(views)
    }
}

/// The claims of a result (none when it holds rows, which a listing never asks for).
fn claims_of(result: &QueryResult) -> Vec<ClaimView> {
    result
        .claims()
        .map(<[ClaimView]>::to_vec)
        .unwrap_or_default()
}

/// `text` as one quoted string of the query language: double quotes, with backslashes
/// and double quotes escaped, so any text stays one token and is never a keyword.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexer::{lex, TokenKind};

    #[test]
    fn quoted_text_is_one_string_token() {
        for text in ["Nga", "phe \"nổi\" dậy", "a\\b", "by", "x | count", "'"] {
            let tokens = lex(&quote(text)).unwrap();
            assert_eq!(tokens.len(), 1, "{text}");
            assert!(
                matches!(&tokens[0].kind, TokenKind::Str(s) if s == text),
                "{text}"
            );
        }
    }

    #[test]
    fn listing_text_joins_predicates() {
        let l = Listing {
            speaker: Some("Nga".into()),
            said: Some("2016-12..".into()),
            article: Some("a\"1".into()),
            limit: Some(5),
            ..Listing::default()
        };
        assert_eq!(
            l.query_text(),
            r#"claims by "Nga" and said "2016-12.." and where article = "a\"1" | limit 5"#
        );
        assert_eq!(Listing::default().query_text(), "claims");
    }

    fn ids(views: Vec<ClaimView>) -> Vec<String> {
        views.into_iter().map(|v| v.external_id).collect()
    }

    #[test]
    fn listings_run_on_a_store() {
        let (_dir, store) = crate::testing::store();
        let by = |speaker: &str| Listing {
            speaker: Some(speaker.into()),
            ..Listing::default()
        };
        assert_eq!(ids(by("nga").run(&store).unwrap()), ["a2#0", "a1#0"]);
        assert!(by("nobody").run(&store).unwrap().is_empty());
        let article = Listing {
            article: Some("a1".into()),
            ..Listing::default()
        };
        assert_eq!(ids(article.run(&store).unwrap()), ["a1#1", "a1#0", "a1#2"]);
        let first_two = Listing {
            limit: Some(2),
            ..article.clone()
        };
        assert_eq!(ids(first_two.run(&store).unwrap()), ["a1#1", "a1#0"]);
        // The limit takes the article's first claims, not its earliest said.
        let first = Listing {
            limit: Some(1),
            ..article
        };
        assert_eq!(ids(first.run(&store).unwrap()), ["a1#0"]);
        let about = Listing {
            about: Some("aleppo".into()),
            said: Some("2016-12-01..2016-12-31".into()),
            ..Listing::default()
        };
        assert_eq!(ids(about.run(&store).unwrap()), ["a1#0", "a1#2"]);
        let unknown = Listing {
            about: Some("nothing".into()),
            ..Listing::default()
        };
        assert!(unknown.run(&store).unwrap().is_empty());
    }
}
