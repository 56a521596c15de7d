//! Ingest: turns article records into stored articles, claims, actors, topics and index
//! runs, in chunks. Each chunk is one sled `Batch` on one tree, so it lands whole or not at
//! all; a record that fails validation leaves no trace and does not stop the others.

use super::keys::{self, space};
use super::postings::{Cover, LinkPosting, Posting, RunEntry};
use super::{codec, ArticleBlock, ArticleDoc, BlockEntry, ChunkMeta, Counters, Store, StoreError};
use crate::kv::{self, OrderedKv, WriteBatch};
use claimgraph_model::names;
use claimgraph_model::record::{ActorRecord, ArticleRecord, ClaimRecord};
use claimgraph_model::{
    Actor, ActorId, ActorKind, Article, ArticleSeq, Claim, ClaimId, ClaimKind, ClaimLink, LinkKind,
    Mentions, Provenance, Quantity, SaidBasis, Stance, TimePoint, TimeSpan, TopicId,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Why a record was not stored.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The record is wrong; nothing of it was stored.
    #[error("{0}")]
    Invalid(String),
    /// The article id is stored already, with other content; the new record was not
    /// stored (re-ingesting the same content under the same id is a plain duplicate).
    #[error("article {id} is already stored with different content; not stored")]
    Conflict {
        /// The article id.
        id: String,
    },
    /// The store failed; the chunk in progress is lost, earlier chunks are whole.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How an ingest writes.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Most articles per atomic chunk. Larger chunks write fewer index keys (sled's cost is
    /// per key) but sled holds the memory of a whole batch until it is applied; a crash
    /// loses at most the chunk in progress.
    pub chunk_articles: usize,
    /// Most bytes of encoded articles and texts per chunk: a chunk of long texts ends
    /// before its article count, so memory stays bounded whatever the articles' size.
    pub chunk_bytes: usize,
    /// Most keys per chunk (about: index runs, ids, names): sled's memory while applying
    /// a batch grows with its keys, and a chunk of articles with many new names or terms
    /// has many more keys than articles.
    pub chunk_keys: usize,
    /// Most index entries (postings and links) held in memory before they are written
    /// and committed: each commit writes one run per term it touches, so the larger this
    /// is, the fewer keys an ingest writes (sled's cost is per key), at about 60 bytes of
    /// memory per entry.
    pub commit_postings: usize,
    /// Ingest time to record (Unix seconds); `None` is now.
    pub ingested_at: Option<i64>,
}

/// Articles per chunk by default. sled keeps every page a batch touches alive until the
/// batch is applied: a chunk of 10,000 generated articles (about 36,000 keys) raised
/// ingest's peak memory to 536 MB, one of 2,000 keeps it under 300 MB. The extra runs per
/// term that small chunks write are merged as ingest goes (`compact::runs_to_merge`).
pub const DEFAULT_CHUNK_ARTICLES: usize = 2_000;

/// Bytes of encoded articles and texts per chunk by default (about twice what 2,000
/// generated articles take).
pub const DEFAULT_CHUNK_BYTES: usize = 16 << 20;

/// Keys per chunk by default (see [`IngestOptions::chunk_keys`]): with 8,000, 1 GB of
/// generated input peaked at 309 MiB (docs/storage.md, "Ingest memory").
pub const DEFAULT_CHUNK_KEYS: usize = 6_000;

/// Index entries held in memory before a commit by default: about 1.4 M entries of
/// generated articles are 25,000 articles' worth, about 90 MB with the maps' overhead.
pub const DEFAULT_COMMIT_POSTINGS: usize = 1_400_000;

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            chunk_articles: DEFAULT_CHUNK_ARTICLES,
            chunk_bytes: DEFAULT_CHUNK_BYTES,
            chunk_keys: DEFAULT_CHUNK_KEYS,
            commit_postings: DEFAULT_COMMIT_POSTINGS,
            ingested_at: None,
        }
    }
}

/// What [`Ingester::add`] did with one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// Queued in the current chunk; durable once the chunk is written.
    Stored {
        /// The article's sequence number.
        seq: ArticleSeq,
        /// Claims the article carries.
        claims: usize,
    },
    /// The same content is stored (under this id or another): nothing changed.
    Duplicate {
        /// The record's article id.
        id: String,
    },
}

/// What an ingest did, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestSummary {
    /// Articles stored.
    pub articles: u64,
    /// Claims stored.
    pub claims: u64,
    /// Records skipped because the same content is stored (under this id or another).
    pub duplicates: u64,
    /// Ids of records refused because the id is stored with different content, in input
    /// order (see [`IngestError::Conflict`]).
    pub conflicts: Vec<String>,
    /// Atomic chunks written.
    pub chunks: u64,
    /// Keys written: sled's cost is per key, so this is the figure to watch.
    pub keys: u64,
    /// Posting runs merged into larger ones as ingest went.
    pub runs_merged: u64,
}

/// A validated record, ready to be interned and queued.
struct Prepared {
    record: ArticleRecord,
    published: Option<TimePoint>,
    claims: Vec<PreparedClaim>,
    hash: [u8; 32],
    /// The hash as format 1 computed it, for stores migrated from it.
    legacy_hash: [u8; 32],
}

struct PreparedClaim {
    stance: Stance,
    said_basis: Option<SaidBasis>,
    kind: ClaimKind,
    said: Option<TimePoint>,
    when: Option<TimeSpan>,
}

/// An article queued for the next chunk, already encoded (an encoded article is a fraction
/// of its decoded size).
struct QueuedArticle {
    seq: ArticleSeq,
    id: String,
    ingested_at: i64,
    entry: BlockEntry,
    text: Option<String>,
}

#[derive(Default)]
struct Pending {
    docs: Vec<QueuedArticle>,
    /// Bytes of the queued articles and texts (see [`IngestOptions::chunk_bytes`]).
    bytes: usize,
    /// Queued articles with a text.
    texts: usize,
    /// Ids queued in this chunk: sequence number, claim count, content hash.
    ids: HashMap<String, (ArticleSeq, usize, [u8; 32])>,
    hashes: Vec<[u8; 32]>,
    xids: Vec<(String, ClaimId)>,
    dirty_actors: HashSet<ActorId>,
    /// Actors first seen in this chunk: their kind is still open to the chunk's records.
    created_actors: HashSet<ActorId>,
    dirty_aliases: HashSet<String>,
    /// Identity keys added in this chunk.
    new_identities: Vec<(String, ActorId)>,
    new_topics: Vec<(TopicId, String, String)>,
    members: Vec<(ActorId, ActorId)>,
    claims: u64,
}

