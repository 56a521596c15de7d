//! The ordered key-value interface the store is written against, and its sled
//! implementation.
//!
//! Every other module of the store reads and writes through [`OrderedKv`]: point reads,
//! forward and backward scans of a key range, atomic batches of puts and removes, and a
//! flush that makes what was applied durable. Those are the only operations the key layout
//! (`keys.rs`, `docs/storage.md`) needs, which is what makes it portable to a distributed
//! ordered store (TiKV, FoundationDB: `docs/scale-out.md`). Dispatch is static: the store
//! holds a concrete [`Kv`], so the interface costs nothing at run time. sled's types
//! appear only here and on the open path (`lib.rs`, `guard.rs`).

use std::ops::RangeBounds;

/// Errors of the key-value layer.
#[derive(Debug, thiserror::Error)]
pub enum KvError {
    /// sled failed reading or writing (I/O, or a damaged file sled noticed).
    #[error("{0}")]
    Sled(#[from] sled::Error),
}

impl KvError {
    /// Whether the error is a full disk (or quota).
    pub(crate) fn is_disk_full(&self) -> bool {
        match self {
            KvError::Sled(sled::Error::Io(io)) => crate::guard::is_disk_full(io),
            KvError::Sled(_) => false,
        }
    }
}

/// An atomic group of writes: applied whole or not at all, as readers and a crash see it.
pub(crate) trait WriteBatch: Default {
    /// Sets `key` to `value` (a later put of the same key in the batch wins).
    fn put(&mut self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>);
    /// Removes `key` (nothing if it is absent).
    fn remove(&mut self, key: impl AsRef<[u8]>);
}

/// An ordered map of byte strings: what the store needs of its storage engine.
pub(crate) trait OrderedKv {
    /// A value (or key) read back: bytes the engine may share with its cache.
    type Bytes: AsRef<[u8]> + std::ops::Deref<Target = [u8]> + Clone;
    /// A scan over a key range, in key order both ways.
    type Scan: DoubleEndedIterator<Item = Result<(Self::Bytes, Self::Bytes), KvError>>;
    /// The engine's atomic batch.
    type Batch: WriteBatch;

    /// The value under `key`.
    fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<Self::Bytes>, KvError>;
    /// Every pair whose key lies in `range`, forward (`next`) or backward (`next_back`).
    fn range<K: AsRef<[u8]>, R: RangeBounds<K>>(&self, range: R) -> Self::Scan;
    /// Every pair whose key starts with `prefix`.
    fn scan_prefix(&self, prefix: impl AsRef<[u8]>) -> Self::Scan;
    /// Applies `batch` atomically.
    fn apply(&self, batch: Self::Batch) -> Result<(), KvError>;
    /// Makes every applied batch durable.
    fn flush(&self) -> Result<(), KvError>;
    /// Whether the map holds no key at all.
    fn is_empty(&self) -> bool;
    /// Bytes the engine's files take on disk.
    fn size_on_disk(&self) -> Result<u64, KvError>;
}

/// The store's engine: sled's default tree.
pub(crate) type Kv = SledKv;
/// Bytes read from the store's engine.
pub(crate) type Bytes = <Kv as OrderedKv>::Bytes;
/// A scan over the store's engine.
pub(crate) type Scan = <Kv as OrderedKv>::Scan;
/// An atomic batch for the store's engine.
pub(crate) type Batch = <Kv as OrderedKv>::Batch;

/// sled 0.34 as an [`OrderedKv`]: one tree (the database's default one).
pub(crate) struct SledKv {
    db: sled::Db,
}

impl SledKv {
    /// Wraps an open sled database (opened by `lib.rs` under the directory guard).
    pub(crate) fn new(db: sled::Db) -> SledKv {
        SledKv { db }
    }
}

/// sled's batch, behind [`WriteBatch`].
#[derive(Default)]
pub(crate) struct SledBatch(sled::Batch);

impl WriteBatch for SledBatch {
    #[inline]
    fn put(&mut self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) {
        self.0.insert(key.as_ref(), value.as_ref());
    }

    #[inline]
    fn remove(&mut self, key: impl AsRef<[u8]>) {
        self.0.remove(key.as_ref());
    }
}

/// A sled iterator with its errors as [`KvError`].
pub(crate) struct SledScan(sled::Iter);

type Pair = (sled::IVec, sled::IVec);

impl Iterator for SledScan {
    type Item = Result<Pair, KvError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|r| r.map_err(KvError::from))
    }
}

impl DoubleEndedIterator for SledScan {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|r| r.map_err(KvError::from))
    }
}

impl OrderedKv for SledKv {
    type Bytes = sled::IVec;
    type Scan = SledScan;
    type Batch = SledBatch;

    #[inline]
    fn get(&self, key: impl AsRef<[u8]>) -> Result<Option<sled::IVec>, KvError> {
        Ok(self.db.get(key.as_ref())?)
    }

    #[inline]
    fn range<K: AsRef<[u8]>, R: RangeBounds<K>>(&self, range: R) -> SledScan {
        SledScan(self.db.range(range))
    }

    #[inline]
    fn scan_prefix(&self, prefix: impl AsRef<[u8]>) -> SledScan {
        SledScan(self.db.scan_prefix(prefix.as_ref()))
    }

