//! What the cross-article model decided, kept beside the articles: stories, statements,
//! each article's labels (its story, its claims' statements, links to claims of other
//! articles) and a stamp saying how many articles the labels cover.
//!
//! The store computes none of it (it knows no language and no similarity): the caller
//! hands over a whole [`LinkedSet`] and the store replaces the previous one in one atomic
//! batch, so readers see the labels of one linking or of the next, never a mix. Every
//! [`ClaimView`] the store builds carries its story and statement and the claim's
//! cross-article links (see [`Store::view_in`]).
//!
//! Keys: `40 'm'` the stamp, `40 'a' seq` an article's labels, `40 's' id` a story,
//! `40 't' id` a statement, `40 'g' into from` an actor merge (`docs/storage.md`), and
//! `40 'u' a b` a merge the user undid: the one thing here a linking does not replace, so
//! an undone merge stays undone.

use crate::keys::space;
use crate::kv::{self, OrderedKv, WriteBatch};
use crate::{codec, Store, StoreError};
use claimgraph_model::story::{
    ActorMerge, ArticleLabels, LinkStamp, LinkedSet, StatementRecord, StoryRecord,
};
use claimgraph_model::{ActorId, ArticleSeq, ClaimView};

const STAMP: u8 = b'm';
const LABELS: u8 = b'a';
const STORY: u8 = b's';
const STATEMENT: u8 = b't';
const MERGE: u8 = b'g';
const UNMERGED: u8 = b'u';

fn key(tag: u8, rest: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(2 + rest.len());
    k.push(space::LINKED);
    k.push(tag);
    k.extend_from_slice(rest);
    k
}

impl Store {
    /// Replaces everything a previous linking stored with `set`, atomically.
    pub fn replace_linked(&self, set: &LinkedSet) -> Result<(), StoreError> {
        let mut batch = kv::Batch::default();
        let mut bytes = 0u64;
        for item in self.kv().scan_prefix([space::LINKED]) {
            let k = item?.0;
            if k.get(1) != Some(&UNMERGED) {
                batch.remove(k);
            }
        }
        let mut put = |k: Vec<u8>, v: Vec<u8>| {
            bytes += (k.len() + v.len()) as u64;
            batch.put(k, v);
        };
        put(key(STAMP, &[]), codec::encode(&set.stamp)?);
        for (seq, labels) in &set.labels {
            put(key(LABELS, &seq.to_be_bytes()), codec::encode(labels)?);
        }
        for s in &set.stories {
            put(key(STORY, s.id.as_bytes()), codec::encode(s)?);
        }
        for s in &set.statements {
            put(key(STATEMENT, s.id.as_bytes()), codec::encode(s)?);
        }
        for m in &set.merges {
            let ids = [m.into.to_be_bytes(), m.from.to_be_bytes()].concat();
            put(key(MERGE, &ids), codec::encode(m)?);
        }
        self.ensure_room(bytes)?;
        self.kv().apply(batch).map_err(|e| self.kv_error(e))?;
        Ok(())
    }

    /// The stamp of the last linking, or `None` when the articles were never linked.
    pub fn link_stamp(&self) -> Result<Option<LinkStamp>, StoreError> {
        self.linked_value(&key(STAMP, &[]))
    }

    /// The cross-article labels of article `seq`, when it was linked.
    pub fn article_labels(&self, seq: ArticleSeq) -> Result<Option<ArticleLabels>, StoreError> {
        self.linked_value(&key(LABELS, &seq.to_be_bytes()))
    }

    /// Story `id`, when it exists.
    pub fn story(&self, id: &str) -> Result<Option<StoryRecord>, StoreError> {
        self.linked_value(&key(STORY, id.as_bytes()))
    }

    /// Statement `id`, when it exists.
    pub fn statement(&self, id: &str) -> Result<Option<StatementRecord>, StoreError> {
        self.linked_value(&key(STATEMENT, id.as_bytes()))
    }

    /// Every story, in id order as bytes (`s1`, `s10`, `s2`: callers sort as they show).
    pub fn stories(&self) -> Result<Vec<StoryRecord>, StoreError> {
        self.linked_values(STORY)
    }

    /// Every statement, in id order as bytes.
    pub fn statements(&self) -> Result<Vec<StatementRecord>, StoreError> {
        self.linked_values(STATEMENT)
    }

    /// Every recorded actor merge (actors found to be one person, and their members).
    pub fn actor_merges(&self) -> Result<Vec<ActorMerge>, StoreError> {
        self.linked_values(MERGE)
    }