impl Pending {
    /// The keys the chunk will write, counted as `write_chunk` writes them (a block per
    /// eight articles, rounded up; the hash list, chunk metadata and counters).
    fn keys(&self) -> usize {
        let articles = self.docs.len();
        articles
            + articles.div_ceil(keys::ARTICLES_PER_BLOCK as usize)
            + self.texts
            + self.xids.len()
            + self.dirty_actors.len()
            + self.dirty_aliases.len()
            + self.new_identities.len()
            + 2 * self.new_topics.len()
            + self.members.len()
            + 3
    }
}

/// An ingest in progress: records are validated, interned and written in atomic chunks.
pub struct Ingester<'s> {
    store: &'s Store,
    options: IngestOptions,
    counters: Counters,
    known_hashes: HashSet<[u8; 32]>,
    /// Hashes of articles stored before a migration from format 1, computed the old way
    /// ([`legacy_content_hash`]); empty for a store created in the current format.
    legacy_hashes: HashSet<[u8; 32]>,
    /// Articles with a sequence number below this carry a legacy content hash.
    legacy_before: ArticleSeq,
    /// The lookup index (folded name → every actor going by it), kept current for `11`.
    aliases: HashMap<String, Vec<ActorId>>,
    /// Identity: exact name or explicit alias (`names::identity`) → the one actor it is.
    identities: HashMap<String, ActorId>,
    actors: HashMap<ActorId, Actor>,
    topics: HashMap<String, TopicId>,
    /// Names exactly as written, resolved before: most names repeat, and folding is the
    /// costly part of interning.
    seen_actor_names: HashMap<String, ActorId>,
    seen_topic_names: HashMap<String, TopicId>,
    /// Speakers of claims seen by this ingest, so links to them need no read.
    speaker_of: HashMap<ClaimId, ActorId>,
    /// The runs of every term this ingest wrote to, oldest first: (chunk, entries). Read
    /// from the store the first time a term is written, then kept current, so the merge
    /// policy costs no read per chunk.
    runs: HashMap<(u8, u64), Vec<(u64, u64)>>,
    pending: Pending,
    /// Index entries of every chunk written since the last commit.
    buffered: Buffered,
    /// Chunks written since the last commit (and the cleanup of an interrupted ingest):
    /// the next commit publishes them.
    uncommitted: bool,
    summary: IngestSummary,
}

/// Index entries held until the next commit, one run per term.
#[derive(Default)]
struct Buffered {
    postings: BTreeMap<(u8, u64), Vec<Posting>>,
    links: BTreeMap<u64, Vec<LinkPosting>>,
    /// Entries held (postings and links).
    entries: usize,
    /// Articles and claims of the chunks written since the last commit.
    articles: u64,
    claims: u64,
    chunks: u64,
}

