//! Stories: articles that report the same event, found by incremental single-pass
//! clustering.
//!
//! Articles are taken in publication order (then id). Each is compared with every story
//! opened so far through four separate channels, each a TF-IDF cosine against the story's
//! centroid (the sum of its members' vectors): capitalised names and speakers, title and
//! lead terms, body terms, and the headline's terms alone. Their weighted sum is scaled by a Gaussian kernel on the
//! time between the article and the story's nearest member, so an old story fades instead
//! of being cut off. The article joins the best-scoring story when the score reaches the
//! threshold and opens a new story otherwise, unless a story still of one article reaches a
//! lower bar (two first reports of one event, worded apart). Inverse document frequencies are computed over
//! the whole set first, so the result depends on the set of articles and not on the order
//! they arrived in.

use crate::text::{capitalised_names, lead, syllables, terms};
use crate::vector::{Centroid, Sparse, Vocabulary};
use crate::{processing_order, LinkArticle};
use claimgraph_model::{ClaimKind, TimePoint};

/// The weights and threshold of story assignment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryParams {
    /// Weight of the names channel (capitalised names and claim speakers).
    pub names: f64,
    /// Weight of the title-and-lead channel.
    pub lead: f64,
    /// Weight of the body channel.
    pub body: f64,
    /// Weight of the headline channel (the headline's terms alone: an editor's summary of
    /// the event, which outlets reporting one event word alike).
    pub title: f64,
    /// Syllables of the text that count as its lead.
    pub lead_syllables: usize,
    /// Standard deviation of the time kernel, in hours.
    pub time_scale_hours: f64,
    /// Least score at which an article joins a story.
    pub threshold: f64,
    /// Least score on a second story at which an article that joins one story also
    /// **bridges** it with the second, which is then merged into the first (`None`: never).
    /// Two outlets' reports of one event can open two stories before a third report,
    /// close to both, shows they are one.
    pub bridge: Option<f64>,
    /// Least score at which an article that reaches no story at `threshold` joins a story
    /// of **one** article (`None`: never). Two outlets' first reports of one event, worded
    /// apart, would otherwise open a story each and stay alone; a story that already has
    /// two members has shown what its event is worded like, and keeps the full bar.
    pub lone_threshold: Option<f64>,
    /// Longest time from a story's first article to an article that joins it, in hours:
    /// a report more than this after the story began starts a follow-up story. Without
    /// it a dense feed on recurring topics chains one story from day to day without end
    /// (each day's article close to the day before's), and one story of tens of thousands
    /// of articles makes statement matching inside it quadratic.
    pub max_span_hours: f64,
    /// Most articles a story takes; a full story is closed.
    pub max_articles: usize,
}

impl Default for StoryParams {
    /// The weights chosen on the hand-grouped sample of `tests/fixtures/link/`
    /// (`docs/cross-article.md` tells how).
    fn default() -> StoryParams {
        StoryParams {
            names: 0.35,
            lead: 0.35,
            body: 0.3,
            title: 0.3,
            lead_syllables: 60,
            time_scale_hours: 72.0,
            threshold: 0.2,
            bridge: None,
            lone_threshold: Some(0.18),
            max_span_hours: 168.0,
            max_articles: 500,
        }
    }
}

/// One story: articles that report the same event.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// `s1`, `s2`, … in order of the story's first article.
    pub id: String,
    /// Indexes of its articles in the input, in processing order.
    pub articles: Vec<usize>,
    /// The headline of the member closest to the story's title-and-lead centroid.
    pub title: Option<String>,
    /// Earliest publication time of a member.
    pub first: Option<TimePoint>,
    /// Latest publication time of a member.
    pub last: Option<TimePoint>,
}

/// The stories of a set of articles, and the story of each article.
#[derive(Debug, Clone, PartialEq)]
pub struct Stories {
    /// The stories, in order of their first article.
    pub stories: Vec<Story>,
    /// For each input article, the index of its story in `stories`.
    pub of_article: Vec<usize>,
}

/// One article's vectors, one per channel.
struct Features {
    names: Sparse,
    lead: Sparse,
    body: Sparse,
    title: Sparse,
}

/// A story being built: a centroid per channel, its time span, and its members' lead
/// vectors (what its representative headline is chosen by).
#[derive(Default)]
struct Open {
    names: Centroid,
    lead: Centroid,
    body: Centroid,
    title: Centroid,
    first: Option<i64>,
    last: Option<i64>,
    members: Vec<usize>,
    leads: Vec<Sparse>,
    /// Set when the story can take no more members: its vectors are dropped then.
    title_of: Option<Option<String>>,
}

