//! News feeds on ingest: a JSON Lines record whose article carries `text` and which has no
//! `claims` key is extracted as it is read (`claimgraph_extract::feed`); a record with
//! `claims` (even an empty list) is stored as given. Extraction runs on every core, a batch of records at a time, and the batch
//! keeps its input order so that a store does not depend on thread timing.

use claimgraph_extract::ExtractOptions;
use claimgraph_model::record::ArticleRecord;

/// Records read before a batch is extracted: enough to keep every core busy, few enough
/// that a batch of long articles stays small in memory.
pub const BATCH: usize = 256;

pub use claimgraph_extract::feed::wants_extraction;

/// Extracts a text record; the error is the line's report.
fn extract_record(record: &ArticleRecord, base: &ExtractOptions) -> Result<ArticleRecord, String> {
    claimgraph_extract::feed::extract_record(record, base).map_err(|e| e.to_string())
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
    let to_extract = batch
        .iter()
        .filter(|item| matches!(item, Ok(p) if p.extract))
        .count();
    if to_extract < 2 {
        return batch.into_iter().map(finish).collect();
    }
    claimgraph_extract::feed::in_order_on_every_core(batch, finish, || {
        Err("internal error: extraction failed".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> ArticleRecord {
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
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
