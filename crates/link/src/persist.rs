//! From the model's results to what the store keeps: story and statement records with
//! stable ids, and each article's labels.
//!
//! Linking is recomputed over the whole set of articles (so the result depends on the set,
//! not on arrival order), and ids are then carried over from the previous linking: a new
//! story or statement takes the id of the previous one it shares the most members with
//! (each old id is given once, largest overlap first), and only groups sharing nothing
//! with a previous one get fresh ids, numbered from the stamp's counters in order of first
//! publication. Linking an unchanged set therefore changes nothing, and an article that
//! joins a story leaves the story's id as it was.

use crate::statement::{statements_merged, MergedSpeakers};
use crate::{
    answered_stories, cross_links, merge_actors, stories, ActorContext, ActorMerges, LinkArticle,
    LinkParams, Occurrence, StatementParams, Stories, StoryParams,
};
use claimgraph_model::story::{
    ActorMerge, ArticleLabels, ClaimLabels, LinkStamp, LinkedSet, MergeRelation, StatementRecord,
    StoryRecord,
};
use claimgraph_model::{ArticleSeq, ClaimId, ClaimLink};
use std::collections::{BTreeSet, HashMap};
use std::hash::Hash;

/// What the previous linking kept, as far as id assignment needs it.
#[derive(Debug, Clone, Default)]
pub struct Previous {
    /// Its stamp (the id counters), when there was one.
    pub stamp: LinkStamp,
    /// Each previous story's id and article ids.
    pub stories: Vec<(String, Vec<String>)>,
    /// Each previous statement's id and claims.
    pub statements: Vec<(String, Vec<ClaimId>)>,
}

impl Previous {
    /// The parts of stored records that id assignment needs.
    pub fn from_records(
        stamp: Option<LinkStamp>,
        stories: &[StoryRecord],
        statements: &[StatementRecord],
    ) -> Previous {
        Previous {
            stamp: stamp.unwrap_or_default(),
            stories: stories
                .iter()
                .map(|s| (s.id.clone(), s.articles.clone()))
                .collect(),
            statements: statements
                .iter()
                .map(|s| (s.id.clone(), s.occurrences.clone()))
                .collect(),
        }
    }
}

/// Every parameter of linking.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Params {
    /// Story grouping.
    pub story: StoryParams,
    /// Statement matching.
    pub statement: StatementParams,
    /// Cross-article links.
    pub link: LinkParams,
}

/// Links `articles` (whose ingest sequence numbers are `seqs`, index for index) and gives
/// the result the ids of `previous` where the groups carry on. Merges no actors.
pub fn link_set(
    articles: &[LinkArticle],
    seqs: &[ArticleSeq],
    previous: &Previous,
    params: &Params,
) -> LinkedSet {
    link_set_with_actors(articles, seqs, previous, params, &ActorContext::default())
}

