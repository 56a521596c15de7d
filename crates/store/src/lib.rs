//! The store: a sled database holding articles with their claims, actors, topics and the
//! indexes that answer who-said-what-when as range scans.
//!
//! Layering: [`keys`] (byte layout) and [`codec`] (values) at the bottom; [`postings`] (the
//! index runs); this module (opening, format version, reads); [`ingest`] (atomic chunk
//! writes). `docs/storage.md` documents the layout and its invariants.
//!
//! Architecture invariant: everything one ingest chunk writes goes into one sled `Batch` on
//! one tree, so after a crash an article is present with all of its claims and index
//! entries, or absent.

pub mod codec;
mod compact;
pub mod ingest;
pub mod keys;
mod migrate;
pub mod postings;
pub mod query_support;
mod read;
mod stream;
mod subgraph;

pub use codec::CodecError;
pub use compact::CompactSummary;
pub use ingest::{IngestError, IngestOptions, IngestOutcome, Ingester};
pub use migrate::MigrationSummary;
pub use postings::{LinkPosting, Posting};
pub use query_support::RunSize;
pub use read::{ClaimFilter, Stats, ViewCache};
pub use stream::{ClaimStream, TimeAxis};

use claimgraph_model::{Actor, Article, ArticleSeq, Claim};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The one version of everything a store holds: key layout, value shapes and the value
/// codec's header. A store written by a newer build is refused; an older one is upgraded by
/// [`Store::migrate`] (`claimgraph migrate`). History: 1, the first; 2, a CRC-32 in every
/// value's header.
pub const STORE_FORMAT: u32 = 2;

/// Meta key of the counters at migration from format 1 (see [`Store::legacy_hashes`]).
pub(crate) const LEGACY_HASHES: &str = "legacy_hashes";

/// Everything that can go wrong opening or reading a store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path} is in use by another process (sled holds a lock on it); wait for it to finish or use another --store")]
    InUse { path: PathBuf },
    #[error("no store at {path}: run `claimgraph ingest` first or pass --store")]
    Missing { path: PathBuf },
    #[error("store {path} has format version {found}, newer than the version {STORE_FORMAT} this claimgraph reads: upgrade claimgraph")]
    TooNew { path: PathBuf, found: u32 },
    #[error("store {path} has format version {found}, older than the version {STORE_FORMAT} this claimgraph reads: run `claimgraph --store {path} migrate` to upgrade it in place (an interrupted migration resumes where it stopped)")]
    NeedsMigration { path: PathBuf, found: u32 },
    #[error("store {path} is damaged: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("cannot open store {path}: {source}")]
    Open { path: PathBuf, source: sled::Error },
    #[error("store I/O error: {0}")]
    Sled(#[from] sled::Error),
    #[error("store value error: {0}")]
    Codec(#[from] CodecError),
    /// Streaming in time order needs a time index, and the ingest time has none.
    #[error("claims cannot be streamed in {0} time order: the store has no index on it")]
    NoTimeIndex(claimgraph_model::TimeAxis),
}

/// Counters kept in the meta keyspace, written in the same batch as the data they count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counters {
    pub next_article: ArticleSeq,
    pub next_actor: u64,
    pub next_topic: u64,
    pub next_chunk: u64,
    pub articles: u64,
    pub claims: u64,
}

/// An article as stored: its metadata and its claims, in one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleDoc {
    pub article: Article,
    pub claims: Vec<Claim>,
}

/// A block of consecutive articles as stored: each article's encoded [`ArticleDoc`], so a
/// read decodes only the article it needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleBlock {
    pub articles: Vec<BlockEntry>,
}

/// One article of a block: its sequence number and its encoded [`ArticleDoc`]. The bytes
/// go through `serde_bytes` so they decode as one copy, not byte by byte (the encoding is
/// the same either way).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BlockEntry(pub ArticleSeq, #[serde(with = "serde_bytes")] pub Vec<u8>);

impl ArticleBlock {
    pub fn doc(&self, seq: ArticleSeq) -> Result<Option<ArticleDoc>, CodecError> {
        match self
            .articles
            .binary_search_by_key(&seq, |BlockEntry(s, _)| *s)
        {
            Ok(i) => Ok(Some(codec::decode(&self.articles[i].1)?)),
            Err(_) => Ok(None),
        }
    }
}

