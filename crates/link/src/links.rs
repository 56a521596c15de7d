//! Links across articles: a denial or confirmation in one article tied to the claim it
//! answers in another article of the same story, or of a story of the last two days.
//!
//! A claim whose stance is `deny` or `confirm` looks at the claims of other articles
//! published no later than its own, by speakers other than its own. A candidate
//! qualifies when the responding claim names the candidate's speaker and their contents
//! overlap a little; or, for a denial, when the responding claim's **article** names the
//! candidate's speaker and the candidate overlaps the denial in its context (the denial
//! and the claims just before it: "the figures above"); or, in the same story only, when
//! their contents overlap much (IDF-weighted Dice over syllables). The best candidate
//! (named in the claim first, then overlap) is the target; the kind follows the stance
//! (`denies`, `supports`).

use crate::statement::{claim_idf, compatible_speakers, idf_weights, weighted_dice, Speaker};
use crate::story::join_stories;
use crate::text::syllables;
use crate::{processing_order, LinkArticle, Occurrence, Stories};
use claimgraph_model::{ActorKind, ClaimKind, ClaimView, LinkKind, Stance};
use std::collections::{BTreeSet, HashMap};

/// Thresholds of cross-article linking.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkParams {
    /// Least content overlap when the responding claim names the target's speaker.
    pub named_overlap: f64,
    /// Least content overlap when it does not.
    pub overlap: f64,
    /// Least overlap between the target and the responding claim **in its context** (its
    /// content and the claims just before it in its article) when the responding claim's
    /// article, not the claim itself, names the target's speaker: "the Foreign Ministry
    /// rejected the above figures", the figures' source named earlier in the article.
    pub context_overlap: f64,
    /// How many claims before the responding claim, in its article, make its context.
    pub context_claims: usize,
    /// How many hours before the responding article a target of **another story** may be
    /// published (0: the same story only). Outlets that report an answer often tell it as
    /// an event of its own, so the answer and what it answers can fall in two stories; a
    /// target of another story must be named (in the claim or in its article).
    pub recent_hours: f64,
    /// Whether a link between two stories makes them one ([`answered_stories`]).
    pub join_stories: bool,
}

impl Default for LinkParams {
    fn default() -> LinkParams {
        LinkParams {
            named_overlap: 0.15,
            overlap: 0.5,
            context_overlap: 0.2,
            context_claims: 2,
            recent_hours: 48.0,
            join_stories: true,
        }
    }
}

/// How the responding claim names the target's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Naming {
    /// Not at all: only a large overlap of contents links them.
    Unnamed,
    /// The responding claim's article names the target's speaker (the whole name).
    InArticle,
    /// The responding claim's content names the target's speaker.
    InClaim,
}

/// A link from a claim of one article to a claim of another.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossLink {
    /// Index of the responding claim's story (the target's is the same or a recent one).
    pub story: usize,
    /// `denies` or `supports`.
    pub kind: LinkKind,
    /// The responding claim.
    pub from: Occurrence,
    /// The claim it answers.
    pub target: Occurrence,
    /// True when the responding claim names the target's speaker.
    pub named: bool,
    /// Where the target's speaker is named.
    pub naming: Naming,
    /// IDF-weighted Dice overlap of the two contents (of the responding claim's context
    /// when only its article names the target's speaker).
    pub overlap: f64,
}

struct Prepared {
    at: Occurrence,
    time: Option<i64>,
    speaker: Vec<String>,
    syllables: Vec<String>,
    weights: HashMap<String, f64>,
}

fn prepare(articles: &[LinkArticle], at: Occurrence, idf: &HashMap<String, f64>) -> Prepared {
    let view = &articles[at.article].claims[at.claim];
    let syl = syllables(&view.text);
    let weights = idf_weights(&syl, idf);
    Prepared {
        at,
        time: articles[at.article].published_secs(),
        speaker: syllables(&view.speaker),
        syllables: syl,
        weights,
    }
}