/// [`link_set`], also merging actors that are one person (`actors.rs`): the merges are
/// recorded in the result, and statements see the merged identity.
pub fn link_set_with_actors(
    articles: &[LinkArticle],
    seqs: &[ArticleSeq],
    previous: &Previous,
    params: &Params,
    actors: &ActorContext,
) -> LinkedSet {
    let found = answered_stories(
        articles,
        stories(articles, &params.story),
        &params.link,
        params.story.max_articles,
    );
    let merged = merge_actors(articles, &found, actors);
    let mut stamp = previous.stamp;
    stamp.articles = articles.len() as u64;
    let story_members: Vec<Vec<String>> = found
        .stories
        .iter()
        .map(|s| s.articles.iter().map(|&a| articles[a].id.clone()).collect())
        .collect();
    let story_ids = carry_ids(
        &story_members,
        &previous.stories,
        "s",
        &mut stamp.next_story,
    );
    let all = statements_merged(
        articles,
        &found,
        &params.statement,
        &merged_speakers(&merged, actors),
    );
    let claim_id = |o: Occurrence| articles[o.article].claims[o.claim].id;
    let statement_members: Vec<Vec<ClaimId>> = all
        .iter()
        .map(|s| s.occurrences.iter().map(|&o| claim_id(o)).collect())
        .collect();
    let statement_ids = carry_ids(
        &statement_members,
        &previous.statements,
        "st",
        &mut stamp.next_statement,
    );
    let mut labels: Vec<ArticleLabels> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| ArticleLabels {
            story: Some(story_ids[found.of_article[i]].clone()),
            claims: vec![ClaimLabels::default(); a.claims.len()],
        })
        .collect();
    let mut statement_records = Vec::with_capacity(all.len());
    for (s, id) in all.iter().zip(&statement_ids) {
        for o in &s.occurrences {
            labels[o.article].claims[o.claim].statement = Some(id.clone());
        }
        let speakers: BTreeSet<u64> = s
            .occurrences
            .iter()
            .map(|o| articles[o.article].claims[o.claim].speaker_id)
            .collect();
        statement_records.push(StatementRecord {
            id: id.clone(),
            story: story_ids[s.story].clone(),
            speaker: s.speaker.clone(),
            speakers: speakers.into_iter().collect(),
            text: s.text.clone(),
            occurrences: s.occurrences.iter().map(|&o| claim_id(o)).collect(),
            outlets: s.outlets.clone(),
            origins: s.origins.clone(),
            first_outlet: s.first_outlet.clone(),
            first_published: s.first_published,
        });
    }
    for l in cross_links(articles, &found, &params.link) {
        let target = &articles[l.target.article].claims[l.target.claim];
        labels[l.from.article].claims[l.from.claim]
            .links
            .push(ClaimLink {
                kind: l.kind,
                target: target.external_id.clone(),
                target_id: Some(target.id),
            });
    }
    for l in &mut labels {
        while l.claims.last() == Some(&ClaimLabels::default()) {
            l.claims.pop();
        }
    }
    LinkedSet {
        stamp,
        stories: story_records(articles, &found, &story_ids),
        statements: statement_records,
        labels: seqs.iter().copied().zip(labels).collect(),
        merges: merge_records(articles, &merged, &story_ids),
    }
}

/// Each merged speaker → the actor standing for its person and that actor's kind, so
/// statements treat "Netanyahu" and "Benjamin Netanyahu" as one speaker.
fn merged_speakers(merged: &ActorMerges, actors: &ActorContext) -> MergedSpeakers {
    merged
        .canonical
        .iter()
        .map(|(&from, &into)| (from, (into, actors.actors.get(&into).map(|i| i.kind))))
        .collect()
}

fn merge_records(
    articles: &[LinkArticle],
    merged: &ActorMerges,
    story_ids: &[String],
) -> Vec<ActorMerge> {
    merged
        .merges
        .iter()
        .map(|m| ActorMerge {
            into: m.into,
            from: m.from,
            relation: if m.member {
                MergeRelation::MemberOf
            } else {
                MergeRelation::Same
            },
            reason: m.reason.clone(),
            stories: m.stories.iter().map(|&s| story_ids[s].clone()).collect(),
            claims: m
                .claims
                .iter()
                .map(|o| articles[o.article].claims[o.claim].id)
                .collect(),
        })
        .collect()
}

fn story_records(articles: &[LinkArticle], found: &Stories, ids: &[String]) -> Vec<StoryRecord> {
    found
        .stories
        .iter()
        .zip(ids)
        .map(|(s, id)| {
            let outlets: BTreeSet<String> =
                s.articles.iter().map(|&a| articles[a].outlet()).collect();
            StoryRecord {
                id: id.clone(),
                title: s.title.clone(),
                articles: s.articles.iter().map(|&a| articles[a].id.clone()).collect(),
                outlets: outlets.into_iter().collect(),
                first: s.first,
                last: s.last,
                claims: s.articles.iter().map(|&a| articles[a].claims.len()).sum(),
            }
        })
        .collect()
}

