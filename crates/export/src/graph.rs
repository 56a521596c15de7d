//! The graph of a claim set: claims, actors, articles, outlets, topics and times as typed
//! nodes, with the model's typed edges between them (`said_by`, `reported_in`, `via`,
//! `denies`, ...). Built from query result rows ([`ClaimView`]); the DOT, GraphML and JSON
//! exports draw it.
//!
//! Identity: one node per claim id, per actor (folded name; unnamed voices of kind
//! `unknown` stay distinct per article: the store keeps one actor per unnamed name so that
//! "a Western diplomat" can be asked about, but two articles' diplomats are not one person), per article id, per
//! outlet (folded name), per topic (folded name) and per time (the point cut to day
//! precision, or the whole span of an event time). Outlets are kept apart from actors even
//! when a name is both (an outlet publishes, an actor speaks or relays).
//!
//! Links to claims outside the set become [`Node::ExternalClaim`] stubs, so a denial stays
//! visible with the id of what it denies; [`GraphContext::drop_external_links`] drops them
//! instead.
//!
//! Node ids shown to other programs (`ClaimGraph::node_id`) are synthetic (`c12`, `a3`):
//! never user text.

use claimgraph_model::names::fold;
use claimgraph_model::{
    ActorKind, ClaimId, ClaimKind, ClaimView, LinkKind, Precision, Stance, TimePoint, TimeSpan,
};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use std::collections::HashMap;

/// Extra facts about actors that result rows do not carry.
#[derive(Debug, Clone, Default)]
pub struct GraphContext {
    /// `(member, organization)` pairs by name. An edge is drawn when the member is in the
    /// graph; the organization is added if it is not.
    pub member_of: Vec<(String, String)>,
    /// Kinds for actors known only by name (relays, organizations).
    pub actor_kinds: Vec<(String, ActorKind)>,
    /// Drop links to claims outside the set instead of drawing stub nodes.
    pub drop_external_links: bool,
}

impl From<claimgraph_model::ActorFacts> for GraphContext {
    fn from(facts: claimgraph_model::ActorFacts) -> Self {
        GraphContext {
            member_of: facts.member_of,
            actor_kinds: facts.actor_kinds,
            drop_external_links: false,
        }
    }
}

/// A claim node.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimNode {
    pub(crate) claim_id: ClaimId,
    pub(crate) external_id: String,
    pub(crate) speaker: String,
    pub(crate) stance: Stance,
    pub(crate) cue: Option<String>,
    pub(crate) text: String,
    pub(crate) said: Option<TimePoint>,
    pub(crate) when: Option<TimeSpan>,
    pub(crate) claim_kind: ClaimKind,
}

/// A typed node of the graph; its user text is raw, each export escapes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A claim of the set.
    Claim(ClaimNode),
    /// A speaker, relay or organization.
    Actor {
        /// The name as first seen (nodes are merged by folded name).
        name: String,
        /// The actor's kind when a row or the [`GraphContext`] gives one.
        actor_kind: Option<ActorKind>,
    },
    /// An article that reports claims.
    Article {
        /// The article's external id.
        article_id: String,
        /// The headline, when known.
        title: Option<String>,
        /// When the article was published.
        published: Option<TimePoint>,
    },
    /// A publisher of articles.
    Outlet {
        /// The outlet's name as first seen (nodes are merged by folded name).
        name: String,
    },
    /// A topic claims are about.
    Topic {
        /// The topic's name as first seen (nodes are merged by folded name).
        name: String,
    },
    /// A point cut to day precision (coarser points keep their own precision), or the span
    /// of an event time.
    Time {
        /// The day, coarser date or span as text (`2016-12-13`, `2016-12`).
        label: String,
        /// Order key: the span's start (or end, for an open start).
        point: Option<TimePoint>,
    },
    /// A link target outside the claim set, known only by its external id.
    ExternalClaim {
        /// The target's external claim id, as the link gives it.
        external_id: String,
    },
}

