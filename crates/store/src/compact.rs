//! Compaction: merges the posting runs of each term into one run. Every ingest chunk
//! writes its own run per term, so a store filled by many small ingests (one article at a
//! time, as text extraction does) reads many small runs per lookup; compaction makes that
//! one read per term.

use super::keys::{self, space};
use super::postings::{LinkPosting, Posting, RunEntry};
use super::{codec, Store, StoreError};
use crate::kv::{self, OrderedKv, WriteBatch};

/// What a compaction did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompactSummary {
    /// Index terms that had more than one run and were merged.
    pub terms_merged: u64,
    /// Posting runs before the merge, over every term.
    pub runs_before: u64,
    /// Posting runs after it: one per term.
    pub runs_after: u64,
}

impl Store {
    /// Merges the runs of every term with more than one run. Each term's merge is one
    /// atomic batch (old runs removed, merged run written), so a crash mid-way leaves every
    /// term either as it was or merged.
    pub fn compact(&self) -> Result<CompactSummary, StoreError> {
        let mut summary = CompactSummary::default();
        for space in space::POSTING_RUNS {
            self.compact_space::<Posting>(space, &mut summary)?;
        }
        for space in space::LINK_RUNS {
            self.compact_space::<LinkPosting>(space, &mut summary)?;
        }
        self.flush()?;
        Ok(summary)
    }

    fn compact_space<P: RunEntry>(
        &self,
        space: u8,
        summary: &mut CompactSummary,
    ) -> Result<(), StoreError> {
        let mut term: Option<u64> = None;
        let mut run_keys: Vec<kv::Bytes> = Vec::new();
        let mut merged: Vec<P> = Vec::new();
        let mut flush_term = |term: u64,
                              run_keys: &mut Vec<kv::Bytes>,
                              merged: &mut Vec<P>|
         -> Result<(), StoreError> {
            summary.runs_before += run_keys.len() as u64;
            summary.runs_after += 1;
            if run_keys.len() > 1 {
                summary.terms_merged += 1;
                self.replace_runs(space, term, run_keys, merged)?;
            }
            run_keys.clear();
            merged.clear();
            Ok(())
        };
        for item in self.runs(self.kv().scan_prefix([space])) {
            let (k, v) = item?;
            let Some((this_term, _)) = keys::parse_posting(&k) else {
                return Err(self.corrupt(format!(
                    "posting key of length {} in keyspace {space:#04x}",
                    k.len()
                )));
            };
            if term.is_some_and(|t| t != this_term) {
                if let Some(t) = term {
                    flush_term(t, &mut run_keys, &mut merged)?;
                }
            }
            term = Some(this_term);
            merged.extend(P::decode_run(&v).map_err(|e| self.damaged_value(&k, e))?);
            run_keys.push(k);
        }
        if let Some(t) = term {
            flush_term(t, &mut run_keys, &mut merged)?;
        }
        Ok(())
    }

    /// The runs of one term as stored, oldest first: (chunk, entries).
    pub(crate) fn stored_runs(&self, space: u8, term: u64) -> Result<Vec<(u64, u64)>, StoreError> {
        let mut runs = Vec::new();
        for item in self.runs(self.kv().scan_prefix(keys::posting_prefix(space, term))) {
            let (k, v) = item?;
            let (_, chunk) = keys::parse_posting(&k)
                .ok_or_else(|| self.corrupt(format!("posting key of length {}", k.len())))?;
            runs.push((chunk, codec::vec_len(&v)));
        }
        Ok(runs)
    }

    /// Merges the runs of one term written by `chunks` (in key order) into one run, keyed
    /// on the last of them, in one atomic batch. Returns the merged run's entry count.
    pub(crate) fn merge_runs(
        &self,
        space: u8,
        term: u64,
        chunks: &[u64],
    ) -> Result<u64, StoreError> {
        if space::LINK_RUNS.contains(&space) {
            self.merge_runs_of::<LinkPosting>(space, term, chunks)
        } else {
            self.merge_runs_of::<Posting>(space, term, chunks)
        }
    }

    fn merge_runs_of<P: RunEntry>(
        &self,
        space: u8,
        term: u64,
        chunks: &[u64],
    ) -> Result<u64, StoreError> {
        let mut run_keys = Vec::with_capacity(chunks.len());
        let mut merged: Vec<P> = Vec::new();
        for &chunk in chunks {
            let key = keys::posting(space, term, chunk);
            let Some(v) = self.kv().get(key)? else {
                return Err(self.corrupt(format!(
                    "a posting run of keyspace {space:#04x} (term {term}, chunk {chunk}) went missing during ingest"
                )));
            };
            merged.extend(P::decode_run(&v).map_err(|e| self.damaged_value(&key, e))?);
            run_keys.push(kv::Bytes::from(&key[..]));
        }
        self.replace_runs(space, term, &run_keys, &mut merged)?;
        Ok(merged.len() as u64)
    }