/// Every cross-article link of `articles` within `stories`, in the order of the
/// responding claims' articles (publication time, then id) and positions.
pub fn cross_links(
    articles: &[LinkArticle],
    stories: &Stories,
    params: &LinkParams,
) -> Vec<CrossLink> {
    let idf = claim_idf(articles);
    let mut timed: Vec<(i64, usize)> = articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.published_secs().map(|t| (t, i)))
        .collect();
    timed.sort_unstable();
    let window = (params.recent_hours.max(0.0) * 3600.0) as i64;
    // Prepared claims of the articles looked at, kept while they can still be a target.
    let mut prepared: HashMap<usize, Vec<Prepared>> = HashMap::new();
    let mut out = Vec::new();
    for a in processing_order(articles) {
        let article = &articles[a];
        if !article.claims.iter().any(responds) {
            continue;
        }
        let story = stories.of_article.get(a).copied().unwrap_or(usize::MAX);
        // The story's other articles, then those of other stories in the recent window.
        let mut candidates: BTreeSet<(bool, usize)> = stories
            .stories
            .get(story)
            .map(|s| s.articles.iter().map(|&m| (true, m)).collect())
            .unwrap_or_default();
        if let (Some(t), true) = (article.published_secs(), window > 0) {
            let from = timed.partition_point(|&(at, _)| at < t - window);
            let to = timed.partition_point(|&(at, _)| at <= t);
            for &(_, m) in &timed[from..to] {
                if stories.of_article.get(m) != Some(&story) {
                    candidates.insert((false, m));
                }
            }
        }
        candidates.retain(|&(_, m)| m != a);
        if let Some(t) = article.published_secs() {
            prepared.retain(|&m, _| {
                articles[m]
                    .published_secs()
                    .is_none_or(|at| at >= t - window)
                    || stories.of_article.get(m) == Some(&story)
            });
        }
        for &(_, m) in &candidates {
            prepared.entry(m).or_insert_with(|| {
                (0..articles[m].claims.len())
                    .map(|claim| prepare(articles, Occurrence { article: m, claim }, &idf))
                    .collect()
            });
        }
        let own: Vec<Prepared> = (0..article.claims.len())
            .map(|claim| prepare(articles, Occurrence { article: a, claim }, &idf))
            .collect();
        let text = syllables(&format!(
            "{}\n{}",
            article.title.as_deref().unwrap_or(""),
            article.text
        ));
        for (i, from) in own.iter().enumerate() {
            if !responds(&article.claims[i]) {
                continue;
            }
            let context = context_weights(article, &own, i, params.context_claims);
            let responding = Responding {
                from,
                context: &context,
                article_text: &text,
                story,
            };
            let mut best: Option<CrossLink> = None;
            for &(same_story, m) in &candidates {
                let Some(targets) = prepared.get(&m) else {
                    continue;
                };
                for t in targets {
                    let Some(link) = qualify(articles, &responding, t, same_story, params) else {
                        continue;
                    };
                    // Named in the claim first; then the larger overlap (a large overlap
                    // without the name says as much as the name somewhere in the article).
                    let key = |l: &CrossLink| (l.naming == Naming::InClaim, l.overlap);
                    let better = best.as_ref().is_none_or(|b| key(&link) > key(b));
                    if better {
                        best = Some(link);
                    }
                }
            }
            out.extend(best);
        }
    }
    out
}

/// `found` with every two stories that a cross-article link joins made one (at most
/// `max_articles` articles each), when `params.join_stories` is set.
///
/// A link across stories names the party it answers (`qualify`), so the answer and what
/// it answers are one event told twice: "Mỹ cương quyết bảo vệ chiến dịch máy bay không
/// người lái" answering "400 dân thường Pakistan chết vì UAV tấn công". Links are then
/// computed again over the stories made, since a story's own claims are looked at more
/// widely than those of other stories.
pub fn answered_stories(
    articles: &[LinkArticle],
    found: Stories,
    params: &LinkParams,
    max_articles: usize,
) -> Stories {
    if !params.join_stories {
        return found;
    }
    let pairs: Vec<(usize, usize)> = cross_links(articles, &found, params)
        .iter()
        .map(|l| (l.from.article, l.target.article))
        .collect();
    join_stories(articles, found, pairs, max_articles)
}

