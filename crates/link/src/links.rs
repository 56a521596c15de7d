//! Links across articles: a denial or confirmation in one article tied to the claim it
//! answers in another article of the same story.
//!
//! A claim whose stance is `deny` or `confirm` looks at the claims of the story's other
//! articles published no later than its own, by speakers other than its own. A candidate
//! qualifies when the responding claim names the candidate's speaker and their contents
//! overlap a little, or when their contents overlap much (IDF-weighted Dice over
//! syllables). The best candidate (named first, then overlap) is the target; the kind
//! follows the stance (`denies`, `supports`).

use crate::statement::{
    claim_idf, claims_by_story, compatible_speakers, idf_weights, weighted_dice, Speaker,
};
use crate::text::syllables;
use crate::{LinkArticle, Occurrence, Stories};
use claimgraph_model::{ActorKind, ClaimKind, ClaimView, LinkKind, Stance};
use std::collections::HashMap;

/// Thresholds of cross-article linking.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkParams {
    /// Least content overlap when the responding claim names the target's speaker.
    pub named_overlap: f64,
    /// Least content overlap when it does not.
    pub overlap: f64,
}

impl Default for LinkParams {
    fn default() -> LinkParams {
        LinkParams {
            named_overlap: 0.15,
            overlap: 0.5,
        }
    }
}

/// A link from a claim of one article to a claim of another.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossLink {
    /// Index of the story both articles belong to.
    pub story: usize,
    /// `denies` or `supports`.
    pub kind: LinkKind,
    /// The responding claim.
    pub from: Occurrence,
    /// The claim it answers.
    pub target: Occurrence,
    /// True when the responding claim names the target's speaker.
    pub named: bool,
    /// IDF-weighted Dice overlap of the two contents.
    pub overlap: f64,
}

struct Prepared {
    at: Occurrence,
    time: Option<i64>,
    speaker: Vec<String>,
    syllables: Vec<String>,
    weights: HashMap<String, f64>,
}

/// Every cross-article link of `articles` within `stories`, in the order of the
/// responding claims' articles (publication time, then id) and positions.
pub fn cross_links(
    articles: &[LinkArticle],
    stories: &Stories,
    params: &LinkParams,
) -> Vec<CrossLink> {
    let idf = claim_idf(articles);
    let mut out = Vec::new();
    // One story at a time, and only stories with a denial or confirmation: memory holds
    // one story's prepared claims.
    for (story, claims) in claims_by_story(articles, stories).iter().enumerate() {
        if !claims
            .iter()
            .any(|o| responds(&articles[o.article].claims[o.claim]))
        {
            continue;
        }
        let prepared: Vec<Prepared> = claims
            .iter()
            .map(|&at| {
                let view = &articles[at.article].claims[at.claim];
                let syl = syllables(&view.text);
                let weights = idf_weights(&syl, &idf);
                Prepared {
                    at,
                    time: articles[at.article].published_secs(),
                    speaker: syllables(&view.speaker),
                    syllables: syl,
                    weights,
                }
            })
            .collect();
        for from in &prepared {
            if let Some(link) = best_target(articles, story, from, &prepared, params) {
                out.push(link);
            }
        }
    }
    out
}

/// A reported denial or confirmation: what may answer a claim of another article.
fn responds(view: &ClaimView) -> bool {
    view.kind == ClaimKind::Reported && matches!(view.stance, Stance::Deny | Stance::Confirm)
}

fn best_target(
    articles: &[LinkArticle],
    story: usize,
    from: &Prepared,
    claims: &[Prepared],
    params: &LinkParams,
) -> Option<CrossLink> {
    let view = &articles[from.at.article].claims[from.at.claim];
    if !responds(view) {
        return None;
    }
    let from_speaker = &from.speaker;
    let mut best: Option<CrossLink> = None;
    for t in claims {
        if t.at.article == from.at.article || later(t.time, from.time) {
            continue;
        }
        let target = &articles[t.at.article].claims[t.at.claim];
        let target_speaker = &t.speaker;
        // A speaker does not answer itself (an unnamed voice included).
        if view.speaker_id == target.speaker_id
            || compatible_speakers(
                Speaker::of(view, from_speaker),
                Speaker::of(target, target_speaker),
            )
        {
            continue;
        }
        let named = target.kind == ClaimKind::Reported
            && names(&from.syllables, target_speaker, target.speaker_kind);
        let overlap = weighted_dice(&from.weights, &t.weights);
        let enough = if named {
            params.named_overlap
        } else {
            params.overlap
        };
        if overlap < enough {
            continue;
        }
        let better = best
            .as_ref()
            .is_none_or(|b| (named, overlap) > (b.named, b.overlap));
        if better {
            best = Some(CrossLink {
                story,
                kind: LinkKind::from_response(view.stance),
                from: from.at,
                target: t.at,
                named,
                overlap,
            });
        }
    }
    best
}

/// True when `a` is known to come after `b`.
fn later(a: Option<i64>, b: Option<i64>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a > b)
}

/// Whether `text` names the speaker: the whole name, or a person's last syllable (a
/// surname in Western order, the given name in Vietnamese order).
fn names(text: &[String], speaker: &[String], kind: ActorKind) -> bool {
    if speaker.is_empty() || kind == ActorKind::Unknown {
        return false;
    }
    if text.windows(speaker.len()).any(|w| w == speaker) {
        return true;
    }
    kind == ActorKind::Person
        && speaker.len() > 1
        && speaker.last().is_some_and(|last| text.contains(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{article, claim};
    use crate::{stories, StoryParams};

    fn sample() -> Vec<LinkArticle> {
        let mut a = article("a", "2014-07-18T09:00:00+07:00", "Rebels say Ukrainian jet shot down airliner", "Rebels in eastern Ukraine said a Ukrainian military jet shot down the Malaysian airliner over Donetsk.");
        a.claims = vec![claim(
            &a,
            0,
            "Rebels",
            "a Ukrainian military jet shot down the Malaysian airliner over Donetsk",
            &[],
        )];
        let mut b = article("b", "2014-07-18T15:00:00+07:00", "Kiev denies shooting down Malaysian airliner", "Ukraine denied that its jet shot down the Malaysian airliner over Donetsk, blaming the rebels.");
        b.claims = vec![claim(
            &b,
            0,
            "Ukraine",
            "the rebels lie: no Ukrainian jet shot down the Malaysian airliner",
            &[],
        )];
        b.claims[0].stance = Stance::Deny;
        vec![a, b]
    }

    #[test]
    fn a_denial_links_to_the_earlier_claim_of_another_article() {
        let articles = sample();
        let st = stories(&articles, &StoryParams::default());
        assert_eq!(st.stories.len(), 1);
        let links = cross_links(&articles, &st, &LinkParams::default());
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].kind, LinkKind::Denies);
        assert_eq!(
            links[0].from,
            Occurrence {
                article: 1,
                claim: 0
            }
        );
        assert_eq!(
            links[0].target,
            Occurrence {
                article: 0,
                claim: 0
            }
        );
        assert!(links[0].named);
    }

    #[test]
    fn a_denial_never_answers_a_later_claim() {
        let mut articles = sample();
        articles[0].published =
            claimgraph_model::TimePoint::parse("2014-07-19T09:00:00+07:00").ok();
        let st = stories(&articles, &StoryParams::default());
        assert!(cross_links(&articles, &st, &LinkParams::default()).is_empty());
    }
}