    /// Replaces the runs under `run_keys` (one term's, in key order) by one run of
    /// `merged`, keyed on the last of them, as one atomic batch.
    fn replace_runs<P: RunEntry>(
        &self,
        space: u8,
        term: u64,
        run_keys: &[kv::Bytes],
        merged: &mut [P],
    ) -> Result<(), StoreError> {
        let last_chunk = run_keys
            .last()
            .and_then(|k| keys::parse_posting(k))
            .map_or(0, |(_, chunk)| chunk);
        merged.sort_unstable();
        let mut batch = kv::Batch::default();
        for k in run_keys {
            batch.remove(k.clone());
        }
        let encoded = P::encode_run(merged)?;
        self.ensure_room(encoded.len() as u64)?;
        batch.put(keys::posting(space, term, last_chunk), encoded);
        self.kv().apply(batch).map_err(|e| self.kv_error(e))
    }
}

/// Runs a term may keep during ingest: one more and its newest runs are merged (see
/// [`runs_to_merge`]).
pub(crate) const MAX_RUNS_PER_TERM: usize = 8;

/// The LSM-style merge policy of ingest. `entries` are the sizes of one term's runs, oldest
/// first. When there are more than [`MAX_RUNS_PER_TERM`], returns the index of the first of
/// the newest runs to merge into one: at least the newest two, and every older run that is
/// no larger than the runs newer than it together (or that must go to bring the count down).
/// A large old run is thus rewritten only once the new runs add up to its size, so each
/// entry is rewritten a logarithmic number of times, not once per chunk.
pub(crate) fn runs_to_merge(entries: &[u64]) -> Option<usize> {
    if entries.len() <= MAX_RUNS_PER_TERM {
        return None;
    }
    let mut start = entries.len() - 2;
    let mut newer: u64 = entries[start..].iter().sum();
    while start > 0 && (start >= MAX_RUNS_PER_TERM || entries[start - 1] <= newer) {
        start -= 1;
        newer += entries[start];
    }
    Some(start)
}

#[cfg(test)]
mod tests {
    use super::{runs_to_merge, MAX_RUNS_PER_TERM};
    use crate::kv::OrderedKv;
    use crate::{IndexEntry, IngestOptions, Store, Term};
    use claimgraph_model::record::ArticleRecord;

    fn record(i: usize) -> ArticleRecord {
        serde_json::from_value(serde_json::json!({
            "article": {"id": format!("a{i}"), "publisher": "Outlet", "published": "2016-12-12"},
            "claims": [{"id": format!("a{i}#0"), "speaker": "Russia", "cue": "said", "stance": "assert",
                        "text": format!("claim {i}"), "said": format!("2016-12-{:02}", 1 + i % 20),
                        "about": ["Aleppo"], "via": ["RIA"]}]
        }))
        .unwrap()
    }

    /// Simulates ingest of `chunks` equal runs into one term; returns the most runs the
    /// term ever had after a merge and the entries rewritten per entry stored.
    fn simulate(chunks: u64) -> (usize, f64) {
        let mut runs: Vec<u64> = Vec::new();
        let (mut most, mut rewritten) = (0, 0u64);
        for _ in 0..chunks {
            runs.push(1);
            if let Some(start) = runs_to_merge(&runs) {
                let merged: u64 = runs.drain(start..).sum();
                rewritten += merged;
                runs.push(merged);
            }
            most = most.max(runs.len());
        }
        (most, rewritten as f64 / chunks as f64)
    }

    #[test]
    fn the_merge_policy_bounds_runs_and_rewrites_each_entry_a_few_times() {
        let max = MAX_RUNS_PER_TERM;
        assert_eq!(runs_to_merge(&vec![1; max]), None);
        assert_eq!(runs_to_merge(&vec![1; max + 1]), Some(0));
        // A large old run stays until the newer runs add up to it.
        let mut one_large = vec![100];
        one_large.extend(vec![1; max]);
        assert_eq!(runs_to_merge(&one_large), Some(1));
        // Each run larger than all newer ones together: only the newest two merge.
        let halving: Vec<u64> = (0..=max as u32).rev().map(|k| 1 << k).collect();
        assert_eq!(runs_to_merge(&halving), Some(max - 1));
        for chunks in [10, 200, 2_000] {
            let (most, rewrites) = simulate(chunks);
            assert!(most <= MAX_RUNS_PER_TERM, "{chunks} chunks: {most} runs");
            assert!(
                rewrites < 10.0,
                "{chunks} chunks: each entry rewritten {rewrites:.1} times"
            );
        }
    }