    /// Records that actors `a` and `b` are not one person, so no linking merges them
    /// again (the order of the two does not matter).
    pub fn add_unmerged(&self, a: ActorId, b: ActorId) -> Result<(), StoreError> {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let k = key(UNMERGED, &[lo.to_be_bytes(), hi.to_be_bytes()].concat());
        self.ensure_room(k.len() as u64)?;
        let mut batch = kv::Batch::default();
        batch.put(k, codec::encode(&true)?);
        self.kv().apply(batch).map_err(|e| self.kv_error(e))?;
        Ok(())
    }

    /// Every pair of actors the user said are not one person, smaller id first.
    pub fn unmerged(&self) -> Result<Vec<(ActorId, ActorId)>, StoreError> {
        let mut out = Vec::new();
        for item in self.kv().scan_prefix(key(UNMERGED, &[])) {
            let (k, _) = item?;
            let id = |at: usize| {
                k.get(at..at + 8)
                    .and_then(|b| b.try_into().ok())
                    .map(u64::from_be_bytes)
            };
            match (id(2), id(10)) {
                (Some(a), Some(b)) => out.push((a, b)),
                _ => return Err(self.corrupt("an unmerged-actors key is not 18 bytes")),
            }
        }
        Ok(out)
    }

    /// Every article's labels, by ingest sequence number.
    pub fn all_article_labels(&self) -> Result<Vec<(ArticleSeq, ArticleLabels)>, StoreError> {
        let mut out = Vec::new();
        for item in self.kv().scan_prefix(key(LABELS, &[])) {
            let (k, v) = item?;
            let seq = k
                .get(2..10)
                .and_then(|b| b.try_into().ok())
                .map(u64::from_be_bytes)
                .ok_or_else(|| self.corrupt("a cross-article label key is not 10 bytes"))?;
            out.push((seq, self.decode_at(&k, &v)?));
        }
        Ok(out)
    }

    /// Fills a view's story and statement and appends its cross-article links.
    pub(crate) fn label_view(&self, view: &mut ClaimView) -> Result<(), StoreError> {
        let Some(labels) = self.article_labels(view.article_seq)? else {
            return Ok(());
        };
        view.story = labels.story;
        if let Some(claim) = labels.claims.into_iter().nth(view.id.index()) {
            view.statement = claim.statement;
            view.links.extend(claim.links);
        }
        Ok(())
    }

    fn linked_value<T: serde::de::DeserializeOwned>(
        &self,
        k: &[u8],
    ) -> Result<Option<T>, StoreError> {
        match self.kv().get(k)? {
            Some(v) => Ok(Some(self.decode_at(k, &v)?)),
            None => Ok(None),
        }
    }

    fn linked_values<T: serde::de::DeserializeOwned>(&self, tag: u8) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        for item in self.kv().scan_prefix(key(tag, &[])) {
            let (k, v) = item?;
            out.push(self.decode_at(&k, &v)?);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_model::story::{ClaimLabels, MergeRelation};

    fn story(id: &str) -> StoryRecord {
        StoryRecord {
            id: id.into(),
            title: Some(format!("title of {id}")),
            articles: vec!["a1".into()],
            outlets: vec!["o".into()],
            first: None,
            last: None,
            claims: 1,
        }
    }

    #[test]
    fn a_linking_replaces_the_previous_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        assert_eq!(store.link_stamp().unwrap(), None);
        let first = LinkedSet {
            stamp: LinkStamp {
                articles: 1,
                next_story: 3,
                next_statement: 1,
            },
            stories: vec![story("s1"), story("s2")],
            statements: Vec::new(),
            labels: vec![(
                0,
                ArticleLabels {
                    story: Some("s1".into()),
                    claims: vec![ClaimLabels {
                        statement: Some("st1".into()),
                        links: Vec::new(),
                    }],
                },
            )],
            merges: vec![ActorMerge {
                into: 1,
                from: 2,
                relation: MergeRelation::Same,
                reason: "r".into(),
                stories: vec!["s1".into()],
                claims: Vec::new(),
            }],
        };
        store.add_unmerged(5, 3).unwrap();
        store.replace_linked(&first).unwrap();
        assert_eq!(store.actor_merges().unwrap(), first.merges);
        assert_eq!(store.link_stamp().unwrap(), Some(first.stamp));
        assert_eq!(store.stories().unwrap().len(), 2);
        assert_eq!(
            store.article_labels(0).unwrap(),
            Some(first.labels[0].1.clone())
        );
        let second = LinkedSet {
            stories: vec![story("s2")],
            merges: Vec::new(),
            ..first
        };
        store.replace_linked(&second).unwrap();
        assert_eq!(store.actor_merges().unwrap(), Vec::new());
        // What the user undid outlives every linking.
        assert_eq!(store.unmerged().unwrap(), vec![(3, 5)]);
        assert_eq!(store.stories().unwrap(), vec![story("s2")]);
        assert_eq!(store.story("s1").unwrap(), None);
        assert_eq!(
            store.article_labels(0).unwrap(),
            Some(second.labels[0].1.clone())
        );
    }
}