impl Open {
    fn add(&mut self, index: usize, f: Features, time: Option<i64>) {
        self.names.add(&f.names);
        self.lead.add(&f.lead);
        self.body.add(&f.body);
        self.title.add(&f.title);
        if let Some(t) = time {
            self.first = Some(self.first.map_or(t, |x| x.min(t)));
            self.last = Some(self.last.map_or(t, |x| x.max(t)));
        }
        self.members.push(index);
        self.leads.push(f.lead);
    }

    /// Takes every member of `other` (whose centroids are then empty).
    fn absorb(&mut self, other: &mut Open) {
        self.names.absorb(&other.names);
        self.lead.absorb(&other.lead);
        self.body.absorb(&other.body);
        self.title.absorb(&other.title);
        self.first = min_some(self.first, other.first);
        self.last = max_some(self.last, other.last);
        self.members.append(&mut other.members);
        self.leads.append(&mut other.leads);
        *other = Open::default();
    }

    fn score(&self, f: &Features, time: Option<i64>, p: &StoryParams) -> f64 {
        let content = p.names * self.names.cosine(&f.names)
            + p.lead * self.lead.cosine(&f.lead)
            + p.body * self.body.cosine(&f.body)
            + p.title * self.title.cosine(&f.title);
        content * self.time_kernel(time, p.time_scale_hours)
    }

    /// 1 inside the story's span, falling as a Gaussian outside it; 1 when either time is
    /// unknown (no evidence either way).
    fn time_kernel(&self, time: Option<i64>, scale_hours: f64) -> f64 {
        let (Some(t), Some(first), Some(last)) = (time, self.first, self.last) else {
            return 1.0;
        };
        let gap_secs = if t < first {
            first - t
        } else {
            (t - last).max(0)
        };
        let gap = gap_secs as f64 / 3600.0 / scale_hours.max(1e-9);
        (-0.5 * gap * gap).exp()
    }

    /// Fixes the representative headline and drops the vectors: the story is complete.
    fn close(&mut self, articles: &[LinkArticle]) {
        if self.title_of.is_none() {
            self.title_of = Some(representative_title(articles, self));
            *self = Open {
                first: self.first,
                last: self.last,
                members: std::mem::take(&mut self.members),
                title_of: self.title_of.take(),
                ..Open::default()
            };
        }
    }
}

/// The terms of each channel of one article.
fn channel_terms(a: &LinkArticle, lead_syllables: usize) -> [Vec<String>; 4] {
    let title = a.title.clone().unwrap_or_default();
    let mut names = capitalised_names(&format!("{title}\n{}", a.text));
    for c in &a.claims {
        if c.kind == ClaimKind::Reported {
            names.push(syllables(&c.speaker).join(" "));
        }
    }
    let lead_text = format!("{title}\n{}", lead(&a.text, lead_syllables));
    [names, terms(&lead_text), terms(&a.text), terms(&title)]
}

