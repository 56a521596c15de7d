//! The domain model: articles, actors, claims, topics, links and times, as the store keeps
//! them and as queries return them.
//!
//! A claim is a node, not an edge (Wikidata's statements, nanopublications): it carries its
//! own speaker, relay chain, times, topics, quantities, links to other claims and
//! provenance. Actors and topics are interned to fixed-width ids ([`ActorId`], [`TopicId`]);
//! a claim's id ([`ClaimId`]) encodes its article's ingest sequence number and its index in
//! the article, so claims live inside their article's record and need no key of their own.

pub mod names;
pub mod record;
pub mod result;
pub mod time;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub use time::{Interval, IsoDuration, Precision, TimeError, TimePoint, TimeSpan};

/// Errors turning interchange values into model values.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("unknown stance '{0}': expected one of assert, deny, propose, confirm, refuse_comment, question, report")]
    Stance(String),
    #[error("unknown actor kind '{0}': expected one of person, organization, country, group, media, unknown")]
    ActorKind(String),
    #[error("unknown claim kind '{0}': expected reported or narrative")]
    ClaimKind(String),
    #[error("'{0}' is not a claim id of this store (expected c<article>.<index>)")]
    ClaimId(String),
}

/// Interned actor id (people, organizations, countries, outlets).
pub type ActorId = u64;
/// Interned topic id.
pub type TopicId = u64;
/// Ingest sequence number of an article: increases with every article stored.
pub type ArticleSeq = u64;

/// A claim's id in the store: `article_seq << 16 | index`. Sorting by it sorts by ingest
/// order, then position in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ClaimId(pub u64);

impl ClaimId {
    /// Most claims one article may carry.
    pub const MAX_PER_ARTICLE: usize = 1 << 16;

    pub fn new(article: ArticleSeq, index: u16) -> ClaimId {
        ClaimId(article << 16 | u64::from(index))
    }
    pub fn article(self) -> ArticleSeq {
        self.0 >> 16
    }
    pub fn index(self) -> usize {
        (self.0 & 0xffff) as usize
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "c{}.{}", self.article(), self.index())
    }
}

impl FromStr for ClaimId {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ModelError::ClaimId(s.to_string());
        let (a, i) = s
            .strip_prefix('c')
            .and_then(|r| r.split_once('.'))
            .ok_or_else(err)?;
        let a: u64 = a.parse().map_err(|_| err())?;
        let i: u16 = i.parse().map_err(|_| err())?;
        if a >= 1 << 48 {
            return Err(err());
        }
        Ok(ClaimId::new(a, i))
    }
}

/// What the speaker does with the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Assert,
    Deny,
    Propose,
    Confirm,
    RefuseComment,
    Question,
    Report,
}

impl Stance {
    pub const ALL: [Stance; 7] = [
        Stance::Assert,
        Stance::Deny,
        Stance::Propose,
        Stance::Confirm,
        Stance::RefuseComment,
        Stance::Question,
        Stance::Report,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Assert => "assert",
            Stance::Deny => "deny",
            Stance::Propose => "propose",
            Stance::Confirm => "confirm",
            Stance::RefuseComment => "refuse_comment",
            Stance::Question => "question",
            Stance::Report => "report",
        }
    }
}

impl FromStr for Stance {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Stance::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| ModelError::Stance(s.to_string()))
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reported speech, or a statement the article makes in its own voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    #[default]
    Reported,
    Narrative,
}

impl ClaimKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Reported => "reported",
            ClaimKind::Narrative => "narrative",
        }
    }
}

impl FromStr for ClaimKind {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "reported" => Ok(ClaimKind::Reported),
            "narrative" => Ok(ClaimKind::Narrative),
            _ => Err(ModelError::ClaimKind(s.to_string())),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Person,
    Organization,
    Country,
    Group,
    Media,
    /// Unnamed voices: "a Western diplomat", "witnesses". Distinct per article.
    Unknown,
}

impl ActorKind {
    pub const ALL: [ActorKind; 6] = [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Country,
        ActorKind::Group,
        ActorKind::Media,
        ActorKind::Unknown,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Country => "country",
            ActorKind::Group => "group",
            ActorKind::Media => "media",
            ActorKind::Unknown => "unknown",
        }
    }
}

impl FromStr for ActorKind {
    type Err = ModelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ActorKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| ModelError::ActorKind(s.to_string()))
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A speaker, relay, or publisher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub member_of: Vec<ActorId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: TopicId,
    pub name: String,
}

/// A figure stated in a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: Option<String>,
    pub text: Option<String>,
    pub approximate: bool,
}

