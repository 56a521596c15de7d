//! Reads: name resolution, posting scans, claim views, listings and statistics.

use super::keys::{self, space};
use super::postings::{LinkPosting, Posting};
use super::{codec, ArticleBlock, ArticleDoc, BlockEntry, ChunkMeta, Store, StoreError};
use claimgraph_model::names;
use claimgraph_model::{
    Actor, ActorId, ArticleSeq, ClaimId, ClaimView, Interval, TimePoint, TimeSpan, TopicId,
};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) fn u64_value(bytes: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.get(..8)?.try_into().ok()?))
}

/// A conjunction of simple predicates, for the `claims` command and `subgraph`.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub speaker: Option<String>,
    pub about: Option<String>,
    pub said: Option<TimeSpan>,
    pub article: Option<String>,
    pub limit: Option<usize>,
}

/// Store-wide figures for `stats`.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub articles: u64,
    pub claims: u64,
    pub actors: u64,
    pub topics: u64,
    pub chunks: u64,
    pub earliest_said: Option<String>,
    pub latest_said: Option<String>,
    pub size_on_disk: u64,
}

/// A cache of decoded articles and actor names for building many views.
#[derive(Default)]
pub struct ViewCache {
    blocks: HashMap<u64, Option<Arc<ArticleBlock>>>,
    docs: HashMap<ArticleSeq, Arc<ArticleDoc>>,
    actors: HashMap<ActorId, Arc<Actor>>,
    topics: HashMap<TopicId, Arc<str>>,
}

impl ViewCache {
    /// Adds an article already decoded elsewhere, so building its views reads nothing.
    pub fn insert_doc(&mut self, doc: Arc<ArticleDoc>) {
        self.docs.insert(doc.article.seq, doc);
    }
}