impl Node {
    /// The node's kind as exports name it.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Node::Claim(_) => "claim",
            Node::Actor { .. } => "actor",
            Node::Article { .. } => "article",
            Node::Outlet { .. } => "outlet",
            Node::Topic { .. } => "topic",
            Node::Time { .. } => "time",
            Node::ExternalClaim { .. } => "external_claim",
        }
    }

    /// The prefix of this kind's synthetic ids.
    fn id_prefix(&self) -> &'static str {
        match self {
            Node::Claim(_) => "c",
            Node::Actor { .. } => "a",
            Node::Article { .. } => "r",
            Node::Outlet { .. } => "o",
            Node::Topic { .. } => "t",
            Node::Time { .. } => "d",
            Node::ExternalClaim { .. } => "x",
        }
    }

    /// The node's attributes as (name, text) pairs, every name one of
    /// [`NODE_ATTRIBUTES`], absent values left out. GraphML and JSON export these.
    pub(crate) fn attributes(&self) -> Vec<(&'static str, String)> {
        let mut attrs = vec![("kind", self.kind().to_string()), ("label", self.label())];
        let mut opt = |name: &'static str, value: Option<String>| {
            if let Some(v) = value {
                attrs.push((name, v));
            }
        };
        match self {
            Node::Claim(c) => {
                opt("claim_id", Some(c.claim_id.to_string()));
                opt("external_id", Some(c.external_id.clone()));
                opt("speaker", Some(c.speaker.clone()));
                opt("stance", Some(c.stance.to_string()));
                opt("cue", c.cue.clone());
                opt("claim_kind", Some(c.claim_kind.as_str().to_string()));
                opt("said", c.said.map(|t| t.to_string()));
                opt("when", c.when.map(|t| t.to_string()));
            }
            Node::Actor { actor_kind, .. } => {
                opt("actor_kind", actor_kind.map(|k| k.to_string()));
            }
            Node::Article {
                article_id,
                published,
                ..
            } => {
                opt("external_id", Some(article_id.clone()));
                opt("published", published.map(|t| t.to_string()));
            }
            Node::ExternalClaim { external_id } => {
                opt("external_id", Some(external_id.clone()));
            }
            Node::Outlet { .. } | Node::Topic { .. } | Node::Time { .. } => {}
        }
        attrs
    }

    /// A short human label (full text for claims: exports truncate it themselves).
    pub(crate) fn label(&self) -> String {
        match self {
            Node::Claim(c) => c.text.clone(),
            Node::Actor { name, .. } | Node::Outlet { name } | Node::Topic { name } => name.clone(),
            Node::Article {
                article_id, title, ..
            } => title.clone().unwrap_or_else(|| article_id.clone()),
            Node::Time { label, .. } => label.clone(),
            Node::ExternalClaim { external_id } => external_id.clone(),
        }
    }
}

/// Every attribute name [`Node::attributes`] may produce, in declaration order.
pub(crate) const NODE_ATTRIBUTES: [&str; 12] = [
    "kind",
    "label",
    "claim_id",
    "external_id",
    "speaker",
    "stance",
    "cue",
    "claim_kind",
    "said",
    "when",
    "actor_kind",
    "published",
];

/// A typed edge. `Via` carries the relay's place in the chain (0 = innermost, next to the
/// speaker).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Claim to the actor who made it.
    SaidBy,
    /// Claim to the article that reports it.
    ReportedIn,
    /// Article to its outlet.
    PublishedBy,
    /// Claim to a relay it was passed on through.
    Via {
        /// The relay's place in the chain, 0 next to the speaker.
        order: usize,
    },
    /// Claim to the time it was said.
    SaidAt,
    /// Claim to the time the event it describes happened.
    OccurredAt,
    /// Claim to a topic.
    About,
    /// Claim to a claim it denies.
    Denies,
    /// Claim to a claim it supports.
    Supports,
    /// Claim to a claim it answers.
    RespondsTo,
    /// Actor to the organization it belongs to.
    MemberOf,
}