/// The stories of `articles` as the stored labels say (`story_of[i]` is article `i`'s
/// story id), for what is computed per story on demand (figures). Stories are numbered in
/// order of their first article in processing order.
pub fn stories_from_labels(
    articles: &[LinkArticle],
    story_of: &[Option<String>],
) -> (Stories, Vec<String>) {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut ids: Vec<String> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut of_article = vec![0; articles.len()];
    for a in crate::processing_order(articles) {
        // An article linked after the last linking is a story of its own until the next.
        let id = story_of
            .get(a)
            .cloned()
            .flatten()
            .unwrap_or_else(|| format!("({})", articles[a].id));
        let s = *index.entry(id.clone()).or_insert_with(|| {
            ids.push(id);
            members.push(Vec::new());
            members.len() - 1
        });
        members[s].push(a);
        of_article[a] = s;
    }
    let stories = members
        .into_iter()
        .zip(&ids)
        .map(|(m, id)| {
            let times = m.iter().filter_map(|&a| articles[a].published);
            crate::Story {
                id: id.clone(),
                first: times.clone().min_by_key(|t| t.sort_key()),
                last: times.max_by_key(|t| t.sort_key()),
                title: m.first().and_then(|&a| articles[a].title.clone()),
                articles: m,
            }
        })
        .collect();
    (
        Stories {
            stories,
            of_article,
        },
        ids,
    )
}

/// Ids for `groups`: the previous id each group shares the most members with (each given
/// once, the largest overlap first, then the earlier group, then the smaller old id), else
/// a fresh `<prefix><n>` counted from `next` in group order.
fn carry_ids<K: Eq + Hash + Clone>(
    groups: &[Vec<K>],
    previous: &[(String, Vec<K>)],
    prefix: &str,
    next: &mut u64,
) -> Vec<String> {
    let mut old_of: HashMap<&K, usize> = HashMap::new();
    for (o, (_, members)) in previous.iter().enumerate() {
        for m in members {
            old_of.insert(m, o);
        }
    }
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (g, members) in groups.iter().enumerate() {
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        for m in members {
            if let Some(&o) = old_of.get(m) {
                *overlap.entry(o).or_insert(0) += 1;
            }
        }
        pairs.extend(overlap.into_iter().map(|(o, n)| (n, g, o)));
    }
    pairs.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| id_order(&previous[a.2].0).cmp(&id_order(&previous[b.2].0)))
    });
    let mut ids: Vec<Option<String>> = vec![None; groups.len()];
    let mut taken = vec![false; previous.len()];
    for (_, g, o) in pairs {
        if ids[g].is_none() && !taken[o] {
            ids[g] = Some(previous[o].0.clone());
            taken[o] = true;
        }
    }
    ids.into_iter()
        .map(|id| {
            id.unwrap_or_else(|| {
                *next = (*next).max(1);
                let fresh = format!("{prefix}{next}");
                *next += 1;
                fresh
            })
        })
        .collect()
}

/// Sort key of an id `<prefix><n>`: by number, then as text.
fn id_order(id: &str) -> (u64, &str) {
    let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
    (digits.parse().unwrap_or(u64::MAX), id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(v: &[&[u32]]) -> Vec<Vec<u32>> {
        v.iter().map(|g| g.to_vec()).collect()
    }

    #[test]
    fn groups_keep_the_ids_they_share_most_with_and_new_ones_count_on() {
        let mut next = 1;
        let first = carry_ids(&groups(&[&[1, 2], &[3]]), &[], "s", &mut next);
        assert_eq!(first, vec!["s1", "s2"]);
        assert_eq!(next, 3);
        let previous: Vec<(String, Vec<u32>)> =
            first.into_iter().zip(groups(&[&[1, 2], &[3]])).collect();
        // 4 joins s2, 5 starts a story, the same set again changes nothing.
        let second = carry_ids(
            &groups(&[&[1, 2], &[5], &[3, 4]]),
            &previous,
            "s",
            &mut next,
        );
        assert_eq!(second, vec!["s1", "s3", "s2"]);
        assert_eq!(next, 4);
        let again = carry_ids(&groups(&[&[1, 2], &[3]]), &previous, "s", &mut next);
        assert_eq!(again, vec!["s1", "s2"]);
    }

    #[test]
    fn a_split_story_keeps_its_id_on_the_larger_part() {
        let previous = vec![("s7".to_string(), vec![1u32, 2, 3])];
        let mut next = 8;
        let ids = carry_ids(&groups(&[&[1], &[2, 3]]), &previous, "s", &mut next);
        assert_eq!(ids, vec!["s8", "s7"]);
    }
}