impl<'s> Ingester<'s> {
    pub(super) fn new(
        store: &'s Store,
        options: IngestOptions,
    ) -> Result<Ingester<'s>, StoreError> {
        let mut counters = store.counters()?;
        let interrupted = store.recover_interrupted(&mut counters)?;
        // Names are few next to claims: holding them all makes interning a hash lookup
        // instead of a store read per name.
        let mut aliases = HashMap::new();
        for item in store.kv().scan_prefix([space::ALIAS]) {
            let (k, v) = item?;
            let folded = String::from_utf8_lossy(&k[1..]).into_owned();
            aliases.insert(folded, store.decode_at::<Vec<ActorId>>(&k, &v)?);
        }
        let mut identities = HashMap::new();
        for item in store.kv().scan_prefix([space::IDENTITY]) {
            let (k, v) = item?;
            let id = super::read::u64_value(&v).ok_or_else(|| store.corrupt("identity value"))?;
            identities.insert(String::from_utf8_lossy(&k[1..]).into_owned(), id);
        }
        // A store migrated from format 1 has actors but no identity keys: derive them from
        // the actors' names and aliases (first actor wins a shared key) and write them with
        // the next chunk.
        let mut derived = Vec::new();
        if identities.is_empty() {
            for item in store.kv().scan_prefix([space::ACTOR]) {
                let (k, v) = item?;
                let actor: Actor = store.decode_at(&k, &v)?;
                for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                    let key = names::identity(name);
                    if !key.is_empty() && !identities.contains_key(&key) {
                        identities.insert(key.clone(), actor.id);
                        derived.push((key, actor.id));
                    }
                }
            }
        }
        let mut topics = HashMap::new();
        for item in store.kv().scan_prefix([space::TOPIC_NAME]) {
            let (k, v) = item?;
            let id = super::read::u64_value(&v).ok_or_else(|| store.corrupt("topic name value"))?;
            topics.insert(String::from_utf8_lossy(&k[1..]).into_owned(), id);
        }
        let legacy = store.legacy_hashes()?;
        let mut known_hashes = HashSet::new();
        let mut legacy_hashes = HashSet::new();
        for item in store.kv().scan_prefix([space::HASHES]) {
            let (k, v) = item?;
            let hashes: Vec<[u8; 32]> = store.decode_at(&k, &v)?;
            let chunk = keys::seq_from_key(&k).ok_or_else(|| store.corrupt("hash list key"))?;
            match legacy {
                Some(l) if chunk < l.next_chunk => legacy_hashes.extend(hashes),
                _ => known_hashes.extend(hashes),
            }
        }
        Ok(Ingester {
            store,
            options,
            counters,
            known_hashes,
            legacy_hashes,
            legacy_before: legacy.map_or(0, |l| l.next_article),
            aliases,
            identities,
            actors: HashMap::new(),
            topics,
            seen_actor_names: HashMap::new(),
            seen_topic_names: HashMap::new(),
            speaker_of: HashMap::new(),
            runs: HashMap::new(),
            pending: Pending {
                new_identities: derived,
                ..Pending::default()
            },
            buffered: Buffered::default(),
            uncommitted: interrupted,
            summary: IngestSummary::default(),
        })
    }

    /// Validates a record and queues it for the current chunk. An invalid record changes
    /// nothing.
    ///
    /// A record whose id is stored (or queued) with the same content is a
    /// [`IngestOutcome::Duplicate`]; with other content it is refused as
    /// [`IngestError::Conflict`] and named in the summary. A record with a new id whose
    /// content is stored under another id is a duplicate too.
    pub fn add(&mut self, record: ArticleRecord) -> Result<IngestOutcome, IngestError> {
        let prepared = prepare(record)?;
        let id = prepared.record.article.id.clone();
        let same_id = match self.pending.ids.get(&id) {
            Some((_, _, hash)) => Some(*hash == prepared.hash),
            None => match self.store.article_seq_written(&id)? {
                Some(seq) => Some(self.stored_hash_matches(seq, &prepared)?),
                None => None,
            },
        };
        match same_id {
            Some(false) => {
                self.summary.conflicts.push(id.clone());
                return Err(IngestError::Conflict { id });
            }
            Some(true) => {
                self.summary.duplicates += 1;
                return Ok(IngestOutcome::Duplicate { id });
            }
            None => {}
        }
        if self.known_hashes.contains(&prepared.hash)
            || self.legacy_hashes.contains(&prepared.legacy_hash)
        {
            self.summary.duplicates += 1;
            return Ok(IngestOutcome::Duplicate { id });
        }
        let claims = prepared.claims.len();
        let seq = self.queue(prepared)?;
        if self.pending.docs.len() >= self.options.chunk_articles.max(1)
            || self.pending.bytes >= self.options.chunk_bytes
            || self.pending.keys() >= self.options.chunk_keys
        {
            self.write_chunk()?;
        }
        if self.buffered.entries >= self.options.commit_postings {
            self.commit()?;
        }
        Ok(IngestOutcome::Stored { seq, claims })
    }

    /// Whether the stored article `seq` has the content of `prepared`, by the hash its
    /// format computed.
    fn stored_hash_matches(
        &self,
        seq: ArticleSeq,
        prepared: &Prepared,
    ) -> Result<bool, StoreError> {
        let doc = self.store.article_doc_written(seq)?.ok_or_else(|| {
            self.store
                .corrupt(format!("article id points at missing article {seq}"))
        })?;
        let expected = if seq < self.legacy_before {
            prepared.legacy_hash
        } else {
            prepared.hash
        };
        Ok(doc.article.content_hash == expected)
    }

    /// Writes what is queued and flushes the store.
    pub fn finish(mut self) -> Result<IngestSummary, IngestError> {
        self.commit()?;
        self.store.flush()?;
        Ok(self.summary)
    }

    fn queue(&mut self, prepared: Prepared) -> Result<ArticleSeq, IngestError> {
        let Prepared {
            record,
            published,
            claims: prepared_claims,
            hash,
            legacy_hash: _,
        } = prepared;
        let seq = self.counters.next_article;
        self.counters.next_article += 1;

        for actor in &record.actors {
            self.merge_actor(actor)?;
        }
        let publisher = match &record.article.publisher {
            Some(name) if !name.trim().is_empty() => {
                let id = self.actor_id(name)?;
                Some(id)
            }
            _ => None,
        };
        let article_id = record.article.id.clone();
        let mut claims = Vec::with_capacity(record.claims.len());
        for (index, (claim, prep)) in record.claims.iter().zip(prepared_claims).enumerate() {
            let claim_id = ClaimId::new(seq, index as u16);
            claims.push(self.build_claim(
                claim,
                prep,
                claim_id,
                &article_id,
                (published.as_ref(), publisher),
            )?);
        }

        let text = record.article.text.clone();
        let article = Article {
            seq,
            id: article_id.clone(),
            title: record.article.title.clone(),
            publisher,
            author: record.article.author.clone(),
            published,
            lang: record.article.lang.clone(),
            url: record.article.url.clone(),
            content_hash: hash,
            ingested_at: self.ingested_at(),
            has_text: text.is_some(),
        };
        if let Some(publisher) = publisher {
            self.buffered.entries += claims.len();
            let run = self
                .buffered
                .postings
                .entry((space::BY_PUBLISHER, publisher))
                .or_default();
            for (index, claim) in claims.iter().enumerate() {
                let cover = Cover {
                    speaker: claim.speaker,
                    publisher: Some(publisher),
                    stance: claim.stance,
                };
                run.push(Posting::at_point(
                    published.as_ref(),
                    ClaimId::new(seq, index as u16),
                    cover,
                ));
            }
        }
        self.pending.claims += claims.len() as u64;
        self.pending
            .ids
            .insert(article_id, (seq, claims.len(), hash));
        self.pending.hashes.push(hash);
        self.known_hashes.insert(hash);
        let ingested_at = article.ingested_at;
        let entry =
            BlockEntry::encode(seq, &ArticleDoc { article, claims }).map_err(StoreError::from)?;
        self.pending.bytes += entry.len() + text.as_ref().map_or(0, String::len);
        self.pending.texts += usize::from(text.is_some());
        self.pending.docs.push(QueuedArticle {
            seq,
            id: record.article.id.clone(),
            ingested_at,
            entry,
            text,
        });
        Ok(seq)
    }

    fn build_claim(
        &mut self,
        record: &ClaimRecord,
        prep: PreparedClaim,
        claim_id: ClaimId,
        article_id: &str,
        (published, publisher): (Option<&TimePoint>, Option<ActorId>),
    ) -> Result<Claim, IngestError> {
        let speaker = self.actor_id(&record.speaker)?;
        let via = record
            .via
            .iter()
            .map(|name| self.actor_id(name))
            .collect::<Result<Vec<_>, _>>()?;
        let about = record
            .about
            .iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| self.topic_id(t))
            .collect::<Result<Vec<_>, _>>()?;
        // An unknown year is resolved against the publication date, as a reader would.
        let said = prep
            .said
            .map(|p| published.map_or(p, |pb| p.resolve_against(pb)));
        let when = prep.when.map(|span| TimeSpan {
            start: span
                .start
                .map(|p| published.map_or(p, |pb| p.resolve_against(pb))),
            end: span
                .end
                .map(|p| published.map_or(p, |pb| p.resolve_against(pb))),
        });

        let links = self.claim_links(record, prep.stance, claim_id, article_id)?;

        if record.id != format!("{article_id}#{}", claim_id.index()) {
            self.pending.xids.push((record.id.clone(), claim_id));
        }
        self.speaker_of.insert(claim_id, speaker);

        let cover = Cover {
            speaker,
            publisher,
            stance: prep.stance,
        };
        self.index_claim(
            claim_id,
            cover,
            said.as_ref(),
            &about,
            &via,
            when.as_ref(),
            published,
        );

        Ok(Claim {
            external_id: record.id.clone(),
            speaker,
            speaker_text: record.speaker_text.clone(),
            cue: record.cue.clone(),
            stance: prep.stance,
            kind: prep.kind,
            text: record.text.clone(),
            said,
            when,
            via,
            about,
            quantities: record
                .quantities
                .iter()
                .map(|q| Quantity {
                    value: q.value,
                    unit: q.unit.clone(),
                    text: q.text.clone(),
                    approximate: q.approximate,
                })
                .collect(),
            links,
            provenance: match (record.sentence, record.span) {
                (Some(sentence), Some(span)) => Some(Provenance { sentence, span }),
                _ => None,
            },
            said_basis: prep.said_basis,
            mentions: Mentions {
                cue: record.cue_span,
                speaker: record.speaker_span,
                content: record.content_span.clone(),
            },
        })
    }

    /// The links a claim record names (responds_to, denies, supports), each once; a link
    /// to a stored claim is also indexed under that claim's speaker.
    fn claim_links(
        &mut self,
        record: &ClaimRecord,
        stance: Stance,
        claim_id: ClaimId,
        article_id: &str,
    ) -> Result<Vec<ClaimLink>, IngestError> {
        let mut links = Vec::new();
        let response_kind = LinkKind::from_response(stance);
        let targets = record
            .responds_to
            .iter()
            .map(|t| (response_kind, t))
            .chain(record.denies.iter().map(|t| (LinkKind::Denies, t)))
            .chain(record.supports.iter().map(|t| (LinkKind::Supports, t)));
        for (kind, target) in targets {
            if links
                .iter()
                .any(|l: &ClaimLink| l.target == *target && l.kind == kind)
            {
                continue;
            }
            // An earlier claim of the same article is not in `pending.ids` yet.
            let same_article = target
                .strip_prefix(article_id)
                .and_then(|rest| rest.strip_prefix('#'))
                .and_then(|n| n.parse::<u16>().ok())
                .filter(|&n| usize::from(n) < claim_id.index())
                .map(|n| ClaimId::new(claim_id.article(), n));
            let target_id = match same_article {
                Some(id) => Some(id),
                None => self.resolve_claim(target)?,
            };
            if let Some(target_id) = target_id {
                if let Some(target_speaker) = self.speaker_of_claim(target_id)? {
                    self.buffered.entries += 1;
                    self.buffered
                        .links
                        .entry(target_speaker)
                        .or_default()
                        .push(LinkPosting {
                            target: target_id,
                            source: claim_id,
                            kind,
                        });
                }
            }
            links.push(ClaimLink {
                kind,
                target: target.clone(),
                target_id,
            });
        }
        Ok(links)
    }

    /// Adds a claim's entries to the chunk's runs: by speaker, said month, topic and relay
    /// (keyed on the said time), event month (its `when`) and published month.
    #[allow(clippy::too_many_arguments)]
    fn index_claim(
        &mut self,
        claim_id: ClaimId,
        cover: Cover,
        said: Option<&TimePoint>,
        about: &[TopicId],
        via: &[ActorId],
        when: Option<&TimeSpan>,
        published: Option<&TimePoint>,
    ) {
        let said_posting = Posting::at_point(said, claim_id, cover);
        self.push_posting(space::BY_SPEAKER, cover.speaker, said_posting);
        self.push_posting(space::BY_SAID, keys::month_bucket(said), said_posting);
        for &topic in about {
            self.push_posting(space::BY_TOPIC, topic, said_posting);
        }
        for &relay in via {
            self.push_posting(space::BY_VIA, relay, said_posting);
        }
        if let Some(span) = when {
            let posting = Posting::at_span(Some(span), claim_id, cover);
            let bucket =
                if posting.is_anchored() && posting.end - posting.start > keys::MAX_BUCKETED_SECS {
                    keys::LONG_SPANS
                } else {
                    keys::month_bucket(span.start.as_ref().or(span.end.as_ref()))
                };
            self.push_posting(space::BY_EVENT, bucket, posting);
        }
        let published_posting = Posting::at_point(published, claim_id, cover);
        self.push_posting(
            space::BY_PUBLISHED,
            keys::month_bucket(published),
            published_posting,
        );
    }

    fn push_posting(&mut self, space: u8, term: u64, posting: Posting) {
        self.buffered.entries += 1;
        self.buffered
            .postings
            .entry((space, term))
            .or_default()
            .push(posting);
    }

    fn ingested_at(&self) -> i64 {
        self.options
            .ingested_at
            .unwrap_or_else(|| chrono::Utc::now().timestamp())
    }

    /// Finds a claim by external id: in this chunk, by the `<article id>#<n>` convention, or
    /// in the explicit id keyspace. Unknown ids stay dangling (the format allows it).
    fn resolve_claim(&self, external: &str) -> Result<Option<ClaimId>, StoreError> {
        if let Some((_, id)) = self.pending.xids.iter().find(|(x, _)| x == external) {
            return Ok(Some(*id));
        }
        if let Some(id) = self.store.claim_by_explicit_id_written(external)? {
            return Ok(Some(id));
        }
        if let Some((article, index)) = external.rsplit_once('#') {
            if let Some(&(seq, count, _)) = self.pending.ids.get(article) {
                return Ok(index
                    .parse::<usize>()
                    .ok()
                    .filter(|&i| i < count)
                    .map(|i| ClaimId::new(seq, i as u16)));
            }
        }
        self.store.claim_by_conventional_id_written(external)
    }

    fn speaker_of_claim(&mut self, id: ClaimId) -> Result<Option<ActorId>, StoreError> {
        if let Some(&s) = self.speaker_of.get(&id) {
            return Ok(Some(s));
        }
        let speaker = self
            .store
            .article_doc_written(id.article())?
            .and_then(|doc| doc.claims.get(id.index()).map(|c| c.speaker));
        if let Some(s) = speaker {
            self.speaker_of.insert(id, s);
        }
        Ok(speaker)
    }

    fn alias_ids(&mut self, folded: &str) -> &mut Vec<ActorId> {
        if !self.aliases.contains_key(folded) {
            self.aliases.insert(folded.to_string(), Vec::new());
        }
        self.aliases.entry(folded.to_string()).or_default()
    }

    /// The actor a name stands for, created if new.
    fn actor_id(&mut self, name: &str) -> Result<ActorId, IngestError> {
        if let Some(&id) = self.seen_actor_names.get(name) {
            return Ok(id);
        }
        let id = self.intern_actor(name)?;
        self.seen_actor_names.insert(name.to_string(), id);
        Ok(id)
    }

    /// Identity is the exact name (`names::identity`: case, NFC, `_` and spacing aside) or
    /// an explicit alias; the folded form only indexes lookups, so names that differ in
    /// diacritics ("Thanh", "Thành") stay different actors.
    fn intern_actor(&mut self, name: &str) -> Result<ActorId, IngestError> {
        let display = names::display(name);
        if names::fold(&display).is_empty() {
            return Err(IngestError::Invalid(format!(
                "actor name '{name}' has no letters or digits"
            )));
        }
        let key = names::identity(&display);
        if let Some(&id) = self.identities.get(&key) {
            return Ok(id);
        }
        let id = self.counters.next_actor;
        self.counters.next_actor += 1;
        let actor = Actor {
            id,
            // The record's actor entries say what kind it is (extraction's enrichment
            // fills them); a name no entry describes stays unknown.
            kind: ActorKind::Unknown,
            aliases: vec![display.clone()],
            name: display,
            role: None,
            member_of: Vec::new(),
        };
        let aliases = actor.aliases.clone();
        self.actors.insert(id, actor);
        for alias in &aliases {
            self.index_alias(alias, id);
        }
        self.pending.dirty_actors.insert(id);
        self.pending.created_actors.insert(id);
        Ok(id)
    }

    fn load_actor(&mut self, id: ActorId) -> Result<&mut Actor, IngestError> {
        if !self.actors.contains_key(&id) {
            let actor = self.store.actor(id)?.ok_or_else(|| {
                self.store
                    .corrupt(format!("alias points at missing actor {id}"))
            })?;
            self.actors.insert(id, actor);
        }
        self.actors
            .get_mut(&id)
            .ok_or_else(|| IngestError::Store(self.store.corrupt("actor cache")))
    }

    fn merge_actor(&mut self, record: &ActorRecord) -> Result<(), IngestError> {
        let id = self.actor_id(&record.name)?;
        let created = self.pending.created_actors.contains(&id);
        let kind = match &record.kind {
            Some(k) => Some(
                k.parse::<ActorKind>()
                    .map_err(|e| IngestError::Invalid(format!("actor '{}': {e}", record.name)))?,
            ),
            None => None,
        };
        let mut orgs = Vec::new();
        for org in &record.member_of {
            orgs.push(self.actor_id(org)?);
        }
        let mut new_aliases = Vec::new();
        let actor = self.load_actor(id)?;
        let before = actor.clone();
        // A kind is settled by the first record that describes the actor; later records
        // refine only an unknown one, so one article's guess never flips another's.
        if let Some(kind) = kind {
            if created || actor.kind == ActorKind::Unknown {
                actor.kind = kind;
            }
        }
        if actor.role.is_none() {
            actor.role = record.role.clone();
        }
        for org in orgs {
            if org != id && !actor.member_of.contains(&org) {
                actor.member_of.push(org);
            }
        }
        let aliases_before = actor.aliases.len();
        for alias in &record.aliases {
            add_alias(actor, alias);
        }
        new_aliases.extend(actor.aliases[aliases_before..].iter().cloned());
        let changed = *actor != before;
        let members: Vec<ActorId> = actor.member_of.clone();
        if changed {
            self.pending.dirty_actors.insert(id);
            for org in members {
                self.pending.members.push((org, id));
            }
        }
        for alias in new_aliases {
            self.index_alias(&alias, id);
        }
        Ok(())
    }

    /// Makes `alias` a name of actor `id`: its identity key, unless another actor already
    /// goes by it (the first keeps it), and always a lookup candidate under its folded form.
    fn index_alias(&mut self, alias: &str, id: ActorId) {
        let key = names::identity(alias);
        if !key.is_empty() && !self.identities.contains_key(&key) {
            self.identities.insert(key.clone(), id);
            self.pending.new_identities.push((key, id));
        }
        let folded = names::fold(alias);
        if folded.is_empty() {
            return;
        }
        let ids = self.alias_ids(&folded);
        if !ids.contains(&id) {
            ids.push(id);
            self.pending.dirty_aliases.insert(folded);
        }
    }

    fn topic_id(&mut self, name: &str) -> Result<TopicId, StoreError> {
        if let Some(&id) = self.seen_topic_names.get(name) {
            return Ok(id);
        }
        let id = self.intern_topic(name);
        self.seen_topic_names.insert(name.to_string(), id);
        Ok(id)
    }

    fn intern_topic(&mut self, name: &str) -> TopicId {
        let display = names::display(name);
        let folded = names::fold(&display);
        if let Some(&id) = self.topics.get(&folded) {
            return id;
        }
        let id = self.counters.next_topic;
        self.counters.next_topic += 1;
        self.pending.new_topics.push((id, display, folded.clone()));
        self.topics.insert(folded, id);
        id
    }

    /// Writes the queued articles, their ids and the names they touch as one atomic batch.
    /// Their index entries stay in memory until the next [`Ingester::commit`]; until then
    /// readers do not see these articles (`Visible` in `lib.rs`).
    fn write_chunk(&mut self) -> Result<(), StoreError> {
        if self.pending.docs.is_empty() {
            return Ok(());
        }
        let mut pending = std::mem::take(&mut self.pending);
        let chunk = self.counters.next_chunk;
        self.counters.next_chunk += 1;
        self.counters.articles += pending.docs.len() as u64;
        self.counters.claims += pending.claims;

        let mut batch = CountingBatch::default();
        let first_article = pending.docs.first().map(|d| d.seq).unwrap_or_default();
        let ingested_at = pending
            .docs
            .first()
            .map(|d| d.ingested_at)
            .unwrap_or_default();
        let articles = pending.docs.len() as u64;
        self.write_articles(&mut batch, std::mem::take(&mut pending.docs), first_article)?;
        for (xid, claim) in &pending.xids {
            batch.insert(keys::claim_xid(xid), claim.0.to_be_bytes());
        }
        batch.insert(keys::hashes(chunk), codec::encode(&pending.hashes)?);
        self.write_names(&mut batch, &pending)?;
        let meta = ChunkMeta {
            first_article,
            articles,
            claims: pending.claims,
            ingested_at,
        };
        batch.insert(keys::chunk(chunk), codec::encode(&meta)?);
        // Ids handed out so far, so that names written before a crash keep theirs.
        batch.insert(
            keys::meta(super::commit::ALLOCATED),
            codec::encode(&self.counters)?,
        );
        self.uncommitted = true;
        self.apply(batch)?;
        self.buffered.articles += articles;
        self.buffered.claims += pending.claims;
        self.buffered.chunks += 1;
        // Bound the memory of very long ingests; older speakers are re-read when linked to.
        if self.speaker_of.len() > SPEAKER_CACHE_LIMIT {
            self.speaker_of.clear();
        }
        Ok(())
    }

    /// Adds the queued articles to their blocks. A block begun by an earlier chunk is
    /// rewritten whole, in this batch, without anything an interrupted ingest left in it
    /// at or after `first` (articles that were never committed).
    fn write_articles(
        &mut self,
        batch: &mut CountingBatch,
        docs: Vec<QueuedArticle>,
        first: ArticleSeq,
    ) -> Result<(), StoreError> {
        let mut blocks: BTreeMap<u64, ArticleBlock> = BTreeMap::new();
        for queued in docs {
            let seq = queued.seq;
            let block_no = keys::block_of(seq);
            let block = match blocks.entry(block_no) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let mut block = self.store.article_block(block_no)?.unwrap_or_default();
                    block.articles.retain(|a| a.seq < first);
                    e.insert(block)
                }
            };
            block.articles.push(queued.entry);
            batch.insert(keys::article_id(&queued.id), seq.to_be_bytes());
            if let Some(text) = queued.text {
                batch.insert(keys::text(seq), text.as_bytes());
            }
        }
        for (block_no, block) in &blocks {
            batch.insert(keys::article_block(*block_no), codec::encode(block)?);
        }
        Ok(())
    }

    /// Adds the actors, aliases, identities, topics and memberships a chunk changed.
    fn write_names(&self, batch: &mut CountingBatch, pending: &Pending) -> Result<(), StoreError> {
        for id in &pending.dirty_actors {
            if let Some(actor) = self.actors.get(id) {
                batch.insert(keys::actor(*id), codec::encode(actor)?);
            }
        }
        for folded in &pending.dirty_aliases {
            if let Some(ids) = self.aliases.get(folded) {
                batch.insert(keys::alias(folded), codec::encode(ids)?);
            }
        }
        for (key, id) in &pending.new_identities {
            batch.insert(keys::identity(key), id.to_be_bytes());
        }
        for (id, display, folded) in &pending.new_topics {
            batch.insert(keys::topic(*id), codec::encode(display)?);
            batch.insert(keys::topic_name(folded), id.to_be_bytes());
        }
        for (org, member) in &pending.members {
            batch.insert(keys::member(*org, *member), []);
        }
        Ok(())
    }

    /// Applies one batch after checking the disk has room for it; a full disk is reported
    /// with the articles committed so far.
    fn apply(&mut self, batch: CountingBatch) -> Result<(), StoreError> {
        self.summary.keys += batch.keys;
        let written = self.store.ensure_room(batch.bytes).and_then(|()| {
            self.store
                .kv()
                .apply(batch.batch)
                .map_err(|e| self.store.kv_error(e))
        });
        self.store.forget_blocks();
        written.map_err(|e| self.with_committed_count(e))
    }

    /// A full disk error with the articles this ingest committed.
    fn with_committed_count(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::DiskFull { path, .. } => StoreError::DiskFull {
                path,
                stored: Some(self.summary.articles),
            },
            other => other,
        }
    }

    /// Writes what is queued, then the buffered index entries (one run per term, in
    /// batches of at most `chunk_keys` keys), then commits: one small batch writes the
    /// counters, which is what makes the chunks visible, and is flushed. A crash before
    /// it leaves the runs and articles beyond the committed counters, unseen by readers
    /// and removed by the next ingest ([`Store::recover_interrupted`]).
    fn commit(&mut self) -> Result<(), StoreError> {
        self.write_chunk()?;
        if !self.uncommitted {
            return Ok(());
        }
        let buffered = std::mem::take(&mut self.buffered);
        // Keyed on the last chunk written: committed runs always sort below it.
        let run_chunk = self.counters.next_chunk.saturating_sub(1);
        let written = self.write_runs(buffered.postings, buffered.links, run_chunk)?;
        let mut batch = CountingBatch::default();
        batch.insert(keys::meta("counters"), codec::encode(&self.counters)?);
        batch.batch.remove(keys::meta(super::commit::ALLOCATED));
        self.apply(batch)?;
        self.store
            .flush()
            .map_err(|e| self.with_committed_count(e))?;
        self.store.publish(&self.counters);
        self.uncommitted = false;
        self.summary.articles += buffered.articles;
        self.summary.claims += buffered.claims;
        self.summary.chunks += buffered.chunks;
        // Merges are atomic per term and made durable with the next commit (or `finish`).
        self.merge_runs(written)
            .map_err(|e| self.with_committed_count(e))
    }

    /// Writes one run per buffered term under `chunk`, in batches of bounded keys.
    fn write_runs(
        &mut self,
        postings: BTreeMap<(u8, u64), Vec<Posting>>,
        links: BTreeMap<u64, Vec<LinkPosting>>,
        chunk: u64,
    ) -> Result<Vec<WrittenRun>, StoreError> {
        let mut written = Vec::with_capacity(postings.len() + links.len());
        let mut batch = CountingBatch::default();
        for ((space, term), mut run) in postings {
            run.sort_unstable();
            batch.insert(
                keys::posting(space, term, chunk),
                Posting::encode_run(&run)?,
            );
            written.push(((space, term), chunk, run.len() as u64));
            if batch.keys as usize >= self.options.chunk_keys.max(1) {
                self.apply(std::mem::take(&mut batch))?;
            }
        }
        for (speaker, mut run) in links {
            run.sort_unstable();
            let space = space::LINKS_TO_SPEAKER;
            batch.insert(keys::posting(space, speaker, chunk), codec::encode(&run)?);
            written.push(((space, speaker), chunk, run.len() as u64));
            if batch.keys as usize >= self.options.chunk_keys.max(1) {
                self.apply(std::mem::take(&mut batch))?;
            }
        }
        if batch.keys > 0 {
            self.apply(batch)?;
        }
        Ok(written)
    }

    /// Records the runs a commit wrote and merges the newest runs of every term that now
    /// has too many (`compact::runs_to_merge`), one atomic batch per term.
    fn merge_runs(&mut self, written: Vec<WrittenRun>) -> Result<(), StoreError> {
        for (term, chunk, entries) in written {
            let runs = match self.runs.entry(term) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let runs = e.into_mut();
                    runs.push((chunk, entries));
                    runs
                }
                // First write of this term by this ingest: its runs as stored, this
                // commit's included.
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(self.store.stored_runs(term.0, term.1)?)
                }
            };
            let sizes: Vec<u64> = runs.iter().map(|&(_, n)| n).collect();
            let Some(start) = super::compact::runs_to_merge(&sizes) else {
                continue;
            };
            let chunks: Vec<u64> = runs[start..].iter().map(|&(c, _)| c).collect();
            let merged = self.store.merge_runs(term.0, term.1, &chunks)?;
            let last = chunks.last().copied().unwrap_or(chunk);
            runs.truncate(start);
            runs.push((last, merged));
            self.summary.runs_merged += chunks.len() as u64;
        }
        Ok(())
    }
}

