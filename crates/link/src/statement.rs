//! Statements: claims of one story that report the same speech act, and how many
//! independent sources carried each.
//!
//! Two reported claims of one story are one statement when their speakers are compatible
//! (the same actor, or one name fitting the other's within the story: "Obama" and "Barack
//! Obama") and their contents match: three-syllable shingles of one are mostly inside the
//! other (a fragment of a quotation joins the full quotation), or the contents share most
//! of their weight of rare syllables (a paraphrase). One named speaker's claims in two
//! articles are also one statement when they paraphrase more loosely: the overlap weighted
//! by each syllable's rarity within the story too (the story's topic weighs little), no
//! differing figures, and each the other's best such match. Pairs are joined by union-find.
//! Unnamed speakers ("a Western diplomat") are never one actor across articles, but when
//! one speaker is such an unresolved description, two claims of different articles are
//! still one statement when their contents match strongly: outlets relay one quotation and
//! attribute it in their own words ("Nadal" and "the Spanish player"). The article's own voice
//! (narrative claims) is not a statement of a speaker and is left out.
//!
//! An occurrence's origin is the innermost relay of its claim ("theo AFP": AFP) or, when
//! none is named, its outlet: outlets relaying one wire count once.

use crate::text::{opening_name, shingles, syllables};
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
    /// Least overlap of the contents of two claims of different articles, each syllable
    /// weighted by its inverse document frequency times its rarity **within the story**
    /// (`with_story_weights`), when the two speakers are one named person or body (the same actor, or one name fitting the
    /// other) and the contents give no differing figures. A paraphrase of one speaker's
    /// words keeps fewer of them than a relayed quotation does; what the story's claims all
    /// share (its topic: "Thanh Hóa", "ngân sách") says nothing about which of one
    /// speaker's statements two claims report, so it weighs little here.
    pub same_speaker: f64,
    /// Least plain overlap (IDF-weighted Dice) for the same-speaker bar to apply at all.
    pub same_speaker_floor: f64,
}

impl Default for StatementParams {
    fn default() -> StatementParams {
        StatementParams {
            shingle: 3,
            containment: 0.5,
            overlap: 0.5,
            unresolved: 0.55,
            same_speaker: 0.25,
            same_speaker_floor: 0.2,
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
    /// `weights` times each syllable's rarity within the story ([`story_weights`]).
    story_weights: HashMap<String, f64>,
    figures: BTreeSet<String>,
    /// For an unresolved speaker ("Một nguồn tin"), the name opening its content ("ông
    /// Bandar đã nói …"): whose words the source relays.
    relayed: Option<Vec<String>>,
}

/// How far into an unnamed source's content the name of the person it quotes may begin,
/// in syllables: a title of two syllables, then the name ("Hoàng tử Bandar nói").
const RELAYED_NAME_WITHIN: usize = 3;

/// Every statement of the reported claims of `articles`, grouped within `stories`.
pub fn statements(
    articles: &[LinkArticle],
    stories: &Stories,
    params: &StatementParams,
) -> Vec<Statement> {
    statements_merged(articles, stories, params, &MergedSpeakers::new())
}

/// The reported claims of one story as candidates, weighted by rarity within the story.
fn story_candidates<'a>(
    articles: &'a [LinkArticle],
    claims: &[Occurrence],
    idf: &HashMap<String, f64>,
    merged: &MergedSpeakers,
    params: &StatementParams,
) -> Vec<Candidate<'a>> {
    let cands = claims
        .iter()
        .filter(|o| articles[o.article].claims[o.claim].kind == ClaimKind::Reported)
        .map(|&at| candidate(articles, at, idf, merged, params))
        .collect();
    with_story_weights(cands)
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
        let cands = story_candidates(articles, claims, &idf, merged, params);
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
        story_weights: HashMap::new(),
        figures: figures(&view.text),
        relayed: (speaker_kind == ActorKind::Unknown)
            .then(|| opening_name(&view.text, RELAYED_NAME_WITHIN))
            .flatten(),
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
///
/// Pairs are joined strongest first, and a join is refused when it would put into one
/// statement two claims of **one article** by one speaker that do not match each other:
/// an article that gives a speaker's two points gives two things said, so a claim of
/// another outlet close to both (a longer wording, a paraphrase touching both) joins the
/// nearer one instead of chaining them.
fn group_candidates<'a>(
    cands: &'a [Candidate<'a>],
    params: &StatementParams,
) -> Vec<Vec<&'a Candidate<'a>>> {
    let mut strict = Vec::new();
    let mut paraphrases = Vec::new();
    for (i, j) in candidate_pairs(cands, params) {
        match same_statement(&cands[i], &cands[j], params) {
            Match::Yes(score) => strict.push((i, j, score)),
            Match::Paraphrase(score) => paraphrases.push((i, j, score)),
            Match::No => {}
        }
    }
    let mut looser: Vec<(usize, usize, f64)> = mutual_best(cands, &paraphrases);
    strongest_first(&mut strict);
    strongest_first(&mut looser);
    let mut groups = Groups::new(cands.len());
    for (i, j, _) in strict.into_iter().chain(looser) {
        groups.join_unless_apart(cands, i, j, params);
    }
    groups.into_members(cands)
}

