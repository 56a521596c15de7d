//! Statements: claims of one story that report the same speech act, and how many
//! independent sources carried each.
//!
//! Two reported claims of one story are one statement when their speakers are compatible
//! (the same actor, or one name ending the other's within the story: "Obama" and "Barack
//! Obama") and their contents match: three-syllable shingles of one are mostly inside the
//! other (a fragment of a quotation joins the full quotation), or the contents share most
//! of their weight of rare syllables (a paraphrase). Pairs are joined by union-find.
//! Unnamed speakers ("a Western diplomat") are never one actor across articles, but when
//! one speaker is such an unresolved description, two claims of different articles are
//! still one statement when their contents match strongly: outlets relay one quotation and
//! attribute it in their own words ("Nadal" and "the Spanish player"). The article's own voice
//! (narrative claims) is not a statement of a speaker and is left out.
//!
//! An occurrence's origin is the innermost relay of its claim ("theo AFP": AFP) or, when
//! none is named, its outlet: outlets relaying one wire count once.

use crate::text::{shingles, syllables};
use crate::{processing_order, LinkArticle, Stories, UnionFind};
use claimgraph_model::{ActorId, ActorKind, ClaimKind, ClaimView, TimePoint};
use std::collections::{BTreeSet, HashMap};

/// Thresholds of statement matching.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatementParams {
    /// Shingle length, in syllables.
    pub shingle: usize,
    /// Least share of the shorter content's shingles found in the other.
    pub containment: f64,
    /// Least IDF-weighted Dice overlap of the two contents' syllables.
    pub overlap: f64,
    /// Least containment or overlap when one speaker is an unresolved description ("a
    /// source close to the couple", "the Spanish player"): the content alone must then
    /// show that two outlets relay one statement.
    pub unresolved: f64,
}

impl Default for StatementParams {
    fn default() -> StatementParams {
        StatementParams {
            shingle: 3,
            containment: 0.5,
            overlap: 0.5,
            unresolved: 0.55,
        }
    }
}

/// Where a claim is: its article's index in the input and its index in that article's
/// claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Occurrence {
    /// Index of the article in the input.
    pub article: usize,
    /// Index of the claim in the article's `claims`.
    pub claim: usize,
}

/// One speech act and every claim that reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// `st1`, `st2`, … in order of first report.
    pub id: String,
    /// Index of its story.
    pub story: usize,
    /// The speaker's longest resolved name among the occurrences (the longest description
    /// when none is resolved).
    pub speaker: String,
    /// The longest wording among the occurrences.
    pub text: String,
    /// Its claims, first reported first.
    pub occurrences: Vec<Occurrence>,
    /// The outlets that carried it, sorted.
    pub outlets: Vec<String>,
    /// Its independent origins (innermost relay or outlet), sorted.
    pub origins: Vec<String>,
    /// The outlet that reported it first.
    pub first_outlet: String,
    /// When that outlet published it.
    pub first_published: Option<TimePoint>,
}

impl Statement {
    /// Outlets relaying the same origin count once.
    pub fn independent_sources(&self) -> usize {
        self.origins.len()
    }
}

/// Speakers merged by actor merging: actor → the actor standing for its person, and that
/// actor's kind when known.
pub type MergedSpeakers = HashMap<ActorId, (ActorId, Option<ActorKind>)>;

/// A claim's speaker as matching sees it: its actor (after merging), kind, article and the
/// syllables of its name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Speaker<'a> {
    pub(crate) id: ActorId,
    pub(crate) kind: ActorKind,
    pub(crate) article: &'a str,
    pub(crate) words: &'a [String],
}

impl<'a> Speaker<'a> {
    /// The speaker of `view` as extracted, its name's syllables being `words`.
    pub(crate) fn of(view: &'a ClaimView, words: &'a [String]) -> Speaker<'a> {
        Speaker {
            id: view.speaker_id,
            kind: view.speaker_kind,
            article: &view.article_id,
            words,
        }
    }
}