/// A run a commit wrote: ((keyspace, term), chunk it is keyed on, entries).
type WrittenRun = ((u8, u64), u64, u64);

/// A key-value batch that counts its keys and bytes (the engine's batch does not say).
#[derive(Default)]
struct CountingBatch {
    batch: kv::Batch,
    keys: u64,
    bytes: u64,
}

impl CountingBatch {
    fn insert<K: AsRef<[u8]>, V: AsRef<[u8]>>(&mut self, key: K, value: V) {
        self.keys += 1;
        self.bytes += (key.as_ref().len() + value.as_ref().len()) as u64;
        self.batch.put(key, value);
    }
}

/// Adds an alias unless the actor already goes by the same name (by identity key, so an
/// alias differing in diacritics is a name of its own).
fn add_alias(actor: &mut Actor, alias: &str) {
    let display = names::display(alias);
    let key = names::identity(&display);
    if !names::fold(&display).is_empty() && !actor.aliases.iter().any(|a| names::identity(a) == key)
    {
        actor.aliases.push(display);
    }
}

/// Speakers of claims an ingest remembers (a few MB at most).
const SPEAKER_CACHE_LIMIT: usize = 1 << 18;

/// Checks everything that can be wrong with a record before anything is interned.
fn prepare(mut record: ArticleRecord) -> Result<Prepared, IngestError> {
    let invalid = |msg: String| IngestError::Invalid(msg);
    if record.article.id.trim().is_empty() {
        return Err(invalid("article.id is empty".into()));
    }
    if record.claims.len() > ClaimId::MAX_PER_ARTICLE {
        return Err(invalid(format!(
            "article has {} claims; at most {} are supported",
            record.claims.len(),
            ClaimId::MAX_PER_ARTICLE
        )));
    }
    let published = parse_time(record.article.published.as_deref(), "article.published")?;
    let mut seen = HashSet::new();
    let mut claims = Vec::with_capacity(record.claims.len());
    for (i, claim) in record.claims.iter().enumerate() {
        let at = |field: &str| format!("claims[{i}].{field}");
        if claim.id.trim().is_empty() {
            return Err(invalid(format!("{} is empty", at("id"))));
        }
        if !seen.insert(claim.id.as_str()) {
            return Err(invalid(format!(
                "{} '{}' appears twice in the article",
                at("id"),
                claim.id
            )));
        }
        if names::fold(&claim.speaker).is_empty() {
            return Err(invalid(format!("{} is empty", at("speaker"))));
        }
        let stance = claim
            .stance
            .parse::<Stance>()
            .map_err(|e| invalid(format!("{}: {e}", at("stance"))))?;
        let kind = match &claim.kind {
            Some(k) => k
                .parse::<ClaimKind>()
                .map_err(|e| invalid(format!("{}: {e}", at("kind"))))?,
            None => ClaimKind::Reported,
        };
        let said = parse_time(claim.said.as_deref(), &at("said"))?;
        let said_basis = claim
            .said_basis
            .as_deref()
            .map(str::parse::<SaidBasis>)
            .transpose()
            .map_err(|e| invalid(format!("{}: {e}", at("said_basis"))))?;
        let spans = [
            ("cue_span", claim.cue_span),
            ("speaker_span", claim.speaker_span),
        ]
        .into_iter()
        .filter_map(|(name, span)| span.map(|s| (name, s)))
        .chain(claim.content_span.iter().map(|s| ("content_span", *s)));
        for (name, span) in spans {
            if span[0] > span[1] {
                return Err(invalid(format!(
                    "{} {:?} ends before it starts",
                    at(name),
                    span
                )));
            }
        }
        let when = match &claim.when {
            Some(w) => {
                let start = parse_time(w.start.as_deref(), &at("when.start"))?;
                let end = parse_time(w.end.as_deref(), &at("when.end"))?;
                (start.is_some() || end.is_some()).then_some(TimeSpan { start, end })
            }
            None => None,
        };
        for q in &claim.quantities {
            if !q.value.is_finite() {
                return Err(invalid(format!(
                    "{} is not a finite number",
                    at("quantities.value")
                )));
            }
        }
        if let (Some(span), Some(text)) = (claim.span, record.article.text.as_deref()) {
            let (start, end) = (span[0] as usize, span[1] as usize);
            if start > end
                || end > text.len()
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                return Err(invalid(format!(
                    "{} {:?} is not a span of the article text",
                    at("span"),
                    span
                )));
            }
        }
        claims.push(PreparedClaim {
            stance,
            said_basis,
            kind,
            said,
            when,
        });
    }
    let hash = content_hash(&mut record)?;
    let legacy_hash = legacy_content_hash(&record);
    Ok(Prepared {
        record,
        published,
        claims,
        hash,
        legacy_hash,
    })
}

