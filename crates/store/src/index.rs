//! The store's indexes as the query engine sees them: index [`Term`]s (a speaker, a relay,
//! a publisher, a topic), [`TimeSlice`]s of a time axis, and the entries they hold
//! ([`IndexEntry`]: a claim and the time the entry is keyed on; [`LinkEntry`]: a link that
//! answers a speaker's claim). Callers estimate a term or a slice from the length prefix of
//! each run (nothing is decoded) and scan it. How entries are keyed and encoded (keyspaces,
//! month buckets, posting runs) stays inside this crate: this module turns terms and time
//! ranges into key ranges.

use super::keys::{self, space};
pub use super::postings::Cover;
use super::postings::{LinkPosting, Posting, RunEntry};
use super::{codec, ArticleDoc, Store, StoreError};
use crate::kv::OrderedKv;
use claimgraph_model::{
    ActorId, ArticleSeq, ClaimId, Interval, LinkKind, TimeAxis, TimePoint, TopicId,
};
use std::collections::HashMap;
use std::sync::{Arc, MutexGuard};

/// Size of the entries stored for one term or slice: how many runs (one per ingest chunk
/// that wrote the term) and how many entries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunSize {
    /// Stored runs read to scan it.
    pub runs: u64,
    /// Entries it holds.
    pub postings: u64,
}

impl RunSize {
    /// Adds another size to this one.
    pub fn add(&mut self, other: RunSize) {
        self.runs += other.runs;
        self.postings += other.postings;
    }
}

/// One term of a term index. Its entries are keyed on the claim's said time, except a
/// publisher's, which are keyed on the publication time ([`Term::axis`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// Claims said by an actor.
    Speaker(ActorId),
    /// Claims relayed via an actor.
    Via(ActorId),
    /// Claims published by an outlet.
    Publisher(ActorId),
    /// Claims about a topic.
    Topic(TopicId),
}

impl Term {
    /// The time axis the term's entries are keyed on.
    pub fn axis(self) -> TimeAxis {
        match self {
            Term::Publisher(_) => TimeAxis::Published,
            _ => TimeAxis::Said,
        }
    }

    fn key(self) -> (u8, u64) {
        match self {
            Term::Speaker(a) => (space::BY_SPEAKER, a),
            Term::Via(a) => (space::BY_VIA, a),
            Term::Publisher(a) => (space::BY_PUBLISHER, a),
            Term::Topic(t) => (space::BY_TOPIC, t),
        }
    }
}

/// One entry of an index: a claim and the time the entry is keyed on. Entries sort by that
/// time (the timeline order of `docs/time.md`: times with an unknown year after every real
/// time, no time last), then by claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IndexEntry(Posting);

impl IndexEntry {
    /// The entry a claim has in an index keyed on `time` (so a caller holding the claim can
    /// sort it among entries it scanned).
    pub fn at(time: Option<&TimePoint>, claim: ClaimId, cover: Cover) -> IndexEntry {
        IndexEntry(Posting::at_point(time, claim, cover))
    }

    /// What the entry carries about its claim: speaker, publisher, stance.
    pub fn cover(&self) -> Cover {
        self.0.cover
    }

    /// The claim.
    pub fn claim(&self) -> ClaimId {
        self.0.claim
    }

    /// The time the entry is keyed on, as `[start, end)` Unix seconds; `None` when the time
    /// has no known year or there is none (such entries never match a bounded range).
    pub fn interval(&self) -> Option<Interval> {
        self.0.is_anchored().then_some(Interval {
            start: self.0.start,
            end: self.0.end,
        })
    }
}

/// A link that answers a claim, found under the answered claim's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkEntry(LinkPosting);

impl LinkEntry {
    /// The answered claim.
    pub fn target(&self) -> ClaimId {
        self.0.target
    }

    /// The answering claim.
    pub fn source(&self) -> ClaimId {
        self.0.source
    }

    /// How the source answers the target.
    pub fn kind(&self) -> LinkKind {
        self.0.kind
    }
}

/// A contiguous part of a time index: what a time-range scan reads. Built by
/// [`TimeSlice::covering`]; opaque, since its bounds are storage buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeSlice {
    space: u8,
    from: u64,
    to: u64,
}