/// What statement matching needs of one claim.
struct Candidate<'a> {
    at: Occurrence,
    view: &'a ClaimView,
    speaker_id: ActorId,
    speaker_kind: ActorKind,
    speaker: Vec<String>,
    shingles: Vec<String>,
    weights: HashMap<String, f64>,
}

/// Every statement of the reported claims of `articles`, grouped within `stories`.
pub fn statements(
    articles: &[LinkArticle],
    stories: &Stories,
    params: &StatementParams,
) -> Vec<Statement> {
    statements_merged(articles, stories, params, &MergedSpeakers::new())
}

/// [`statements`], each speaker in `merged` taken as the actor standing for its person
/// (so "Netanyahu" and "Benjamin Netanyahu" saying one thing are one statement).
pub fn statements_merged(
    articles: &[LinkArticle],
    stories: &Stories,
    params: &StatementParams,
    merged: &MergedSpeakers,
) -> Vec<Statement> {
    let idf = claim_idf(articles);
    let mut out = Vec::new();
    // One story at a time: memory holds one story's prepared claims, not the whole set's.
    for (story, claims) in claims_by_story(articles, stories).iter().enumerate() {
        let cands: Vec<Candidate> = claims
            .iter()
            .filter(|o| articles[o.article].claims[o.claim].kind == ClaimKind::Reported)
            .map(|&at| candidate(articles, at, &idf, merged, params))
            .collect();
        for group in group_candidates(&cands, params) {
            out.push(build(articles, story, &group));
        }
    }
    out.sort_by_cached_key(|s| first_key(articles, s));
    for (n, s) in out.iter_mut().enumerate() {
        s.id = format!("st{}", n + 1);
    }
    out
}

/// Each story's claims, its articles taken in processing order.
pub(crate) fn claims_by_story(articles: &[LinkArticle], stories: &Stories) -> Vec<Vec<Occurrence>> {
    let mut by_story: Vec<Vec<Occurrence>> = vec![Vec::new(); stories.stories.len()];
    for a in processing_order(articles) {
        let Some(claims) = by_story.get_mut(stories.of_article[a]) else {
            continue;
        };
        claims.extend((0..articles[a].claims.len()).map(|claim| Occurrence { article: a, claim }));
    }
    by_story
}

fn candidate<'a>(
    articles: &'a [LinkArticle],
    at: Occurrence,
    idf: &HashMap<String, f64>,
    merged: &MergedSpeakers,
    params: &StatementParams,
) -> Candidate<'a> {
    let view = &articles[at.article].claims[at.claim];
    let syl = syllables(&view.text);
    let weights = idf_weights(&syl, idf);
    let (speaker_id, speaker_kind) = match merged.get(&view.speaker_id) {
        Some(&(into, kind)) => (into, kind.unwrap_or(view.speaker_kind)),
        None => (view.speaker_id, view.speaker_kind),
    };
    Candidate {
        at,
        view,
        speaker_id,
        speaker_kind,
        speaker: syllables(&view.speaker),
        shingles: shingles(&syl, params.shingle),
        weights,
    }
}

/// Each syllable of a claim's text with its inverse document frequency (0 when unseen).
pub(crate) fn idf_weights(
    syllables: &[String],
    idf: &HashMap<String, f64>,
) -> HashMap<String, f64> {
    syllables
        .iter()
        .map(|s| (s.clone(), idf.get(s).copied().unwrap_or(0.0)))
        .collect()
}

fn first_key(articles: &[LinkArticle], s: &Statement) -> (i64, String, usize) {
    let o = s.occurrences[0];
    let a = &articles[o.article];
    (
        a.published_secs().unwrap_or(i64::MAX),
        a.id.clone(),
        o.claim,
    )
}

/// Groups of candidates (in candidate order) that report one statement.
fn group_candidates<'a>(
    cands: &'a [Candidate<'a>],
    params: &StatementParams,
) -> Vec<Vec<&'a Candidate<'a>>> {
    let mut uf = UnionFind::new(cands.len());
    for (i, j) in candidate_pairs(cands, params) {
        if same_statement(&cands[i], &cands[j], params) {
            uf.union(i, j);
        }
    }
    let mut groups: Vec<Vec<&Candidate>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for (i, cand) in cands.iter().enumerate() {
        let root = uf.find(i);
        let g = *slot.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(cand);
    }
    groups
}