/// Sorts pairs by score, highest first, ties by index: the order is a function of the
/// pairs, not of how they were found.
fn strongest_first(pairs: &mut [(usize, usize, f64)]) {
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
}

/// Union-find over candidates that keeps each group's members, to check a join.
struct Groups {
    uf: UnionFind,
    members: HashMap<usize, Vec<usize>>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            uf: UnionFind::new(n),
            members: (0..n).map(|i| (i, vec![i])).collect(),
        }
    }

    /// Joins the groups of `i` and `j` unless they hold two claims of one article by one
    /// speaker that are not one statement by themselves.
    fn join_unless_apart(
        &mut self,
        cands: &[Candidate],
        i: usize,
        j: usize,
        params: &StatementParams,
    ) {
        let (ri, rj) = (self.uf.find(i), self.uf.find(j));
        if ri == rj {
            return;
        }
        let (gi, gj) = (&self.members[&ri], &self.members[&rj]);
        let apart = gi.iter().any(|&x| {
            gj.iter()
                .any(|&y| two_points_of_one_article(&cands[x], &cands[y], params))
        });
        if apart {
            return;
        }
        self.uf.union(ri, rj);
        let root = self.uf.find(ri);
        let moved = self
            .members
            .remove(if root == ri { &rj } else { &ri })
            .unwrap_or_default();
        self.members.entry(root).or_default().extend(moved);
    }

    fn into_members<'a>(mut self, cands: &'a [Candidate<'a>]) -> Vec<Vec<&'a Candidate<'a>>> {
        let mut groups: Vec<Vec<&Candidate>> = Vec::new();
        let mut slot: HashMap<usize, usize> = HashMap::new();
        for (i, cand) in cands.iter().enumerate() {
            let root = self.uf.find(i);
            let g = *slot.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(cand);
        }
        groups
    }
}

/// Two claims of one article by one speaker, in two different sentences, that do not
/// match each other: two points. Claims of one sentence are parts of one utterance
/// ("X and Y must cooperate, sharing information in many fields" extracted as two claims),
/// which another outlet's full wording rightly joins.
fn two_points_of_one_article(a: &Candidate, b: &Candidate, params: &StatementParams) -> bool {
    a.at.article == b.at.article
        && !one_sentence(a.view, b.view)
        && speaker_match(a, b) == SpeakerMatch::Same
        && !matches!(same_statement(a, b, params), Match::Yes(_))
}

/// Both claims come from one sentence of their article (false when either has no
/// provenance).
fn one_sentence(a: &ClaimView, b: &ClaimView) -> bool {
    matches!((&a.provenance, &b.provenance), (Some(x), Some(y)) if x.sentence == y.sentence)
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
    let dice_bar = params
        .overlap
        .min(params.unresolved)
        .min(params.same_speaker_floor);
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

/// The same actor, or (within a story, both named and of one kind) one name fitting the
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
    fits(short, long)
}

