//! Reads: name resolution, claim views (result rows built from stored articles), listings
//! and statistics. Index scans live in `index.rs`; the query engine is the one planner.

use super::keys::{self, space};
use super::postings::{Posting, RunEntry};
use super::{codec, ArticleBlock, ArticleDoc, BlockEntry, ChunkMeta, Store, StoreError};
use crate::kv::{self, OrderedKv};
use claimgraph_model::names;
use claimgraph_model::{Actor, ActorId, ArticleSeq, ClaimId, ClaimView, TimePoint, TopicId};
use claimgraph_model::{Article, Claim};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) fn u64_value(bytes: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.get(..8)?.try_into().ok()?))
}

/// Store-wide figures for `stats`.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Articles stored.
    pub articles: u64,
    /// Claims stored.
    pub claims: u64,
    /// Actors interned.
    pub actors: u64,
    /// Topics interned.
    pub topics: u64,
    /// Ingest chunks written.
    pub chunks: u64,
    /// Earliest anchored said time, as ISO text.
    pub earliest_said: Option<String>,
    /// Latest anchored said time, as ISO text.
    pub latest_said: Option<String>,
    /// Bytes sled's files take on disk.
    pub size_on_disk: u64,
}

/// A cache of decoded articles, actors and topic names for building many views in a row
/// (streams, neighbourhoods).
#[derive(Default)]
pub(crate) struct ViewCache {
    articles: HashMap<ArticleSeq, Option<Arc<Article>>>,
    names: NameMaps,
}

/// Where the names a view shows come from: the caller's caches of actors and topics, so a
/// reader that already keeps them (the query executor) does not keep a second copy.
pub trait ViewNames {
    /// The actor with this id, if the store has it.
    fn actor(&mut self, id: ActorId) -> Result<Option<Arc<Actor>>, StoreError>;
    /// The display name of a topic (empty when unknown).
    fn topic(&mut self, id: TopicId) -> Result<Arc<str>, StoreError>;
}

/// Actors and topics already read, by id: they are few next to claims (the store interns
/// them), and every article names some.
#[derive(Debug, Default)]
pub(crate) struct NameMaps {
    actors: HashMap<ActorId, Arc<Actor>>,
    topics: HashMap<TopicId, Arc<str>>,
}

impl NameMaps {
    fn actor(&mut self, store: &Store, id: ActorId) -> Result<Option<Arc<Actor>>, StoreError> {
        if let Some(a) = self.actors.get(&id) {
            return Ok(Some(a.clone()));
        }
        let Some(actor) = store.actor_shared(id)? else {
            return Ok(None);
        };
        self.actors.insert(id, actor.clone());
        Ok(Some(actor))
    }

    fn topic(&mut self, store: &Store, id: TopicId) -> Result<Arc<str>, StoreError> {
        if let Some(n) = self.topics.get(&id) {
            return Ok(n.clone());
        }
        let n = store.topic_name_shared(id)?.unwrap_or_else(|| "".into());
        self.topics.insert(id, n.clone());
        Ok(n)
    }
}

/// [`ViewNames`] over a [`ViewCache`]'s maps.
struct CachedNames<'a> {
    store: &'a Store,
    maps: &'a mut NameMaps,
}

impl ViewNames for CachedNames<'_> {
    fn actor(&mut self, id: ActorId) -> Result<Option<Arc<Actor>>, StoreError> {
        self.maps.actor(self.store, id)
    }

    fn topic(&mut self, id: TopicId) -> Result<Arc<str>, StoreError> {
        self.maps.topic(self.store, id)
    }
}

/// [`ViewNames`] read from the store and kept for as long as the cache lives: for a reader
/// that builds views of many articles (a whole-store export).
pub struct NameCache<'s> {
    store: &'s Store,
    maps: NameMaps,
}

