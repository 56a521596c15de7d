//! The cross-article model: which articles report the same event (stories), which claims
//! of different articles are one speech act (statements), how many independent sources
//! carried each, which claim of one article denies or backs up a claim of another, and
//! which figures several articles give for the same thing.
//!
//! Pure functions over model types: no store, no command line, no language words (common
//! words lose their weight through inverse document frequency). Every result is a function
//! of the set of articles, not of the order they arrived in: articles are processed by
//! publication time, then id. See `docs/cross-article.md`.
#![warn(missing_docs)]

pub mod actors;
pub mod eval;
pub mod figures;
pub mod links;
pub mod persist;
pub mod statement;
pub mod story;
pub mod text;
pub mod vector;

use claimgraph_model::{ClaimView, TimePoint};

pub use actors::{merge_actors, ActorContext, ActorInfo, ActorMerges, NameKnowledge};
pub use figures::{figures, Agreement, Figure, FigureValue};
pub use links::{answered_stories, cross_links, CrossLink, LinkParams};
pub use persist::{link_set, link_set_with_actors, stories_from_labels, Params, Previous};
pub use statement::{
    pair_features, statements, statements_merged, MergedSpeakers, Occurrence, PairFeatures,
    SpeakerMatch, Statement, StatementParams,
};
pub use story::{join_stories, stories, Stories, Story, StoryParams};

/// One article as the cross-article model sees it: metadata, text and claims.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArticle {
    /// External id, unique among the articles.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// The article's text (empty when the store kept none).
    pub text: String,
    /// Name of the outlet that published it.
    pub publisher: Option<String>,
    /// Publication time.
    pub published: Option<TimePoint>,
    /// Its claims, in text order.
    pub claims: Vec<ClaimView>,
}

impl LinkArticle {
    /// Publication time in Unix seconds, when the year is known.
    pub fn published_secs(&self) -> Option<i64> {
        self.published.and_then(|p| p.interval()).map(|iv| iv.start)
    }

    /// The outlet, or the article id when the publisher is unknown (so two articles of
    /// unknown outlets never count as one outlet).
    pub fn outlet(&self) -> String {
        self.publisher
            .clone()
            .unwrap_or_else(|| format!("({})", self.id))
    }
}

/// Indexes of `articles` in processing order: publication time (unknown last), then id.
pub fn processing_order(articles: &[LinkArticle]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| {
            (
                articles[i].published_secs().unwrap_or(i64::MAX),
                &articles[i].id,
            )
        };
        key(a).cmp(&key(b))
    });
    order
}

/// A minimal union-find over `0..n`, for grouping pairs.
#[derive(Debug, Clone)]
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins the sets of `a` and `b`; the smaller index becomes the root, so roots do not
    /// depend on the order pairs are joined in.
    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[hi] = lo;
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Articles and claims for the unit tests.
    use super::{LinkArticle, Stories, Story};
    use claimgraph_model::{ActorKind, ClaimId, ClaimKind, ClaimView, Stance, TimePoint};

    /// One story holding the `n` articles of a test, for tests of what comes after
    /// story grouping.
    pub fn one_story(n: usize) -> Stories {
        Stories {
            stories: vec![Story {
                id: "s1".into(),
                articles: (0..n).collect(),
                title: None,
                first: None,
                last: None,
            }],
            of_article: vec![0; n],
        }
    }

    /// An article with no claims.
    pub fn article(id: &str, published: &str, title: &str, text: &str) -> LinkArticle {
        LinkArticle {
            id: id.into(),
            title: Some(title.into()),
            text: text.into(),
            publisher: Some(format!("outlet of {id}")),
            published: TimePoint::parse(published).ok(),
            claims: Vec::new(),
        }
    }

    /// A reported `assert` claim of `article` by a person, relayed by `via`.
    pub fn claim(
        article: &LinkArticle,
        index: u16,
        speaker: &str,
        text: &str,
        via: &[&str],
    ) -> ClaimView {
        let speaker_id = speaker
            .bytes()
            .fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
        ClaimView {
            id: ClaimId::new(0, index),
            external_id: format!("{}#{index}", article.id),
            speaker: speaker.into(),
            speaker_id,
            speaker_kind: ActorKind::Person,
            speaker_text: None,
            cue: Some("said".into()),
            stance: Stance::Assert,
            kind: ClaimKind::Reported,
            text: text.into(),
            said: article.published,
            when: None,
            via: via.iter().map(|s| s.to_string()).collect(),
            about: Vec::new(),
            quantities: Vec::new(),
            links: Vec::new(),
            provenance: None,
            said_basis: None,
            mentions: Default::default(),
            article_id: article.id.clone(),
            article_seq: 0,
            article_title: article.title.clone(),
            publisher: article.publisher.clone(),
            published: article.published,
            ingested_at: 0,
            story: None,
            statement: None,
        }
    }
}