impl TimeSlice {
    /// The slices of the `axis` index that hold every entry whose time starts in `starts`
    /// or overlaps it (open ends are `i64::MIN` / `i64::MAX`). Entries outside the range
    /// may come too: callers test each entry's interval. `None` when the axis has no time
    /// index (the ingest time).
    pub fn covering(axis: TimeAxis, starts: Interval) -> Option<Vec<TimeSlice>> {
        let space = match axis {
            TimeAxis::Said => space::BY_SAID,
            TimeAxis::Event => space::BY_EVENT,
            TimeAxis::Published => space::BY_PUBLISHED,
            TimeAxis::Ingested => return None,
        };
        let (lo, hi) = (starts.start, starts.end);
        // A point is at most a year long and bucketed by its own month, so one that
        // overlaps [lo, hi) sits in the buckets of lo..hi or in January of lo's year (a
        // year-precision point). An event span is bucketed by its start month when it
        // lasts at most a year (so it starts at most 13 buckets before lo), and in the
        // LONG_SPANS bucket otherwise, which is always read.
        let reach_back = if axis == TimeAxis::Event { 13 } else { 1 };
        let from = if lo == i64::MIN {
            0
        } else {
            bucket_of(lo).saturating_sub(reach_back)
        };
        let to = if hi == i64::MAX {
            keys::LONG_SPANS - 1
        } else {
            bucket_of(hi.saturating_sub(1))
                .saturating_add(1)
                .min(keys::LONG_SPANS - 1)
        };
        let mut slices = Vec::new();
        if axis == TimeAxis::Event {
            slices.push(TimeSlice {
                space,
                from: keys::LONG_SPANS,
                to: keys::LONG_SPANS,
            });
        }
        if from > 0 {
            let january = january_bucket(lo);
            if january < from {
                slices.push(TimeSlice {
                    space,
                    from: january,
                    to: january,
                });
            }
        }
        slices.push(TimeSlice { space, from, to });
        Some(slices)
    }

    fn key_range(&self) -> std::ops::RangeInclusive<[u8; 17]> {
        keys::posting(self.space, self.from, 0)..=keys::posting(self.space, self.to, u64::MAX)
    }
}

/// The month bucket of a Unix time (clamped to the years the time model can name).
pub(crate) fn bucket_of(unix_secs: i64) -> u64 {
    match claimgraph_model::time::utc_point(unix_secs.clamp(-62_000_000_000, 250_000_000_000)) {
        Some(p) => keys::month_bucket(Some(&p)),
        None => 0,
    }
}