    /// Runs per (keyspace, term) over every index keyspace, as stored.
    fn runs_per_term(store: &Store) -> std::collections::BTreeMap<(u8, u64), usize> {
        let mut runs = std::collections::BTreeMap::new();
        for item in store.kv().range([0x20u8].as_slice()..[0x30u8].as_slice()) {
            let (k, _) = item.unwrap();
            let (term, _) = crate::keys::parse_posting(&k).unwrap();
            *runs.entry((k[0], term)).or_default() += 1;
        }
        runs
    }

    #[test]
    fn ingest_merges_runs_as_it_goes_and_answers_stay_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        // One article per chunk and per commit: one run per term per article, 40 commits
        // over two ingests.
        for part in 0..2 {
            let mut ing = store
                .ingester(IngestOptions {
                    chunk_articles: 1,
                    commit_postings: 1,
                    ..IngestOptions::default()
                })
                .unwrap();
            for i in 0..20 {
                ing.add(record(part * 20 + i)).unwrap();
            }
            let summary = ing.finish().unwrap();
            assert_eq!(summary.chunks, 20);
            assert!(summary.runs_merged > 0, "{summary:?}");
        }
        let most = runs_per_term(&store).into_values().max().unwrap();
        assert!(most <= MAX_RUNS_PER_TERM, "a term kept {most} runs");
        let russia = store.resolve_actor("russia").unwrap()[0].id;
        let mut entries: Vec<IndexEntry> = Vec::new();
        store
            .scan_term(Term::Speaker(russia), &mut entries)
            .unwrap();
        let mut claims: Vec<_> = entries.iter().map(|e| e.claim()).collect();
        claims.sort_unstable();
        claims.dedup();
        assert_eq!(claims.len(), 40, "every claim once");
    }

    #[test]
    fn a_chunk_ends_at_its_key_budget() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut ing = store
            .ingester(IngestOptions {
                chunk_keys: 40,
                ..IngestOptions::default()
            })
            .unwrap();
        for i in 0..30 {
            ing.add(record(i)).unwrap();
        }
        let summary = ing.finish().unwrap();
        assert!(summary.chunks > 1, "{summary:?}");
        assert_eq!(summary.articles, 30);
    }

    #[test]
    fn compaction_merges_runs_and_keeps_answers() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for i in 0..12 {
            // One ingest per article: one run per term per article.
            let mut ing = store.ingester(IngestOptions::default()).unwrap();
            ing.add(record(i)).unwrap();
            ing.finish().unwrap();
        }
        let russia = store.resolve_actor("russia").unwrap()[0].id;
        let ids = |store: &Store| -> Vec<String> {
            let mut entries: Vec<IndexEntry> = Vec::new();
            store
                .scan_term(Term::Speaker(russia), &mut entries)
                .unwrap();
            entries.sort_unstable();
            entries
                .iter()
                .filter_map(|e| store.view(e.claim()).unwrap())
                .map(|c| c.external_id)
                .collect()
        };
        let before = ids(&store);
        let summary = store.compact().unwrap();
        assert!(summary.terms_merged >= 4, "{summary:?}");
        assert!(summary.runs_after < summary.runs_before);
        let after = ids(&store);
        assert_eq!(before, after);
        assert_eq!(after.len(), 12);
        // Compacting again changes nothing.
        let again = store.compact().unwrap();
        assert_eq!(again.terms_merged, 0);
    }

    #[test]
    fn after_compaction_every_term_of_every_index_has_one_run() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        for i in 0..6 {
            let mut ing = store.ingester(IngestOptions::default()).unwrap();
            let mut r = record(i);
            // An event time and a reply, so the event and link indexes have runs too.
            r.claims[0].when =
                serde_json::from_value(serde_json::json!({"start": "2016-12-01"})).unwrap();
            if i > 0 {
                r.claims[0].responds_to = vec![format!("a{}#0", i - 1)];
            }
            ing.add(r).unwrap();
            ing.finish().unwrap();
        }
        store.compact().unwrap();
        // Walk every index keyspace (0x20..0x30) as stored, not the list compaction uses.
        let mut runs: std::collections::BTreeMap<(u8, u64), usize> = Default::default();
        for item in store.kv().range([0x20u8].as_slice()..[0x30u8].as_slice()) {
            let (k, _) = item.unwrap();
            let (term, _) = crate::keys::parse_posting(&k).unwrap();
            *runs.entry((k[0], term)).or_default() += 1;
        }
        let spaces: std::collections::BTreeSet<u8> = runs.keys().map(|(s, _)| *s).collect();
        assert_eq!(spaces.len(), 8, "every index has terms: {spaces:x?}");
        let many: Vec<_> = runs.iter().filter(|(_, &n)| n > 1).collect();
        assert!(many.is_empty(), "terms with more than one run: {many:x?}");
    }
}