impl Edge {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Edge::SaidBy => "said_by",
            Edge::ReportedIn => "reported_in",
            Edge::PublishedBy => "published_by",
            Edge::Via { .. } => "via",
            Edge::SaidAt => "said_at",
            Edge::OccurredAt => "occurred_at",
            Edge::About => "about",
            Edge::Denies => "denies",
            Edge::Supports => "supports",
            Edge::RespondsTo => "responds_to",
            Edge::MemberOf => "member_of",
        }
    }

    pub(crate) fn from_link(kind: LinkKind) -> Edge {
        match kind {
            LinkKind::Denies => Edge::Denies,
            LinkKind::Supports => Edge::Supports,
            LinkKind::RespondsTo => Edge::RespondsTo,
        }
    }
}

/// What a node is deduplicated by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum NodeKey {
    Claim(ClaimId),
    Actor(String),
    /// An unnamed voice: one per name per article ("a Western diplomat" in two articles
    /// is two people as far as anyone knows).
    UnknownActor(u64, u64),
    Article(String),
    Outlet(String),
    Topic(String),
    Time(String),
    External(String),
}

/// The graph of a claim set, with the identity index that deduplicates its nodes.
#[derive(Debug, Clone, Default)]
pub struct ClaimGraph {
    /// The nodes and edges; indices are stable while the graph is built.
    pub graph: StableDiGraph<Node, Edge>,
    index: HashMap<NodeKey, NodeIndex>,
}

impl ClaimGraph {
    /// Builds the graph of `claims`. Duplicate rows (the same claim id twice) add nothing.
    pub fn from_claims(claims: &[ClaimView], extra: &GraphContext) -> ClaimGraph {
        let mut g = ClaimGraph::default();
        let kinds: HashMap<String, ActorKind> = extra
            .actor_kinds
            .iter()
            .map(|(name, kind)| (fold(name), *kind))
            .collect();
        let by_external: HashMap<&str, ClaimId> = claims
            .iter()
            .map(|c| (c.external_id.as_str(), c.id))
            .collect();
        // Claims first, in the given order, so claim nodes get the lowest ids.
        for c in claims {
            g.claim_node(c);
        }
        for c in claims {
            let Some(&claim) = g.index.get(&NodeKey::Claim(c.id)) else {
                continue;
            };
            if g.graph.edges(claim).next().is_some() {
                continue; // a duplicate row: already wired
            }
            let speaker = if c.speaker_kind == ActorKind::Unknown {
                g.node(NodeKey::UnknownActor(c.speaker_id, c.article_seq), || {
                    Node::Actor {
                        name: c.speaker.clone(),
                        actor_kind: Some(ActorKind::Unknown),
                    }
                })
            } else {
                g.actor(&c.speaker, Some(c.speaker_kind))
            };
            g.graph.add_edge(claim, speaker, Edge::SaidBy);
            for (order, relay) in c.via.iter().enumerate() {
                let kind = kinds.get(&fold(relay)).copied();
                let relay = g.actor(relay, kind);
                g.graph.add_edge(claim, relay, Edge::Via { order });
            }
            let article = g.node(NodeKey::Article(c.article_id.clone()), || Node::Article {
                article_id: c.article_id.clone(),
                title: c.article_title.clone(),
                published: c.published,
            });
            g.graph.add_edge(claim, article, Edge::ReportedIn);
            if let Some(publisher) = &c.publisher {
                let outlet = g.node(NodeKey::Outlet(fold(publisher)), || Node::Outlet {
                    name: publisher.clone(),
                });
                g.add_edge_once(article, outlet, Edge::PublishedBy);
            }
            if let Some(said) = c.said {
                let time = g.time(TimeSpan::point(day_of(said)));
                g.graph.add_edge(claim, time, Edge::SaidAt);
            }
            if let Some(when) = c.when.filter(|w| w.start.is_some() || w.end.is_some()) {
                let span = TimeSpan {
                    start: when.start.map(day_of),
                    end: when.end.map(day_of),
                };
                let time = g.time(span);
                g.graph.add_edge(claim, time, Edge::OccurredAt);
            }
            for topic in &c.about {
                let t = g.node(NodeKey::Topic(fold(topic)), || Node::Topic {
                    name: topic.clone(),
                });
                g.add_edge_once(claim, t, Edge::About);
            }
            for link in &c.links {
                let target_id = link
                    .target_id
                    .or_else(|| by_external.get(link.target.as_str()).copied());
                let target = match target_id.and_then(|id| g.index.get(&NodeKey::Claim(id))) {
                    Some(&t) => t,
                    None if extra.drop_external_links => continue,
                    None => g.node(NodeKey::External(link.target.clone()), || {
                        Node::ExternalClaim {
                            external_id: link.target.clone(),
                        }
                    }),
                };
                g.add_edge_once(claim, target, Edge::from_link(link.kind));
            }
        }
        for (member, org) in &extra.member_of {
            let Some(&m) = g.index.get(&NodeKey::Actor(fold(member))) else {
                continue;
            };
            let kind = kinds.get(&fold(org)).copied();
            let o = g.actor(org, kind);
            if m != o {
                g.add_edge_once(m, o, Edge::MemberOf);
            }
        }
        g
    }