/// The bucket of January of a Unix time's year.
fn january_bucket(unix_secs: i64) -> u64 {
    match claimgraph_model::time::utc_point(unix_secs.clamp(-62_000_000_000, 250_000_000_000)) {
        Some(p) => p
            .year
            .map(|y| keys::month_bucket(Some(&TimePoint::year(y))))
            .unwrap_or(0),
        None => 0,
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

    /// How many runs and entries one term holds, without decoding them.
    pub fn term_size(&self, term: Term) -> Result<RunSize, StoreError> {
        let (space, id) = term.key();
        self.prefix_size(space, id)
    }

    /// Every entry of one term, unsorted, appended to `out`.
    pub fn scan_term(&self, term: Term, out: &mut Vec<IndexEntry>) -> Result<(), StoreError> {
        let (space, id) = term.key();
        for item in self.runs(self.kv().scan_prefix(keys::posting_prefix(space, id))) {
            let (_, v) = item?;
            out.extend(Posting::decode_run(&v)?.into_iter().map(IndexEntry));
        }
        Ok(())
    }

    /// Size of a time slice, stopping early once the count passes `budget` (a planner
    /// only needs to know it lost).
    pub fn slice_size(&self, slice: &TimeSlice, budget: u64) -> Result<RunSize, StoreError> {
        let mut size = RunSize::default();
        if slice.from > slice.to {
            return Ok(size);
        }
        for item in self.runs(self.kv().range(slice.key_range())) {
            let (_, v) = item?;
            size.runs += 1;
            size.postings += encoded_len(&v);
            if size.postings > budget {
                break;
            }
        }
        Ok(size)
    }

    /// Every entry of a time slice, unsorted, appended to `out`.
    pub fn scan_slice(
        &self,
        slice: &TimeSlice,
        out: &mut Vec<IndexEntry>,
    ) -> Result<(), StoreError> {
        if slice.from > slice.to {
            return Ok(());
        }
        for item in self.runs(self.kv().range(slice.key_range())) {
            let (_, v) = item?;
            out.extend(Posting::decode_run(&v)?.into_iter().map(IndexEntry));
        }
        Ok(())
    }

    /// How many runs hold links answering claims of `speaker`, and how many links.
    pub fn links_size(&self, speaker: ActorId) -> Result<RunSize, StoreError> {
        self.prefix_size(space::LINKS_TO_SPEAKER, speaker)
    }

    /// Links that answer claims of `speaker`, sorted by target, then source. A reader keeps
    /// each speaker's list once read (`LinkCache`): the links of a popular speaker are read
    /// by every question about its claims (denials, a claim's neighbourhood).
    pub fn links_to_speaker(&self, speaker: ActorId) -> Result<Arc<[LinkEntry]>, StoreError> {
        if let Some(links) = self.link_cache().get(speaker) {
            return Ok(links);
        }
        let mut all = Vec::new();
        for item in self.runs(
            self.kv()
                .scan_prefix(keys::posting_prefix(space::LINKS_TO_SPEAKER, speaker)),
        ) {
            let (_, v) = item?;
            let run = LinkPosting::decode_run(&v)?;
            all.extend(run.into_iter().map(LinkEntry));
        }
        all.sort_unstable();
        let all: Arc<[LinkEntry]> = all.into();
        if self.keeps_reads() {
            self.link_cache().insert(speaker, all.clone());
        }
        Ok(all)
    }

    fn prefix_size(&self, space: u8, term: u64) -> Result<RunSize, StoreError> {
        let mut size = RunSize::default();
        for item in self.runs(self.kv().scan_prefix(keys::posting_prefix(space, term))) {
            let (_, v) = item?;
            size.runs += 1;
            size.postings += encoded_len(&v);
        }
        Ok(size)
    }

    /// Every topic with its display name, in id order.
    pub fn topics(&self) -> impl Iterator<Item = Result<(TopicId, String), StoreError>> + '_ {
        self.kv().scan_prefix([space::TOPIC]).map(|item| {
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
        // The bound as of the call, so a commit during the scan cannot add to it.
        let committed = self.committed_articles();
        self.kv()
            .range(keys::article_block(first_block)..=keys::article_block(last_block))
            .take_while(move |_| from < to)
            .flat_map(move |item| {
                super::read::block_docs(item, |seq| (from..to).contains(&seq) && seq < committed)
            })
    }
}

/// Link entries a reader keeps, over all speakers (about 24 bytes each, so about 24 MB).
const LINK_CACHE_ENTRIES: usize = 1 << 20;

/// Reverse-link lists already read, by answered speaker. Bounded by entries: when a new
/// list would pass the bound, the lists kept so far are dropped (a list is read again from
/// its runs when next asked for).
#[derive(Default)]
pub(crate) struct LinkCache {
    lists: HashMap<ActorId, Arc<[LinkEntry]>>,
    entries: usize,
}

impl LinkCache {
    fn get(&self, speaker: ActorId) -> Option<Arc<[LinkEntry]>> {
        self.lists.get(&speaker).cloned()
    }

    fn insert(&mut self, speaker: ActorId, links: Arc<[LinkEntry]>) {
        if links.len() > LINK_CACHE_ENTRIES {
            return;
        }
        if self.entries + links.len() > LINK_CACHE_ENTRIES {
            self.clear();
        }
        self.entries += links.len();
        if let Some(old) = self.lists.insert(speaker, links) {
            self.entries -= old.len();
        }
    }

    pub(crate) fn clear(&mut self) {
        self.lists.clear();
        self.entries = 0;
    }
}

impl Store {
    pub(crate) fn link_cache(&self) -> MutexGuard<'_, LinkCache> {
        super::cache::lock_reads(&self.links)
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

    #[test]
    fn event_ranges_always_read_long_spans_and_ingest_time_has_no_index() {
        let any = Interval {
            start: 1_480_000_000,
            end: 1_481_000_000,
        };
        let event = TimeSlice::covering(TimeAxis::Event, any).unwrap();
        assert_eq!(event[0].from, keys::LONG_SPANS);
        let said = TimeSlice::covering(TimeAxis::Said, any).unwrap();
        assert!(said.iter().all(|s| s.to < keys::LONG_SPANS));
        assert!(TimeSlice::covering(TimeAxis::Ingested, any).is_none());
    }
}
