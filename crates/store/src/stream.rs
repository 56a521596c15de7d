//! Streaming the whole store in time order along one axis, one month bucket at a time, so
//! that exporting every claim of a large store keeps memory flat.

use super::keys::{self, space};
use super::postings::{Posting, RunEntry};
use super::read::ViewCache;
use super::{ArticleDoc, Store, StoreError};
use crate::kv::OrderedKv;
use claimgraph_model::{ClaimId, ClaimView};
use std::collections::VecDeque;

pub use claimgraph_model::TimeAxis;

/// The month-bucketed index of an axis; the ingest time has none.
fn time_space(axis: TimeAxis) -> Option<u8> {
    match axis {
        TimeAxis::Said => Some(space::BY_SAID),
        TimeAxis::Event => Some(space::BY_EVENT),
        TimeAxis::Published => Some(space::BY_PUBLISHED),
        TimeAxis::Ingested => None,
    }
}

/// Claims in time order along an axis; see [`Store::stream`].
pub struct ClaimStream<'s> {
    store: &'s Store,
    runs: crate::RunScan<'s>,
    /// Times longer than a year, merged in by start.
    long: VecDeque<Posting>,
    ready: VecDeque<Posting>,
    pending_run: Option<(u64, Vec<Posting>)>,
    cache: ViewCache,
    emitted: usize,
    failed: bool,
    /// On the event axis, the articles in ingest order, read after the index to add the
    /// claims without an event time (the index has no entry for them) in claim order, as
    /// the timeline's `undated` group sorts them.
    undated: Option<Box<dyn Iterator<Item = Result<ArticleDoc, StoreError>> + 's>>,
}

impl Store {
    /// Every claim with a time on `axis`, in the timeline order of `docs/time.md`, read one
    /// month bucket at a time. Claims with no time on the axis come last, in claim order
    /// (on the event axis they are found by a scan of the articles after the index).
    pub fn stream(&self, axis: TimeAxis) -> Result<ClaimStream<'_>, StoreError> {
        let space = time_space(axis).ok_or(StoreError::NoTimeIndex(axis))?;
        let mut long = Vec::new();
        for item in self.runs(
            self.kv()
                .scan_prefix(keys::posting_prefix(space, keys::LONG_SPANS)),
        ) {
            long.extend(Posting::decode_run(&item?.1)?);
        }
        long.sort_unstable();
        Ok(ClaimStream {
            store: self,
            runs: self.runs(self.kv().scan_prefix([space])),
            long: long.into(),
            ready: VecDeque::new(),
            pending_run: None,
            cache: ViewCache::default(),
            emitted: 0,
            failed: false,
            undated: (axis == TimeAxis::Event).then(|| {
                Box::new(self.articles())
                    as Box<dyn Iterator<Item = Result<ArticleDoc, StoreError>> + '_>
            }),
        })
    }
}

impl ClaimStream<'_> {
    /// Loads the next month bucket (all of its runs) into `ready`, sorted. Returns false at
    /// the end.
    fn fill(&mut self) -> Result<bool, StoreError> {
        let mut bucket: Option<(u64, Vec<Posting>)> = self.pending_run.take();
        for item in self.runs.by_ref() {
            let (k, v) = item?;
            let Some((term, _)) = keys::parse_posting(&k) else {
                continue;
            };
            if term == keys::LONG_SPANS {
                continue;
            }
            let run = Posting::decode_run(&v)?;
            match &mut bucket {
                Some((b, postings)) if *b == term => postings.extend(run),
                Some(_) => {
                    self.pending_run = Some((term, run));
                    break;
                }
                None => bucket = Some((term, run)),
            }
        }
        let Some((_, mut postings)) = bucket else {
            self.ready.extend(self.long.drain(..));
            if !self.ready.is_empty() {
                return Ok(true);
            }
            return self.fill_undated();
        };
        postings.sort_unstable();
        // Long spans that start before this bucket's last posting go first, in order.
        let last_start = postings.last().map_or(i64::MIN, |p| p.start);
        let mut merged = Vec::with_capacity(postings.len());
        while self.long.front().is_some_and(|p| p.start <= last_start) {
            if let Some(p) = self.long.pop_front() {
                merged.push(p);
            }
        }
        merged.extend(postings);
        merged.sort_unstable();
        self.ready.extend(merged);
        Ok(true)
    }
}