/// A reported denial or confirmation: what may answer a claim of another article.
fn responds(view: &ClaimView) -> bool {
    view.kind == ClaimKind::Reported && matches!(view.stance, Stance::Deny | Stance::Confirm)
}

/// The responding claim's content with the contents of up to `n` reported claims before
/// it in its article by other speakers: what "the above figures" or "the report" refer to.
fn context_weights(
    article: &LinkArticle,
    own: &[Prepared],
    index: usize,
    n: usize,
) -> HashMap<String, f64> {
    let mut weights = own[index].weights.clone();
    let speaker = article.claims[index].speaker_id;
    let before = own[..index]
        .iter()
        .rev()
        .filter(|p| {
            let c = &article.claims[p.at.claim];
            c.kind == ClaimKind::Reported && c.speaker_id != speaker
        })
        .take(n);
    for p in before {
        for (s, w) in &p.weights {
            weights.insert(s.clone(), *w);
        }
    }
    weights
}

struct Responding<'a> {
    from: &'a Prepared,
    context: &'a HashMap<String, f64>,
    article_text: &'a [String],
    story: usize,
}

/// The link from the responding claim to `t`, when `t` qualifies as what it answers.
fn qualify(
    articles: &[LinkArticle],
    r: &Responding,
    t: &Prepared,
    same_story: bool,
    params: &LinkParams,
) -> Option<CrossLink> {
    let from = r.from;
    let view = &articles[from.at.article].claims[from.at.claim];
    if later(t.time, from.time) {
        return None;
    }
    let target = &articles[t.at.article].claims[t.at.claim];
    // A speaker does not answer itself (an unnamed voice included), nor does one name
    // holding the other ("Tiến" and "Nguyễn Thị Kim Tiến"; a name extraction left words
    // around, "Marty Natalegawa cùng ngày cũng lên tiếng").
    if view.speaker_id == target.speaker_id
        || compatible_speakers(
            Speaker::of(view, &from.speaker),
            Speaker::of(target, &t.speaker),
        )
        || one_name_holds_the_other(&from.speaker, &t.speaker)
    {
        return None;
    }
    let reported = target.kind == ClaimKind::Reported;
    let overlap = weighted_dice(&from.weights, &t.weights);
    // In the claim: for a target of another story, only by the whole name (a last
    // syllable alone is too weak a tie between two stories).
    let in_claim = if same_story {
        names(&from.syllables, &t.speaker, target.speaker_kind)
    } else {
        names_whole(&from.syllables, &t.speaker, target.speaker_kind)
    };
    // In the article: only for a denial. An article that confirms what someone said
    // usually restates it, and the restatement is the same statement (`statement.rs`),
    // not an answer; a denial names what it rejects ("the report's figures") and its
    // article says whose they are.
    let in_article =
        view.stance == Stance::Deny && names_whole(r.article_text, &t.speaker, target.speaker_kind);
    let (naming, overlap) = if reported && in_claim {
        (Naming::InClaim, overlap)
    } else if reported && in_article {
        let in_context = weighted_dice(r.context, &t.weights);
        (Naming::InArticle, overlap.max(in_context))
    } else {
        (Naming::Unnamed, overlap)
    };
    let enough = match naming {
        Naming::InClaim => params.named_overlap,
        Naming::InArticle => params.context_overlap,
        Naming::Unnamed if same_story => params.overlap,
        Naming::Unnamed => return None,
    };
    if overlap < enough {
        return None;
    }
    Some(CrossLink {
        story: r.story,
        kind: LinkKind::from_response(view.stance),
        from: from.at,
        target: t.at,
        named: naming == Naming::InClaim,
        naming,
        overlap,
    })
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

/// Whether the shorter name is the end of the longer or, of two syllables at least, inside
/// it.
fn one_name_holds_the_other(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty()
        && (long.ends_with(short)
            || (short.len() >= 2 && long.windows(short.len()).any(|w| w == short)))
}

/// Whether `text` holds the speaker's whole name, of two syllables at least (one syllable
/// of a name is too common in a whole article to say who is meant).
fn names_whole(text: &[String], speaker: &[String], kind: ActorKind) -> bool {
    speaker.len() >= 2
        && kind != ActorKind::Unknown
        && text.windows(speaker.len()).any(|w| w == speaker)
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

    /// Two articles in two stories: a report, then a denial pointing back at "the
    /// figures above", its article naming whose they are.
    fn pointing_back() -> (Vec<LinkArticle>, Stories) {
        let mut a = article(
            "a",
            "2013-10-22T06:00:00+00:00",
            "Amnesty: drone strikes may be war crimes",
            "Amnesty International said drone strikes killed hundreds of civilians.",
        );
        a.claims = vec![claim(
            &a,
            0,
            "Amnesty International",
            "drone strikes in Pakistan killed hundreds of civilians and may be war crimes",
            &[],
        )];
        let mut b = article("b", "2013-10-22T15:00:00+00:00", "White House defends campaign", "Amnesty International published a report. Groups said 400 to 900 civilians were killed in drone strikes. The State Department rejected the civilian figures above.");
        b.claims = vec![
            claim(
                &b,
                0,
                "Groups",
                "400 to 900 civilians were killed in drone strikes in Pakistan",
                &[],
            ),
            claim(&b, 1, "State Department", "the civilian figures above", &[]),
        ];
        b.claims[1].stance = Stance::Deny;
        let st = Stories {
            stories: vec![
                crate::Story {
                    id: "s1".into(),
                    articles: vec![0],
                    title: None,
                    first: None,
                    last: None,
                },
                crate::Story {
                    id: "s2".into(),
                    articles: vec![1],
                    title: None,
                    first: None,
                    last: None,
                },
            ],
            of_article: vec![0, 1],
        };
        (vec![a, b], st)
    }

    #[test]
    fn a_denial_pointing_back_answers_the_speaker_its_article_names() {
        let (articles, st) = pointing_back();
        let links = cross_links(&articles, &st, &LinkParams::default());
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].naming, Naming::InArticle);
        assert_eq!((links[0].from.article, links[0].from.claim), (1, 1));
        assert_eq!((links[0].target.article, links[0].target.claim), (0, 0));
        // Without the recent window, a target of another story is out of reach.
        let same_story_only = LinkParams {
            recent_hours: 0.0,
            ..LinkParams::default()
        };
        assert!(cross_links(&articles, &st, &same_story_only).is_empty());
        // A confirmation is not linked through its article (it restates, `statement.rs`).
        let mut confirming = articles.clone();
        confirming[1].claims[1].stance = Stance::Confirm;
        assert!(cross_links(&confirming, &st, &LinkParams::default()).is_empty());
    }

    #[test]
    fn an_answer_told_as_a_story_of_its_own_joins_the_story_it_answers() {
        let (articles, st) = pointing_back();
        let joined = answered_stories(&articles, st.clone(), &LinkParams::default(), 500);
        assert_eq!(joined.stories.len(), 1, "{:?}", joined.stories);
        assert_eq!(joined.stories[0].articles, vec![0, 1]);
        assert_eq!(joined.of_article, vec![0, 0]);
        // Off, or past the story size limit, the two stay apart.
        let off = LinkParams {
            join_stories: false,
            ..LinkParams::default()
        };
        assert_eq!(answered_stories(&articles, st.clone(), &off, 500), st);
        let apart = answered_stories(&articles, st.clone(), &LinkParams::default(), 1);
        assert_eq!(apart.stories.len(), 2);
        // A confirmation of another story is not linked, so it joins nothing.
        let mut confirming = articles.clone();
        confirming[1].claims[1].stance = Stance::Confirm;
        let kept = answered_stories(&confirming, st, &LinkParams::default(), 500);
        assert_eq!(kept.stories.len(), 2);
    }

    #[test]
    fn a_speaker_whose_name_holds_the_other_does_not_answer_it() {
        let (mut articles, st) = pointing_back();
        articles[1].claims[1].speaker = "Amnesty International researchers".into();
        articles[1].claims[1].speaker_id = 77;
        assert!(cross_links(&articles, &st, &LinkParams::default()).is_empty());
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
