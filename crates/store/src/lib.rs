//! The store: a sled database holding articles with their claims, actors, topics and the
//! indexes that answer who-said-what-when as range scans.
//!
//! Layering: `keys` (byte layout) and `codec` (values) at the bottom; `postings` (the
//! index runs); this module (opening, format version, reads); `index` (index terms and
//! time slices, the query engine's access paths); `ingest` (atomic chunk writes). Keys,
//! values and runs are private to this crate: callers speak of claims, articles, actors
//! and index terms. `docs/storage.md` documents the layout and its invariants.
//!
//! Architecture invariant: everything one ingest chunk writes goes into one sled `Batch` on
//! one tree, so after a crash an article is present with all of its claims and index
//! entries, or absent.
#![warn(missing_docs)]

mod cache;
pub(crate) mod codec;
mod commit;
mod compact;
mod derived;
mod guard;
mod index;
mod ingest;
pub(crate) mod keys;
mod kv;
mod migrate;
pub(crate) mod postings;
mod read;
mod row;
mod stream;
mod subgraph;

pub use codec::CodecError;
pub use compact::CompactSummary;
pub use guard::GuardError;
pub use index::{Cover, IndexEntry, LinkEntry, RunSize, Term, TimeSlice};
pub use ingest::{
    IngestError, IngestOptions, IngestOutcome, IngestSummary, Ingester, DEFAULT_CHUNK_ARTICLES,
    DEFAULT_CHUNK_BYTES, DEFAULT_CHUNK_KEYS, DEFAULT_COMMIT_POSTINGS,
};
pub use migrate::MigrationSummary;
pub use read::{NameCache, Stats, ViewNames};
pub use row::{ArticleHead, ClaimBytes, ClaimHead, ClaimLinks, LinkRef, QuantityRef, RowError};
pub use stream::{ClaimStream, TimeAxis};

use crate::kv::{OrderedKv, WriteBatch};
use claimgraph_model::{Actor, Article, ArticleSeq, Claim, ClaimId};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The one version of everything a store holds: key layout, value shapes and the value
/// codec's header. A store written by a newer build is refused; an older one is upgraded by
/// [`Store::migrate`] (`claimgraph migrate`). History: 1, the first; 2, a CRC-32 in every
/// value's header; 3, claims encoded one by one inside article blocks (with said basis and
/// character spans) and packed, covering posting runs.
pub(crate) const STORE_FORMAT: u32 = 3;

/// Meta key of the counters at migration from format 1 (see [`Store::legacy_hashes`]).
pub(crate) const LEGACY_HASHES: &str = "legacy_hashes";

/// Everything that can go wrong opening or reading a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process has the store open (every open is exclusive, readers included).
    #[error("store {path} is in use by {}: wait for it to finish (or end it: an idle `claimgraph shell` holds the store until it exits), or use another --store", holder.as_deref().unwrap_or("another process"))]
    InUse {
        /// The store's directory.
        path: PathBuf,
        /// Who holds it, when its holder file names a running process.
        holder: Option<String>,
    },
    /// The disk (or quota) is full. Chunks written before stay whole; the store opens with
    /// them once space is freed.
    #[error("disk full at store {}: {}", path.display(), disk_full_advice(*stored))]
    DiskFull {
        /// The store's directory.
        path: PathBuf,
        /// Articles this ingest stored durably before the disk filled, when known.
        stored: Option<u64>,
    },
    /// A file claimgraph keeps beside sled (lock, holder, manifest) failed.
    #[error("store directory: {0}")]
    Guard(#[from] guard::GuardError),
    #[error("no store at {path}: run `claimgraph ingest` first or pass --store")]
    /// No store exists at the path, and the command only reads.
    Missing {
        /// The store's directory.
        path: PathBuf,
    },
    #[error("store {path} has format version {found}, newer than the version {STORE_FORMAT} this claimgraph reads: upgrade claimgraph")]
    /// The store was written by a newer claimgraph.
    TooNew {
        /// The store's directory.
        path: PathBuf,
        /// The format version the store has.
        found: u32,
    },
    #[error("store {path} has format version {found}, older than the version {STORE_FORMAT} this claimgraph reads: run `claimgraph --store {path} migrate` to upgrade it in place (an interrupted migration resumes where it stopped)")]
    /// The store has an older format; `claimgraph migrate` upgrades it.
    NeedsMigration {
        /// The store's directory.
        path: PathBuf,
        /// The format version the store has.
        found: u32,
    },
    #[error("store {path} is damaged: {reason}")]
    /// The store holds something this build cannot have written: a bad value, key or
    /// manifest.
    Corrupt {
        /// The store's directory.
        path: PathBuf,
        /// What is wrong, naming the keyspace or file.
        reason: String,
    },
    #[error("cannot open store {path}: {source}")]
    /// sled refused to open the store.
    Open {
        /// The store's directory.
        path: PathBuf,
        /// sled's error.
        source: sled::Error,
    },
    /// The key-value engine failed reading or writing (I/O, or a damaged file it noticed).
    #[error("store I/O error: {0}")]
    Kv(#[from] kv::KvError),
    /// A stored value could not be encoded or decoded.
    #[error("store value error: {0}")]
    Codec(#[from] CodecError),
    /// Streaming in time order needs a time index, and the ingest time has none.
    #[error("claims cannot be streamed in {0} time order: the store has no index on it")]
    NoTimeIndex(claimgraph_model::TimeAxis),
}

/// Counters kept in the meta keyspace, written in the same batch as the data they count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    pub(crate) next_article: ArticleSeq,
    pub(crate) next_actor: u64,
    pub(crate) next_topic: u64,
    pub(crate) next_chunk: u64,
    /// Articles stored.
    pub articles: u64,
    /// Claims stored.
    pub claims: u64,
}

/// An article as stored: its metadata and its claims, in one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleDoc {
    /// The article's metadata.
    pub article: Article,
    /// Its claims, in text order; a claim's index here is its `ClaimId::index`.
    pub claims: Vec<Claim>,
}