/// The identity of an article's content, independent of the ids it was given: the
/// canonical serialization of the whole record (serde's field order, JSON) with the
/// article id and the claim ids left out, so every field stored, and every field added
/// later, is covered by construction. The ids are taken out and put back, not cloned.
fn content_hash(record: &mut ArticleRecord) -> Result<[u8; 32], IngestError> {
    let article_id = std::mem::take(&mut record.article.id);
    let claim_ids: Vec<String> = record
        .claims
        .iter_mut()
        .map(|c| std::mem::take(&mut c.id))
        .collect();
    let bytes = serde_json::to_vec(&*record);
    record.article.id = article_id;
    for (claim, id) in record.claims.iter_mut().zip(claim_ids) {
        claim.id = id;
    }
    let bytes = bytes.map_err(|e| IngestError::Invalid(format!("record cannot be hashed: {e}")))?;
    Ok(Sha256::digest(&bytes).into())
}

/// The content hash of format 1 (text, or metadata and some claim fields), kept only to
/// recognise articles of stores migrated from it: it leaves out `about`, `via`, `when`,
/// `quantities`, `responds_to` and `lang`, so new stores never use it.
fn legacy_content_hash(record: &ArticleRecord) -> [u8; 32] {
    let mut hasher = Sha256::new();
    let mut field = |s: Option<&str>| {
        let s = s.unwrap_or("\u{0}");
        hasher.update((s.len() as u64).to_le_bytes());
        hasher.update(s.as_bytes());
    };
    let a = &record.article;
    match &a.text {
        Some(text) => field(Some(text)),
        None => {
            for s in [&a.title, &a.publisher, &a.author, &a.published] {
                field(s.as_deref());
            }
            for c in &record.claims {
                for s in [
                    Some(&c.speaker),
                    c.cue.as_ref(),
                    Some(&c.stance),
                    Some(&c.text),
                    c.said.as_ref(),
                ] {
                    field(s.map(String::as_str));
                }
            }
        }
    }
    hasher.finalize().into()
}

