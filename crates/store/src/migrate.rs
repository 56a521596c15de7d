//! Upgrading a store written in an older format version to [`STORE_FORMAT`], in place.
//!
//! Format 1 → 2 added a CRC-32 to every codec value. Format 2 → 3 encodes each claim of an
//! article separately inside its block (and stores the claim's said basis and character
//! spans, empty for older claims), and packs posting runs with the covering fields
//! (speaker, publisher, stance) read from the claims. Every other value keeps its payload
//! and gets the current header. The migration rewrites values in key order in atomic
//! batches and records the new version last, so a crash part-way leaves a store that still
//! says its old version and a migration that resumes: values already rewritten are
//! recognised by their format byte and left alone. Blocks (`01`) sort before posting runs
//! (`2x`), so a run is rewritten from claims already in the current format.

use super::codec::{self, Upgrade};
use super::keys::{self, space};
use super::postings::{Cover, Posting, RunEntry};
use super::{ArticleBlock, ArticleDoc, BlockEntry, Store, StoreError, STORE_FORMAT};
use crate::kv::{self, OrderedKv, WriteBatch};
use claimgraph_model::{
    Article, ArticleSeq, ClaimId, ClaimKind, ClaimLink, Provenance, Quantity, Stance, TimePoint,
    TimeSpan,
};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// Values rewritten per atomic batch.
const BATCH_VALUES: usize = 1_000;

/// What a migration did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MigrationSummary {
    /// The format version the store had.
    pub from: u32,
    /// The format version it has now.
    pub to: u32,
    /// Values rewritten (0 when the store was already current).
    pub rewritten: u64,
}

impl Store {
    /// Upgrades the store at `path` to the current format version and opens it. A current
    /// store is opened as it is; a newer one is refused.
    pub fn migrate(path: &Path) -> Result<(Store, MigrationSummary), StoreError> {
        let store = Store::open_sled(path, false, 256 << 20)?;
        let from = store.format_version()?.unwrap_or(STORE_FORMAT);
        let mut summary = MigrationSummary {
            from,
            to: STORE_FORMAT,
            rewritten: 0,
        };
        let mut batch = kv::Batch::default();
        match from {
            STORE_FORMAT => {}
            1 | 2 => {
                summary.rewritten = store.upgrade_values()?;
                if from == 1 {
                    // Format 1 hashed less of each article; its hash lists stay as they are
                    // and are recognised by these counters. Written with the version,
                    // atomically, so a resumed migration never writes them twice.
                    batch.put(
                        keys::meta(super::LEGACY_HASHES),
                        codec::encode(&store.counters()?)?,
                    );
                }
            }
            found if found > STORE_FORMAT => {
                return Err(StoreError::TooNew {
                    path: path.to_path_buf(),
                    found,
                })
            }
            found => {
                return Err(store.corrupt(format!("unknown format version {found}")));
            }
        }
        batch.put(keys::meta("format"), STORE_FORMAT.to_be_bytes());
        store.kv.apply(batch)?;
        store.flush()?;
        store.forget_blocks();
        // Counters are readable (current format) only now: compare with the manifest.
        store.check_manifest()?;
        Ok((store, summary))
    }

    /// Rewrites every value of an older format, one atomic batch at a time.
    fn upgrade_values(&self) -> Result<u64, StoreError> {
        let mut rewritten = 0u64;
        let mut start: Vec<u8> = Vec::new();
        let mut covers = CoverCache::default();
        loop {
            let mut batch = kv::Batch::default();
            let mut next: Option<Vec<u8>> = None;
            let mut batch_space: Option<u8> = None;
            for (seen, item) in self.kv.range(start.clone()..).enumerate() {
                let (key, value) = item?;
                // A batch stays in one keyspace, so blocks are written before the posting
                // runs that read them; and it holds at most BATCH_VALUES values.
                if seen == BATCH_VALUES || batch_space.is_some_and(|b| Some(&b) != key.first()) {
                    next = Some(key.to_vec());
                    break;
                }
                batch_space = key.first().copied();
                let upgraded = self
                    .upgraded(&key, &value, &mut covers)
                    .map_err(|e| match e {
                        StoreError::Codec(c) => self.damaged_value(&key, c),
                        other => other,
                    })?;
                if let Some(new) = upgraded {
                    batch.put(key.as_ref(), new);
                    rewritten += 1;
                }
            }
            self.kv.apply(batch)?;
            self.forget_blocks();
            match next {
                Some(key) => start = key,
                None => return Ok(rewritten),
            }
        }
    }

    /// The current-format bytes of one stored value, or `None` when it stays as it is (raw
    /// values, and values a resumed migration already rewrote).
    fn upgraded(
        &self,
        key: &[u8],
        value: &[u8],
        covers: &mut CoverCache,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(&keyspace) = key.first() else {
            return Ok(None);
        };
        match keyspace {
            // Raw values: the format marker, ids, texts, set members.
            space::ARTICLE_ID | space::TEXT | space::CLAIM_XID => return Ok(None),
            space::TOPIC_NAME | space::MEMBER | space::IDENTITY => return Ok(None),
            space::META if key == keys::meta("format").as_slice() => return Ok(None),
            _ => {}
        }
        if codec::value_format(value)? == codec::VALUE_FORMAT {
            return Ok(None);
        }
        if keyspace == space::ARTICLE {
            return Ok(Some(upgraded_block(value)?));
        }
        if space::POSTING_RUNS.contains(&keyspace) {
            return Ok(Some(self.upgraded_run(value, covers)?));
        }
        Ok(match codec::reframe(value)? {
            Upgrade::Current => None,
            Upgrade::Rewritten(bytes) => Some(bytes),
        })
    }

