//! Article blocks kept decompressed between reads. A result row reads one claim of one
//! article, but sled stores the block compressed as a whole: without this cache every row
//! pays a block's decompression and checksum, and a popular speaker's or topic's rows are
//! decompressed again on every query. Two generations approximate least-recently-used
//! eviction without bookkeeping per read: a hit in the old generation moves the block to
//! the young one, and when the young one is full the old one is dropped.

use super::ArticleBlock;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Decompressed blocks by block number, bounded by a count of blocks.
pub(crate) struct BlockCache {
    generations: Mutex<Generations>,
    /// Blocks per generation; 0 disables the cache.
    per_generation: usize,
}

#[derive(Default)]
struct Generations {
    young: HashMap<u64, Arc<ArticleBlock>>,
    old: HashMap<u64, Arc<ArticleBlock>>,
}

impl BlockCache {
    /// A cache of about `bytes` of decompressed blocks (a block of generated articles is
    /// about 16 KB decompressed).
    pub(crate) fn with_bytes(bytes: u64) -> BlockCache {
        const BLOCK_BYTES: u64 = 16 << 10;
        BlockCache {
            generations: Mutex::default(),
            per_generation: usize::try_from(bytes / BLOCK_BYTES / 2).unwrap_or(usize::MAX),
        }
    }

    /// False for a writer's store, which keeps nothing between reads.
    pub(crate) fn enabled(&self) -> bool {
        self.per_generation > 0
    }

    pub(crate) fn get(&self, block: u64) -> Option<Arc<ArticleBlock>> {
        if self.per_generation == 0 {
            return None;
        }
        let mut g = self.lock();
        if let Some(b) = g.young.get(&block) {
            return Some(b.clone());
        }
        let b = g.old.remove(&block)?;
        Self::admit(&mut g, self.per_generation, block, b.clone());
        Some(b)
    }

    pub(crate) fn insert(&self, block: u64, value: Arc<ArticleBlock>) {
        if self.per_generation == 0 {
            return;
        }
        let mut g = self.lock();
        Self::admit(&mut g, self.per_generation, block, value);
    }

    /// Forgets every block: after a write that may have changed some.
    pub(crate) fn clear(&self) {
        let mut g = self.lock();
        g.young.clear();
        g.old.clear();
    }

    fn admit(g: &mut Generations, per_generation: usize, block: u64, value: Arc<ArticleBlock>) {
        if g.young.len() >= per_generation {
            g.old = std::mem::take(&mut g.young);
        }
        g.young.insert(block, value);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Generations> {
        lock_reads(&self.generations)
    }
}

/// Locks a reader's cache of values read from the store. Such a cache holds no invariant a
/// panicking reader could break half-way, so a poisoned lock is used as it is.
pub(crate) fn lock_reads<T>(cache: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_recent_blocks_and_forgets_on_clear() {
        let cache = BlockCache::with_bytes(4 * (16 << 10));
        for b in 0..3 {
            cache.insert(b, Arc::new(ArticleBlock::default()));
        }
        // Two per generation: 0 and 1 went old when 2 came; a hit on 0 brings it back.
        assert!(cache.get(0).is_some());
        assert!(cache.get(2).is_some());
        cache.insert(3, Arc::new(ArticleBlock::default()));
        assert!(
            cache.get(1).is_none(),
            "1 was dropped with the old generation"
        );
        cache.clear();
        assert!(cache.get(3).is_none());
        assert!(BlockCache::with_bytes(0).get(0).is_none());
    }
}