/// The pairs that can clear the lowest content bar, found by prefix filtering (as in
/// set-similarity joins) instead of comparing every pair of a story; the result is exactly
/// the pairs a full comparison would accept, since every other pair fails both measures.
///
/// - Weighted Dice at least `b` means the shared weight is at least `b / 2` of each side's
///   weight, so it includes a syllable of each side's *prefix*: its heaviest syllables up
///   to where the rest weighs less than `b / 2` of the whole.
/// - Containment at least `c` of the smaller side's shingles means the smaller side shares
///   more shingles than it has outside its prefix of `n - ceil(c n) + 1` shingles (in one
///   order for all, rarest first).
///
/// Each candidate's prefix items are indexed; every candidate probes the index with all
/// of its items.
fn candidate_pairs(cands: &[Candidate], params: &StatementParams) -> BTreeSet<(usize, usize)> {
    let dice_bar = params.overlap.min(params.unresolved);
    let containment_bar = params.containment.min(params.unresolved);
    let mut shingle_df: HashMap<&str, usize> = HashMap::new();
    for c in cands {
        for s in &c.shingles {
            *shingle_df.entry(s.as_str()).or_insert(0) += 1;
        }
    }
    let mut by_syllable: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_shingle: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in cands.iter().enumerate() {
        let mut heaviest: Vec<(&str, f64)> =
            c.weights.iter().map(|(s, w)| (s.as_str(), *w)).collect();
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let total: f64 = heaviest.iter().map(|(_, w)| w).sum();
        let mut rest = total;
        for (s, w) in heaviest {
            if rest < total * dice_bar / 2.0 {
                break;
            }
            by_syllable.entry(s).or_default().push(i);
            rest -= w;
        }
        let mut rarest: Vec<&str> = c.shingles.iter().map(String::as_str).collect();
        rarest.sort_by_key(|s| (shingle_df.get(s).copied().unwrap_or(0), *s));
        let n = rarest.len();
        let prefix = n - ((containment_bar * n as f64).ceil() as usize).min(n) + 1;
        for s in rarest.into_iter().take(prefix) {
            by_shingle.entry(s).or_default().push(i);
        }
    }
    let mut pairs = BTreeSet::new();
    for (i, c) in cands.iter().enumerate() {
        let found = c
            .weights
            .keys()
            .filter_map(|s| by_syllable.get(s.as_str()))
            .chain(c.shingles.iter().filter_map(|s| by_shingle.get(s.as_str())));
        for &j in found.flatten() {
            if j != i {
                pairs.insert((i.min(j), i.max(j)));
            }
        }
    }
    pairs
}

impl Candidate<'_> {
    fn speaker(&self) -> Speaker<'_> {
        Speaker {
            id: self.speaker_id,
            kind: self.speaker_kind,
            article: &self.view.article_id,
            words: &self.speaker,
        }
    }
}

/// The same actor, or (within a story, both named and of one kind) one name ending the
/// other: "Obama" and "Barack Obama". Unnamed voices match only inside their article.
pub(crate) fn compatible_speakers(a: Speaker, b: Speaker) -> bool {
    let (sa, sb) = (a.words, b.words);
    if a.id == b.id {
        return a.kind != ActorKind::Unknown || a.article == b.article;
    }
    if a.kind != b.kind || a.kind == ActorKind::Unknown {
        return false;
    }
    let (short, long) = if sa.len() <= sb.len() {
        (sa, sb)
    } else {
        (sb, sa)
    };
    !short.is_empty() && long.ends_with(short)
}

