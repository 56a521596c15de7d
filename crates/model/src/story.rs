//! What is decided across articles and kept with them: stories (articles that report one
//! event), statements (claims that report one speech act) and the labels an article's
//! claims carry (their story, their statement, links to claims of other articles).
//!
//! The cross-article model (`claimgraph-link`) computes these; the store keeps them as
//! given, beside the articles, and joins the labels into every [`crate::ClaimView`].
//! Ids (`s12`, `st40`) are opaque to the store: they are assigned once and kept while the
//! story or statement goes on existing. See `docs/cross-article.md`.

use crate::{ActorId, ClaimId, ClaimLink, TimePoint};
use serde::{Deserialize, Serialize};

/// One story: articles that report one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRecord {
    /// Stable id (`s1`, `s2`, …).
    pub id: String,
    /// A representative headline.
    pub title: Option<String>,
    /// External ids of its articles, first published first.
    pub articles: Vec<String>,
    /// Its outlets, sorted.
    pub outlets: Vec<String>,
    /// Earliest publication time of a member.
    pub first: Option<TimePoint>,
    /// Latest publication time of a member.
    pub last: Option<TimePoint>,
    /// How many claims its articles hold.
    pub claims: usize,
}

/// One statement: the claims of one story that report one speech act.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementRecord {
    /// Stable id (`st1`, `st2`, …).
    pub id: String,
    /// Id of its story.
    pub story: String,
    /// The speaker's longest resolved name among the occurrences.
    pub speaker: String,
    /// The speaker ids of its occurrences, sorted and distinct.
    pub speakers: Vec<ActorId>,
    /// The longest wording among the occurrences.
    pub text: String,
    /// Its claims, first reported first.
    pub occurrences: Vec<ClaimId>,
    /// The outlets that carried it, sorted.
    pub outlets: Vec<String>,
    /// Its independent origins (the innermost relay, or the outlet when none is named),
    /// sorted: outlets relaying one wire report count once.
    pub origins: Vec<String>,
    /// The outlet that reported it first.
    pub first_outlet: String,
    /// When that outlet published it.
    pub first_published: Option<TimePoint>,
}

impl StatementRecord {
    /// Independent sources: distinct origins.
    pub fn independent_sources(&self) -> usize {
        self.origins.len()
    }
}

/// What one article's claims carry from the cross-article model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleLabels {
    /// The article's story.
    pub story: Option<String>,
    /// One entry per claim, in claim order (shorter when the last claims carry nothing).
    pub claims: Vec<ClaimLabels>,
}

/// What one claim carries from the cross-article model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimLabels {
    /// Its statement (reported claims only).
    pub statement: Option<String>,
    /// Links to claims of other articles (denials, confirmations).
    pub links: Vec<ClaimLink>,
}

/// Bookkeeping of the last linking: what it covered and the next fresh ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkStamp {
    /// Articles in the store when the labels were computed.
    pub articles: u64,
    /// Number of the next new story id.
    pub next_story: u64,
    /// Number of the next new statement id.
    pub next_statement: u64,
}

/// Everything one linking decides, written to the store at once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkedSet {
    /// What the linking covered and the id counters.
    pub stamp: LinkStamp,
    /// Every story.
    pub stories: Vec<StoryRecord>,
    /// Every statement.
    pub statements: Vec<StatementRecord>,
    /// The labels of each article, by its ingest sequence number.
    pub labels: Vec<(crate::ArticleSeq, ArticleLabels)>,
    /// Actors found to be one person across articles, and members found for them.
    pub merges: Vec<ActorMerge>,
}

/// How a merged actor relates to the actor it was merged into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeRelation {
    /// The same person under another name ("Netanyahu", "Benjamin Netanyahu").
    Same,
    /// A part of that person's entourage ("Mr. Netanyahu's office").
    MemberOf,
}

impl MergeRelation {
    /// The relation's name in JSON and tables.
    pub fn as_str(self) -> &'static str {
        match self {
            MergeRelation::Same => "same",
            MergeRelation::MemberOf => "member_of",
        }
    }
}

/// One recorded decision that actor `from` is (or belongs to) actor `into`, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorMerge {
    /// The actor that stands for the person.
    pub into: ActorId,
    /// The actor merged into it (or recorded as its member).
    pub from: ActorId,
    /// Same person, or member of that person.
    pub relation: MergeRelation,
    /// Why, in words: which names matched and in what context.
    pub reason: String,
    /// Stories whose articles gave the context (empty for a well-known name).
    pub stories: Vec<String>,
    /// The claims of `from` in those stories: the mentions the decision rests on.
    pub claims: Vec<ClaimId>,
}