    /// The synthetic id of a node: a kind prefix and the node's index (`c0`, `a7`).
    pub(crate) fn node_id(&self, node: NodeIndex) -> String {
        let prefix = self.graph.node_weight(node).map_or("n", Node::id_prefix);
        format!("{prefix}{}", node.index())
    }

    /// The node an edge of `kind` leads to from `from`, if any (the first one).
    pub(crate) fn target(&self, from: NodeIndex, kind: &str) -> Option<NodeIndex> {
        self.graph
            .edges(from)
            .find(|e| e.weight().kind() == kind)
            .map(|e| e.target())
    }

    fn claim_node(&mut self, c: &ClaimView) -> NodeIndex {
        self.node(NodeKey::Claim(c.id), || claim_node(c))
    }

    fn actor(&mut self, name: &str, kind: Option<ActorKind>) -> NodeIndex {
        let idx = self.node(NodeKey::Actor(fold(name)), || Node::Actor {
            name: name.to_string(),
            actor_kind: kind,
        });
        // A relay seen before its own claims learns its kind later.
        if let Some(Node::Actor { actor_kind, .. }) = self.graph.node_weight_mut(idx) {
            if actor_kind.is_none() {
                *actor_kind = kind;
            }
        }
        idx
    }

    fn time(&mut self, span: TimeSpan) -> NodeIndex {
        let label = span.to_string();
        self.node(NodeKey::Time(label.clone()), || Node::Time {
            label,
            point: span.start.or(span.end),
        })
    }

    fn node(&mut self, key: NodeKey, make: impl FnOnce() -> Node) -> NodeIndex {
        if let Some(&idx) = self.index.get(&key) {
            return idx;
        }
        let idx = self.graph.add_node(make());
        self.index.insert(key, idx);
        idx
    }

    fn add_edge_once(&mut self, from: NodeIndex, to: NodeIndex, edge: Edge) {
        let exists = self
            .graph
            .edges_connecting(from, to)
            .any(|e| e.weight() == &edge);
        if !exists {
            self.graph.add_edge(from, to, edge);
        }
    }
}

/// A point cut to day precision; coarser points stay as they are.
pub(crate) fn day_of(point: TimePoint) -> TimePoint {
    if point.precision <= Precision::Day {
        return point;
    }
    TimePoint {
        hour: 0,
        minute: 0,
        second: 0,
        offset_secs: None,
        precision: Precision::Day,
        ..point
    }
}