impl Store {
    /// Actors whose name or alias folds to the same key as `name`.
    pub fn resolve_actor(&self, name: &str) -> Result<Vec<Actor>, StoreError> {
        let ids: Vec<ActorId> = match self.db().get(keys::alias(&names::fold(name)))? {
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

    pub fn resolve_topic(&self, name: &str) -> Result<Option<TopicId>, StoreError> {
        match self.db().get(keys::topic_name(&names::fold(name)))? {
            Some(v) => Ok(u64_value(&v)),
            None => Ok(None),
        }
    }

    pub fn topic_name(&self, id: TopicId) -> Result<Option<String>, StoreError> {
        match self.db().get(keys::topic(id))? {
            Some(v) => Ok(Some(codec::decode(&v)?)),
            None => Ok(None),
        }
    }

    /// Every posting of one term, merged across chunks and sorted by time then claim.
    pub fn postings(&self, space: u8, term: u64) -> Result<Vec<Posting>, StoreError> {
        let mut all = Vec::new();
        for item in self.db().scan_prefix(keys::posting_prefix(space, term)) {
            let (_, v) = item?;
            let run: Vec<Posting> = codec::decode(&v)?;
            all.extend(run);
        }
        all.sort_unstable();
        Ok(all)
    }

    /// Postings of a month-bucketed index (`BY_SAID`, `BY_EVENT`) whose time overlaps
    /// `range`. A point is at most a year long, so the scan starts a year early.
    pub fn postings_in_range(
        &self,
        space: u8,
        range: Interval,
    ) -> Result<Vec<Posting>, StoreError> {
        let from = bucket_of(range.start.saturating_sub(366 * 86400));
        let to = bucket_of(range.end);
        let mut all = Vec::new();
        for item in self
            .db()
            .range(keys::posting(space, from, 0)..keys::posting(space, to, u64::MAX))
        {
            let (_, v) = item?;
            let run: Vec<Posting> = codec::decode(&v)?;
            all.extend(run.into_iter().filter(|p| {
                p.is_anchored()
                    && (Interval {
                        start: p.start,
                        end: p.end,
                    })
                    .overlaps(&range)
            }));
        }
        all.sort_unstable();
        Ok(all)
    }

    /// Links that answer claims of `speaker`.
    pub fn links_to_speaker(&self, speaker: ActorId) -> Result<Vec<LinkPosting>, StoreError> {
        let mut all = Vec::new();
        for item in self
            .db()
            .scan_prefix(keys::posting_prefix(space::LINKS_TO_SPEAKER, speaker))
        {
            let (_, v) = item?;
            let run: Vec<LinkPosting> = codec::decode(&v)?;
            all.extend(run);
        }
        all.sort_unstable();
        Ok(all)
    }

    /// Claims matching every predicate of `filter`, in said order. The most selective
    /// indexed predicate drives the scan (article, then speaker, then topic, then said
    /// range); the others filter its rows.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimView>, StoreError> {
        let range = filter.said.as_ref().and_then(|s| s.as_range());
        let speakers: Option<Vec<ActorId>> = match &filter.speaker {
            Some(name) => Some(
                self.resolve_actor(name)?
                    .into_iter()
                    .map(|a| a.id)
                    .collect(),
            ),
            None => None,
        };
        let topic = match &filter.about {
            Some(name) => match self.resolve_topic(name)? {
                Some(t) => Some(t),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        if speakers.as_ref().is_some_and(|s| s.is_empty()) {
            return Ok(Vec::new());
        }

        let candidates: Vec<ClaimId> = if let Some(article) = &filter.article {
            match self.article_seq(article)? {
                Some(seq) => {
                    let n = self.article_doc(seq)?.map(|d| d.claims.len()).unwrap_or(0);
                    (0..n).map(|i| ClaimId::new(seq, i as u16)).collect()
                }
                None => return Ok(Vec::new()),
            }
        } else {
            let postings = if let Some(speakers) = &speakers {
                let mut all = Vec::new();
                for &s in speakers {
                    all.extend(self.postings(space::BY_SPEAKER, s)?);
                }
                all.sort_unstable();
                all
            } else if let Some(t) = topic {
                self.postings(space::BY_TOPIC, t)?
            } else if let Some(range) = range {
                self.postings_in_range(space::BY_SAID, range)?
            } else {
                let mut all = Vec::new();
                for item in self.db().scan_prefix([space::BY_SAID]) {
                    let (_, v) = item?;
                    all.extend(codec::decode::<Vec<Posting>>(&v)?);
                }
                all.sort_unstable();
                all
            };
            postings
                .into_iter()
                .filter(|p| match range {
                    Some(r) => {
                        p.is_anchored()
                            && (Interval {
                                start: p.start,
                                end: p.end,
                            })
                            .overlaps(&r)
                    }
                    None => true,
                })
                .map(|p| p.claim)
                .collect()
        };

        let mut cache = ViewCache::default();
        let mut out = Vec::new();
        for id in candidates {
            let Some(view) = self.view_cached(id, &mut cache)? else {
                continue;
            };
            if let Some(speakers) = &speakers {
                if !speakers.contains(&view.speaker_id) {
                    continue;
                }
            }
            if let Some(t) = topic {
                let doc = cache.docs.get(&id.article());
                let about = doc
                    .and_then(|d| d.claims.get(id.index()))
                    .map(|c| c.about.contains(&t));
                if about != Some(true) {
                    continue;
                }
            }
            if let Some(r) = range {
                let hit = view
                    .said
                    .and_then(|s| s.interval())
                    .is_some_and(|iv| iv.overlaps(&r));
                if !hit {
                    continue;
                }
            }
            out.push(view);
            if filter.limit.is_some_and(|l| out.len() >= l) {
                break;
            }
        }
        if filter.article.is_some() {
            out.sort_by(|a, b| a.said.cmp(&b.said).then(a.id.cmp(&b.id)));
        }
        Ok(out)
    }

    /// One claim as a result row.
    pub fn view(&self, id: ClaimId) -> Result<Option<ClaimView>, StoreError> {
        self.view_cached(id, &mut ViewCache::default())
    }

    pub fn view_cached(
        &self,
        id: ClaimId,
        cache: &mut ViewCache,
    ) -> Result<Option<ClaimView>, StoreError> {
        let seq = id.article();
        let doc = match cache.docs.get(&seq) {
            Some(d) => d.clone(),
            None => {
                let block_no = keys::block_of(seq);
                let block = match cache.blocks.get(&block_no) {
                    Some(b) => b.clone(),
                    None => {
                        let b = self.article_block(block_no)?.map(Arc::new);
                        cache.blocks.insert(block_no, b.clone());
                        b
                    }
                };
                match block.map(|b| b.doc(seq)).transpose()?.flatten() {
                    Some(d) => {
                        let d = Arc::new(d);
                        cache.docs.insert(seq, d.clone());
                        d
                    }
                    None => return Ok(None),
                }
            }
        };
        let Some(claim) = doc.claims.get(id.index()) else {
            return Ok(None);
        };
        let speaker = self.cached_actor(claim.speaker, cache)?;
        let mut via = Vec::with_capacity(claim.via.len());
        for &relay in &claim.via {
            via.push(self.cached_actor(relay, cache)?.name.clone());
        }
        let mut about = Vec::with_capacity(claim.about.len());
        for &t in &claim.about {
            let name = match cache.topics.get(&t) {
                Some(n) => n.clone(),
                None => {
                    let n: Arc<str> = self.topic_name(t)?.unwrap_or_default().into();
                    cache.topics.insert(t, n.clone());
                    n
                }
            };
            about.push(name.to_string());
        }
        let publisher = match doc.article.publisher {
            Some(p) => Some(self.cached_actor(p, cache)?.name.clone()),
            None => None,
        };
        Ok(Some(ClaimView {
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
            article_id: doc.article.id.clone(),
            article_seq: seq,
            article_title: doc.article.title.clone(),
            publisher,
            published: doc.article.published,
            ingested_at: doc.article.ingested_at,
        }))
    }

    fn cached_actor(&self, id: ActorId, cache: &mut ViewCache) -> Result<Arc<Actor>, StoreError> {
        if let Some(a) = cache.actors.get(&id) {
            return Ok(a.clone());
        }
        let actor = Arc::new(
            self.actor(id)?
                .ok_or_else(|| self.corrupt(format!("claim names missing actor {id}")))?,
        );
        cache.actors.insert(id, actor.clone());
        Ok(actor)
    }

    /// Every article in ingest order.
    pub fn articles(&self) -> impl Iterator<Item = Result<ArticleDoc, StoreError>> + '_ {
        self.db()
            .scan_prefix([space::ARTICLE])
            .flat_map(|item| block_docs(item, |_| true))
    }

    /// Every actor in id order.
    pub fn actors(&self) -> impl Iterator<Item = Result<Actor, StoreError>> + '_ {
        self.db()
            .scan_prefix([space::ACTOR])
            .map(|item| Ok(codec::decode::<Actor>(&item?.1)?))
    }

    /// Actors recorded as members of `org`.
    pub fn members_of(&self, org: ActorId) -> Result<Vec<ActorId>, StoreError> {
        let mut out = Vec::new();
        for item in self
            .db()
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
        self.db()
            .scan_prefix([space::CHUNK])
            .map(|item| Ok(codec::decode::<ChunkMeta>(&item?.1)?))
            .collect()
    }

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
            size_on_disk: self.db().size_on_disk()?,
        })
    }

    /// The earliest or latest anchored said time, read from the first or last non-empty
    /// month bucket.
    fn said_extreme(&self, latest: bool) -> Result<Option<TimePoint>, StoreError> {
        let lo = keys::posting(space::BY_SAID, 0, 0);
        let hi = keys::posting(space::BY_SAID, u64::MAX, 0);
        let mut iter = self.db().range(lo..hi);
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
            let run: Vec<Posting> = codec::decode(&v)?;
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
    item: sled::Result<(sled::IVec, sled::IVec)>,
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
        .filter(|BlockEntry(seq, _)| keep(*seq))
        .map(|BlockEntry(_, bytes)| Ok(codec::decode::<ArticleDoc>(bytes)?))
        .collect()
}

fn bucket_of(unix_secs: i64) -> u64 {
    match claimgraph_model::time::utc_point(unix_secs.clamp(-62_000_000_000, 250_000_000_000)) {
        Some(p) => keys::month_bucket(Some(&p)),
        None => 0,
    }
}
