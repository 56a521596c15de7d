//! Read paths the query planner and executor need beyond the listing API: cheap size
//! estimates of posting runs (from the length prefix of each run, without decoding it),
//! month-bucket range reads that do not start a year early, the topic dictionary, and
//! article-range scans for `as of` snapshots.

use super::keys::{self, space};
use super::postings::Posting;
use super::{codec, ArticleDoc, Store, StoreError};
use claimgraph_model::{ArticleSeq, TopicId};

/// Size of the postings stored for one term: how many runs and how many postings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSize {
    pub runs: u64,
    pub postings: u64,
}

impl RunSize {
    pub fn add(&mut self, other: RunSize) {
        self.runs += other.runs;
        self.postings += other.postings;
    }
}

/// The element count of a codec-encoded `Vec`, without decoding its elements.
fn encoded_len(value: &[u8]) -> u64 {
    codec::vec_len(value)
}

impl Store {
    /// Opens an existing store with a page cache of `cache_bytes` instead of the default
    /// (for long-running readers such as the query shell and benchmarks: queries that
    /// group many claims read many articles, and sled reads pages from disk once its cache
    /// is full).
    pub fn open_existing_with_cache(
        path: &std::path::Path,
        cache_bytes: u64,
    ) -> Result<Store, StoreError> {
        // The same guarded open as every other (lock, holder, manifest checks).
        Store::open_existing_checked(path, cache_bytes)
    }

    /// How many runs and postings one term of an index holds, without decoding them.
    pub fn run_size(&self, space: u8, term: u64) -> Result<RunSize, StoreError> {
        let mut size = RunSize::default();
        for item in self.db().scan_prefix(keys::posting_prefix(space, term)) {
            let (_, v) = item?;
            size.runs += 1;
            size.postings += encoded_len(&v);
        }
        Ok(size)
    }

    /// Size of the month buckets `from..=to` of a month-bucketed index, stopping early once
    /// the count passes `budget` (the planner only needs to know it lost).
    pub fn bucket_range_size(
        &self,
        space: u8,
        from: u64,
        to: u64,
        budget: u64,
    ) -> Result<RunSize, StoreError> {
        let mut size = RunSize::default();
        if from > to {
            return Ok(size);
        }
        for item in self
            .db()
            .range(keys::posting(space, from, 0)..=keys::posting(space, to, u64::MAX))
        {
            let (_, v) = item?;
            size.runs += 1;
            size.postings += encoded_len(&v);
            if size.postings > budget {
                break;
            }
        }
        Ok(size)
    }

    /// Every posting in the month buckets `from..=to`, unsorted.
    pub fn bucket_range_postings(
        &self,
        space: u8,
        from: u64,
        to: u64,
        out: &mut Vec<Posting>,
    ) -> Result<(), StoreError> {
        if from > to {
            return Ok(());
        }
        for item in self
            .db()
            .range(keys::posting(space, from, 0)..=keys::posting(space, to, u64::MAX))
        {
            let (_, v) = item?;
            out.extend(codec::decode::<Vec<Posting>>(&v)?);
        }
        Ok(())
    }

    /// Every posting of one term, unsorted, appended to `out`.
    pub fn postings_into(
        &self,
        space: u8,
        term: u64,
        out: &mut Vec<Posting>,
    ) -> Result<(), StoreError> {
        for item in self.db().scan_prefix(keys::posting_prefix(space, term)) {
            let (_, v) = item?;
            out.extend(codec::decode::<Vec<Posting>>(&v)?);
        }
        Ok(())
    }

    /// Every topic with its display name, in id order.
    pub fn topics(&self) -> impl Iterator<Item = Result<(TopicId, String), StoreError>> + '_ {
        self.db().scan_prefix([space::TOPIC]).map(|item| {
            let (k, v) = item?;
            let id = keys::seq_from_key(&k).unwrap_or_default();
            Ok((id, codec::decode::<String>(&v)?))
        })
    }

    /// Articles with sequence numbers in `from..to`, in order.
    pub fn articles_in(
        &self,
        from: ArticleSeq,
        to: ArticleSeq,
    ) -> impl Iterator<Item = Result<ArticleDoc, StoreError>> + '_ {
        let first_block = keys::block_of(from);
        let last_block = keys::block_of(to.saturating_sub(1));
        self.db()
            .range(keys::article_block(first_block)..=keys::article_block(last_block))
            .take_while(move |_| from < to)
            .flat_map(move |item| super::read::block_docs(item, |seq| (from..to).contains(&seq)))
    }

    /// How many runs answer claims of `speaker`, and how many links they hold.
    pub fn link_run_size(&self, speaker: u64) -> Result<RunSize, StoreError> {
        self.run_size(space::LINKS_TO_SPEAKER, speaker)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_vec_lengths_from_the_encoding() {
        for n in [0usize, 1, 250, 251, 300, 70_000] {
            let v: Vec<u8> = vec![7; n];
            let bytes = codec::encode(&v).unwrap();
            assert_eq!(encoded_len(&bytes), n as u64, "length {n}");
        }
        assert_eq!(encoded_len(&[]), 0);
    }
}