/// A block of consecutive articles as stored (compressed and checksummed whole by the
/// codec): each article's metadata and each of its claims encoded separately, so a row
/// decodes only the claim it shows and its article's metadata, never the other claims.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ArticleBlock {
    pub(crate) articles: Vec<BlockEntry>,
}

/// One article of a block: its sequence number, its encoded [`Article`], and its claims
/// encoded one after another (`claim_ends[i]` is where claim `i` ends). The bytes go
/// through `serde_bytes` so they decode as one copy, not byte by byte.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct BlockEntry {
    pub(crate) seq: ArticleSeq,
    #[serde(with = "serde_bytes")]
    pub(crate) article: Vec<u8>,
    pub(crate) claim_ends: Vec<u32>,
    #[serde(with = "serde_bytes")]
    pub(crate) claims: Vec<u8>,
}

impl BlockEntry {
    /// An article and its claims, encoded for a block.
    pub(crate) fn encode(seq: ArticleSeq, doc: &ArticleDoc) -> Result<BlockEntry, CodecError> {
        let article = codec::encode_raw(&doc.article)?;
        let mut claims = Vec::new();
        let mut claim_ends = Vec::with_capacity(doc.claims.len());
        for claim in &doc.claims {
            claims.extend_from_slice(&codec::encode_raw(claim)?);
            claim_ends.push(u32::try_from(claims.len()).map_err(|_| CodecError::TooLarge)?);
        }
        Ok(BlockEntry {
            seq,
            article,
            claim_ends,
            claims,
        })
    }

    /// Bytes the entry takes, for chunk size limits.
    pub(crate) fn len(&self) -> usize {
        self.article.len() + self.claims.len() + 4 * self.claim_ends.len()
    }

    /// The article's metadata.
    pub(crate) fn article(&self) -> Result<Article, CodecError> {
        codec::decode_raw(&self.article)
    }

    /// Claim `index`, or `None` when the article has fewer claims.
    pub(crate) fn claim(&self, index: usize) -> Result<Option<Claim>, CodecError> {
        let Some(&end) = self.claim_ends.get(index) else {
            return Ok(None);
        };
        let start = match index {
            0 => 0,
            i => self.claim_ends[i - 1],
        };
        let bytes = self
            .claims
            .get(start as usize..end as usize)
            .ok_or(CodecError::TooLarge)?;
        Ok(Some(codec::decode_raw(bytes)?))
    }

    /// The article with every claim.
    pub(crate) fn doc(&self) -> Result<ArticleDoc, CodecError> {
        let mut claims = Vec::with_capacity(self.claim_ends.len());
        for index in 0..self.claim_ends.len() {
            if let Some(c) = self.claim(index)? {
                claims.push(c);
            }
        }
        Ok(ArticleDoc {
            article: self.article()?,
            claims,
        })
    }
}

impl ArticleBlock {
    /// The entry of article `seq`, when the block holds it.
    pub(crate) fn entry(&self, seq: ArticleSeq) -> Option<&BlockEntry> {
        self.articles
            .binary_search_by_key(&seq, |e| e.seq)
            .ok()
            .map(|i| &self.articles[i])
    }
}

/// Metadata of one ingest chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkMeta {
    /// Sequence number of the chunk's first article; its articles are consecutive.
    pub first_article: ArticleSeq,
    /// Articles the chunk stored.
    pub articles: u64,
    /// Claims the chunk stored.
    pub claims: u64,
    /// Unix seconds of the ingest that wrote the chunk (what `as of` cuts on).
    pub ingested_at: i64,
}

/// sled's page cache for readers: queries that group many claims read many articles, and
/// sled reads pages from disk once its cache is full.
const READ_CACHE_BYTES: u64 = 256 << 20;

/// Decompressed article blocks a reader keeps (see `cache.rs`): about 4,000 blocks of
/// generated articles, a third of a 100,000-article store.
const BLOCK_CACHE_BYTES: u64 = 64 << 20;