/// Groups `articles` into stories.
///
/// Two passes: the first counts document frequencies over the whole set (so the result
/// does not depend on arrival order), the second takes the articles in processing order
/// and recomputes their terms rather than keeping them, so memory holds the vocabulary
/// and the stories still open, not every article's vectors. Articles come in time order,
/// so a story whose time kernel alone keeps it under the threshold for one article does so
/// for every later one: it is closed (headline chosen, vectors dropped) and never scored
/// again. Each article is therefore scored against the stories of a time window, and the
/// pass is linear in the number of articles for a feed of steady density.
pub fn stories(articles: &[LinkArticle], params: &StoryParams) -> Stories {
    let order = processing_order(articles);
    let mut vocab: [Vocabulary; 4] = Default::default();
    for &i in &order {
        let t = channel_terms(&articles[i], params.lead_syllables);
        for (v, terms) in vocab.iter_mut().zip(&t) {
            v.add_document(terms);
        }
    }
    // The content score is at most the sum of the weights (each cosine is at most 1), so a
    // story whose time kernel alone keeps it under the threshold is not scored at all.
    let reach = params.names + params.lead + params.body + params.title;
    // Articles of unknown time come last and may join any story (their kernel is 1), so
    // stories are closed early only when every article has a time.
    let may_close = order
        .iter()
        .all(|&i| articles[i].published_secs().is_some());
    let mut open: Vec<Open> = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    for &i in &order {
        let t = channel_terms(&articles[i], params.lead_syllables);
        let weigh = |k: usize| vocab[k].weigh(&vocab[k].counts(&t[k]));
        let f = Features {
            names: weigh(0),
            lead: weigh(1),
            body: weigh(2),
            title: weigh(3),
        };
        let time = articles[i].published_secs();
        let max_span = (params.max_span_hours * 3600.0) as i64;
        let reachable = |o: &Open| {
            let young = match (time, o.first) {
                (Some(t), Some(first)) => t - first <= max_span,
                _ => true,
            };
            young
                && o.members.len() < params.max_articles
                && o.time_kernel(time, params.time_scale_hours) * reach >= params.threshold
        };
        if may_close {
            active.retain(|&s| {
                let keep = reachable(&open[s]);
                if !keep {
                    open[s].close(articles);
                }
                keep
            });
        }
        let lone = params.lone_threshold;
        let least = params
            .bridge
            .map_or(params.threshold, |b| b.min(params.threshold))
            .min(lone.unwrap_or(1.0));
        let scored: Vec<(usize, f64)> = active
            .iter()
            .map(|&s| (s, &open[s]))
            .filter(|(_, o)| reachable(o))
            .map(|(s, o)| (s, o.score(&f, time, params)))
            .filter(|&(_, score)| score >= least)
            .collect();
        let best = top(scored
            .iter()
            .copied()
            .filter(|&(_, sc)| sc >= params.threshold))
        // Not close enough to any story: a story still of one article may take it at the
        // lower bar (two first reports of one event worded apart).
        .or_else(|| {
            lone.and_then(|bar| {
                top(scored
                    .iter()
                    .copied()
                    .filter(|&(s, sc)| open[s].members.len() == 1 && sc >= bar))
            })
        });
        let second = match (best, params.bridge) {
            (Some((b, _)), Some(bar)) => top(scored
                .iter()
                .copied()
                .filter(|&(s, sc)| s != b && sc >= bar)),
            _ => None,
        };
        let best = match (best, second) {
            (Some((b, _)), Some((o, _)))
                if open[b].members.len() + open[o].members.len() < params.max_articles =>
            {
                // The older story takes the younger one's members.
                let (keep, gone) = (b.min(o), b.max(o));
                let mut taken = std::mem::take(&mut open[gone]);
                open[keep].absorb(&mut taken);
                active.retain(|&s| s != gone);
                Some((keep, 0.0))
            }
            (best, _) => best,
        };
        match best {
            Some((s, _)) => open[s].add(i, f, time),
            None => {
                let mut o = Open::default();
                o.add(i, f, time);
                active.push(open.len());
                open.push(o);
            }
        }
    }
    finish(articles, open)
}

/// `found` with the stories of each pair in `joined` (indexes of articles) made one, as
/// long as the story made stays within `max_articles`.
///
/// Used for an answer and what it answers: an outlet that reports a denial often tells it
/// as an event of its own, worded apart from the report it denies ("the US defends its
/// drone campaign" the day of "400 civilians killed by drones"), so the two open two
/// stories; a cross-article link that names the party answered says they are one. Pairs
/// are taken in the order given; the joined story keeps the headline of its larger part
/// (the earlier on a tie), and stories are numbered again by their first article.
pub fn join_stories(
    articles: &[LinkArticle],
    found: Stories,
    joined: impl IntoIterator<Item = (usize, usize)>,
    max_articles: usize,
) -> Stories {
    let mut groups = crate::UnionFind::new(found.stories.len());
    let mut size: Vec<usize> = found.stories.iter().map(|s| s.articles.len()).collect();
    for (a, b) in joined {
        let (Some(&sa), Some(&sb)) = (found.of_article.get(a), found.of_article.get(b)) else {
            continue;
        };
        let (ra, rb) = (groups.find(sa), groups.find(sb));
        if ra != rb && size[ra] + size[rb] <= max_articles {
            groups.union(ra, rb);
            let root = groups.find(ra);
            size[root] = size[ra] + size[rb];
        }
    }
    let mut rank = vec![0; articles.len()];
    for (r, &a) in processing_order(articles).iter().enumerate() {
        rank[a] = r;
    }
    let mut merged: Vec<Option<Story>> = vec![None; found.stories.len()];
    for (s, story) in found.stories.into_iter().enumerate() {
        let root = groups.find(s);
        merged[root] = Some(match merged[root].take() {
            None => story,
            Some(into) => joined_story(into, story, &rank),
        });
    }
    let mut stories: Vec<Story> = merged.into_iter().flatten().collect();
    stories.sort_by_key(|s| s.articles.first().map(|&a| rank[a]));
    let mut of_article = vec![0; articles.len()];
    for (n, s) in stories.iter_mut().enumerate() {
        s.id = format!("s{}", n + 1);
        for &m in &s.articles {
            of_article[m] = n;
        }
    }
    Stories {
        stories,
        of_article,
    }
}

