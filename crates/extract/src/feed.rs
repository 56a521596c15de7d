//! News feed records: a JSON Lines record whose article carries `text` and which has no
//! `claims` key is extracted, with the record's own id, outlet, publication time,
//! headline, language and URL; a record with `claims` (even an empty list) is kept as
//! given. Shared by `claimgraph ingest` and the Python package's `Store.ingest`.

use crate::{ExtractError, ExtractOptions};
use claimgraph_model::record::ArticleRecord;

/// Why a feed record's text could not be extracted.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// The record's `published` is not a date (it came from the record, not a flag).
    #[error("article {id}: \"published\": {time}")]
    Published {
        /// The article's id.
        id: String,
        /// Why the date does not parse.
        time: claimgraph_model::TimeError,
    },
    /// Extraction refused the text.
    #[error("article {id}: cannot extract its text: {source}")]
    Extract {
        /// The article's id.
        id: String,
        /// Why.
        source: ExtractError,
    },
}

/// Whether a record is to be extracted: it has text and no `claims` key. `json` is the
/// record's JSON, read again only for a record that has text and no claims.
pub fn wants_extraction(record: &ArticleRecord, json: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct ClaimsKey {
        #[serde(default)]
        claims: Option<serde::de::IgnoredAny>,
    }
    record.claims.is_empty()
        && record
            .article
            .text
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty())
        && serde_json::from_str::<ClaimsKey>(json).is_ok_and(|k| k.claims.is_none())
}

/// Replaces a text record by what extraction finds in its text, keeping what the record
/// says of the article (its fields win over what the text's byline suggests; `base`
/// fills what the record leaves out).
pub fn extract_record(
    record: &ArticleRecord,
    base: &ExtractOptions,
) -> Result<ArticleRecord, FeedError> {
    let article = &record.article;
    let text = article.text.as_deref().unwrap_or_default();
    let options = ExtractOptions {
        id: Some(article.id.clone()),
        lang: article.lang.clone().or_else(|| base.lang.clone()),
        published: article.published.clone().or_else(|| base.published.clone()),
        publisher: article.publisher.clone().or_else(|| base.publisher.clone()),
        title: article.title.clone(),
        ..base.clone()
    };
    let mut extracted = crate::extract(text, &options).map_err(|e| match e {
        ExtractError::Published(time) => FeedError::Published {
            id: article.id.clone(),
            time,
        },
        source => FeedError::Extract {
            id: article.id.clone(),
            source,
        },
    })?;
    extracted.article.url = article.url.clone();
    if article.author.is_some() {
        extracted.article.author = article.author.clone();
    }
    Ok(extracted)
}

/// Runs `work` over `items` on every core (dealt round-robin, so long and short articles
/// spread over the workers) and returns the results in input order: the one worker pool
/// of `claimgraph ingest` and the Python package's batch calls. A worker that panicked
/// leaves its items as `failed`.
pub fn in_order_on_every_core<T: Send, R: Send>(
    items: Vec<T>,
    work: impl Fn(T) -> R + Sync,
    failed: impl Fn() -> R,
) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if workers <= 1 {
        return items.into_iter().map(work).collect();
    }
    let total = items.len();
    let mut hands: Vec<Vec<(usize, T)>> = (0..workers).map(|_| Vec::new()).collect();
    for (i, item) in items.into_iter().enumerate() {
        hands[i % workers].push((i, item));
    }
    let mut slots: Vec<Option<R>> = (0..total).map(|_| None).collect();
    let work = &work;
    std::thread::scope(|scope| {
        let running: Vec<_> = hands
            .into_iter()
            .map(|hand| {
                scope.spawn(move || {
                    hand.into_iter()
                        .map(|(i, item)| (i, work(item)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in running {
            if let Ok(done) = worker.join() {
                for (i, result) in done {
                    slots[i] = Some(result);
                }
            }
        }
    });
    slots
        .into_iter()
        .map(|slot| slot.unwrap_or_else(&failed))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> ArticleRecord {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    #[test]
    fn only_text_without_a_claims_key_is_extracted() {
        let text = r#"{"article":{"id":"a","text":"Ông Nam nói rằng trời mưa."}}"#;
        let empty = r#"{"article":{"id":"a","text":"Ông Nam nói rằng trời mưa."},"claims":[]}"#;
        let no_text = r#"{"article":{"id":"a"}}"#;
        assert!(wants_extraction(&record(text), text));
        assert!(!wants_extraction(&record(empty), empty));
        assert!(!wants_extraction(&record(no_text), no_text));
    }

    #[test]
    fn a_bad_published_date_names_the_records_field() {
        let json = r#"{"article":{"id":"a","published":"yesterday-ish","text":"Ông Nam nói rằng trời mưa."}}"#;
        let err = extract_record(&record(json), &ExtractOptions::default()).unwrap_err();
        assert!(
            err.to_string().starts_with("article a: \"published\": "),
            "{err}"
        );
    }
}