/// sled's page cache for [`Store::open`] (ingest): ingest writes whole chunks and reads
/// back little (alias and hash look-ups), so a small cache keeps its memory bounded.
const WRITE_CACHE_BYTES: u64 = 32 << 20;

/// sled's segment size for a new store (sled's default is 512 KiB). sled cleans a segment
/// (moves its live pages to the log's tip) only once at most half of it is live, so a
/// store file holds up to twice its live data; and a frame that does not fit at a
/// segment's end (a consolidated leaf of article blocks is up to about 100 KB) leaves the
/// rest of that segment empty. 1 MiB segments made a 100,000-article store 12 % smaller
/// (docs/storage.md, "Store size"); larger ones made it larger again and cost more CPU at
/// every open (sled zeroes free segments while opening).
const SEGMENT_BYTES: usize = 1 << 20;

/// sled's default segment size: what a store created before [`SEGMENT_BYTES`] has.
const SLED_DEFAULT_SEGMENT_BYTES: usize = 512 << 10;

/// The segment size to open the store at `path` with: sled refuses to open a store with
/// another size than the one it was created with, which its `conf` file records. A store
/// with no `conf` yet is new and gets [`SEGMENT_BYTES`]; a `conf` naming any size this
/// build never creates is left to sled to refuse (as a damaged store), as before.
pub(crate) fn segment_bytes(path: &Path) -> usize {
    let Ok(conf) = std::fs::read(path.join("conf")) else {
        return SEGMENT_BYTES;
    };
    String::from_utf8_lossy(&conf)
        .lines()
        .find_map(|line| line.strip_prefix("segment_size: "))
        .and_then(|size| size.trim().parse().ok())
        .filter(|size| [SEGMENT_BYTES, SLED_DEFAULT_SEGMENT_BYTES].contains(size))
        .unwrap_or(SLED_DEFAULT_SEGMENT_BYTES)
}

/// An open store. Cheap to share by reference; sled is thread-safe.
pub struct Store {
    kv: kv::Kv,
    /// Decompressed article blocks, for readers (empty for ingest).
    blocks: Box<cache::BlockCache>,
    /// Actors already read: few next to claims, and every row names some.
    actors: Box<std::sync::Mutex<std::collections::HashMap<u64, std::sync::Arc<Actor>>>>,
    /// Topic names already read: every claim row shows its topics by name.
    topics: Box<std::sync::Mutex<std::collections::HashMap<u64, std::sync::Arc<str>>>>,
    /// Reverse links already read, by answered speaker (readers only).
    links: Box<std::sync::Mutex<index::LinkCache>>,
    path: PathBuf,
    /// What readers see: the committed counters' bounds (see [`Visible`]).
    visible: Visible,
    /// Declared after `db` so the directory lock is released only after sled has closed.
    _guard: guard::DirGuard,
}