/// Two stories as one: members in processing order, the larger part's headline.
fn joined_story(a: Story, b: Story, rank: &[usize]) -> Story {
    let title = if b.articles.len() > a.articles.len() {
        b.title
    } else {
        a.title
    };
    let mut articles = a.articles;
    articles.extend(b.articles);
    articles.sort_by_key(|&m| rank[m]);
    let earliest = |x: Option<TimePoint>, y: Option<TimePoint>| match (x, y) {
        (Some(x), Some(y)) => Some(if y.sort_key() < x.sort_key() { y } else { x }),
        (x, y) => x.or(y),
    };
    let latest = |x: Option<TimePoint>, y: Option<TimePoint>| match (x, y) {
        (Some(x), Some(y)) => Some(if y.sort_key() > x.sort_key() { y } else { x }),
        (x, y) => x.or(y),
    };
    Story {
        id: a.id,
        title,
        first: earliest(a.first, b.first),
        last: latest(a.last, b.last),
        articles,
    }
}

/// The highest-scoring story, the first one on a tie.
fn top(scored: impl Iterator<Item = (usize, f64)>) -> Option<(usize, f64)> {
    scored.fold(None, |best: Option<(usize, f64)>, cand| match best {
        Some(b) if b.1 >= cand.1 => Some(b),
        _ => Some(cand),
    })
}