/// The shorter name's words are in the longer one, in order, and both end in the same
/// word: "Meade" in "Jose Antonio Meade", "Nội vụ Mexico Osorio Chong" in "Bộ trưởng Nội
/// vụ Mexico Miguel Angel Osorio Chong" (what `actors.rs` calls fitting). "Văn Thành" does
/// not fit "Nguyễn Thị Thanh": words are compared with their tone marks.
fn fits(short: &[String], long: &[String]) -> bool {
    if short.is_empty() || short.last() != long.last() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|l| l == w))
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

/// How two claims' speakers relate, which decides how closely their contents must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerMatch {
    /// One named person or body: the same actor, or one name fitting the other.
    Same,
    /// One unresolved description inside the other.
    Nested,
    /// An unresolved source's words open with the other speaker's name ("Một nguồn tin:
    /// ông Bandar đã nói …" and "Hoàng tử Bandar bin Sultan"), in two different articles:
    /// the source relays that speaker.
    Relayed,
    /// One speaker is an unresolved description, in two different articles.
    Unresolved,
    /// Nothing says they are one speaker.
    Different,
}

fn speaker_match(a: &Candidate, b: &Candidate) -> SpeakerMatch {
    let (sa, sb) = (a.speaker(), b.speaker());
    if compatible_speakers(sa, sb) {
        SpeakerMatch::Same
    } else if nested_descriptions(sa, sb) {
        SpeakerMatch::Nested
    } else if a.view.article_id != b.view.article_id && (relays(a, b) || relays(b, a)) {
        SpeakerMatch::Relayed
    } else if (a.speaker_kind == ActorKind::Unknown || b.speaker_kind == ActorKind::Unknown)
        && a.view.article_id != b.view.article_id
    {
        SpeakerMatch::Unresolved
    } else {
        SpeakerMatch::Different
    }
}

/// Whether `source`, an unresolved speaker, relays `named`: the name opening its content
/// ends with words of the other's name ("Bandar" in "Hoàng tử Bandar bin Sultan").
fn relays(source: &Candidate, named: &Candidate) -> bool {
    let Some(name) = &source.relayed else {
        return false;
    };
    // A title before the name may differ ("Ms Lopes", "Mayor Ana Lopes"): the name's end
    // is what must be in the other.
    named.speaker_kind != ActorKind::Unknown
        && (0..name.len()).any(|from| {
            let end = &name[from..];
            named.speaker.windows(end.len()).any(|w| w == end)
        })
}

/// What matching says of one pair of candidates.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Match {
    /// One statement, with the larger of the two content measures.
    Yes(f64),
    /// One statement if each is the other's best paraphrase in its article (the
    /// story-weighted overlap).
    Paraphrase(f64),
    /// Not one statement.
    No,
}

/// Whether two candidates report one statement: compatible speakers and matching
/// contents, or (when a speaker is an unresolved description) strongly matching contents;
/// or, for one named speaker in two articles, a looser paraphrase.
fn same_statement(a: &Candidate, b: &Candidate, params: &StatementParams) -> Match {
    // The speakers decide which bar the contents must clear; the contents are compared
    // only when some bar applies (most pairs of a story fail on the speakers).
    let (contained, overlap) = match speaker_match(a, b) {
        SpeakerMatch::Different => return Match::No,
        SpeakerMatch::Unresolved => (params.unresolved, params.unresolved),
        SpeakerMatch::Nested | SpeakerMatch::Same | SpeakerMatch::Relayed => {
            (params.containment, params.overlap)
        }
    };
    let dice = weighted_dice(&a.weights, &b.weights);
    let contains = containment(&a.shingles, &b.shingles);
    if contains >= contained || dice >= overlap {
        return Match::Yes(contains.max(dice));
    }
    // Two outlets paraphrase one speech act; one article giving two of a speaker's claims
    // gives two things said.
    if matches!(
        speaker_match(a, b),
        SpeakerMatch::Same | SpeakerMatch::Relayed
    ) && a.view.article_id != b.view.article_id
        && dice >= params.same_speaker_floor
        && !figures_differ(&a.figures, &b.figures)
    {
        let score = weighted_dice(&a.story_weights, &b.story_weights);
        if score >= params.same_speaker {
            return Match::Paraphrase(score);
        }
    }
    Match::No
}