/// How one claim relates to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Denies,
    Supports,
    RespondsTo,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Denies => "denies",
            LinkKind::Supports => "supports",
            LinkKind::RespondsTo => "responds_to",
        }
    }
    /// The link a `responds_to` entry becomes, given the responding claim's stance.
    pub fn from_response(stance: Stance) -> LinkKind {
        match stance {
            Stance::Deny => LinkKind::Denies,
            Stance::Assert | Stance::Confirm => LinkKind::Supports,
            _ => LinkKind::RespondsTo,
        }
    }
}

/// A link from a claim to another, by the target's external id and, when the target is in
/// the store, its [`ClaimId`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimLink {
    pub kind: LinkKind,
    pub target: String,
    pub target_id: Option<ClaimId>,
}

/// Where a claim came from in its article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub sentence: u32,
    pub span: [u32; 2],
}

/// A speech act as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// External id, as given in the record (`art-000001#0`).
    pub external_id: String,
    pub speaker: ActorId,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    pub stance: Stance,
    pub kind: ClaimKind,
    pub text: String,
    pub said: Option<TimePoint>,
    pub when: Option<TimeSpan>,
    /// Relays, innermost first.
    pub via: Vec<ActorId>,
    pub about: Vec<TopicId>,
    pub quantities: Vec<Quantity>,
    pub links: Vec<ClaimLink>,
    pub provenance: Option<Provenance>,
}

/// An article as stored (its claims are stored beside it, in the same record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub seq: ArticleSeq,
    pub id: String,
    pub title: Option<String>,
    pub publisher: Option<ActorId>,
    pub author: Option<String>,
    pub published: Option<TimePoint>,
    pub lang: Option<String>,
    pub url: Option<String>,
    /// SHA-256 of the canonical record (or text) the article came from.
    pub content_hash: [u8; 32],
    /// Unix seconds when the article was stored.
    pub ingested_at: i64,
    pub has_text: bool,
}

/// A claim with everything a listing shows resolved to names: the result row every
/// query and export works from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimView {
    pub id: ClaimId,
    pub external_id: String,
    pub speaker: String,
    pub speaker_id: ActorId,
    pub speaker_kind: ActorKind,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    pub stance: Stance,
    pub kind: ClaimKind,
    pub text: String,
    pub said: Option<TimePoint>,
    pub when: Option<TimeSpan>,
    pub via: Vec<String>,
    pub about: Vec<String>,
    pub quantities: Vec<Quantity>,
    pub links: Vec<ClaimLink>,
    pub provenance: Option<Provenance>,
    pub article_id: String,
    pub article_seq: ArticleSeq,
    pub article_title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<TimePoint>,
    pub ingested_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_ids_round_trip_and_sort_by_article() {
        let a = ClaimId::new(7, 3);
        assert_eq!(a.article(), 7);
        assert_eq!(a.index(), 3);
        assert_eq!(a.to_string().parse::<ClaimId>(), Ok(a));
        assert!(ClaimId::new(7, 65535) < ClaimId::new(8, 0));
        assert!("x1.2".parse::<ClaimId>().is_err());
        assert!("c1.99999".parse::<ClaimId>().is_err());
    }

    #[test]
    fn stances_parse_from_their_names() {
        for s in Stance::ALL {
            assert_eq!(s.as_str().parse::<Stance>(), Ok(s));
        }
        assert!("agree".parse::<Stance>().is_err());
    }
}

/// What the store knows about the actors of a set of claims beyond what result rows carry:
/// the kinds of actors known only by name, and who is a member of what.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorFacts {
    /// `(member, organization)` pairs by name.
    pub member_of: Vec<(String, String)>,
    /// Kinds of the actors named in the claims (speakers, relays, publishers).
    pub actor_kinds: Vec<(String, ActorKind)>,
}

/// The times a claim can be placed or filtered on: one axis type for the query language,
/// the store's time indexes and the timelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TimeAxis {
    /// When the speaker said it.
    #[default]
    Said,
    /// When the event the claim is about happened (`when`; a timeline uses its start).
    Event,
    /// When the article reporting it was published.
    Published,
    /// When the article was stored.
    Ingested,
}

impl TimeAxis {
    /// Every axis with a one-line description, in the order users see them.
    pub const CHOICES: &'static [(&'static str, &'static str)] = &[
        ("said", "When the speaker said it"),
        ("event", "When the event it is about happened"),
        ("published", "When the article reporting it was published"),
        ("ingested", "When the article was stored"),
    ];

    /// The axis's name in the query language and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeAxis::Said => "said",
            TimeAxis::Event => "event",
            TimeAxis::Published => "published",
            TimeAxis::Ingested => "ingested",
        }
    }
}

impl fmt::Display for TimeAxis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TimeAxis {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "said" => Ok(TimeAxis::Said),
            "event" => Ok(TimeAxis::Event),
            "published" => Ok(TimeAxis::Published),
            "ingested" => Ok(TimeAxis::Ingested),
            _ => Err(format!(
                "unknown axis '{s}': expected said, event, published or ingested"
            )),
        }
    }
}