    fn apply(&self, batch: SledBatch) -> Result<(), KvError> {
        Ok(self.db.apply_batch(batch.0)?)
    }

    fn flush(&self) -> Result<(), KvError> {
        self.db.flush()?;
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.db.is_empty()
    }

    fn size_on_disk(&self) -> Result<u64, KvError> {
        Ok(self.db.size_on_disk()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> (tempfile::TempDir, SledKv) {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new()
            .path(dir.path())
            .temporary(true)
            .open()
            .unwrap();
        (dir, SledKv::new(db))
    }

    fn put_all(kv: &SledKv, keys: &[&[u8]]) {
        let mut batch = SledBatch::default();
        for k in keys {
            batch.put(k, k);
        }
        kv.apply(batch).unwrap();
    }

    fn keys_of(scan: impl Iterator<Item = Result<Pair, KvError>>) -> Vec<Vec<u8>> {
        scan.map(|r| r.unwrap().0.to_vec()).collect()
    }

    #[test]
    fn range_bounds_are_half_open_and_inclusive_as_asked() {
        let (_dir, kv) = open();
        put_all(&kv, &[b"a", b"b", b"b\x00", b"c", b"d"]);
        assert_eq!(
            keys_of(kv.range(b"b".as_slice()..b"d".as_slice())),
            vec![b"b".to_vec(), b"b\x00".to_vec(), b"c".to_vec()]
        );
        assert_eq!(
            keys_of(kv.range(b"b".as_slice()..=b"d".as_slice())).len(),
            4
        );
        assert_eq!(keys_of(kv.range(b"c".as_slice()..)).len(), 2);
        assert_eq!(keys_of(kv.range::<&[u8], _>(..)).len(), 5);
        assert!(keys_of(kv.range(b"x".as_slice()..b"z".as_slice())).is_empty());
    }

    #[test]
    fn scans_run_backward_in_reverse_key_order() {
        let (_dir, kv) = open();
        put_all(
            &kv,
            &[b"\x01\x02", b"\x01\x01", b"\x02", b"\x01\xff", b"\x00"],
        );
        assert_eq!(
            keys_of(kv.scan_prefix(b"\x01").rev()),
            vec![
                b"\x01\xff".to_vec(),
                b"\x01\x02".to_vec(),
                b"\x01\x01".to_vec()
            ]
        );
        let mut both = kv.range(b"\x00".as_slice()..b"\x02".as_slice());
        assert_eq!(both.next().unwrap().unwrap().0.as_ref(), b"\x00");
        assert_eq!(both.next_back().unwrap().unwrap().0.as_ref(), b"\x01\xff");
    }

    #[test]
    fn get_sees_puts_and_removes_of_an_applied_batch() {
        let (_dir, kv) = open();
        assert!(kv.is_empty());
        put_all(&kv, &[b"k1", b"k2"]);
        let mut batch = SledBatch::default();
        batch.remove(b"k1");
        batch.put(b"k2", b"new");
        batch.put(b"k3", b"v3");
        kv.apply(batch).unwrap();
        assert_eq!(kv.get(b"k1").unwrap(), None);
        assert_eq!(kv.get(b"k2").unwrap().unwrap().as_ref(), b"new");
        assert_eq!(kv.get(b"k3").unwrap().unwrap().as_ref(), b"v3");
        kv.flush().unwrap();
    }

    /// Copies sled's files as they are on disk at this moment: what a crash would leave.
    fn copy_files(from: &std::path::Path, to: &std::path::Path) {
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                std::fs::create_dir_all(to.join(entry.file_name())).unwrap();
                copy_files(&entry.path(), &to.join(entry.file_name()));
            } else if let Ok(bytes) = std::fs::read(entry.path()) {
                std::fs::write(to.join(entry.file_name()), bytes).unwrap();
            }
        }
    }

    #[test]
    fn a_batch_is_all_or_nothing_after_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new()
            .path(dir.path())
            .flush_every_ms(Some(1))
            .open()
            .unwrap();
        let kv = std::sync::Arc::new(SledKv::new(db));
        let keys: Vec<Vec<u8>> = (0u16..200).map(|i| i.to_be_bytes().to_vec()).collect();
        let writer = {
            let kv = kv.clone();
            std::thread::spawn(move || {
                for round in 0u8..40 {
                    let mut batch = SledBatch::default();
                    for k in &keys {
                        batch.put(k, [round; 64]);
                    }
                    kv.apply(batch).unwrap();
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
            })
        };
        // Whatever moment the files are taken at, the store they open to holds every key
        // of a batch at one round, or none of them.
        let mut crashes = 0;
        while !writer.is_finished() || crashes < 3 {
            let copy = tempfile::tempdir().unwrap();
            copy_files(dir.path(), copy.path());
            let Ok(db) = sled::open(copy.path()) else {
                continue;
            };
            let rounds: Vec<u8> = SledKv::new(db)
                .scan_prefix([])
                .map(|r| r.unwrap().1.as_ref()[0])
                .collect();
            assert!(
                rounds.is_empty() || rounds.len() == 200,
                "{} keys",
                rounds.len()
            );
            assert!(rounds.iter().all(|&r| r == rounds[0]), "mixed rounds");
            crashes += 1;
        }
        writer.join().unwrap();
    }
}
