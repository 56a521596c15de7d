//! The domain model: articles, actors, claims, topics, links and times, as the store keeps
//! them and as queries return them.
//!
//! A claim is a node, not an edge (Wikidata's statements, nanopublications): it carries its
//! own speaker, relay chain, times, topics, quantities, links to other claims and
//! provenance. Actors and topics are interned to fixed-width ids ([`ActorId`], [`TopicId`]);
//! a claim's id ([`ClaimId`]) encodes its article's ingest sequence number and its index in
//! the article, so claims live inside their article's record and need no key of their own.
#![warn(missing_docs)]

pub mod names;
pub mod record;
pub mod result;
pub mod story;
pub mod time;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

pub use time::{Interval, IsoDuration, Precision, TimeError, TimePoint, TimeSpan};

/// Errors turning interchange values into model values.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    /// A stance word outside the closed list.
    #[error("unknown stance '{0}': expected one of assert, deny, propose, confirm, refuse_comment, question, report")]
    Stance(String),
    /// An actor kind outside the closed list.
    #[error("unknown actor kind '{0}': expected one of person, organization, country, group, media, unknown")]
    ActorKind(String),
    /// A claim kind other than `reported` or `narrative`.
    #[error("unknown claim kind '{0}': expected reported or narrative")]
    ClaimKind(String),
    /// Text that is not a claim id of the form `c<article>.<index>`.
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

    /// The id of the claim at `index` in the article with sequence number `article`.
    pub fn new(article: ArticleSeq, index: u16) -> ClaimId {
        ClaimId(article << 16 | u64::from(index))
    }
    /// Sequence number of the claim's article (the high 48 bits).
    pub fn article(self) -> ArticleSeq {
        self.0 >> 16
    }
    /// Position of the claim in its article, from 0 (the low 16 bits).
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
    /// States something as true.
    Assert,
    /// Rejects a statement, usually someone else's claim.
    Deny,
    /// Suggests, demands or promises a course of action.
    Propose,
    /// Affirms a statement already made.
    Confirm,
    /// Declines to say anything on the matter.
    RefuseComment,
    /// Asks or casts doubt without asserting.
    Question,
    /// Passes on what others said, without taking a position.
    Report,
}

impl Stance {
    /// Every stance, in the order the CLI and docs list them.
    pub const ALL: [Stance; 7] = [
        Stance::Assert,
        Stance::Deny,
        Stance::Propose,
        Stance::Confirm,
        Stance::RefuseComment,
        Stance::Question,
        Stance::Report,
    ];
    /// The stance's name in records, queries and output (`refuse_comment`).
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
    /// Speech attributed to a speaker through a reporting cue.
    #[default]
    Reported,
    /// A statement in the article's own voice; its speaker is the publisher.
    Narrative,
}

impl ClaimKind {
    /// The kind's name in records and output: `reported` or `narrative`.
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

/// What sort of entity an actor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A named individual.
    Person,
    /// A ministry, party, company, agency or other body.
    Organization,
    /// A state or its government, spoken of as one actor.
    Country,
    /// A collective without a formal organization ("the rebels", "protesters").
    Group,
    /// A news outlet or agency.
    Media,
    /// Unnamed voices: "a Western diplomat", "witnesses". Distinct per article.
    Unknown,
}

impl ActorKind {
    /// Every actor kind, in the order the CLI and docs list them.
    pub const ALL: [ActorKind; 6] = [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Country,
        ActorKind::Group,
        ActorKind::Media,
        ActorKind::Unknown,
    ];
    /// The kind's name in records and output (`organization`).
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
    /// Interned id, unique in the store.
    pub id: ActorId,
    /// Canonical name as first written (display form, not folded).
    pub name: String,
    /// What sort of entity the actor is.
    pub kind: ActorKind,
    /// Other names the actor goes by; each resolves to this actor.
    pub aliases: Vec<String>,
    /// Title or function, e.g. "Deputy Foreign Minister".
    pub role: Option<String>,
    /// Organizations or countries the actor belongs to, for `members` queries.
    pub member_of: Vec<ActorId>,
}

/// A subject claims are about, interned by folded name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// Interned id, unique in the store.
    pub id: TopicId,
    /// The name as first written.
    pub name: String,
}

/// A figure stated in a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number, in `unit`s.
    pub value: f64,
    /// What is counted or measured ("people", "km"), when stated.
    pub unit: Option<String>,
    /// The figure as written in the text.
    pub text: Option<String>,
    /// True for "about 3 million", "tens of thousands".
    pub approximate: bool,
}