/// The node of one claim row: what the graph, streamed or in memory, shows of a claim.
pub(crate) fn claim_node(c: &ClaimView) -> Node {
    Node::Claim(ClaimNode {
        claim_id: c.id,
        external_id: c.external_id.clone(),
        speaker: c.speaker.clone(),
        stance: c.stance,
        cue: c.cue.clone(),
        text: c.text.clone(),
        said: c.said,
        when: c.when,
        claim_kind: c.kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::aleppo;
    use petgraph::visit::IntoEdgeReferences;

    fn count(g: &ClaimGraph, kind: &str) -> usize {
        g.graph.node_weights().filter(|n| n.kind() == kind).count()
    }

    #[test]
    fn nodes_are_deduplicated_by_identity() {
        let claims = aleppo();
        let mut doubled = claims.clone();
        doubled.extend(claims.iter().cloned());
        let once = ClaimGraph::from_claims(&claims, &GraphContext::default());
        let twice = ClaimGraph::from_claims(&doubled, &GraphContext::default());
        assert_eq!(once.graph.node_count(), twice.graph.node_count());
        assert_eq!(once.graph.edge_count(), twice.graph.edge_count());
        assert_eq!(count(&once, "claim"), claims.len());
        // Russia speaks twice but is one node.
        let russia = once
            .graph
            .node_weights()
            .filter(|n| matches!(n, Node::Actor { name, .. } if name == "Russia"))
            .count();
        assert_eq!(russia, 1);
    }

    #[test]
    fn denial_inside_the_set_links_claims_and_outside_makes_a_stub() {
        let claims = aleppo();
        let g = ClaimGraph::from_claims(&claims, &GraphContext::default());
        let denies: Vec<_> = g
            .graph
            .edge_references()
            .filter(|e| e.weight() == &Edge::Denies)
            .collect();
        assert_eq!(denies.len(), 1);
        assert!(matches!(g.graph[denies[0].target()], Node::Claim(_)));

        // The diplomat answers a claim outside the set: one stub.
        assert_eq!(count(&g, "external_claim"), 1);
        // Without the denied claim, the denial points at a stub carrying the external id.
        let without: Vec<ClaimView> = claims.iter().skip(1).cloned().collect();
        let g = ClaimGraph::from_claims(&without, &GraphContext::default());
        assert_eq!(count(&g, "external_claim"), 2);
        let dropped = ClaimGraph::from_claims(
            &without,
            &GraphContext {
                drop_external_links: true,
                ..GraphContext::default()
            },
        );
        assert_eq!(count(&dropped, "external_claim"), 0);
        assert!(!dropped.graph.edge_weights().any(|e| e == &Edge::Denies));
    }

    #[test]
    fn memberships_add_the_organization() {
        let claims = aleppo();
        let ctx = GraphContext {
            member_of: vec![
                ("Sergei Ryabkov".into(), "Russia".into()),
                ("Nobody In The Set".into(), "Elsewhere".into()),
            ],
            ..GraphContext::default()
        };
        let g = ClaimGraph::from_claims(&claims, &ctx);
        let member_edges = g
            .graph
            .edge_weights()
            .filter(|e| **e == Edge::MemberOf)
            .count();
        assert_eq!(member_edges, 1);
        assert!(!g.graph.node_weights().any(|n| n.label() == "Elsewhere"));
    }

    #[test]
    fn node_ids_are_synthetic() {
        let claims = aleppo();
        let g = ClaimGraph::from_claims(&claims, &GraphContext::default());
        for idx in g.graph.node_indices() {
            let id = g.node_id(idx);
            assert!(id[1..].bytes().all(|b| b.is_ascii_digit()), "{id}");
        }
    }

    #[test]
    fn datetimes_share_their_day_node() {
        let p = TimePoint::parse("2016-12-11T08:00:00+07:00").ok();
        assert_eq!(p.map(|p| day_of(p).to_string()), Some("2016-12-11".into()));
    }
}