    /// A format-1 or 2 posting run, packed with each claim's covering fields.
    fn upgraded_run(&self, value: &[u8], covers: &mut CoverCache) -> Result<Vec<u8>, StoreError> {
        let old: Vec<PostingV2> = codec::decode_legacy(value)?;
        let mut run = Vec::with_capacity(old.len());
        for p in old {
            run.push(Posting {
                start: p.start,
                end: p.end,
                claim: p.claim,
                cover: covers.of(self, p.claim)?,
            });
        }
        run.sort_unstable();
        Ok(Posting::encode_run(&run)?)
    }
}

/// An article block of format 1 or 2, each article re-encoded claim by claim.
fn upgraded_block(value: &[u8]) -> Result<Vec<u8>, StoreError> {
    let old: BlockV2 = codec::decode_legacy(value)?;
    let mut block = ArticleBlock::default();
    for BlockEntryV2(seq, bytes) in old.articles {
        let doc: ArticleDocV2 = codec::decode_legacy(&bytes)?;
        let doc = ArticleDoc {
            article: doc.article,
            claims: doc.claims.into_iter().map(ClaimV2::upgraded).collect(),
        };
        block.articles.push(BlockEntry::encode(seq, &doc)?);
    }
    Ok(codec::encode(&block)?)
}

/// The covering fields of claims, read once per article while runs are rewritten.
#[derive(Default)]
struct CoverCache {
    articles: HashMap<ArticleSeq, Vec<Cover>>,
}

impl CoverCache {
    fn of(&mut self, store: &Store, claim: ClaimId) -> Result<Cover, StoreError> {
        let seq = claim.article();
        if !self.articles.contains_key(&seq) {
            if self.articles.len() > 100_000 {
                self.articles.clear();
            }
            let covers = match store.article_doc(seq)? {
                Some(doc) => doc
                    .claims
                    .iter()
                    .map(|c| Cover {
                        speaker: c.speaker,
                        publisher: doc.article.publisher,
                        stance: c.stance,
                    })
                    .collect(),
                None => Vec::new(),
            };
            self.articles.insert(seq, covers);
        }
        self.articles
            .get(&seq)
            .and_then(|c| c.get(claim.index()).copied())
            .ok_or_else(|| {
                store.corrupt(format!("an index names claim {claim}, which is not stored"))
            })
    }
}

/// An article block as formats 1 and 2 stored it.
#[derive(Deserialize)]
struct BlockV2 {
    articles: Vec<BlockEntryV2>,
}

/// One article of a format-2 block: its sequence number and its encoded document.
#[derive(Deserialize)]
struct BlockEntryV2(ArticleSeq, #[serde(with = "serde_bytes")] Vec<u8>);

#[derive(Deserialize)]
struct ArticleDocV2 {
    article: Article,
    claims: Vec<ClaimV2>,
}

/// A posting as formats 1 and 2 stored it.
#[derive(Deserialize)]
struct PostingV2 {
    start: i64,
    end: i64,
    claim: ClaimId,
}

/// A claim as formats 1 and 2 stored it (before said basis and character spans).
#[derive(Deserialize)]
struct ClaimV2 {
    external_id: String,
    speaker: u64,
    speaker_text: Option<String>,
    cue: Option<String>,
    stance: Stance,
    kind: ClaimKind,
    text: String,
    said: Option<TimePoint>,
    when: Option<TimeSpan>,
    via: Vec<u64>,
    about: Vec<u64>,
    quantities: Vec<Quantity>,
    links: Vec<ClaimLink>,
    provenance: Option<Provenance>,
}

impl ClaimV2 {
    fn upgraded(self) -> claimgraph_model::Claim {
        claimgraph_model::Claim {
            external_id: self.external_id,
            speaker: self.speaker,
            speaker_text: self.speaker_text,
            cue: self.cue,
            stance: self.stance,
            kind: self.kind,
            text: self.text,
            said: self.said,
            when: self.when,
            via: self.via,
            about: self.about,
            quantities: self.quantities,
            links: self.links,
            provenance: self.provenance,
            said_basis: None,
            mentions: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_store_is_refused_naming_both_versions() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        {
            let db = sled::Config::new()
                .path(dir.path())
                .segment_size(crate::segment_bytes(dir.path()))
                .open()
                .unwrap();
            db.insert(keys::meta("format"), &(STORE_FORMAT + 1).to_be_bytes())
                .unwrap();
            db.flush().unwrap();
        }
        // sled's flusher thread lets go of the directory a moment after the handle drops.
        let mut opened = Store::open_existing(dir.path());
        for _ in 0..100 {
            if !matches!(opened, Err(StoreError::InUse { .. })) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            opened = Store::open_existing(dir.path());
        }
        let message = match opened {
            Err(e @ StoreError::TooNew { .. }) => e.to_string(),
            other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
        };
        assert!(message.contains(&format!("version {}", STORE_FORMAT + 1)));
        assert!(message.contains(&format!("version {STORE_FORMAT}")));
        assert!(matches!(
            Store::migrate(dir.path()),
            Err(StoreError::TooNew { .. })
        ));
    }

    #[test]
    fn a_current_store_migrates_to_itself() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let (_, summary) = Store::migrate(dir.path()).unwrap();
        assert_eq!(summary.rewritten, 0);
        assert_eq!((summary.from, summary.to), (STORE_FORMAT, STORE_FORMAT));
    }
}