/// One description inside the other, when either speaker is unresolved: "the People's
/// Daily" and "an article in the People's Daily". Three syllables at least, so a common
/// word or two ("an article") does not make two descriptions one.
fn nested_descriptions(a: Speaker, b: Speaker) -> bool {
    let (sa, sb) = (a.words, b.words);
    if a.kind != ActorKind::Unknown && b.kind != ActorKind::Unknown {
        return false;
    }
    let (short, long) = if sa.len() <= sb.len() {
        (sa, sb)
    } else {
        (sb, sa)
    };
    short.len() >= 3 && long.windows(short.len()).any(|w| w == short)
}

/// Whether two candidates report one statement: compatible speakers and matching
/// contents, or (when a speaker is an unresolved description) strongly matching contents.
fn same_statement(a: &Candidate, b: &Candidate, params: &StatementParams) -> bool {
    let (sa, sb) = (a.speaker(), b.speaker());
    // The speakers decide which bar the contents must clear; the contents are compared
    // only when some bar applies (most pairs of a story fail on the speakers).
    let bar = if compatible_speakers(sa, sb) || nested_descriptions(sa, sb) {
        (params.containment, params.overlap)
    } else if (a.speaker_kind == ActorKind::Unknown || b.speaker_kind == ActorKind::Unknown)
        && a.view.article_id != b.view.article_id
    {
        (params.unresolved, params.unresolved)
    } else {
        return false;
    };
    containment(&a.shingles, &b.shingles) >= bar.0 || weighted_dice(&a.weights, &b.weights) >= bar.1
}

/// Fewest shingles a content needs before its containment in another says anything: a
/// two-word fragment ("however") is inside many sentences.
const MIN_SHINGLES: usize = 4;

/// Share of the smaller set's items found in the larger (both sorted, distinct); 0 when
/// the smaller has fewer than [`MIN_SHINGLES`] items.
pub(crate) fn containment(a: &[String], b: &[String]) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller < MIN_SHINGLES {
        return 0.0;
    }
    let common = a.iter().filter(|s| b.binary_search(s).is_ok()).count();
    common as f64 / smaller as f64
}

/// IDF-weighted Dice coefficient of two syllable sets.
pub(crate) fn weighted_dice(a: &HashMap<String, f64>, b: &HashMap<String, f64>) -> f64 {
    let total: f64 = a.values().sum::<f64>() + b.values().sum::<f64>();
    if total <= 0.0 {
        return 0.0;
    }
    let common: f64 = a
        .iter()
        .filter(|(s, _)| b.contains_key(*s))
        .map(|(_, w)| 2.0 * w)
        .sum();
    common / total
}

/// Inverse document frequency of syllables over every claim's content.
pub(crate) fn claim_idf(articles: &[LinkArticle]) -> HashMap<String, f64> {
    let mut df: HashMap<String, u32> = HashMap::new();
    let mut n = 0u32;
    for a in articles {
        for c in &a.claims {
            n += 1;
            let distinct: BTreeSet<String> = syllables(&c.text).into_iter().collect();
            for s in distinct {
                *df.entry(s).or_insert(0) += 1;
            }
        }
    }
    df.into_iter()
        .map(|(s, d)| (s, (f64::from(n + 1) / f64::from(d.max(1))).ln()))
        .collect()
}

/// The origin of one occurrence: its innermost relay, else its outlet.
pub fn origin(article: &LinkArticle, claim: &ClaimView) -> String {
    match claim.via.first() {
        Some(relay) => syllables(relay).join(" "),
        None => article.outlet(),
    }
}

fn build(articles: &[LinkArticle], story: usize, group: &[&Candidate]) -> Statement {
    let occurrences: Vec<Occurrence> = group.iter().map(|c| c.at).collect();
    let resolved = group
        .iter()
        .filter(|c| c.speaker_kind != ActorKind::Unknown)
        .map(|c| c.view.speaker.as_str());
    let speaker = match longest(resolved) {
        name if name.is_empty() => longest(group.iter().map(|c| c.view.speaker.as_str())),
        name => name,
    };
    let text = longest(group.iter().map(|c| c.view.text.as_str()));
    let outlets: BTreeSet<String> = group
        .iter()
        .map(|c| articles[c.at.article].outlet())
        .collect();
    let origins: BTreeSet<String> = group
        .iter()
        .map(|c| origin(&articles[c.at.article], c.view))
        .collect();
    let first = &articles[occurrences[0].article];
    Statement {
        id: String::new(),
        story,
        speaker,
        text,
        occurrences,
        outlets: outlets.into_iter().collect(),
        origins: origins.into_iter().collect(),
        first_outlet: first.outlet(),
        first_published: first.published,
    }
}

