//! GraphML and graph JSON of a claim set too large to hold in memory (a whole store),
//! written while the claims stream in, with memory that does not grow with the number of
//! claims or articles.
//!
//! The graph is the one [`ClaimGraph::from_claims`](crate::graph::ClaimGraph::from_claims)
//! builds (same nodes, attributes and edges; `tests/library/export_graph_stream.rs` checks it), but
//! nothing is kept per claim or per article once its article is written:
//!
//! - Claims come **grouped by article, in ascending article order** (the store's order).
//!   The writer holds one article's claims at a time: the article node, its outlet edge and
//!   its unnamed voices (one per name per article) are settled within it.
//! - Ids that can be computed need no memory: a claim's node id is its store claim id
//!   (`c12.0`: article 12, claim 0) and an article's is `r` and its sequence number, so a
//!   link can name its target without remembering it. Actors, outlets, topics, times and
//!   external stubs are numbered in order of first appearance (`a0`, `o0`, `t0`, `d0`,
//!   `x0`); their dictionaries grow with the number of distinct names, days and unresolved
//!   link targets, not with claims.
//! - A link to a claim of an earlier article is drawn to it at once when `contains` says
//!   that claim is in the stream (a whole store contains every claim, and ingest only
//!   resolves links to claims stored before them). A link to a later article waits until
//!   that article has been written (or passed: then it goes to a stub); only such forward
//!   links are held.
//! - Membership edges are written at the end, from [`GraphContext::member_of`].
//!
//! GraphML allows nodes and edges in any order inside `<graph>`, so it is written in one
//! pass, each edge after both of its ends. Graph JSON has every node before every edge, so
//! it takes two passes over the same claims: the first writes the nodes, the second
//! (rebuilding the same numbering) the edges. The caller's `claims` closure is therefore
//! called once for GraphML and twice for JSON, and must give the same claims each time.
//!
//! One difference from the in-memory graph: a node is written when it first appears, so an
//! actor first seen as a relay keeps the kind [`GraphContext::actor_kinds`] gives it (none if
//! it gives none) instead of learning its kind from a later claim it speaks. With the whole
//! store's actors in the context every actor has its kind.

use super::{graphml, json, ExportError};
use crate::graph::{claim_node, day_of, Edge, GraphContext, Node};
use claimgraph_model::names::fold;
use claimgraph_model::{ActorKind, ClaimId, ClaimView, LinkKind, TimeSpan};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::Write;

/// The data formats that stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamFormat {
    /// GraphML, one pass.
    Graphml,
    /// Graph JSON, two passes (nodes, then edges).
    Json,
}

/// What a streamed export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamStats {
    /// Claims taken from the source (in one pass).
    pub claims: usize,
    /// Nodes written, claim nodes and stubs included.
    pub nodes: usize,
    /// Edges written.
    pub edges: usize,
    /// Stub nodes for link targets outside the stream.
    pub external: usize,
}

/// Writes the graph of the claims `claims` hands to its sink, as GraphML or graph JSON.
///
/// `claims` is called once per pass (once for GraphML, twice for JSON) with a sink taking
/// one claim at a time; it must give the same claims, grouped by article in ascending
/// article order, each time (a claim of a smaller article than the one before is an
/// error). `contains` says whether a claim of an earlier article is in the stream (for a
/// whole store: always). Errors of the caller's source pass through as `E`.
pub fn write_graph_stream<E>(
    format: StreamFormat,
    ctx: &GraphContext,
    contains: &dyn Fn(ClaimId) -> bool,
    mut claims: impl FnMut(&mut dyn FnMut(ClaimView) -> Result<(), ExportError>) -> Result<(), E>,
    out: &mut dyn Write,
) -> Result<StreamStats, E>
where
    E: From<ExportError>,
{
    match format {
        StreamFormat::Graphml => {
            graphml::write_head(out)?;
            let mut b = Builder::new(format, Pass::All, ctx, contains);
            claims(&mut |c| b.push(c, out))?;
            b.finish(out)?;
            graphml::write_tail(out)?;
            Ok(b.stats)
        }
        StreamFormat::Json => {
            json::write_nodes_head(out)?;
            let first = {
                let mut nodes = Builder::new(format, Pass::Nodes, ctx, contains);
                claims(&mut |c| nodes.push(c, out))?;
                nodes.finish(out)?;
                nodes.stats
            };
            json::write_edges_head(out)?;
            let mut edges = Builder::new(format, Pass::Edges, ctx, contains);
            claims(&mut |c| edges.push(c, out))?;
            edges.finish(out)?;
            // The second pass numbers nodes as the first did only if it saw the same claims.
            if first != edges.stats {
                return Err(ExportError::SourceChanged.into());
            }
            json::write_tail(out)?;
            Ok(edges.stats)
        }
    }
}