impl Store {
    /// Opens the store at `path`, creating it if needed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, true)
    }

    /// Opens an existing store; a missing one is an error rather than a new empty store.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, false)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store, StoreError> {
        if !create {
            return Store::open_existing_checked(path, READ_CACHE_BYTES);
        }
        let store = Store::open_sled(path, create, WRITE_CACHE_BYTES)?;
        store.check_format()?;
        store.check_manifest()?;
        Ok(store)
    }

    /// Opens an existing store with a page cache of `cache_bytes`, with every check of
    /// [`Store::open_existing`].
    pub(crate) fn open_existing_checked(
        path: &Path,
        cache_bytes: u64,
    ) -> Result<Store, StoreError> {
        let store = Store::open_sled(path, false, cache_bytes)?;
        store.check_format()?;
        store.check_manifest()?;
        Ok(store)
    }

    /// Opens sled under the directory guard (`guard.rs`), refusing a store that sled would
    /// recover by discarding data. Checks nothing of the content yet and writes nothing.
    pub(crate) fn open_sled(
        path: &Path,
        create: bool,
        cache_bytes: u64,
    ) -> Result<Store, StoreError> {
        if !create && !path.join("conf").exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let dir_guard = guard::acquire(path, create)?;
        // sled 0.34.7 without its snapshot file replays the log from the start and truncates
        // the data file where that replay stops: refuse before it can.
        if guard::read_manifest(path).is_some_and(|m| m.snapshot) && !guard::has_snapshot(path) {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                reason: format!(
                    "its sled snapshot file (snap.*) is missing, and opening it would discard data. \
                     Restore the directory (or its snap.* file) from a backup, or ingest the source \
                     files into a new store; to open it anyway and keep only what sled can recover, \
                     delete {}",
                    path.join("claimgraph.manifest").display()
                ),
            });
        }
        let db = sled::Config::new()
            .path(path)
            .cache_capacity(cache_bytes)
            .segment_size(segment_bytes(path))
            .open()
            .map_err(|e| {
                // A failed open (a full disk) leaves an empty snapshot file behind.
                guard::remove_half_written_snapshots(path);
                classify_open_error(path, e)
            })?;
        let block_bytes = if create { 0 } else { BLOCK_CACHE_BYTES };
        Ok(Store {
            kv: kv::Kv::new(db),
            blocks: Box::new(cache::BlockCache::with_bytes(block_bytes)),
            actors: Default::default(),
            topics: Default::default(),
            links: Default::default(),
            path: path.to_path_buf(),
            visible: Visible::everything(),
            _guard: dir_guard,
        })
    }

    /// Refuses a store that came up with less than its manifest says was committed, then
    /// records what it holds now (and that sled has written its snapshot).
    fn check_manifest(&self) -> Result<(), StoreError> {
        let counters = self.counters()?;
        self.visible.set(&counters);
        if let Some(m) = guard::read_manifest(&self.path) {
            if counters.articles < m.articles || counters.next_chunk < m.chunks {
                return Err(self.corrupt(format!(
                    "it holds {} articles in {} chunks, but {} articles in {} chunks were committed \
                     (a store file is missing or was replaced). Restore it from a backup, or ingest \
                     the source files into a new store; to accept the loss, delete {}",
                    counters.articles,
                    counters.next_chunk,
                    m.articles,
                    m.chunks,
                    self.path.join("claimgraph.manifest").display()
                )));
            }
        }
        self.record_manifest(&counters);
        Ok(())
    }

    /// Writes the manifest from counters sled holds durably.
    fn record_manifest(&self, counters: &Counters) {
        guard::write_manifest(
            &self.path,
            guard::Manifest {
                snapshot: guard::has_snapshot(&self.path),
                articles: counters.articles,
                chunks: counters.next_chunk,
            },
        );
    }

    /// Refuses a store of another format version; marks a new, empty store with ours.
    fn check_format(&self) -> Result<(), StoreError> {
        match self.format_version()? {
            Some(found) if found > STORE_FORMAT => Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
            }),
            Some(found) if found < STORE_FORMAT => Err(StoreError::NeedsMigration {
                path: self.path.clone(),
                found,
            }),
            Some(_) => Ok(()),
            None if self.kv.is_empty() => {
                let mut batch = kv::Batch::default();
                batch.put(keys::meta("format"), STORE_FORMAT.to_be_bytes());
                self.kv.apply(batch)?;
                Ok(())
            }
            None => Err(self.corrupt("it holds data but no format version")),
        }
    }

    /// The format version the store records, if any.
    fn format_version(&self) -> Result<Option<u32>, StoreError> {
        let Some(v) = self.kv.get(keys::meta("format"))? else {
            return Ok(None);
        };
        let bytes: [u8; 4] = v
            .as_ref()
            .try_into()
            .map_err(|_| self.corrupt("format key is not 4 bytes"))?;
        Ok(Some(u32::from_be_bytes(bytes)))
    }

    /// The directory the store was opened at.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The ordered key-value map everything is stored in.
    pub(crate) fn kv(&self) -> &kv::Kv {
        &self.kv
    }

    /// Decodes the value stored under `key`; a value that fails its checksum (a flipped
    /// bit) or does not decode is a "store is damaged" error naming the key's keyspace.
    pub(crate) fn decode_at<T: serde::de::DeserializeOwned>(
        &self,
        key: &[u8],
        value: &[u8],
    ) -> Result<T, StoreError> {
        codec::decode(value).map_err(|e| self.damaged_value(key, e))
    }

    /// A value under `key` that cannot be read, as a "store is damaged" error.
    pub(crate) fn damaged_value(&self, key: &[u8], e: CodecError) -> StoreError {
        self.corrupt(format!(
            "a value in {} cannot be read: {e}. Restore the store from a backup or ingest \
             the source files into a new store",
            keys::space_name(key)
        ))
    }

    pub(crate) fn corrupt(&self, reason: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            reason: reason.into(),
        }
    }

    /// Makes everything written so far durable, then records it in the manifest.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.kv.flush().map_err(|e| self.kv_error(e))?;
        self.record_manifest(&self.counters()?);
        Ok(())
    }

    /// Closes the store after a large write and opens it once more, so the next open is
    /// fast: sled 0.34 writes its snapshot (the page table) only while opening, so the
    /// first open after an ingest would otherwise replay every log segment the ingest
    /// wrote. The writer pays that replay once, here, instead of the first reader.
    pub fn settle(self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.flush()?;
        drop(self);
        // sled's background flusher lets go of the directory a moment after the last
        // handle drops (sooner or later depending on what it was writing): until then this
        // process still looks like the holder, so the reopen waits for it, briefly.
        let mut waited = std::time::Duration::ZERO;
        let reopened = loop {
            match Store::open_sled(&path, false, WRITE_CACHE_BYTES) {
                Err(StoreError::InUse { .. }) if waited < SETTLE_WAIT => {
                    std::thread::sleep(SETTLE_POLL);
                    waited += SETTLE_POLL;
                }
                other => break other?,
            }
        };
        reopened.record_manifest(&reopened.counters()?);
        Ok(())
    }

    /// Refuses to write `bytes` of keys and values unless the disk has room for them with
    /// a margin: sled writes a batch more than once (its log, then rewritten pages), and a
    /// write that meets a full disk can leave sled waiting for a flush that never completes,
    /// so the store stops before that happens rather than relying on the error.
    pub(crate) fn ensure_room(&self, bytes: u64) -> Result<(), StoreError> {
        let needed = bytes
            .saturating_mul(ROOM_PER_BYTE)
            .saturating_add(ROOM_RESERVE);
        match fs2::available_space(&self.path) {
            Ok(free) if free < needed => Err(StoreError::DiskFull {
                path: self.path.clone(),
                stored: None,
            }),
            // A file system that cannot say how much room it has is trusted to report ENOSPC.
            _ => Ok(()),
        }
    }

    /// A key-value error as a store error: a full disk is named as such.
    pub(crate) fn kv_error(&self, e: kv::KvError) -> StoreError {
        if e.is_disk_full() {
            return StoreError::DiskFull {
                path: self.path.clone(),
                stored: None,
            };
        }
        StoreError::Kv(e)
    }

    /// The store's counters (articles, claims, next ids), as of the last committed chunk.
    pub fn counters(&self) -> Result<Counters, StoreError> {
        let key = keys::meta("counters");
        match self.kv.get(&key)? {
            Some(v) => self.decode_at(&key, &v),
            None => Ok(Counters::default()),
        }
    }

    /// The counters at the time the store was migrated from format 1, if it was: articles
    /// and chunks below them carry content hashes computed the format-1 way.
    pub(crate) fn legacy_hashes(&self) -> Result<Option<Counters>, StoreError> {
        let key = keys::meta(LEGACY_HASHES);
        match self.kv.get(&key)? {
            Some(v) => Ok(Some(self.decode_at(&key, &v)?)),
            None => Ok(None),
        }
    }

    /// Starts an ingest. Only one ingester should run per store at a time (sled's lock
    /// already keeps other processes out).
    pub fn ingester(&self, options: IngestOptions) -> Result<Ingester<'_>, StoreError> {
        Ingester::new(self, options)
    }

    /// An article with its claims, by sequence number.
    pub fn article_doc(&self, seq: ArticleSeq) -> Result<Option<ArticleDoc>, StoreError> {
        self.with_entry(seq, BlockEntry::doc)
    }

    /// An article with its claims, committed or not (for ingest).
    pub(crate) fn article_doc_written(
        &self,
        seq: ArticleSeq,
    ) -> Result<Option<ArticleDoc>, StoreError> {
        self.with_written_entry(seq, BlockEntry::doc)
    }

    /// An article's metadata, without its claims.
    pub fn article(&self, seq: ArticleSeq) -> Result<Option<Article>, StoreError> {
        self.with_entry(seq, BlockEntry::article)
    }

    /// One claim, decoded alone (its article's other claims are not).
    pub fn claim(&self, id: ClaimId) -> Result<Option<Claim>, StoreError> {
        Ok(self
            .with_entry(id.article(), |e| e.claim(id.index()))?
            .flatten())
    }

    /// Applies `read` to the block entry of article `seq`, read through the block cache.
    fn with_entry<T>(
        &self,
        seq: ArticleSeq,
        read: impl FnOnce(&BlockEntry) -> Result<T, CodecError>,
    ) -> Result<Option<T>, StoreError> {
        if !self.visible.article(seq) {
            return Ok(None);
        }
        self.with_written_entry(seq, read)
    }

    /// [`Store::with_entry`] for articles written but perhaps not committed yet (ingest).
    pub(crate) fn with_written_entry<T>(
        &self,
        seq: ArticleSeq,
        read: impl FnOnce(&BlockEntry) -> Result<T, CodecError>,
    ) -> Result<Option<T>, StoreError> {
        let block_no = keys::block_of(seq);
        let Some(block) = self.cached_block(block_no)? else {
            return Ok(None);
        };
        match block.entry(seq) {
            Some(entry) => read(entry)
                .map(Some)
                .map_err(|e| self.damaged_value(&keys::article_block(block_no), e)),
            None => Ok(None),
        }
    }

    /// Block `block_no`, decompressed, through the block cache.
    fn cached_block(
        &self,
        block_no: u64,
    ) -> Result<Option<std::sync::Arc<ArticleBlock>>, StoreError> {
        if let Some(b) = self.blocks.get(block_no) {
            return Ok(Some(b));
        }
        Ok(self.article_block(block_no)?.map(|b| {
            let b = std::sync::Arc::new(b);
            self.blocks.insert(block_no, b.clone());
            b
        }))
    }

    /// One committed claim's bytes, for the borrowed views of a result row
    /// ([`ClaimBytes::head`], [`ClaimBytes::links`], [`ClaimBytes::article`]): nothing is
    /// decoded yet, and the block stays shared with the cache.
    pub fn claim_bytes(&self, id: ClaimId) -> Result<Option<ClaimBytes>, StoreError> {
        let seq = id.article();
        if !self.visible.article(seq) {
            return Ok(None);
        }
        let block_no = keys::block_of(seq);
        let Some(block) = self.cached_block(block_no)? else {
            return Ok(None);
        };
        let Ok(entry) = block.articles.binary_search_by_key(&seq, |e| e.seq) else {
            return Ok(None);
        };
        ClaimBytes::new(block, entry, id.index()).map_err(|e| self.row_error(e))
    }

    /// A borrowed view's error as a "store is damaged" error.
    pub fn row_error(&self, e: RowError) -> StoreError {
        self.corrupt(format!(
            "a value in {} cannot be read: {e}. Restore the store from a backup or ingest \
             the source files into a new store",
            keys::space_name(&keys::article_block(0))
        ))
    }

    /// Forgets decompressed blocks, actors, topic names and reverse links after a write
    /// (ingest, compaction, migration).
    pub(crate) fn forget_blocks(&self) {
        self.blocks.clear();
        self.actor_cache().clear();
        self.topic_cache().clear();
        self.link_cache().clear();
    }

    fn actor_cache(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<u64, std::sync::Arc<Actor>>> {
        cache::lock_reads(&self.actors)
    }

    fn topic_cache(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<u64, std::sync::Arc<str>>> {
        cache::lock_reads(&self.topics)
    }

    /// A value by id from `cache`, or `read` from the store and kept there when this store
    /// keeps reads.
    fn read_through<V: Clone>(
        &self,
        cache: &std::sync::Mutex<std::collections::HashMap<u64, V>>,
        id: u64,
        read: impl FnOnce() -> Result<Option<V>, StoreError>,
    ) -> Result<Option<V>, StoreError> {
        if let Some(v) = cache::lock_reads(cache).get(&id) {
            return Ok(Some(v.clone()));
        }
        let Some(v) = read()? else {
            return Ok(None);
        };
        if self.keeps_reads() {
            cache::lock_reads(cache).insert(id, v.clone());
        }
        Ok(Some(v))
    }

    /// A topic's name, shared: read once per open store (the store forgets it on writes).
    pub fn topic_name_shared(&self, id: u64) -> Result<Option<std::sync::Arc<str>>, StoreError> {
        self.read_through(&self.topics, id, || {
            Ok(self.topic_name(id)?.map(std::sync::Arc::from))
        })
    }

    /// True for a reader's store, which keeps blocks, actors and links between reads; a
    /// writer's keeps nothing.
    pub(crate) fn keeps_reads(&self) -> bool {
        self.blocks.enabled()
    }

    /// An actor by id, shared: read once per open store (the store forgets it on writes).
    pub fn actor_shared(&self, id: u64) -> Result<Option<std::sync::Arc<Actor>>, StoreError> {
        self.read_through(&self.actors, id, || {
            Ok(self.actor(id)?.map(std::sync::Arc::new))
        })
    }

    /// A block of consecutive articles (see [`keys::ARTICLES_PER_BLOCK`]).
    pub(crate) fn article_block(&self, block: u64) -> Result<Option<ArticleBlock>, StoreError> {
        let key = keys::article_block(block);
        match self.kv.get(key)? {
            Some(v) => Ok(Some(self.decode_at(&key, &v)?)),
            None => Ok(None),
        }
    }

    /// The sequence number of the article with external id `id`, if it is stored.
    pub fn article_seq(&self, id: &str) -> Result<Option<ArticleSeq>, StoreError> {
        Ok(self
            .article_seq_written(id)?
            .filter(|&seq| self.visible.article(seq)))
    }

    /// The sequence number an article id key holds, committed or not (for ingest, which
    /// must see the articles of its own uncommitted chunks).
    pub(crate) fn article_seq_written(&self, id: &str) -> Result<Option<ArticleSeq>, StoreError> {
        match self.kv.get(keys::article_id(id))? {
            Some(v) => Ok(Some(
                read::u64_value(&v).ok_or_else(|| self.corrupt("article id value"))?,
            )),
            None => Ok(None),
        }
    }

    /// The claim with external id `id`, by point reads only: the explicit claim-id
    /// keyspace (`05`) for ids that do not follow the `<article id>#<index>` convention,
    /// else the article by id (`02`) and that index, checked against the stored claim's id.
    pub fn claim_by_id(&self, id: &str) -> Result<Option<ClaimId>, StoreError> {
        match self.claim_by_explicit_id(id)? {
            Some(claim) => Ok(Some(claim)),
            None => self.claim_by_conventional_id(id),
        }
    }

    /// A claim whose id does not follow the `<article id>#<index>` convention (`05`).
    pub(crate) fn claim_by_explicit_id(&self, id: &str) -> Result<Option<ClaimId>, StoreError> {
        Ok(self
            .claim_by_explicit_id_written(id)?
            .filter(|c| self.visible.article(c.article())))
    }

    /// [`Store::claim_by_explicit_id`], committed or not (for ingest).
    pub(crate) fn claim_by_explicit_id_written(
        &self,
        id: &str,
    ) -> Result<Option<ClaimId>, StoreError> {
        match self.kv.get(keys::claim_xid(id))? {
            Some(v) => Ok(Some(ClaimId(
                read::u64_value(&v).ok_or_else(|| self.corrupt("claim id value"))?,
            ))),
            None => Ok(None),
        }
    }

    /// A claim by the `<article id>#<index>` convention, checked against its stored id.
    pub(crate) fn claim_by_conventional_id(&self, id: &str) -> Result<Option<ClaimId>, StoreError> {
        Ok(self
            .claim_by_conventional_id_written(id)?
            .filter(|c| self.visible.article(c.article())))
    }

    /// [`Store::claim_by_conventional_id`], committed or not (for ingest).
    pub(crate) fn claim_by_conventional_id_written(
        &self,
        id: &str,
    ) -> Result<Option<ClaimId>, StoreError> {
        let Some((article, index)) = id.rsplit_once('#') else {
            return Ok(None);
        };
        let Ok(index) = index.parse::<u16>() else {
            return Ok(None);
        };
        let Some(seq) = self.article_seq_written(article)? else {
            return Ok(None);
        };
        let claim = ClaimId::new(seq, index);
        let found = self
            .with_written_entry(claim.article(), |e| e.claim(claim.index()))?
            .flatten()
            .is_some_and(|c| c.external_id == id);
        Ok(found.then_some(claim))
    }

    /// The article text, when the article came from text.
    pub fn article_text(&self, seq: ArticleSeq) -> Result<Option<String>, StoreError> {
        match self.kv.get(keys::text(seq))? {
            Some(v) => Ok(Some(String::from_utf8_lossy(&v).into_owned())),
            None => Ok(None),
        }
    }

    /// An actor by id.
    pub fn actor(&self, id: u64) -> Result<Option<Actor>, StoreError> {
        let key = keys::actor(id);
        match self.kv.get(key)? {
            Some(v) => Ok(Some(self.decode_at(&key, &v)?)),
            None => Ok(None),
        }
    }
}

/// What readers see of a store: articles and chunks below the committed counters. Ingest
/// writes article blocks, ids and posting runs in several bounded batches and commits them
/// with one small batch that writes the counters (`ingest.rs`); until then, and for good
/// after a crash before it, what those batches wrote lies beyond these bounds and readers
/// skip it, so an article is seen with all of its index entries or not at all.
struct Visible {
    /// Articles with a sequence number below this are committed.
    articles: std::sync::atomic::AtomicU64,
    /// Posting runs and chunk metadata keyed on a chunk below this are committed.
    chunks: std::sync::atomic::AtomicU64,
}

impl Visible {
    /// No bound (a store being opened or migrated, before its counters are read).
    fn everything() -> Visible {
        Visible {
            articles: u64::MAX.into(),
            chunks: u64::MAX.into(),
        }
    }

    fn set(&self, counters: &Counters) {
        use std::sync::atomic::Ordering::Release;
        self.articles.store(counters.next_article, Release);
        self.chunks.store(counters.next_chunk, Release);
    }

    fn article(&self, seq: ArticleSeq) -> bool {
        seq < self.articles.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// A scan of posting runs (keys `space term chunk`) that skips runs not committed yet.
/// The bound is taken when the scan starts, so a commit during it adds nothing.
pub(crate) struct RunScan<'s> {
    scan: kv::Scan,
    committed_chunks: u64,
    _store: std::marker::PhantomData<&'s Store>,
}

impl RunScan<'_> {
    fn keep(&self, item: &Result<(kv::Bytes, kv::Bytes), kv::KvError>) -> bool {
        match item {
            Ok((k, _)) => {
                keys::parse_posting(k).is_none_or(|(_, chunk)| chunk < self.committed_chunks)
            }
            Err(_) => true,
        }
    }
}

impl Iterator for RunScan<'_> {
    type Item = Result<(kv::Bytes, kv::Bytes), kv::KvError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let item = self.scan.next()?;
            if self.keep(&item) {
                return Some(item);
            }
        }
    }
}

