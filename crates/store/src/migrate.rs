//! Upgrading a store written in an older format version to [`STORE_FORMAT`], in place.
//!
//! Format 1 → 2 adds a CRC-32 to every codec value (the payloads are unchanged), including
//! the per-article entries nested inside article blocks. The migration rewrites values in
//! atomic batches and records the new version last, so a crash part-way leaves a store that
//! still says format 1 and a migration that resumes: values already rewritten are
//! recognised by their format byte and left alone.

use super::codec::{self, Upgrade};
use super::keys::{self, space};
use super::{ArticleBlock, BlockEntry, Store, StoreError, STORE_FORMAT};
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
        let mut batch = sled::Batch::default();
        match from {
            STORE_FORMAT => {}
            1 => {
                summary.rewritten = store.upgrade_values_from_1()?;
                // Format 1 hashed less of each article; its hash lists stay as they are and
                // are recognised by these counters. Written with the version, atomically, so
                // a resumed migration (which sees format 2) never writes them twice.
                batch.insert(
                    keys::meta(super::LEGACY_HASHES),
                    codec::encode(&store.counters()?)?,
                );
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
        batch.insert(keys::meta("format"), &STORE_FORMAT.to_be_bytes());
        store.db.apply_batch(batch)?;
        store.flush()?;
        // Counters are readable (format 2) only now: compare with the manifest, if any.
        store.check_manifest()?;
        Ok((store, summary))
    }

    /// Rewrites every format-1 value, one atomic batch at a time.
    fn upgrade_values_from_1(&self) -> Result<u64, StoreError> {
        let mut rewritten = 0u64;
        let mut start: Vec<u8> = Vec::new();
        loop {
            let mut batch = sled::Batch::default();
            let mut seen = 0usize;
            let mut last: Option<Vec<u8>> = None;
            for item in self.db.range(start.clone()..).take(BATCH_VALUES) {
                let (key, value) = item?;
                seen += 1;
                if let Some(new) = self.upgraded(&key, &value)? {
                    batch.insert(key.as_ref(), new);
                    rewritten += 1;
                }
                last = Some(key.to_vec());
            }
            self.db.apply_batch(batch)?;
            match last {
                Some(mut key) if seen == BATCH_VALUES => {
                    key.push(0);
                    start = key;
                }
                _ => return Ok(rewritten),
            }
        }
    }

    /// The current-format bytes of one stored value, or `None` when it stays as it is (raw
    /// values, and values a resumed migration already rewrote).
    fn upgraded(&self, key: &[u8], value: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        let upgrade = match key.first() {
            // Raw values: the format marker, ids, texts, set members.
            Some(&space::ARTICLE_ID | &space::TEXT | &space::CLAIM_XID)
            | Some(&space::TOPIC_NAME | &space::MEMBER | &space::IDENTITY) => return Ok(None),
            Some(&space::META) if key == keys::meta("format").as_slice() => return Ok(None),
            Some(&space::ARTICLE) => return self.upgraded_block(value),
            _ => codec::upgrade_from_1(value)?,
        };
        Ok(match upgrade {
            Upgrade::Current => None,
            Upgrade::Rewritten(bytes) => Some(bytes),
        })
    }

    /// An article block re-encoded with each nested article entry upgraded too.
    fn upgraded_block(&self, value: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        if codec::upgrade_from_1(value)? == Upgrade::Current {
            return Ok(None);
        }
        let mut block: ArticleBlock = codec::decode_format_1(value)?;
        for BlockEntry(_, entry) in &mut block.articles {
            if let Upgrade::Rewritten(bytes) = codec::upgrade_from_1(entry)? {
                *entry = bytes;
            }
        }
        Ok(Some(codec::encode(&block)?))
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
            let db = sled::open(dir.path()).unwrap();
            db.insert(keys::meta("format"), &(STORE_FORMAT + 1).to_be_bytes())
                .unwrap();
            db.flush().unwrap();
        }
        let message = match Store::open_existing(dir.path()) {
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