/// What one pass writes: GraphML writes everything at once, JSON nodes then edges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    All,
    Nodes,
    Edges,
}

/// A node id, computed (claims, articles) or numbered in order of first appearance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Id {
    Claim(ClaimId),
    Article(u64),
    Actor(u64),
    Outlet(u64),
    Topic(u64),
    Time(u64),
    External(u64),
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // `c{article}.{index}`, the claim id as the CLI shows it.
            Id::Claim(id) => write!(f, "{id}"),
            Id::Article(seq) => write!(f, "r{seq}"),
            Id::Actor(n) => write!(f, "a{n}"),
            Id::Outlet(n) => write!(f, "o{n}"),
            Id::Topic(n) => write!(f, "t{n}"),
            Id::Time(n) => write!(f, "d{n}"),
            Id::External(n) => write!(f, "x{n}"),
        }
    }
}

/// A link to a claim of a later article, waiting for that article.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Forward {
    source: ClaimId,
    target: ClaimId,
    kind: LinkKind,
    /// The target's external id, for the stub if the target never comes.
    external: String,
}

/// The state of one pass.
struct Builder<'c> {
    format: StreamFormat,
    pass: Pass,
    ctx: &'c GraphContext,
    contains: &'c dyn Fn(ClaimId) -> bool,
    /// Actor kinds by folded name, from the context.
    kinds: HashMap<String, ActorKind>,
    actors: HashMap<String, Id>,
    outlets: HashMap<String, Id>,
    topics: HashMap<String, Id>,
    times: HashMap<String, Id>,
    externals: HashMap<String, Id>,
    next_actor: u64,
    /// The claims of the article being read.
    article: Vec<ClaimView>,
    /// The article most recently written.
    last_article: Option<u64>,
    /// Links to later articles, by target article.
    forward: BTreeMap<u64, Vec<Forward>>,
    stats: StreamStats,
}