impl DoubleEndedIterator for RunScan<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        loop {
            let item = self.scan.next_back()?;
            if self.keep(&item) {
                return Some(item);
            }
        }
    }
}

impl Store {
    /// The committed runs among `scan`'s (see [`Visible`]).
    pub(crate) fn runs(&self, scan: kv::Scan) -> RunScan<'_> {
        RunScan {
            scan,
            committed_chunks: self.committed_chunks(),
            _store: std::marker::PhantomData,
        }
    }

    /// Articles with a sequence number below this are committed (as of now).
    pub(crate) fn committed_articles(&self) -> ArticleSeq {
        self.visible
            .articles
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// Chunks below this are committed (as of now).
    pub(crate) fn committed_chunks(&self) -> u64 {
        self.visible
            .chunks
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// Makes what an ingest committed (`counters`) visible to this store's readers.
    pub(crate) fn publish(&self, counters: &Counters) {
        self.visible.set(counters);
    }
}

/// What a full disk means for the user, with or without an ingest's count.
/// Bytes of free space a write needs per byte of keys and values (see `ensure_room`).
const ROOM_PER_BYTE: u64 = 4;
/// How long [`Store::settle`] waits for sled to let go of the directory it just closed.
const SETTLE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);
/// How often it looks.
const SETTLE_POLL: std::time::Duration = std::time::Duration::from_millis(20);
/// Free space always left for sled's own files (snapshot, segment headers, the manifest).
const ROOM_RESERVE: u64 = 2 << 20;