/// Metadata of one ingest chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkMeta {
    pub first_article: ArticleSeq,
    pub articles: u64,
    pub claims: u64,
    pub ingested_at: i64,
}

/// An open store. Cheap to share by reference; sled is thread-safe.
pub struct Store {
    db: sled::Db,
    path: PathBuf,
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
        if !create && !path.join("conf").exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let db = sled::Config::new()
            .path(path)
            .cache_capacity(256 << 20)
            .open()
            .map_err(|e| classify_open_error(path, e))?;
        let store = Store {
            db,
            path: path.to_path_buf(),
        };
        store.check_format()?;
        Ok(store)
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
            None if self.db.is_empty() => {
                self.db
                    .insert(keys::meta("format"), &STORE_FORMAT.to_be_bytes())?;
                Ok(())
            }
            None => Err(self.corrupt("it holds data but no format version")),
        }
    }

    /// The format version the store records, if any.
    fn format_version(&self) -> Result<Option<u32>, StoreError> {
        let Some(v) = self.db.get(keys::meta("format"))? else {
            return Ok(None);
        };
        let bytes: [u8; 4] = v
            .as_ref()
            .try_into()
            .map_err(|_| self.corrupt("format key is not 4 bytes"))?;
        Ok(Some(u32::from_be_bytes(bytes)))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn db(&self) -> &sled::Db {
        &self.db
    }

    pub(crate) fn corrupt(&self, reason: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            reason: reason.into(),
        }
    }

    /// Makes everything written so far durable.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    pub fn counters(&self) -> Result<Counters, StoreError> {
        match self.db.get(keys::meta("counters"))? {
            Some(v) => Ok(codec::decode(&v)?),
            None => Ok(Counters::default()),
        }
    }

    /// The counters at the time the store was migrated from format 1, if it was: articles
    /// and chunks below them carry content hashes computed the format-1 way.
    pub fn legacy_hashes(&self) -> Result<Option<Counters>, StoreError> {
        match self.db.get(keys::meta(LEGACY_HASHES))? {
            Some(v) => Ok(Some(codec::decode(&v)?)),
            None => Ok(None),
        }
    }

    /// Starts an ingest. Only one ingester should run per store at a time (sled's lock
    /// already keeps other processes out).
    pub fn ingester(&self, options: IngestOptions) -> Result<Ingester<'_>, StoreError> {
        Ingester::new(self, options)
    }

    pub fn article_doc(&self, seq: ArticleSeq) -> Result<Option<ArticleDoc>, StoreError> {
        match self.article_block(keys::block_of(seq))? {
            Some(block) => Ok(block.doc(seq)?),
            None => Ok(None),
        }
    }

    pub fn article_block(&self, block: u64) -> Result<Option<ArticleBlock>, StoreError> {
        match self.db.get(keys::article_block(block))? {
            Some(v) => Ok(Some(codec::decode(&v)?)),
            None => Ok(None),
        }
    }

    pub fn article_seq(&self, id: &str) -> Result<Option<ArticleSeq>, StoreError> {
        match self.db.get(keys::article_id(id))? {
            Some(v) => Ok(Some(
                read::u64_value(&v).ok_or_else(|| self.corrupt("article id value"))?,
            )),
            None => Ok(None),
        }
    }

    /// The article text, when the article came from text.
    pub fn article_text(&self, seq: ArticleSeq) -> Result<Option<String>, StoreError> {
        match self.db.get(keys::text(seq))? {
            Some(v) => Ok(Some(String::from_utf8_lossy(&v).into_owned())),
            None => Ok(None),
        }
    }

    pub fn actor(&self, id: u64) -> Result<Option<Actor>, StoreError> {
        match self.db.get(keys::actor(id))? {
            Some(v) => Ok(Some(codec::decode(&v)?)),
            None => Ok(None),
        }
    }
}

fn classify_open_error(path: &Path, e: sled::Error) -> StoreError {
    if let sled::Error::Io(io) = &e {
        let text = io.to_string().to_lowercase();
        if io.kind() == std::io::ErrorKind::WouldBlock || text.contains("lock") {
            return StoreError::InUse {
                path: path.to_path_buf(),
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