impl<'c> Builder<'c> {
    fn new(
        format: StreamFormat,
        pass: Pass,
        ctx: &'c GraphContext,
        contains: &'c dyn Fn(ClaimId) -> bool,
    ) -> Builder<'c> {
        Builder {
            format,
            pass,
            ctx,
            contains,
            kinds: ctx
                .actor_kinds
                .iter()
                .map(|(name, kind)| (fold(name), *kind))
                .collect(),
            actors: HashMap::new(),
            outlets: HashMap::new(),
            topics: HashMap::new(),
            times: HashMap::new(),
            externals: HashMap::new(),
            next_actor: 0,
            article: Vec::new(),
            last_article: None,
            forward: BTreeMap::new(),
            stats: StreamStats::default(),
        }
    }

    /// Takes one claim; writes the previous article when this one starts a new one.
    fn push(&mut self, claim: ClaimView, out: &mut dyn Write) -> Result<(), ExportError> {
        if let Some(current) = self.article.first().map(|c| c.article_seq) {
            if claim.article_seq != current {
                self.write_article(out)?;
            }
        }
        let before = self
            .last_article
            .or(self.article.first().map(|c| c.article_seq));
        if before.is_some_and(|last| claim.article_seq < last) {
            return Err(ExportError::NotInArticleOrder {
                claim: claim.id.to_string(),
            });
        }
        self.article.push(claim);
        Ok(())
    }

    /// Writes the last article, the links still waiting (as stubs) and the memberships.
    fn finish(&mut self, out: &mut dyn Write) -> Result<(), ExportError> {
        self.write_article(out)?;
        self.settle_forward(u64::MAX, &[], out)?;
        let mut drawn: HashSet<(Id, Id)> = HashSet::new();
        let ctx = self.ctx;
        for (member, org) in &ctx.member_of {
            let Some(&m) = self.actors.get(&fold(member)) else {
                continue;
            };
            let kind = self.kinds.get(&fold(org)).copied();
            let o = self.actor(org, kind, out)?;
            if m != o && drawn.insert((m, o)) {
                self.edge(m, o, Edge::MemberOf, out)?;
            }
        }
        Ok(())
    }

    /// Writes the buffered article: its claim nodes, the waiting links that point into it,
    /// then each claim's edges (adding actors, outlets, topics and times as they appear).
    fn write_article(&mut self, out: &mut dyn Write) -> Result<(), ExportError> {
        let mut claims = std::mem::take(&mut self.article);
        let Some(seq) = claims.first().map(|c| c.article_seq) else {
            return Ok(());
        };
        // A claim id given twice is one node, wired once (as in the in-memory graph).
        let mut seen = HashSet::new();
        claims.retain(|c| seen.insert(c.id));
        for c in &claims {
            self.node(Id::Claim(c.id), &claim_node(c), out)?;
            self.stats.claims += 1;
        }
        let present: Vec<ClaimId> = claims.iter().map(|c| c.id).collect();
        self.settle_forward(seq, &present, out)?;

        let article = Id::Article(seq);
        let mut unnamed: HashMap<u64, Id> = HashMap::new();
        let mut published_by: Vec<Id> = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            let claim = Id::Claim(c.id);
            let speaker = self.speaker(c, &mut unnamed, out)?;
            self.edge(claim, speaker, Edge::SaidBy, out)?;
            for (order, relay) in c.via.iter().enumerate() {
                let kind = self.kinds.get(&fold(relay)).copied();
                let relay = self.actor(relay, kind, out)?;
                self.edge(claim, relay, Edge::Via { order }, out)?;
            }
            if i == 0 {
                let node = Node::Article {
                    article_id: c.article_id.clone(),
                    title: c.article_title.clone(),
                    published: c.published,
                };
                self.node(article, &node, out)?;
            }
            self.edge(claim, article, Edge::ReportedIn, out)?;
            if let Some(publisher) = &c.publisher {
                let outlet = self.outlet(publisher, out)?;
                if !published_by.contains(&outlet) {
                    published_by.push(outlet);
                    self.edge(article, outlet, Edge::PublishedBy, out)?;
                }
            }
            self.write_times(c, out)?;
            let mut about: Vec<Id> = Vec::new();
            for topic in &c.about {
                let t = self.topic(topic, out)?;
                if !about.contains(&t) {
                    about.push(t);
                    self.edge(claim, t, Edge::About, out)?;
                }
            }
            self.write_links(c, &claims, &present, out)?;
        }
        self.last_article = Some(seq);
        Ok(())
    }

    /// The speaker node of `c`: a named actor, or (for an unnamed voice) one node per
    /// speaker id within the article, kept in `unnamed`.
    fn speaker(
        &mut self,
        c: &ClaimView,
        unnamed: &mut HashMap<u64, Id>,
        out: &mut dyn Write,
    ) -> Result<Id, ExportError> {
        if c.speaker_kind != ActorKind::Unknown {
            return self.actor(&c.speaker, Some(c.speaker_kind), out);
        }
        if let Some(&id) = unnamed.get(&c.speaker_id) {
            return Ok(id);
        }
        let id = self.new_actor();
        let node = Node::Actor {
            name: c.speaker.clone(),
            actor_kind: Some(ActorKind::Unknown),
        };
        self.node(id, &node, out)?;
        unnamed.insert(c.speaker_id, id);
        Ok(id)
    }

    /// The outlet node of a publisher (by folded name), written when first seen.
    fn outlet(&mut self, publisher: &str, out: &mut dyn Write) -> Result<Id, ExportError> {
        if let Some(&id) = self.outlets.get(&fold(publisher)) {
            return Ok(id);
        }
        let id = Id::Outlet(self.outlets.len() as u64);
        let node = Node::Outlet {
            name: publisher.to_string(),
        };
        self.node(id, &node, out)?;
        self.outlets.insert(fold(publisher), id);
        Ok(id)
    }

    /// The topic node of a topic name (by folded name), written when first seen.
    fn topic(&mut self, topic: &str, out: &mut dyn Write) -> Result<Id, ExportError> {
        if let Some(&id) = self.topics.get(&fold(topic)) {
            return Ok(id);
        }
        let id = Id::Topic(self.topics.len() as u64);
        let node = Node::Topic {
            name: topic.to_string(),
        };
        self.node(id, &node, out)?;
        self.topics.insert(fold(topic), id);
        Ok(id)
    }

    /// The `said_at` and `occurred_at` edges of `c`, to day-precision time nodes.
    fn write_times(&mut self, c: &ClaimView, out: &mut dyn Write) -> Result<(), ExportError> {
        let claim = Id::Claim(c.id);
        if let Some(said) = c.said {
            let time = self.time(TimeSpan::point(day_of(said)), out)?;
            self.edge(claim, time, Edge::SaidAt, out)?;
        }
        if let Some(when) = c.when.filter(|w| w.start.is_some() || w.end.is_some()) {
            let span = TimeSpan {
                start: when.start.map(day_of),
                end: when.end.map(day_of),
            };
            let time = self.time(span, out)?;
            self.edge(claim, time, Edge::OccurredAt, out)?;
        }
        Ok(())
    }

    /// The claim-to-claim links of `c` (one of the article's `claims`, whose ids are
    /// `present`): drawn now to earlier or same-article claims, to a stub for claims
    /// outside the stream, or kept waiting for a later article.
    fn write_links(
        &mut self,
        c: &ClaimView,
        claims: &[ClaimView],
        present: &[ClaimId],
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        let claim = Id::Claim(c.id);
        let seq = c.article_seq;
        let mut linked: Vec<(Id, LinkKind)> = Vec::new();
        for link in &c.links {
            // As in the in-memory graph: the store's id, else the external id among the
            // claims at hand (here: this article's).
            let target = link.target_id.or_else(|| {
                claims
                    .iter()
                    .rev()
                    .find(|t| t.external_id == link.target)
                    .map(|t| t.id)
            });
            let to = match target {
                Some(t) if t.article() < seq && (self.contains)(t) => Some(Id::Claim(t)),
                Some(t) if t.article() == seq && present.contains(&t) => Some(Id::Claim(t)),
                Some(t) if t.article() > seq => {
                    let waiting = self.forward.entry(t.article()).or_default();
                    let f = Forward {
                        source: c.id,
                        target: t,
                        kind: link.kind,
                        external: link.target.clone(),
                    };
                    if !waiting.contains(&f) {
                        waiting.push(f);
                    }
                    continue;
                }
                _ => self.external(&link.target, out)?,
            };
            if let Some(to) = to {
                if !linked.contains(&(to, link.kind)) {
                    linked.push((to, link.kind));
                    self.edge(claim, to, Edge::from_link(link.kind), out)?;
                }
            }
        }
        Ok(())
    }

    /// Draws the waiting links into articles up to `seq`: to the claim when `present` has
    /// it (`seq`'s claims), else to a stub.
    fn settle_forward(
        &mut self,
        seq: u64,
        present: &[ClaimId],
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        while let Some(entry) = self.forward.first_entry() {
            if *entry.key() > seq {
                break;
            }
            let mut waiting = entry.remove();
            waiting.sort();
            for f in waiting {
                let to = if f.target.article() == seq && present.contains(&f.target) {
                    Some(Id::Claim(f.target))
                } else {
                    self.external(&f.external, out)?
                };
                if let Some(to) = to {
                    self.edge(Id::Claim(f.source), to, Edge::from_link(f.kind), out)?;
                }
            }
        }
        Ok(())
    }

    /// The stub of a link target outside the stream, or `None` when such links are dropped.
    fn external(&mut self, target: &str, out: &mut dyn Write) -> Result<Option<Id>, ExportError> {
        if self.ctx.drop_external_links {
            return Ok(None);
        }
        if let Some(&id) = self.externals.get(target) {
            return Ok(Some(id));
        }
        let id = Id::External(self.externals.len() as u64);
        let node = Node::ExternalClaim {
            external_id: target.to_string(),
        };
        self.node(id, &node, out)?;
        self.externals.insert(target.to_string(), id);
        self.stats.external += 1;
        Ok(Some(id))
    }

    fn new_actor(&mut self) -> Id {
        let id = Id::Actor(self.next_actor);
        self.next_actor += 1;
        id
    }

    /// A named actor's node, by folded name.
    fn actor(
        &mut self,
        name: &str,
        kind: Option<ActorKind>,
        out: &mut dyn Write,
    ) -> Result<Id, ExportError> {
        let key = fold(name);
        if let Some(&id) = self.actors.get(&key) {
            return Ok(id);
        }
        let id = self.new_actor();
        let node = Node::Actor {
            name: name.to_string(),
            actor_kind: kind,
        };
        self.node(id, &node, out)?;
        self.actors.insert(key, id);
        Ok(id)
    }

    fn time(&mut self, span: TimeSpan, out: &mut dyn Write) -> Result<Id, ExportError> {
        let label = span.to_string();
        if let Some(&id) = self.times.get(&label) {
            return Ok(id);
        }
        let id = Id::Time(self.times.len() as u64);
        let node = Node::Time {
            label: label.clone(),
            point: span.start.or(span.end),
        };
        self.node(id, &node, out)?;
        self.times.insert(label, id);
        Ok(id)
    }

    fn node(&mut self, id: Id, node: &Node, out: &mut dyn Write) -> Result<(), ExportError> {
        if self.pass != Pass::Edges {
            let id = id.to_string();
            match self.format {
                StreamFormat::Graphml => graphml::write_node(out, &id, node)?,
                StreamFormat::Json => json::write_node(out, self.stats.nodes == 0, &id, node)?,
            }
        }
        self.stats.nodes += 1;
        Ok(())
    }

    fn edge(
        &mut self,
        from: Id,
        to: Id,
        edge: Edge,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        if self.pass != Pass::Nodes {
            let (n, from, to) = (self.stats.edges, from.to_string(), to.to_string());
            match self.format {
                StreamFormat::Graphml => graphml::write_edge(out, n, &from, &to, &edge)?,
                StreamFormat::Json => json::write_edge(out, n, &from, &to, &edge)?,
            }
        }
        self.stats.edges += 1;
        Ok(())
    }
}