fn disk_full_advice(stored: Option<u64>) -> String {
    match stored {
        Some(n) => format!(
            "{n} {} of this ingest stored, the rest not; free space and run the same ingest \
             again (stored articles are skipped as duplicates)",
            if n == 1 { "article" } else { "articles" }
        ),
        None => "free space and try again; everything committed before is kept".into(),
    }
}

fn classify_open_error(path: &Path, e: sled::Error) -> StoreError {
    if let sled::Error::Io(io) = &e {
        let text = io.to_string().to_lowercase();
        if io.kind() == std::io::ErrorKind::WouldBlock || text.contains("lock") {
            return StoreError::InUse {
                path: path.to_path_buf(),
                holder: guard::live_holder(path).map(|h| h.to_string()),
            };
        }
        if guard::is_disk_full(io) {
            return StoreError::DiskFull {
                path: path.to_path_buf(),
                stored: None,
            };
        }
    }
    if let sled::Error::Corruption { .. } = &e {
        return StoreError::Corrupt {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
    }
    StoreError::Open {
        path: path.to_path_buf(),
        source: e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flipped_bit_is_a_damaged_store_naming_the_keyspace() {
        let dir = tempfile::tempdir().unwrap();
        {
            let store = Store::open(dir.path()).unwrap();
            let mut ing = store.ingester(IngestOptions::default()).unwrap();
            let record = serde_json::from_value(serde_json::json!({
                "article": {"id": "a", "published": "2016-12-12"},
                "claims": [{"id": "a#0", "speaker": "Russia", "stance": "assert", "text": "t"}]
            }))
            .unwrap();
            ing.add(record).unwrap();
            ing.finish().unwrap();
        }
        {
            // Flip one bit of the block's payload, behind the store's back.
            let db = sled::Config::new()
                .path(dir.path())
                .segment_size(segment_bytes(dir.path()))
                .open()
                .unwrap();
            let key = keys::article_block(0);
            let mut value = db.get(key).unwrap().unwrap().to_vec();
            let last = value.len() - 1;
            value[last] ^= 0x10;
            db.insert(key, value).unwrap();
            db.flush().unwrap();
        }
        let store = Store::open_existing(dir.path()).unwrap();
        let message = match store.article_doc(0) {
            Err(e @ StoreError::Corrupt { .. }) => e.to_string(),
            other => panic!("expected a damaged store, got {other:?}"),
        };
        assert!(message.contains("is damaged"), "{message}");
        assert!(message.contains("article blocks (01)"), "{message}");
        assert!(message.contains("checksum"), "{message}");
    }

    fn recorded_segment_size(dir: &Path) -> String {
        // sled's `conf` ends with a binary CRC.
        let conf = String::from_utf8_lossy(&std::fs::read(dir.join("conf")).unwrap()).into_owned();
        let line = conf.lines().find(|l| l.starts_with("segment_size: "));
        line.unwrap().to_string()
    }

    #[test]
    fn a_new_store_gets_larger_segments_and_an_older_store_keeps_its_own() {
        let new = tempfile::tempdir().unwrap();
        drop(Store::open(new.path()).unwrap());
        assert_eq!(
            recorded_segment_size(new.path()),
            format!("segment_size: {SEGMENT_BYTES}")
        );
        assert_ne!(SEGMENT_BYTES, SLED_DEFAULT_SEGMENT_BYTES);

        // A store created before, with sled's default segment size, opens as it is.
        let older = tempfile::tempdir().unwrap();
        drop(sled::open(older.path()).unwrap());
        drop(open_when_free(|| Store::open(older.path())));
        drop(open_when_free(|| Store::open_existing(older.path())));
        assert_eq!(
            recorded_segment_size(older.path()),
            format!("segment_size: {SLED_DEFAULT_SEGMENT_BYTES}")
        );
    }

    /// Opens with `open`, waiting while the directory is still held: sled's flusher thread
    /// lets go of it a moment after the last handle drops.
    fn open_when_free(open: impl Fn() -> Result<Store, StoreError>) -> Store {
        for _ in 0..100 {
            if let Ok(store) = open() {
                return store;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        open().unwrap()
    }
}