/// How one claim relates to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The claim says the target is false.
    Denies,
    /// The claim backs the target up.
    Supports,
    /// The claim answers the target without denying or supporting it.
    RespondsTo,
}

impl LinkKind {
    /// The link's name in output and queries: `denies`, `supports` or `responds_to`.
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
    /// How this claim relates to the target.
    pub kind: LinkKind,
    /// External id of the target claim, as the record gave it.
    pub target: String,
    /// The target's id, when it was in the store at ingest.
    pub target_id: Option<ClaimId>,
}

/// Where a claim came from in its article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// 0-based index of the sentence in the article text.
    pub sentence: u32,
    /// Byte offsets `[start, end)` of the claim in the article text.
    pub span: [u32; 2],
}

/// A speech act as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// External id, as given in the record (`art-000001#0`).
    pub external_id: String,
    /// Who made the claim.
    pub speaker: ActorId,
    /// The speaker as written in the text, when it differs from the name.
    pub speaker_text: Option<String>,
    /// The reporting word as written ("said"); `None` for the article's own voice.
    pub cue: Option<String>,
    /// What the speaker does with the content.
    pub stance: Stance,
    /// Reported speech or the article's own voice.
    pub kind: ClaimKind,
    /// The content of the claim.
    pub text: String,
    /// When it was said (the said axis), at the precision the text gives.
    pub said: Option<TimePoint>,
    /// When the event it is about happened (the event axis).
    pub when: Option<TimeSpan>,
    /// Relays, innermost first.
    pub via: Vec<ActorId>,
    /// Topics the claim is about.
    pub about: Vec<TopicId>,
    /// Figures stated in the claim.
    pub quantities: Vec<Quantity>,
    /// Claims this one denies, supports or answers.
    pub links: Vec<ClaimLink>,
    /// Where in the article text the claim was found, when it came from text.
    pub provenance: Option<Provenance>,
}

/// An article as stored (its claims are stored beside it, in the same record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Ingest sequence number: the article's key and the high bits of its claims' ids.
    pub seq: ArticleSeq,
    /// External id from the record, unique in the store.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// The outlet that published it, an actor of kind media.
    pub publisher: Option<ActorId>,
    /// Byline, as written.
    pub author: Option<String>,
    /// Publication time (the published axis).
    pub published: Option<TimePoint>,
    /// Language code of the text (`vi`, `en`).
    pub lang: Option<String>,
    /// Where the article was published online.
    pub url: Option<String>,
    /// SHA-256 of the canonical record (or text) the article came from.
    pub content_hash: [u8; 32],
    /// Unix seconds when the article was stored.
    pub ingested_at: i64,
    /// True when the article's text is stored beside it.
    pub has_text: bool,
}

/// A claim with everything a listing shows resolved to names: the result row every
/// query and export works from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimView {
    /// The claim's id in the store.
    pub id: ClaimId,
    /// External id, as given in the record.
    pub external_id: String,
    /// The speaker's canonical name.
    pub speaker: String,
    /// The speaker's id.
    pub speaker_id: ActorId,
    /// What sort of entity the speaker is.
    pub speaker_kind: ActorKind,
    /// The speaker as written in the text.
    pub speaker_text: Option<String>,
    /// The reporting word as written; `None` for the article's own voice.
    pub cue: Option<String>,
    /// What the speaker does with the content.
    pub stance: Stance,
    /// Reported speech or the article's own voice.
    pub kind: ClaimKind,
    /// The content of the claim.
    pub text: String,
    /// When it was said (the said axis).
    pub said: Option<TimePoint>,
    /// When the event it is about happened (the event axis).
    pub when: Option<TimeSpan>,
    /// Names of the relays, innermost first.
    pub via: Vec<String>,
    /// Names of the topics.
    pub about: Vec<String>,
    /// Figures stated in the claim.
    pub quantities: Vec<Quantity>,
    /// Claims this one denies, supports or answers.
    pub links: Vec<ClaimLink>,
    /// Where in the article text the claim was found.
    pub provenance: Option<Provenance>,
    /// External id of the article that reports the claim.
    pub article_id: String,
    /// Ingest sequence number of that article.
    pub article_seq: ArticleSeq,
    /// The article's headline.
    pub article_title: Option<String>,
    /// Name of the outlet that published the article.
    pub publisher: Option<String>,
    /// Publication time (the published axis).
    pub published: Option<TimePoint>,
    /// Unix seconds when the article was stored (the ingested axis).
    pub ingested_at: i64,
    /// The article's story, once the articles are linked (`story.rs`).
    pub story: Option<String>,
    /// The statement the claim reports, once linked (reported claims only).
    pub statement: Option<String>,
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