impl<'s> NameCache<'s> {
    /// An empty cache over `store`.
    pub fn new(store: &'s Store) -> NameCache<'s> {
        NameCache {
            store,
            maps: NameMaps::default(),
        }
    }
}

impl ViewNames for NameCache<'_> {
    fn actor(&mut self, id: ActorId) -> Result<Option<Arc<Actor>>, StoreError> {
        self.maps.actor(self.store, id)
    }

    fn topic(&mut self, id: TopicId) -> Result<Arc<str>, StoreError> {
        self.maps.topic(self.store, id)
    }
}

impl Store {
    /// Actors whose name or alias folds to the same key as `name`.
    pub fn resolve_actor(&self, name: &str) -> Result<Vec<Actor>, StoreError> {
        let ids: Vec<ActorId> = match self.kv().get(keys::alias(&names::fold(name)))? {
            Some(v) => codec::decode(&v)?,
            None => return Ok(Vec::new()),
        };
        let mut actors = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(a) = self.actor(id)? {
                actors.push(a);
            }
        }
        Ok(actors)
    }

    /// The topic named `name` (folded: case, diacritics and `_` ignored), if any.
    pub fn resolve_topic(&self, name: &str) -> Result<Option<TopicId>, StoreError> {
        match self.kv().get(keys::topic_name(&names::fold(name)))? {
            Some(v) => Ok(u64_value(&v)),
            None => Ok(None),
        }
    }

    /// A topic's name as first written.
    pub fn topic_name(&self, id: TopicId) -> Result<Option<String>, StoreError> {
        match self.kv().get(keys::topic(id))? {
            Some(v) => Ok(Some(codec::decode(&v)?)),
            None => Ok(None),
        }
    }

    /// One claim as a result row.
    pub(crate) fn view(&self, id: ClaimId) -> Result<Option<ClaimView>, StoreError> {
        self.view_cached(id, &mut ViewCache::default())
    }

    /// One claim as a result row, reading through `cache`.
    pub(crate) fn view_cached(
        &self,
        id: ClaimId,
        cache: &mut ViewCache,
    ) -> Result<Option<ClaimView>, StoreError> {
        let seq = id.article();
        let article = match cache.articles.get(&seq) {
            Some(a) => a.clone(),
            None => {
                let a = self.article(seq)?.map(Arc::new);
                cache.articles.insert(seq, a.clone());
                a
            }
        };
        let (Some(article), Some(claim)) = (article, self.claim(id)?) else {
            return Ok(None);
        };
        let mut names = CachedNames {
            store: self,
            maps: &mut cache.names,
        };
        self.view_of(&article, &claim, id, &mut names).map(Some)
    }

    /// Claim `id` of an article already read, as a result row, with names from `names`.
    /// `None` when the article has no such claim.
    pub fn view_in(
        &self,
        doc: &ArticleDoc,
        id: ClaimId,
        names: &mut dyn ViewNames,
    ) -> Result<Option<ClaimView>, StoreError> {
        match doc.claims.get(id.index()) {
            Some(claim) => self.view_of(&doc.article, claim, id, names).map(Some),
            None => Ok(None),
        }
    }

    /// Claim `id`, already read with its article's metadata, as a result row.
    pub fn view_of(
        &self,
        article: &Article,
        claim: &Claim,
        id: ClaimId,
        names: &mut dyn ViewNames,
    ) -> Result<ClaimView, StoreError> {
        let speaker = self.named_actor(names, claim.speaker)?;
        let mut via = Vec::with_capacity(claim.via.len());
        for &relay in &claim.via {
            via.push(self.named_actor(names, relay)?.name.clone());
        }
        let mut about = Vec::with_capacity(claim.about.len());
        for &t in &claim.about {
            about.push(names.topic(t)?.to_string());
        }
        let publisher = match article.publisher {
            Some(p) => Some(self.named_actor(names, p)?.name.clone()),
            None => None,
        };
        let mut view = ClaimView {
            id,
            external_id: claim.external_id.clone(),
            speaker: speaker.name.clone(),
            speaker_id: speaker.id,
            speaker_kind: speaker.kind,
            speaker_text: claim.speaker_text.clone(),
            cue: claim.cue.clone(),
            stance: claim.stance,
            kind: claim.kind,
            text: claim.text.clone(),
            said: claim.said,
            when: claim.when,
            via,
            about,
            quantities: claim.quantities.clone(),
            links: claim.links.clone(),
            provenance: claim.provenance,
            said_basis: claim.said_basis,
            mentions: claim.mentions.clone(),
            article_id: article.id.clone(),
            article_seq: article.seq,
            article_title: article.title.clone(),
            publisher,
            published: article.published,
            ingested_at: article.ingested_at,
            story: None,
            statement: None,
        };
        self.label_view(&mut view)?;
        Ok(view)
    }

    /// An actor a stored claim names: its absence means the store is damaged.
    fn named_actor(
        &self,
        names: &mut dyn ViewNames,
        id: ActorId,
    ) -> Result<Arc<Actor>, StoreError> {
        names
            .actor(id)?
            .ok_or_else(|| self.corrupt(format!("claim names missing actor {id}")))
    }

    /// Every article in ingest order.
    /// The committed articles as of the call: an ingest that commits while the scan runs
    /// adds nothing to it, so the scan sees a whole prefix of the store.
    pub fn articles(&self) -> impl Iterator<Item = Result<ArticleDoc, StoreError>> + '_ {
        let committed = self.committed_articles();
        self.kv()
            .scan_prefix([space::ARTICLE])
            .flat_map(move |item| block_docs(item, |seq| seq < committed))
    }

    /// Every actor in id order.
    pub fn actors(&self) -> impl Iterator<Item = Result<Actor, StoreError>> + '_ {
        self.kv()
            .scan_prefix([space::ACTOR])
            .map(|item| Ok(codec::decode::<Actor>(&item?.1)?))
    }

    /// Actors recorded as members of `org`.
    pub fn members_of(&self, org: ActorId) -> Result<Vec<ActorId>, StoreError> {
        let mut out = Vec::new();
        for item in self
            .kv()
            .scan_prefix(keys::posting_prefix(space::MEMBER, org))
        {
            let (k, _) = item?;
            if let Some(bytes) = k.get(9..17) {
                out.push(u64::from_be_bytes(
                    bytes.try_into().map_err(|_| self.corrupt("member key"))?,
                ));
            }
        }
        Ok(out)
    }

    /// Ingest chunks in order, with their metadata.
    pub fn chunks(&self) -> Result<Vec<ChunkMeta>, StoreError> {
        let committed = self.committed_chunks();
        self.kv()
            .scan_prefix([space::CHUNK])
            .filter(|item| {
                item.as_ref().map_or(true, |(k, _)| {
                    keys::seq_from_key(k).is_some_and(|c| c < committed)
                })
            })
            .map(|item| Ok(codec::decode::<ChunkMeta>(&item?.1)?))
            .collect()
    }

    /// Store-wide figures, from the counters and the said index.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let counters = self.counters()?;
        let earliest = self.said_extreme(false)?;
        let latest = self.said_extreme(true)?;
        Ok(Stats {
            articles: counters.articles,
            claims: counters.claims,
            actors: counters.next_actor,
            topics: counters.next_topic,
            chunks: counters.next_chunk,
            earliest_said: earliest.map(|t| t.to_string()),
            latest_said: latest.map(|t| t.to_string()),
            size_on_disk: self.kv().size_on_disk()?,
        })
    }

    /// The earliest or latest anchored said time, read from the first or last non-empty
    /// month bucket.
    fn said_extreme(&self, latest: bool) -> Result<Option<TimePoint>, StoreError> {
        let lo = keys::posting(space::BY_SAID, 0, 0);
        let hi = keys::posting(space::BY_SAID, u64::MAX, 0);
        let mut iter = self.runs(self.kv().range(lo..hi));
        let mut bucket: Option<u64> = None;
        let mut best: Option<Posting> = None;
        loop {
            let item = if latest {
                iter.next_back()
            } else {
                iter.next()
            };
            let Some(item) = item else { break };
            let (k, v) = item?;
            let Some((term, _)) = keys::parse_posting(&k) else {
                continue;
            };
            if bucket.is_some_and(|b| b != term) {
                break;
            }
            bucket = Some(term);
            let run = Posting::decode_run(&v)?;
            let pick = if latest {
                run.iter().filter(|p| p.is_anchored()).max()
            } else {
                run.iter().filter(|p| p.is_anchored()).min()
            };
            if let Some(p) = pick {
                best = Some(match best {
                    Some(b) if latest => b.max(*p),
                    Some(b) => b.min(*p),
                    None => *p,
                });
            }
        }
        let Some(p) = best else { return Ok(None) };
        Ok(self.view(p.claim)?.and_then(|v| v.said))
    }
}