impl ClaimStream<'_> {
    /// Queues the claims without an event time of the next article that has any. Returns
    /// false when there is no such article left (or on axes that index every claim).
    fn fill_undated(&mut self) -> Result<bool, StoreError> {
        let Some(articles) = self.undated.as_mut() else {
            return Ok(false);
        };
        for doc in articles.by_ref() {
            let doc = doc?;
            let seq = doc.article.seq;
            for (index, claim) in doc.claims.iter().enumerate() {
                if claim.when.is_none() {
                    let index = u16::try_from(index).map_err(|_| {
                        self.store
                            .corrupt(format!("article {seq} has more claims than allowed"))
                    })?;
                    self.ready.push_back(Posting::at_point(
                        None,
                        ClaimId::new(seq, index),
                        Default::default(),
                    ));
                }
            }
            if !self.ready.is_empty() {
                return Ok(true);
            }
        }
        self.undated = None;
        Ok(false)
    }
}

impl Iterator for ClaimStream<'_> {
    type Item = Result<ClaimView, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            if let Some(p) = self.ready.pop_front() {
                // The cache only needs to span neighbouring rows.
                self.emitted += 1;
                if self.emitted % 4096 == 0 {
                    self.cache = ViewCache::default();
                }
                match self.store.view_cached(p.claim, &mut self.cache) {
                    Ok(Some(view)) => return Some(Ok(view)),
                    Ok(None) => continue,
                    Err(e) => {
                        self.failed = true;
                        return Some(Err(e));
                    }
                }
            }
            match self.fill() {
                Ok(true) => continue,
                Ok(false) => return None,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IngestOptions;
    use claimgraph_model::record::ArticleRecord;

    #[test]
    fn streams_every_claim_in_time_order_across_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let saids = [
            "2016-12-11",
            "2015",
            "2016-12",
            "XXXX-03-01",
            "2016-01-05T10:00:00Z",
            "2014-06-30",
        ];
        for (chunk, group) in saids.chunks(2).enumerate() {
            let mut ing = store.ingester(IngestOptions::default()).unwrap();
            for (i, said) in group.iter().enumerate() {
                let id = format!("a{chunk}-{i}");
                let rec: ArticleRecord = serde_json::from_value(serde_json::json!({
                    "article": {"id": id, "published": "2017-01-01"},
                    "claims": [{"id": format!("{id}#0"), "speaker": "Russia", "stance": "assert",
                                "text": said, "said": said,
                                "when": {"start": "2010", "end": if i == 0 { "2016" } else { "2010" }}}]
                }))
                .unwrap();
                ing.add(rec).unwrap();
            }
            ing.finish().unwrap();
        }
        let said: Vec<String> = store
            .stream(TimeAxis::Said)
            .unwrap()
            .map(|v| v.unwrap().said.map(|t| t.to_string()).unwrap_or_default())
            .collect();
        // XXXX-03-01 was resolved against the publication date at ingest.
        assert_eq!(
            said,
            [
                "2014-06-30",
                "2015",
                "2016-01-05T10:00:00Z",
                "2016-03-01",
                "2016-12",
                "2016-12-11"
            ]
            .map(str::to_string)
        );
        let events = store.stream(TimeAxis::Event).unwrap().count();
        assert_eq!(events, 6, "long event spans are streamed too");
        assert_eq!(store.stream(TimeAxis::Published).unwrap().count(), 6);
    }
}
