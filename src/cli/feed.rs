//! News feeds on ingest: a JSON Lines record whose article carries `text` and which has no
//! `claims` key is extracted as it is read, with the record's own id, outlet, publication
//! time, headline, language and URL; a record with `claims` (even an empty list) is stored
//! as given. Extraction runs on every core, a batch of records at a time, and the batch
//! keeps its input order so that a store does not depend on thread timing.

use claimgraph_extract::ExtractOptions;
use claimgraph_model::record::ArticleRecord;

/// Records read before a batch is extracted: enough to keep every core busy, few enough
/// that a batch of long articles stays small in memory.
pub const BATCH: usize = 256;

/// Whether a record is to be extracted: it has text and no `claims` key. `line` is the
/// record's JSON, read again only for a record that has text and no claims.
pub fn wants_extraction(record: &ArticleRecord, line: &str) -> bool {
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
        && serde_json::from_str::<ClaimsKey>(line).is_ok_and(|k| k.claims.is_none())
}

/// Replaces a text record by what extraction finds in its text, keeping what the record
/// says of the article (its fields win over what the text's byline suggests).
pub fn extract_record(
    record: &ArticleRecord,
    base: &ExtractOptions,
) -> Result<ArticleRecord, String> {
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
    let mut extracted = claimgraph_extract::extract(text, &options).map_err(|e| match e {
        // The date came from the record, not from a --published flag: say so.
        claimgraph_extract::ExtractError::Published(time) => {
            format!("article {}: \"published\": {time}", article.id)
        }
        other => format!("article {}: cannot extract its text: {other}", article.id),
    })?;
    extracted.article.url = article.url.clone();
    if article.author.is_some() {
        extracted.article.author = article.author.clone();
    }
    Ok(extracted)
}

/// Work for one record of a batch: extract it (when `extract` is set), then enrich it with
/// what the gazetteers know of its names.
pub struct Pending {
    /// The record as read.
    pub record: ArticleRecord,
    /// Whether its text is to be extracted.
    pub extract: bool,
}

/// Completes every record of a batch, in parallel when some need extraction; a line
/// already refused passes through. The results are in the batch's order.
pub fn complete(
    batch: Vec<Result<Pending, String>>,
    base: &ExtractOptions,
) -> Vec<Result<ArticleRecord, String>> {
    let finish = |item: Result<Pending, String>| -> Result<ArticleRecord, String> {
        let p = item?;
        let mut record = if p.extract {
            extract_record(&p.record, base)?
        } else {
            p.record
        };
        claimgraph_extract::enrich(&mut record);
        Ok(record)
    };
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let to_extract = batch
        .iter()
        .filter(|item| matches!(item, Ok(p) if p.extract))
        .count();
    if workers == 1 || to_extract < 2 {
        return batch.into_iter().map(finish).collect();
    }
    // Deal the records round-robin so long and short articles spread over the workers,
    // then put the results back in input order.
    let total = batch.len();
    let mut hands: Vec<Vec<(usize, Result<Pending, String>)>> =
        (0..workers).map(|_| Vec::new()).collect();
    for (i, item) in batch.into_iter().enumerate() {
        hands[i % workers].push((i, item));
    }
    let mut slots: Vec<Option<Result<ArticleRecord, String>>> = (0..total).map(|_| None).collect();
    std::thread::scope(|scope| {
        let running: Vec<_> = hands
            .into_iter()
            .map(|hand| {
                scope.spawn(move || {
                    hand.into_iter()
                        .map(|(i, item)| (i, finish(item)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in running {
            // A worker that panicked leaves its slots empty: they are reported below.
            if let Ok(done) = worker.join() {
                for (i, result) in done {
                    slots[i] = Some(result);
                }
            }
        }
    });
    slots
        .into_iter()
        .map(|slot| slot.unwrap_or_else(|| Err("internal error: extraction failed".into())))
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
    fn a_batch_keeps_its_order_and_the_records_fields() {
        let lines: Vec<String> = (0..9)
            .map(|i| {
                format!(
                    r#"{{"article":{{"id":"a{i}","publisher":"Outlet {i}","published":"2016-12-1{i}","lang":"en","url":"https://example.org/{i}","text":"The minister said on Monday that talks would resume. Rebels denied it."}}}}"#
                )
            })
            .collect();
        let batch = lines
            .iter()
            .map(|l| {
                let r = record(l);
                Ok(Pending {
                    extract: wants_extraction(&r, l),
                    record: r,
                })
            })
            .collect();
        let done = complete(batch, &ExtractOptions::default());
        for (i, result) in done.iter().enumerate() {
            let r = result.as_ref().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(r.article.id, format!("a{i}"));
            assert_eq!(
                r.article.publisher.as_deref(),
                Some(&*format!("Outlet {i}"))
            );
            assert_eq!(
                r.article.url.as_deref(),
                Some(&*format!("https://example.org/{i}"))
            );
            assert!(!r.claims.is_empty(), "no claims in {}", r.article.id);
        }
    }
}