/// The articles of one block key-value pair whose sequence number passes `keep`.
pub(super) fn block_docs(
    item: Result<(kv::Bytes, kv::Bytes), kv::KvError>,
    keep: impl Fn(ArticleSeq) -> bool,
) -> Vec<Result<ArticleDoc, StoreError>> {
    let block = match item
        .map_err(StoreError::from)
        .and_then(|(_, v)| Ok(codec::decode::<ArticleBlock>(&v)?))
    {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    block
        .articles
        .iter()
        .filter(|entry| keep(entry.seq))
        .map(|entry: &BlockEntry| Ok(entry.doc()?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{IndexEntry, IngestOptions, Term};
    use claimgraph_model::record::ArticleRecord;

    /// Two articles: a claim relayed by an agency, and a denial of it.
    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut ing = store.ingester(IngestOptions::default()).unwrap();
        for value in [
            serde_json::json!({
                "article": {"id": "a1", "publisher": "Outlet", "published": "2016-12-12", "title": "T"},
                "actors": [{"name": "Russia", "kind": "country", "aliases": ["Nga"]}],
                "claims": [{"id": "a1#0", "speaker": "Russia", "stance": "assert", "text": "x",
                            "said": "2016-12-11", "via": ["RIA"], "about": ["Aleppo"]}]
            }),
            serde_json::json!({
                "article": {"id": "a2", "published": "2016-12-14"},
                "claims": [{"id": "a2#0", "speaker": "Rebels", "stance": "deny", "text": "y",
                            "said": "2016-12-13", "denies": ["a1#0"]}]
            }),
        ] {
            let rec: ArticleRecord = serde_json::from_value(value).unwrap();
            ing.add(rec).unwrap();
        }
        ing.finish().unwrap();
        (dir, store)
    }

    #[test]
    fn views_resolve_every_name() {
        let (_dir, store) = store();
        let id = ClaimId::new(store.article_seq("a1").unwrap().unwrap(), 0);
        let view = store.view(id).unwrap().unwrap();
        assert_eq!(view.speaker, "Russia");
        assert_eq!(view.via, ["RIA"]);
        assert_eq!(view.about, ["Aleppo"]);
        assert_eq!(view.publisher.as_deref(), Some("Outlet"));
        assert_eq!(view.article_title.as_deref(), Some("T"));
        assert!(store.view(ClaimId::new(id.article(), 5)).unwrap().is_none());
    }

    #[test]
    fn said_basis_and_character_spans_are_stored_and_shown() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut ing = store.ingester(IngestOptions::default()).unwrap();
        let record: ArticleRecord = serde_json::from_value(serde_json::json!({
            "article": {"id": "s1", "published": "2016-12-12"},
            "claims": [
                {"id": "s1#0", "speaker": "Russia", "stance": "assert", "text": "x",
                 "said": "2016-12-11", "said_basis": "explicit", "cue_span": [10, 14],
                 "speaker_span": [0, 6], "content_span": [[15, 20], [30, 41]]},
                {"id": "s1#1", "speaker": "Russia", "stance": "assert", "text": "y"}
            ]
        }))
        .unwrap();
        ing.add(record).unwrap();
        let bad: ArticleRecord = serde_json::from_value(serde_json::json!({
            "article": {"id": "s2"},
            "claims": [{"id": "s2#0", "speaker": "Russia", "stance": "assert", "text": "z",
                        "said_basis": "guessed"}]
        }))
        .unwrap();
        let refused = ing.add(bad).map(|_| ()).unwrap_err().to_string();
        assert!(refused.contains("said_basis"), "{refused}");
        ing.finish().unwrap();
        let seq = store.article_seq("s1").unwrap().unwrap();
        let view = store.view(ClaimId::new(seq, 0)).unwrap().unwrap();
        assert_eq!(view.said_basis, Some(claimgraph_model::SaidBasis::Explicit));
        assert_eq!(view.mentions.cue, Some([10, 14]));
        assert_eq!(view.mentions.speaker, Some([0, 6]));
        assert_eq!(view.mentions.content, [[15, 20], [30, 41]]);
        let plain = store.view(ClaimId::new(seq, 1)).unwrap().unwrap();
        assert_eq!(plain.said_basis, None);
        assert!(plain.mentions.is_empty());
        // A claim is read alone, and agrees with its article read whole.
        let doc = store.article_doc(seq).unwrap().unwrap();
        assert_eq!(
            store.claim(ClaimId::new(seq, 1)).unwrap().as_ref(),
            doc.claims.get(1)
        );
        assert_eq!(store.article(seq).unwrap().as_ref(), Some(&doc.article));
        assert!(store.claim(ClaimId::new(seq, 2)).unwrap().is_none());
    }

    #[test]
    fn names_resolve_case_and_diacritic_insensitively() {
        let (_dir, store) = store();
        let by_alias = store.resolve_actor("NGA").unwrap();
        assert_eq!(by_alias.len(), 1);
        assert_eq!(by_alias[0].name, "Russia");
        assert!(store.resolve_actor("nobody").unwrap().is_empty());
        let topic = store.resolve_topic("aleppo").unwrap().unwrap();
        assert_eq!(store.topic_name(topic).unwrap().as_deref(), Some("Aleppo"));
        // The shared name is the stored one, read or kept; an unknown id has none.
        for _ in 0..2 {
            let shared = store.topic_name_shared(topic).unwrap();
            assert_eq!(shared.as_deref(), Some("Aleppo"));
        }
        assert_eq!(store.topic_name_shared(u64::MAX).unwrap(), None);
        let mut entries: Vec<IndexEntry> = Vec::new();
        store.scan_term(Term::Topic(topic), &mut entries).unwrap();
        assert_eq!(entries.len(), 1);
        assert!(entries[0].interval().is_some());
    }

    #[test]
    fn stats_and_links_come_from_the_indexes() {
        let (_dir, store) = store();
        let stats = store.stats().unwrap();
        assert_eq!((stats.articles, stats.claims), (2, 2));
        assert_eq!(stats.earliest_said.as_deref(), Some("2016-12-11"));
        assert_eq!(stats.latest_said.as_deref(), Some("2016-12-13"));
        let russia = store.resolve_actor("Russia").unwrap()[0].id;
        let links = store.links_to_speaker(russia).unwrap();
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].kind(), claimgraph_model::LinkKind::Denies);
        let denied = store.view(links[0].target()).unwrap().unwrap();
        let with = store.with_neighbours(vec![denied]).unwrap();
        assert_eq!(with.len(), 2, "the denial joins the claim it answers");
        assert_eq!(store.links_size(russia).unwrap().postings, 1);
    }
}