/// The paraphrase pairs where each claim is the other's best match in the other's
/// article: a speaker's two points in one article cannot both be one claim of another
/// article, so a looser match takes only its best partner (a tie keeps both).
fn mutual_best(cands: &[Candidate], pairs: &[(usize, usize, f64)]) -> Vec<(usize, usize, f64)> {
    // Best score of each candidate towards each other article.
    let mut best: HashMap<(usize, &str), f64> = HashMap::new();
    for &(i, j, score) in pairs {
        for (from, to) in [(i, j), (j, i)] {
            let slot = best
                .entry((from, cands[to].view.article_id.as_str()))
                .or_insert(score);
            *slot = slot.max(score);
        }
    }
    let is_best = |from: usize, to: usize, score: f64| {
        best.get(&(from, cands[to].view.article_id.as_str()))
            .is_some_and(|&b| score >= b)
    };
    pairs
        .iter()
        .filter(|&&(i, j, score)| is_best(i, j, score) && is_best(j, i, score))
        .copied()
        .collect()
}

/// The figures written in `text` ("148.000", "3,3", "2013"), their separators dropped so
/// that "3,3" and "3.3" are one figure.
pub(crate) fn figures(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut run = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            run.push(c);
        } else if (c == '.' || c == ',')
            && !run.is_empty()
            && chars.peek().is_some_and(char::is_ascii_digit)
        {
            continue;
        } else if !run.is_empty() {
            insert_figure(&mut out, std::mem::take(&mut run));
        }
    }
    insert_figure(&mut out, run);
    out
}

/// Keeps a figure that is not a year (four digits from 1900 to 2099): two statements of
/// one year are not one statement for that, and two of different years can be.
fn insert_figure(out: &mut BTreeSet<String>, figure: String) {
    let year = figure.len() == 4 && (figure.starts_with("19") || figure.starts_with("20"));
    if !figure.is_empty() && !year {
        out.insert(figure);
    }
}

/// Each candidate's weights times the rarity of the syllable among the story's claims,
/// `ln((n + 1) / df)` over its `n` claims: a syllable every claim of the story has is the
/// story's topic, one that two claims alone share is what they say.
fn with_story_weights(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    let mut df: HashMap<String, usize> = HashMap::new();
    for c in &cands {
        for s in c.weights.keys() {
            *df.entry(s.clone()).or_insert(0) += 1;
        }
    }
    let n = cands.len() as f64;
    for c in &mut cands {
        c.story_weights = c
            .weights
            .iter()
            .map(|(s, w)| {
                let d = df.get(s).copied().unwrap_or(1).max(1) as f64;
                (s.clone(), w * ((n + 1.0) / d).ln())
            })
            .collect();
    }
    cands
}

/// Both contents give figures and none is in both: one speaker's two different figures
/// (this year's budget and last year's) are two statements, however alike the words.
fn figures_differ(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    !a.is_empty() && !b.is_empty() && a.is_disjoint(b)
}

/// What statement matching measures of one pair of claims of two different articles of a
/// story (for tuning and reading, `examples/tune_statements.rs`).
#[derive(Debug, Clone)]
pub struct PairFeatures {
    /// Index of the story.
    pub story: usize,
    /// The earlier claim.
    pub a: Occurrence,
    /// The later claim.
    pub b: Occurrence,
    /// How the speakers relate.
    pub speakers: SpeakerMatch,
    /// Share of the smaller content's shingles in the other.
    pub containment: f64,
    /// IDF-weighted Dice overlap of the syllables.
    pub overlap: f64,
    /// The same, weighted by rarity within the story too.
    pub story_overlap: f64,
    /// Both give figures and share none.
    pub figures_differ: bool,
}

