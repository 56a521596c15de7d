//! Recovery from an interrupted ingest. An ingest writes articles, names and posting runs
//! in several bounded batches and makes them visible with one small commit batch (the
//! counters; `ingest.rs`). A crash before that commit leaves articles, ids, texts, hash
//! lists, chunk metadata and runs beyond the committed counters: readers skip them
//! (`Visible` in `lib.rs`), and the next ingest removes them here before it reuses those
//! sequence and chunk numbers. Names written before the crash stay (they carry no claim)
//! and keep their ids, which the `allocated` key records, so an id is never given twice.

use crate::keys::{self, space};
use crate::kv::{self, OrderedKv, WriteBatch};
use crate::{Counters, Store, StoreError};

/// Meta key of the counters as handed out by an ingest not yet committed; removed by the
/// commit. Present at the start of an ingest, it means the last one was interrupted.
pub(crate) const ALLOCATED: &str = "allocated";

/// Keys removed per batch while cleaning up.
const CLEANUP_BATCH: usize = 4_000;

impl Store {
    /// Removes what an interrupted ingest wrote beyond `counters` (the committed ones) and
    /// takes the name ids it handed out into `counters`. Returns whether it found one.
    pub(crate) fn recover_interrupted(&self, counters: &mut Counters) -> Result<bool, StoreError> {
        let key = keys::meta(ALLOCATED);
        let Some(v) = self.kv().get(&key)? else {
            return Ok(false);
        };
        let allocated: Counters = self.decode_at(&key, &v)?;
        counters.next_actor = counters.next_actor.max(allocated.next_actor);
        counters.next_topic = counters.next_topic.max(allocated.next_topic);
        let (articles, chunks) = (counters.next_article, counters.next_chunk);
        let by_chunk = |k: &[u8]| keys::seq_from_key(k).is_some_and(|c| c >= chunks);
        self.remove_where(self.kv().scan_prefix([space::HASHES]), by_chunk)?;
        self.remove_where(self.kv().scan_prefix([space::CHUNK]), by_chunk)?;
        self.remove_where(
            self.kv().range(keys::text(articles)..=keys::text(u64::MAX)),
            |_| true,
        )?;
        let runs = self
            .kv()
            .range([space::BY_SPEAKER].as_slice()..[space::CHUNK].as_slice());
        self.remove_where(runs, |k| {
            keys::parse_posting(k).is_some_and(|(_, chunk)| chunk >= chunks)
        })?;
        // Id keys hold the article's sequence number (or the claim's id) as their value.
        for (prefix, to_seq) in [
            (space::ARTICLE_ID, (|v: u64| v) as fn(u64) -> u64),
            (space::CLAIM_XID, |v: u64| crate::ClaimId(v).article()),
        ] {
            let mut doomed = Vec::new();
            for item in self.kv().scan_prefix([prefix]) {
                let (k, v) = item?;
                if crate::read::u64_value(&v).is_some_and(|n| to_seq(n) >= articles) {
                    doomed.push(k);
                }
            }
            self.remove_keys(doomed)?;
        }
        Ok(true)
    }

    /// Removes every key of `scan` that `doomed` picks.
    fn remove_where(
        &self,
        scan: kv::Scan,
        doomed: impl Fn(&[u8]) -> bool,
    ) -> Result<(), StoreError> {
        let mut keys = Vec::new();
        for item in scan {
            let (k, _) = item?;
            if doomed(&k) {
                keys.push(k);
            }
        }
        self.remove_keys(keys)
    }

    fn remove_keys(&self, doomed: Vec<kv::Bytes>) -> Result<(), StoreError> {
        for part in doomed.chunks(CLEANUP_BATCH) {
            let mut batch = kv::Batch::default();
            for k in part {
                batch.remove(k);
            }
            self.kv().apply(batch).map_err(|e| self.kv_error(e))?;
        }
        Ok(())
    }
}
