//! Compaction: merges the posting runs of each term into one run. Every ingest chunk
//! writes its own run per term, so a store filled by many small ingests (one article at a
//! time, as text extraction does) reads many small runs per lookup; compaction makes that
//! one read per term.

use super::keys::{self, space};
use super::postings::{LinkPosting, Posting};
use super::{codec, Store, StoreError};
use serde::{de::DeserializeOwned, Serialize};

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

    fn compact_space<P>(&self, space: u8, summary: &mut CompactSummary) -> Result<(), StoreError>
    where
        P: Serialize + DeserializeOwned + Ord,
    {
        let mut term: Option<u64> = None;
        let mut run_keys: Vec<sled::IVec> = Vec::new();
        let mut merged: Vec<P> = Vec::new();
        let mut flush_term = |term: u64,
                              run_keys: &mut Vec<sled::IVec>,
                              merged: &mut Vec<P>|
         -> Result<(), StoreError> {
            summary.runs_before += run_keys.len() as u64;
            summary.runs_after += 1;
            if run_keys.len() > 1 {
                summary.terms_merged += 1;
                let last_chunk = run_keys
                    .last()
                    .and_then(|k| keys::parse_posting(k))
                    .map_or(0, |(_, chunk)| chunk);
                merged.sort_unstable();
                let mut batch = sled::Batch::default();
                for k in run_keys.iter() {
                    batch.remove(k.clone());
                }
                let encoded = codec::encode(&*merged)?;
                self.ensure_room(encoded.len() as u64)?;
                batch.insert(&keys::posting(space, term, last_chunk), encoded);
                self.db()
                    .apply_batch(batch)
                    .map_err(|e| self.sled_error(e))?;
            }
            run_keys.clear();
            merged.clear();
            Ok(())
        };
        for item in self.db().scan_prefix([space]) {
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
            merged.extend(self.decode_at::<Vec<P>>(&k, &v)?);
            run_keys.push(k);
        }
        if let Some(t) = term {
            flush_term(t, &mut run_keys, &mut merged)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
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
        for item in store.db().range([0x20u8].as_slice()..[0x30u8].as_slice()) {
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