fn parse_time(value: Option<&str>, field: &str) -> Result<Option<TimePoint>, IngestError> {
    match value {
        None => Ok(None),
        Some(s) if s.trim().is_empty() => Ok(None),
        Some(s) => TimePoint::parse(s)
            .map(Some)
            .map_err(|e| IngestError::Invalid(format!("{field}: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str) -> ArticleRecord {
        serde_json::from_value(serde_json::json!({
            "article": {"id": id, "publisher": "Outlet", "published": "2016-12-12", "lang": "en"},
            "claims": [{"id": format!("{id}#0"), "speaker": "Russia", "cue": "said", "stance": "assert",
                        "text": "the claim", "said": "2016-12-12", "about": ["Aleppo"], "via": ["RIA"],
                        "when": {"start": "2016-12-01"}, "quantities": [{"value": 3.0, "text": "three"}],
                        "responds_to": ["x#0"]}]
        }))
        .unwrap()
    }

    #[test]
    fn chunks_not_committed_are_unseen_and_the_next_ingest_replaces_them() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let options = IngestOptions {
            chunk_articles: 1,
            ..IngestOptions::default()
        };
        let mut ing = store.ingester(options.clone()).unwrap();
        ing.add(record("a")).unwrap();
        ing.write_chunk().unwrap();
        // Dropped before its commit, as a crash would leave it.
        drop(ing);
        assert!(store.kv().get(keys::article_id("a")).unwrap().is_some());
        assert_eq!(store.article_seq("a").unwrap(), None);
        assert_eq!(store.articles().count(), 0);
        assert!(store.chunks().unwrap().is_empty());
        let russia = store.resolve_actor("russia").unwrap();
        let mut entries = Vec::new();
        for actor in &russia {
            store
                .scan_term(crate::Term::Speaker(actor.id), &mut entries)
                .unwrap();
        }
        assert!(entries.is_empty(), "{entries:?}");

        let mut ing = store.ingester(options).unwrap();
        ing.add(record("c")).unwrap();
        let summary = ing.finish().unwrap();
        assert_eq!(summary.articles, 1);
        // The interrupted ingest's id key is gone; its sequence number went to "c".
        assert!(store.kv().get(keys::article_id("a")).unwrap().is_none());
        let seq = store.article_seq("c").unwrap();
        assert_eq!(seq, Some(0));
        assert_eq!(store.articles().count(), 1);
        assert!(store
            .kv()
            .get(keys::meta(super::super::commit::ALLOCATED))
            .unwrap()
            .is_none());
    }

    /// Each variant differs from `record` in one field the old hash left out.
    fn variants() -> Vec<(&'static str, ArticleRecord)> {
        let mut out = Vec::new();
        let mut r = record("about");
        r.claims[0].about = vec!["Mosul".into()];
        out.push(("about", r));
        let mut r = record("via");
        r.claims[0].via = vec!["TASS".into()];
        out.push(("via", r));
        let mut r = record("when");
        r.claims[0].when =
            serde_json::from_value(serde_json::json!({"start": "2016-11-01"})).unwrap();
        out.push(("when", r));
        let mut r = record("quantities");
        r.claims[0].quantities[0].value = 4.0;
        out.push(("quantities", r));
        let mut r = record("responds_to");
        r.claims[0].responds_to = vec!["y#0".into()];
        out.push(("responds_to", r));
        let mut r = record("lang");
        r.article.lang = Some("vi".into());
        out.push(("lang", r));
        out
    }

    #[test]
    fn records_differing_only_in_a_field_the_old_hash_left_out_are_both_stored() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut ing = store.ingester(IngestOptions::default()).unwrap();
        assert!(matches!(
            ing.add(record("base")).unwrap(),
            IngestOutcome::Stored { .. }
        ));
        for (field, r) in variants() {
            let outcome = ing.add(r).unwrap();
            assert!(
                matches!(outcome, IngestOutcome::Stored { .. }),
                "differing only in {field}: {outcome:?}"
            );
        }
        // The same content under another id is still one article.
        assert!(matches!(
            ing.add(record("base-copy")).unwrap(),
            IngestOutcome::Duplicate { .. }
        ));
        let summary = ing.finish().unwrap();
        assert_eq!(summary.articles, 7);
        assert_eq!(summary.duplicates, 1);
    }

    #[test]
    fn a_stored_id_with_different_content_is_a_conflict_and_with_the_same_a_duplicate() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut ing = store.ingester(IngestOptions::default()).unwrap();
        ing.add(record("a")).unwrap();
        // Queued in this chunk, then stored by an earlier ingest: both are checked.
        let mut changed = record("a");
        changed.claims[0].about = vec!["Mosul".into()];
        assert!(matches!(ing.add(changed.clone()), Err(IngestError::Conflict { id }) if id == "a"));
        assert!(matches!(
            ing.add(record("a")).unwrap(),
            IngestOutcome::Duplicate { .. }
        ));
        ing.finish().unwrap();
        let mut ing = store.ingester(IngestOptions::default()).unwrap();
        let err = ing.add(changed).unwrap_err();
        assert_eq!(
            err.to_string(),
            "article a is already stored with different content; not stored"
        );
        assert!(matches!(
            ing.add(record("a")).unwrap(),
            IngestOutcome::Duplicate { .. }
        ));
        let summary = ing.finish().unwrap();
        assert_eq!(summary.conflicts, vec!["a".to_string()]);
        assert_eq!((summary.articles, summary.duplicates), (0, 1));
    }
}