fn min_some(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn max_some(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

fn finish(articles: &[LinkArticle], mut open: Vec<Open>) -> Stories {
    // Stories merged into another by a bridge are left empty.
    open.retain(|o| !o.members.is_empty());
    // A bridged story's members are in the order they were merged; list them in
    // processing order like every other story's.
    let mut rank = vec![0; articles.len()];
    for (r, &a) in processing_order(articles).iter().enumerate() {
        rank[a] = r;
    }
    let mut of_article = vec![0; articles.len()];
    let stories = open
        .into_iter()
        .enumerate()
        .map(|(s, mut o)| {
            o.close(articles);
            o.members.sort_by_key(|&m| rank[m]);
            for &m in &o.members {
                of_article[m] = s;
            }
            let times = o.members.iter().filter_map(|&m| articles[m].published);
            let first = times.clone().min_by_key(|t| t.sort_key());
            let last = times.max_by_key(|t| t.sort_key());
            Story {
                id: format!("s{}", s + 1),
                title: o.title_of.flatten(),
                articles: o.members,
                first,
                last,
            }
        })
        .collect();
    Stories {
        stories,
        of_article,
    }
}

/// The title of the member nearest the story's title-and-lead centroid (the earliest on a
/// tie), so the headline says what most members say.
fn representative_title(articles: &[LinkArticle], story: &Open) -> Option<String> {
    let mut best: Option<(usize, f64)> = None;
    for (&m, lead) in story.members.iter().zip(&story.leads) {
        let score = story.lead.cosine(lead);
        if articles[m].title.is_some() && best.is_none_or(|(_, b)| score > b + 1e-12) {
            best = Some((m, score));
        }
    }
    best.and_then(|(m, _)| articles[m].title.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::article;

    fn grouped(articles: &[LinkArticle]) -> Vec<Vec<String>> {
        let s = stories(articles, &StoryParams::default());
        let mut groups: Vec<Vec<String>> = s
            .stories
            .iter()
            .map(|st| {
                let mut ids: Vec<String> = st
                    .articles
                    .iter()
                    .map(|&i| articles[i].id.clone())
                    .collect();
                ids.sort();
                ids
            })
            .collect();
        groups.sort();
        groups
    }

    fn sample() -> Vec<LinkArticle> {
        vec![
            article("a1", "2013-10-13T19:00:00+07:00", "Djokovic wins Shanghai Masters", "Novak Djokovic beat Juan Martin Del Potro in the Shanghai Masters final on Sunday, defending his title."),
            article("a2", "2013-10-13T20:00:00+07:00", "Djokovic keeps Shanghai crown", "Djokovic defended his Shanghai Masters title, beating Del Potro in three sets in the final."),
            article("b1", "2013-10-15T21:00:00+07:00", "Vietnam U23 beat Myanmar", "The Vietnam U23 team came from behind to beat hosts Myanmar 3-1 in a friendly in Yangon."),
            article("b2", "2013-10-15T23:00:00+07:00", "U23 Vietnam comeback against Myanmar", "Vietnam U23 beat Myanmar U23 3-1 in Yangon after conceding first."),
            article("c1", "2012-07-17T14:00:00+07:00", "Laos and Vietnam exchange messages", "Leaders of Laos and Vietnam exchanged messages on the anniversary of diplomatic relations."),
        ]
    }

    #[test]
    fn articles_on_one_event_share_a_story_and_others_do_not() {
        let groups = grouped(&sample());
        assert_eq!(groups, vec![vec!["a1", "a2"], vec!["b1", "b2"], vec!["c1"]],);
    }

    #[test]
    fn feed_order_does_not_change_the_stories() {
        let mut articles = sample();
        let forward = grouped(&articles);
        articles.reverse();
        assert_eq!(grouped(&articles), forward);
        articles.swap(0, 3);
        assert_eq!(grouped(&articles), forward);
    }

    #[test]
    fn an_article_close_to_two_stories_bridges_them_only_when_asked() {
        // Two reports of one match, worded apart, open two stories; a third report that
        // shares words with both joins the closer one and, with a bridge, merges them.
        let articles = vec![
            article("m1", "2013-10-15T21:00:00+07:00", "Vietnam U23 beat Myanmar", "The Vietnam U23 team beat hosts Myanmar in Yangon."),
            article("m2", "2013-10-15T22:00:00+07:00", "Comeback win in Yangon friendly", "Coach Miura praised the comeback of his players in the Yangon friendly."),
            article("m3", "2013-10-15T23:00:00+07:00", "Vietnam U23 comeback win in Yangon friendly", "Vietnam U23 beat Myanmar; coach Miura praised the comeback in the Yangon friendly."),
        ];
        let apart = grouped(&articles);
        assert_eq!(apart.len(), 2, "{apart:?}");
        let bridged = stories(
            &articles,
            &StoryParams {
                bridge: Some(0.2),
                ..StoryParams::default()
            },
        );
        assert_eq!(bridged.stories.len(), 1, "{:?}", bridged.stories);
        assert_eq!(bridged.stories[0].articles, vec![0, 1, 2]);
        assert_eq!(bridged.of_article, vec![0, 0, 0]);
    }

    #[test]
    fn an_article_alone_takes_a_weaker_match_but_a_story_of_two_does_not() {
        // Two reports of one match worded apart, then a third report sharing one place
        // name with them.
        let articles = vec![
            article(
                "m1",
                "2013-10-15T21:00:00+07:00",
                "Vietnam U23 beat Myanmar",
                "The Vietnam U23 team beat hosts Myanmar in Yangon.",
            ),
            article(
                "m2",
                "2013-10-15T22:00:00+07:00",
                "Comeback win in Yangon friendly",
                "Coach Miura praised the comeback of his players in the Yangon friendly.",
            ),
            article(
                "y1",
                "2013-10-15T23:00:00+07:00",
                "Rain floods Yangon streets",
                "Heavy rain flooded streets of Yangon overnight, officials said.",
            ),
        ];
        let strict = StoryParams {
            lone_threshold: None,
            ..StoryParams::default()
        };
        assert_eq!(stories(&articles, &strict).stories.len(), 3);
        let lenient = StoryParams {
            lone_threshold: Some(0.01),
            ..StoryParams::default()
        };
        let found = stories(&articles, &lenient);
        assert_eq!(
            found.of_article[0], found.of_article[1],
            "{:?}",
            found.stories
        );
        assert_ne!(
            found.of_article[2], found.of_article[0],
            "{:?}",
            found.stories
        );
    }

    #[test]
    fn a_daily_chain_of_reports_is_cut_into_stories_of_a_week_at_most() {
        let articles: Vec<LinkArticle> = (1..=20)
            .map(|day| {
                article(
                    &format!("d{day:02}"),
                    &format!("2013-10-{day:02}T09:00:00+07:00"),
                    "Italy corruption inquiry continues",
                    "The Italy corruption inquiry continued in Rome, prosecutors said.",
                )
            })
            .collect();
        let st = stories(&articles, &StoryParams::default());
        assert_eq!(st.stories.len(), 3, "{:?}", st.stories);
        assert!(st.stories.iter().all(|s| s.articles.len() <= 8));
        let unbounded = StoryParams {
            max_span_hours: f64::INFINITY,
            ..StoryParams::default()
        };
        assert_eq!(stories(&articles, &unbounded).stories.len(), 1);
        let small = StoryParams {
            max_articles: 5,
            ..unbounded
        };
        assert_eq!(stories(&articles, &small).stories.len(), 4);
    }

    #[test]
    fn the_same_text_a_year_apart_is_two_stories() {
        let mut articles = sample();
        articles[1].published = TimePoint::parse("2014-10-13T20:00:00+07:00").ok();
        let groups = grouped(&articles);
        assert!(groups.contains(&vec!["a1".to_string()]), "{groups:?}");
    }
}