/// [`PairFeatures`] of every pair of reported claims of two different articles of one
/// story whose speakers are not [`SpeakerMatch::Different`].
pub fn pair_features(
    articles: &[LinkArticle],
    stories: &Stories,
    merged: &MergedSpeakers,
    params: &StatementParams,
) -> Vec<PairFeatures> {
    let idf = claim_idf(articles);
    let mut out = Vec::new();
    for (story, claims) in claims_by_story(articles, stories).iter().enumerate() {
        let cands = story_candidates(articles, claims, &idf, merged, params);
        for (i, a) in cands.iter().enumerate() {
            for b in &cands[i + 1..] {
                let speakers = speaker_match(a, b);
                if a.at.article == b.at.article || speakers == SpeakerMatch::Different {
                    continue;
                }
                out.push(PairFeatures {
                    story,
                    a: a.at,
                    b: b.at,
                    speakers,
                    containment: containment(&a.shingles, &b.shingles),
                    overlap: weighted_dice(&a.weights, &b.weights),
                    story_overlap: weighted_dice(&a.story_weights, &b.story_weights),
                    figures_differ: figures_differ(&a.figures, &b.figures),
                });
            }
        }
    }
    out
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
    use crate::Story;

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
    fn figures_drop_separators_and_years() {
        let f = figures("In 2013 revenue reached 790.800 billion, down 3,1% from 1.000");
        let want: BTreeSet<String> = ["790800", "31", "1000"].map(String::from).into();
        assert_eq!(f, want);
        assert!(figures_differ(
            &figures("148.000 jobs"),
            &figures("150,000 jobs")
        ));
        assert!(!figures_differ(
            &figures("148.000 jobs in 2013"),
            &figures("jobs")
        ));
        assert!(
            !figures_differ(&figures("in 2013"), &figures("in 2012")),
            "years are not figures"
        );
    }

    #[test]
    fn a_shorter_name_fits_when_its_words_are_in_order_and_the_last_is_shared() {
        let words = |s: &str| syllables(s);
        assert!(fits(
            &words("Nội vụ Mexico Osorio Chong"),
            &words("Bộ trưởng Nội vụ Mexico Miguel Angel Osorio Chong")
        ));
        assert!(fits(&words("Meade"), &words("Jose Antonio Meade")));
        assert!(!fits(&words("Trần Văn Thành"), &words("Nguyễn Văn Thành")));
        assert!(!fits(&words("Văn Thành"), &words("Nguyễn Văn Thanh")));
        assert!(!fits(&words("Chong Osorio"), &words("Osorio Chong")));
    }

    /// One story: one speaker's two paraphrases of one point, in claims that all share the
    /// story's topic words, and the same speaker's other point; beside it a second story of
    /// unrelated claims, so that the topic words are rare in the whole set.
    fn paraphrases() -> (Vec<LinkArticle>, Stories) {
        let mut a = article(
            "a",
            "2013-10-22T10:00:00+07:00",
            "Harbour budget",
            "Budget.",
        );
        a.claims = vec![
            claim(&a, 0, "Mayor Ana Lopes", "the harbour budget must pay for dredging the silted channel before the winter storms", &[]),
            claim(&a, 1, "Mayor Ana Lopes", "the harbour budget was balanced last year thanks to ferry fares", &[]),
        ];
        let mut b = article(
            "b",
            "2013-10-22T12:00:00+07:00",
            "Channel first",
            "Channel.",
        );
        b.claims = vec![
            claim(
                &b,
                0,
                "Lopes",
                "the silted channel should come first in the harbour budget, dredged before winter",
                &[],
            ),
            claim(
                &b,
                1,
                "Ferry union",
                "the harbour budget ignores ferry crews and their fares",
                &[],
            ),
        ];
        let mut o = article("o", "2013-10-22T13:00:00+07:00", "Elsewhere", "Other news.");
        let other = [
            "rain is expected in the north tomorrow",
            "the team won the final at home",
            "prices of rice rose again this week",
            "the new bridge opens to traffic on monday",
            "the museum shows old maps of the coast",
            "the school year starts in september",
            "the train to the capital was late",
            "a new park opens near the river",
        ];
        o.claims = other
            .iter()
            .enumerate()
            .map(|(i, text)| claim(&o, i as u16, &format!("Speaker {i}"), text, &[]))
            .collect();
        let mut stories = one_story(2);
        stories.stories.push(Story {
            id: "s2".into(),
            articles: vec![2],
            title: None,
            first: None,
            last: None,
        });
        stories.of_article.push(1);
        (vec![a, b, o], stories)
    }

    #[test]
    fn one_speakers_paraphrase_joins_but_a_second_point_on_the_topic_does_not() {
        let (articles, st) = paraphrases();
        let strict = StatementParams {
            same_speaker: 1.0,
            ..StatementParams::default()
        };
        let apart = statements(&articles, &st, &strict);
        assert!(apart.iter().all(|s| s.occurrences.len() == 1), "{apart:#?}");
        let all = statements(&articles, &st, &StatementParams::default());
        let joined: Vec<&Statement> = all.iter().filter(|s| s.occurrences.len() > 1).collect();
        assert_eq!(joined.len(), 1, "{all:#?}");
        assert_eq!(
            joined[0].occurrences,
            vec![
                Occurrence {
                    article: 0,
                    claim: 0
                },
                Occurrence {
                    article: 1,
                    claim: 0
                }
            ]
        );
    }

    #[test]
    fn an_unnamed_source_relaying_a_named_speaker_reports_the_speakers_statement() {
        let (mut articles, st) = paraphrases();
        let relayed = &mut articles[1].claims[0];
        relayed.speaker = "A source close to the town hall".into();
        relayed.speaker_id = 99;
        relayed.speaker_kind = ActorKind::Unknown;
        relayed.text = "Ms Lopes said the silted channel must come first in the harbour budget, dredged before winter".into();
        let joined = |articles: &[LinkArticle]| -> Vec<Vec<Occurrence>> {
            statements(articles, &st, &StatementParams::default())
                .into_iter()
                .filter(|s| s.occurrences.len() > 1)
                .map(|s| s.occurrences)
                .collect()
        };
        let at = |article, claim| Occurrence { article, claim };
        assert_eq!(joined(&articles), vec![vec![at(0, 0), at(1, 0)]]);
        // The same words with nobody named in them: an unnamed source needs a closer match.
        articles[1].claims[0].text =
            "the town said the silted channel must come first in the harbour budget, dredged before winter"
                .into();
        assert!(joined(&articles).is_empty());
    }

    /// A minister's two points in two sentences of one article, and another outlet's
    /// single claim holding the words of both.
    fn two_points_and_a_wording_of_both(sentences: [u32; 2]) -> Vec<LinkArticle> {
        let mut a = article(
            "a",
            "2013-10-22T10:00:00+07:00",
            "Bộ trưởng nói về điện",
            "…",
        );
        a.claims = vec![
            claim(
                &a,
                0,
                "Bộ trưởng Lê Văn Hòa",
                "giá điện sẽ tăng thêm năm phần trăm từ tháng sau",
                &[],
            ),
            claim(
                &a,
                1,
                "Bộ trưởng Lê Văn Hòa",
                "các hộ nghèo được miễn tiền điện trong mùa đông năm nay",
                &[],
            ),
        ];
        for (c, sentence) in a.claims.iter_mut().zip(sentences) {
            c.provenance = Some(claimgraph_model::Provenance {
                sentence,
                span: [0, 0],
            });
        }
        let mut b = article("b", "2013-10-22T12:00:00+07:00", "Giá điện tăng", "…");
        b.claims = vec![claim(
            &b,
            0,
            "Lê Văn Hòa",
            "giá điện sẽ tăng thêm năm phần trăm từ tháng sau nhưng các hộ nghèo được miễn tiền điện trong mùa đông năm nay",
            &[],
        )];
        vec![a, b]
    }

    #[test]
    fn one_speakers_two_points_of_one_article_stay_two_statements() {
        let articles = two_points_and_a_wording_of_both([1, 4]);
        let all = statements(&articles, &one_story(2), &StatementParams::default());
        assert_eq!(all.len(), 2, "{all:#?}");
        // The other outlet's wording joins one of the two points, not both.
        let joined: Vec<&Statement> = all.iter().filter(|s| s.occurrences.len() == 2).collect();
        assert_eq!(joined.len(), 1, "{all:#?}");
        assert!(joined[0].occurrences.contains(&Occurrence {
            article: 1,
            claim: 0
        }));
    }

    #[test]
    fn two_claims_of_one_sentence_are_parts_of_one_statement() {
        let articles = two_points_and_a_wording_of_both([2, 2]);
        let all = statements(&articles, &one_story(2), &StatementParams::default());
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].occurrences.len(), 3);
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