/// The longest of `items` (the first on a tie).
fn longest<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .fold("", |best, s| {
            if s.chars().count() > best.chars().count() {
                s
            } else {
                best
            }
        })
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{article, claim, one_story};

    fn sample() -> Vec<LinkArticle> {
        let mut a = article(
            "a",
            "2013-10-22T10:00:00+07:00",
            "Mexico summons envoy",
            "Mexico summons the US ambassador over spying claims.",
        );
        a.publisher = Some("outlet-a".into());
        a.claims = vec![
            claim(&a, 0, "Jose Antonio Meade", "President Enrique Pena Nieto instructed me to summon US Ambassador Anthony Wayne as soon as I return to Mexico", &["AFP"]),
            claim(&a, 1, "Laurent Fabius", "spying on allies on a large scale is unacceptable", &[]),
        ];
        let mut b = article(
            "b",
            "2013-10-22T12:00:00+07:00",
            "Mexico to summon US envoy over spying",
            "Mexico will summon the US ambassador over the spying claims.",
        );
        b.publisher = Some("outlet-b".into());
        b.claims = vec![
            claim(
                &b,
                0,
                "Meade",
                "Pena Nieto instructed me to summon Ambassador Anthony Wayne as soon as I return",
                &["AFP"],
            ),
            claim(
                &b,
                1,
                "Meade",
                "the relationship with Washington remains strong",
                &[],
            ),
        ];
        let mut c = article(
            "c",
            "2013-10-22T15:00:00+07:00",
            "Mexico summons US ambassador over spying",
            "Mexico summons the US ambassador Anthony Wayne over spying.",
        );
        c.publisher = Some("outlet-c".into());
        c.claims = vec![claim(
            &c,
            0,
            "Jose Antonio Meade",
            "Pena Nieto told me to summon the US ambassador Anthony Wayne when I return to Mexico",
            &[],
        )];
        vec![a, b, c]
    }

    #[test]
    fn one_statement_reported_by_three_outlets_from_two_origins() {
        let articles = sample();
        let st = one_story(articles.len());
        let all = statements(&articles, &st, &StatementParams::default());
        let summons = all
            .iter()
            .find(|s| s.occurrences.len() == 3)
            .unwrap_or_else(|| panic!("no statement with three occurrences: {all:#?}"));
        assert_eq!(summons.speaker, "Jose Antonio Meade");
        assert_eq!(summons.outlets, vec!["outlet-a", "outlet-b", "outlet-c"]);
        assert_eq!(summons.origins, vec!["afp", "outlet-c"]);
        assert_eq!(summons.independent_sources(), 2);
        assert_eq!(summons.first_outlet, "outlet-a");
        assert_eq!(
            all.len(),
            3,
            "Fabius and Meade's other claim stand alone: {all:#?}"
        );
    }

    #[test]
    fn different_speakers_never_share_a_statement() {
        let mut articles = sample();
        articles[2].claims[0].speaker = "Laurent Fabius".into();
        articles[2].claims[0].speaker_id = 99;
        let st = one_story(articles.len());
        let all = statements(&articles, &st, &StatementParams::default());
        assert!(all.iter().all(|s| s.occurrences.len() <= 2), "{all:#?}");
    }

    #[test]
    fn containment_measures_the_smaller_set() {
        let a: Vec<String> = ["w", "x", "y", "z"].map(String::from).to_vec();
        let b: Vec<String> = ["v", "w", "x", "y", "z"].map(String::from).to_vec();
        assert!((containment(&a, &b) - 1.0).abs() < 1e-9);
        assert_eq!(containment(&a[..2], &b), 0.0, "too short to tell");
        assert_eq!(containment(&a, &[]), 0.0);
    }
}
