//! Actors across articles: which differently written names are one person ("Benjamin
//! Netanyahu", "Netanyahu", "Mr. Netanyahu", "Thủ tướng Israel Benjamin Netanyahu"), and
//! which actors belong to a person ("Mr. Netanyahu's office").
//!
//! At ingest an actor is its exact name or an explicit alias, so one person written two
//! ways is two actors. This module decides, from context, that two of them are one person:
//!
//! - a name is read as titles (from the language data the caller passes: "Mr.", "Thủ
//!   tướng") followed by a personal name of capitalised words; a name with other words
//!   before its personal name ("a Western diplomat", "Một nhà ngoại giao phương Tây") is an
//!   unnamed voice and is never merged;
//! - a short name is **compatible** with a long one when their last words are equal and
//!   the short name's words appear in the long one in order ("Netanyahu" and "Benjamin
//!   Netanyahu", "Recep Erdogan" and "Recep Tayyip Erdogan"), and their roles, when both
//!   are known, are the same; words are compared lowercased with every tone mark kept, so
//!   "Thanh" never matches "Thành";
//! - the context: both are speakers in **one story**, and the short name fits no other
//!   person there; or the long name is a **well-known** person of the gazetteers and the
//!   only one the short name fits (then corpus-wide);
//! - a short name that fits different people in different stories is merged with none,
//!   and a one-word name is merged only when the stories that support it are at least as
//!   many as those where it appears alone (a given name alone says little);
//! - pairs the user undid (`unmerged`) are never joined, even through a third name.
//!
//! Each merge is recorded with the stories and claims it rests on and a reason in words.

use crate::{LinkArticle, Occurrence, Stories, UnionFind};
use claimgraph_model::{ActorId, ActorKind, ClaimKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use unicode_normalization::UnicodeNormalization;

/// Most words before a holder's title in an office's name ("Văn phòng").
const MAX_OFFICE_WORDS: usize = 3;

/// What the caller knows of one actor.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorInfo {
    /// Its name as stored.
    pub name: String,
    /// Its kind.
    pub kind: ActorKind,
    /// Its role, when known ("prime minister").
    pub role: Option<String>,
}

/// Language data for reading names: title phrases and well-known people.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NameKnowledge {
    /// Title phrases (lowercase words) with the role each gives (`None` for "Mr.", "ông").
    pub titles: Vec<(Vec<String>, Option<String>)>,
    /// Full names of well-known people (the gazetteers' persons).
    pub well_known: Vec<String>,
}

/// Everything actor merging reads besides the articles.
#[derive(Debug, Clone, Default)]
pub struct ActorContext {
    /// The actors the claims name, by id.
    pub actors: HashMap<ActorId, ActorInfo>,
    /// Titles and well-known names.
    pub names: NameKnowledge,
    /// Pairs of actors the user said are not one person.
    pub unmerged: Vec<(ActorId, ActorId)>,
}

/// One decision: `from` is `into` (or a member of it).
#[derive(Debug, Clone, PartialEq)]
pub struct FoundMerge {
    /// The actor that stands for the person.
    pub into: ActorId,
    /// The actor merged into it, or recorded as its member.
    pub from: ActorId,
    /// True for a member ("Mr. Netanyahu's office"), false for the same person.
    pub member: bool,
    /// Why, in words.
    pub reason: String,
    /// Indexes of the stories that gave the context (empty when corpus-wide).
    pub stories: Vec<usize>,
    /// Claims of `from` in those stories.
    pub claims: Vec<Occurrence>,
}

/// The merges found, and each merged actor's representative.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActorMerges {
    /// Every decision, by `into` then `from`.
    pub merges: Vec<FoundMerge>,
    /// Merged actor → the actor that stands for its person (same person only).
    pub canonical: HashMap<ActorId, ActorId>,
}

/// How a name reads.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// Titles, then a personal name (lowercase words), and the role the titles give.
    Person {
        words: Vec<String>,
        role: Option<String>,
    },
    /// Something of a person: "X's office", "Văn phòng Thủ tướng X".
    Member { words: Vec<String> },
    /// An unnamed voice or anything else.
    Other,
}

struct Token {
    lower: String,
    capital: bool,
    possessive: bool,
}

fn tokens(name: &str) -> Vec<Token> {
    let name: String = name.nfc().collect();
    name.split(|c: char| c.is_whitespace() || c == '_')
        .filter_map(|raw| {
            let mut t = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
            let possessive = ["'s", "’s"].iter().any(|p| t.ends_with(p));
            if possessive {
                t = &t[..t.len() - 2];
            }
            let t = t.trim_matches(|c: char| !c.is_alphanumeric());
            (!t.is_empty()).then(|| Token {
                lower: t.to_lowercase(),
                capital: t.chars().next().is_some_and(char::is_uppercase),
                possessive,
            })
        })
        .collect()
}

/// The longest title phrase starting at `at`: its length and role.
fn title_at(toks: &[Token], at: usize, names: &NameKnowledge) -> Option<(usize, Option<String>)> {
    names
        .titles
        .iter()
        .filter(|(words, _)| {
            !words.is_empty()
                && toks.len() >= at + words.len()
                && words.iter().zip(&toks[at..]).all(|(w, t)| *w == t.lower)
        })
        .max_by_key(|(words, _)| words.len())
        .map(|(words, role)| (words.len(), role.clone()))
}

fn shape(name: &str, names: &NameKnowledge) -> Shape {
    let toks = tokens(name);
    if let Some(p) = toks.iter().position(|t| t.possessive) {
        if p + 1 < toks.len() {
            if let Shape::Person { words, .. } = person_shape(&toks[..=p], names) {
                return Shape::Member { words };
            }
        }
        return Shape::Other;
    }
    person_shape(&toks, names)
}

fn person_shape(toks: &[Token], names: &NameKnowledge) -> Shape {
    // Titles anywhere before the personal name: (start, end, role).
    let mut titles = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match title_at(toks, i, names) {
            Some((len, role)) => {
                titles.push((i, i + len, role));
                i += len;
            }
            None => i += 1,
        }
    }
    let after_titles = titles.last().map_or(0, |t| t.1);
    let run_start = toks
        .iter()
        .rposition(|t| !t.capital)
        .map_or(0, |p| p + 1)
        .max(after_titles);
    if run_start >= toks.len() {
        return Shape::Other;
    }
    let words: Vec<String> = toks[run_start..].iter().map(|t| t.lower.clone()).collect();
    let in_title = |i: usize| titles.iter().any(|t| t.0 <= i && i < t.1);
    let described = (0..run_start).any(|i| !in_title(i) && !toks[i].capital);
    let role = titles.iter().rev().find_map(|t| t.2.clone());
    if !described {
        return Shape::Person { words, role };
    }
    // "Văn phòng Thủ tướng Netanyahu": an office named by its holder's title and name, in
    // a few words (a longer run before the title is a clause, not an office's name).
    let untitled = (0..run_start).filter(|&i| !in_title(i)).count();
    match titles.last() {
        Some((_, end, Some(_))) if *end == run_start && untitled <= MAX_OFFICE_WORDS => {
            Shape::Member { words }
        }
        _ => Shape::Other,
    }
}

/// A person actor as merging sees it.
#[derive(Debug, Clone)]
struct Named {
    words: Vec<String>,
    role: Option<String>,
    kind: ActorKind,
    name: String,
}

/// Whether `short` can name the same person as `long`.
fn fits(short: &[String], long: &[String]) -> bool {
    if short.is_empty() || short.last() != long.last() || short.len() > long.len() {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|l| l == w))
}

fn compatible(a: &Named, b: &Named) -> bool {
    let roles_agree = match (&a.role, &b.role) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    roles_agree && (fits(&a.words, &b.words) || fits(&b.words, &a.words))
}

/// Stored as a person, or named with a role: a person for certain (an unresolved name
/// of capitalised words may be a place or a company).
fn personish(n: &Named) -> bool {
    n.kind == ActorKind::Person || n.role.is_some()
}

/// Kinds a person's name can be stored with (extraction may take a titled name for an
/// organization).
fn may_be_person(kind: ActorKind, role: &Option<String>) -> bool {
    match kind {
        ActorKind::Person | ActorKind::Unknown => true,
        ActorKind::Organization => role.is_some(),
        _ => false,
    }
}

/// Each story's speakers (reported claims only) with their claims, by actor id.
fn speakers_by_story(
    articles: &[LinkArticle],
    stories: &Stories,
) -> Vec<BTreeMap<ActorId, Vec<Occurrence>>> {
    let mut out = vec![BTreeMap::new(); stories.stories.len()];
    for (a, article) in articles.iter().enumerate() {
        let Some(by) = out.get_mut(stories.of_article[a]) else {
            continue;
        };
        for (c, claim) in article.claims.iter().enumerate() {
            if claim.kind == ClaimKind::Reported {
                by.entry(claim.speaker_id)
                    .or_insert_with(Vec::new)
                    .push(Occurrence {
                        article: a,
                        claim: c,
                    });
            }
        }
    }
    out
}

/// What a merge rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Basis {
    /// Both names speak in this story.
    Story(usize),
    /// A full name (two words or more) that fits one person only, corpus-wide.
    FullName,
    /// A well-known person of the gazetteers, the only one the name fits.
    WellKnown,
}

/// Evidence that `short` is `long`.
type Edge = (ActorId, ActorId, Basis);

/// Finds the actors that are one person, and the members of persons.
pub fn merge_actors(
    articles: &[LinkArticle],
    stories: &Stories,
    ctx: &ActorContext,
) -> ActorMerges {
    let by_story = speakers_by_story(articles, stories);
    let mut persons: BTreeMap<ActorId, Named> = BTreeMap::new();
    let mut members: BTreeMap<ActorId, Vec<String>> = BTreeMap::new();
    for id in by_story.iter().flat_map(|s| s.keys()).copied() {
        let Some(info) = ctx.actors.get(&id) else {
            continue;
        };
        match shape(&info.name, &ctx.names) {
            Shape::Person { words, role } => {
                let role = info.role.clone().or(role);
                if may_be_person(info.kind, &role) {
                    let (kind, name) = (info.kind, info.name.clone());
                    persons.insert(
                        id,
                        Named {
                            words,
                            role,
                            kind,
                            name,
                        },
                    );
                }
            }
            Shape::Member { words } => {
                members.insert(id, words);
            }
            Shape::Other => {}
        }
    }
    let mut edges = story_edges(&by_story, &persons);
    edges.extend(full_name_edges(&persons));
    let edges = with_well_known(edges, &persons, &ctx.names);
    let groups = join(&edges, &persons, &ctx.unmerged);
    let canonical = representatives(&groups, &persons, &by_story);
    let mut merges = same_person_records(&edges, &canonical, &persons, &by_story);
    merges.extend(member_records(
        &by_story, &persons, &members, &canonical, ctx,
    ));
    merges.sort_by_key(|m| (m.into, m.from));
    ActorMerges { merges, canonical }
}

/// Story evidence, after dropping names that fit different people.
fn story_edges(
    by_story: &[BTreeMap<ActorId, Vec<Occurrence>>],
    persons: &BTreeMap<ActorId, Named>,
) -> Vec<Edge> {
    let mut edges: Vec<Edge> = Vec::new();
    let mut ambiguous: BTreeSet<ActorId> = BTreeSet::new();
    let mut alone: BTreeMap<ActorId, usize> = BTreeMap::new();
    for (s, speakers) in by_story.iter().enumerate() {
        let here: Vec<(&ActorId, &Named)> = speakers
            .keys()
            .filter_map(|id| persons.get_key_value(id))
            .collect();
        for &(&short, named) in &here {
            let longer: Vec<(&ActorId, &Named)> = here
                .iter()
                .copied()
                .filter(|&(&id, l)| {
                    id != short
                        && (personish(named) || personish(l))
                        && fits(&named.words, &l.words)
                        && compatible(named, l)
                })
                .collect();
            if longer.is_empty() {
                *alone.entry(short).or_default() += 1;
            } else if longer
                .iter()
                .any(|a| longer.iter().any(|b| !compatible(a.1, b.1)))
            {
                ambiguous.insert(short);
            } else {
                edges.extend(
                    longer
                        .iter()
                        .map(|&(&long, _)| (short, long, Basis::Story(s))),
                );
            }
        }
    }
    // A name that fits different people in different stories names none of them.
    let mut targets: BTreeMap<ActorId, (BTreeSet<ActorId>, BTreeSet<Basis>)> = BTreeMap::new();
    for &(short, long, basis) in &edges {
        let (longs, supported) = targets.entry(short).or_default();
        longs.insert(long);
        supported.insert(basis);
    }
    for (short, (longs, supported)) in &targets {
        let conflicting = longs
            .iter()
            .any(|a| longs.iter().any(|b| !compatible(&persons[a], &persons[b])));
        let one_word = persons[short].words.len() == 1;
        if conflicting || (one_word && supported.len() < alone.get(short).copied().unwrap_or(0)) {
            ambiguous.insert(*short);
        }
    }
    edges.retain(|e| !ambiguous.contains(&e.0));
    edges
}

/// Corpus-wide evidence between full names: a name of two words or more whose words are
/// all in one longer name ("Benjamin Netanyahu", "Thủ tướng Israel Benjamin Netanyahu"),
/// when the longer names it fits are all compatible with each other.
/// This joins one person across articles and languages that no story shares.
fn full_name_edges(persons: &BTreeMap<ActorId, Named>) -> Vec<Edge> {
    // A name fits only names with its last word: compare within those, not every pair.
    let mut by_last: HashMap<&str, Vec<(&ActorId, &Named)>> = HashMap::new();
    for (id, p) in persons {
        if let Some(last) = p.words.last() {
            by_last.entry(last.as_str()).or_default().push((id, p));
        }
    }
    let mut edges = Vec::new();
    for (&short, named) in persons.iter().filter(|(_, p)| p.words.len() >= 2) {
        let same_last = named.words.last().and_then(|w| by_last.get(w.as_str()));
        let longer: Vec<(&ActorId, &Named)> = same_last
            .into_iter()
            .flatten()
            .copied()
            .filter(|&(&id, l)| {
                id != short
                    && personish(named)
                    && personish(l)
                    && fits(&named.words, &l.words)
                    && compatible(named, l)
            })
            .collect();
        let consistent = longer
            .iter()
            .all(|a| longer.iter().all(|b| compatible(a.1, b.1)));
        if consistent {
            edges.extend(
                longer
                    .iter()
                    .map(|&(&long, _)| (short, long, Basis::FullName)),
            );
        }
    }
    edges
}

/// Adds corpus-wide evidence for names with none: a well-known person the name alone fits.
fn with_well_known(
    mut edges: Vec<Edge>,
    persons: &BTreeMap<ActorId, Named>,
    names: &NameKnowledge,
) -> Vec<Edge> {
    let known: Vec<Vec<String>> = names
        .well_known
        .iter()
        .filter_map(|n| match shape(n, names) {
            Shape::Person { words, .. } => Some(words),
            _ => None,
        })
        .collect();
    let has_evidence: BTreeSet<ActorId> = edges.iter().flat_map(|e| [e.0, e.1]).collect();
    for (&short, named) in persons {
        if has_evidence.contains(&short) {
            continue;
        }
        let fitting: BTreeSet<&Vec<String>> = known
            .iter()
            .filter(|k| **k != named.words && fits(&named.words, k))
            .collect();
        let [full] = fitting.into_iter().collect::<Vec<_>>()[..] else {
            continue;
        };
        let holder = persons
            .iter()
            .find(|(id, p)| **id != short && p.words == *full && compatible(named, p));
        if let Some((&long, _)) = holder {
            edges.push((short, long, Basis::WellKnown));
        }
    }
    edges
}

/// Joins the evidence into groups, never joining two actors the user took apart.
fn join(
    edges: &[Edge],
    persons: &BTreeMap<ActorId, Named>,
    unmerged: &[(ActorId, ActorId)],
) -> Vec<Vec<ActorId>> {
    let ids: Vec<ActorId> = persons.keys().copied().collect();
    let index: HashMap<ActorId, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let mut uf = UnionFind::new(ids.len());
    let mut members: Vec<BTreeSet<usize>> = (0..ids.len()).map(|i| BTreeSet::from([i])).collect();
    let apart: BTreeSet<(usize, usize)> = unmerged
        .iter()
        .filter_map(|(a, b)| Some((*index.get(a)?, *index.get(b)?)))
        .flat_map(|(a, b)| [(a, b), (b, a)])
        .collect();
    let mut sorted: Vec<&Edge> = edges.iter().collect();
    sorted.sort();
    for &&(short, long, _) in &sorted {
        let (ra, rb) = (uf.find(index[&short]), uf.find(index[&long]));
        if ra == rb {
            continue;
        }
        let blocked = !apart.is_empty()
            && members[ra]
                .iter()
                .any(|&x| members[rb].iter().any(|&y| apart.contains(&(x, y))));
        if blocked {
            continue;
        }
        uf.union(ra, rb);
        let root = uf.find(ra);
        let moved = std::mem::take(&mut members[if root == ra { rb } else { ra }]);
        members[root].extend(moved);
    }
    members
        .into_iter()
        .filter(|m| m.len() > 1)
        .map(|m| m.into_iter().map(|i| ids[i]).collect())
        .collect()
}

/// Each grouped actor → the one that stands for the group: a person's kind first, then a
/// full name (two words or more) over a bare one, then the fewest words in the name (no
/// titles), then the most claims, then the smallest id.
fn representatives(
    groups: &[Vec<ActorId>],
    persons: &BTreeMap<ActorId, Named>,
    by_story: &[BTreeMap<ActorId, Vec<Occurrence>>],
) -> HashMap<ActorId, ActorId> {
    let grouped: BTreeSet<ActorId> = groups.iter().flatten().copied().collect();
    let mut counts: HashMap<ActorId, usize> = HashMap::new();
    for (id, claims) in by_story.iter().flatten() {
        if grouped.contains(id) {
            *counts.entry(*id).or_insert(0) += claims.len();
        }
    }
    let claims = |id: &ActorId| counts.get(id).copied().unwrap_or(0);
    let mut out = HashMap::new();
    for group in groups {
        let best = group.iter().min_by_key(|id| {
            let p = &persons[*id];
            (
                p.kind != ActorKind::Person,
                p.words.len() < 2,
                tokens(&p.name).len(),
                std::cmp::Reverse(claims(id)),
                **id,
            )
        });
        if let Some(&best) = best {
            for &id in group {
                if id != best {
                    out.insert(id, best);
                }
            }
        }
    }
    out
}

fn same_person_records(
    edges: &[Edge],
    canonical: &HashMap<ActorId, ActorId>,
    persons: &BTreeMap<ActorId, Named>,
    by_story: &[BTreeMap<ActorId, Vec<Occurrence>>],
) -> Vec<FoundMerge> {
    let mut of_actor: HashMap<ActorId, Vec<&Edge>> = HashMap::new();
    for e in edges {
        of_actor.entry(e.0).or_default().push(e);
        if e.1 != e.0 {
            of_actor.entry(e.1).or_default().push(e);
        }
    }
    let mut out = Vec::new();
    for (&from, &into) in canonical {
        let mine: Vec<&Edge> = of_actor.get(&from).cloned().unwrap_or_default();
        let stories: Vec<usize> = mine
            .iter()
            .filter_map(|e| match e.2 {
                Basis::Story(s) => Some(s),
                _ => None,
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let claims = stories
            .iter()
            .filter_map(|&s| by_story[s].get(&from))
            .flatten()
            .copied()
            .collect();
        let reason = merge_reason(from, into, &mine, persons);
        out.push(FoundMerge {
            into,
            from,
            member: false,
            reason,
            stories,
            claims,
        });
    }
    out
}

/// Why `from` is `into`, in words: each piece of evidence about `from`, with the other name.
fn merge_reason(
    from: ActorId,
    into: ActorId,
    mine: &[&Edge],
    persons: &BTreeMap<ActorId, Named>,
) -> String {
    let mut evidence: BTreeSet<String> = BTreeSet::new();
    for &&(a, b, basis) in mine {
        let other = &persons[&if a == from { b } else { a }].name;
        evidence.insert(match basis {
            Basis::Story(_) => format!("with '{other}' in a story both speak in"),
            Basis::FullName => format!("with '{other}' by full name, corpus-wide"),
            Basis::WellKnown => format!("with the well-known '{other}' (gazetteer), corpus-wide"),
        });
    }
    let (f, i) = (&persons[&from], &persons[&into]);
    format!(
        "'{}' is '{}': one name's words within the other's, ending in '{}'; {}",
        f.name,
        i.name,
        f.words.last().map(String::as_str).unwrap_or_default(),
        evidence.into_iter().collect::<Vec<_>>().join("; ")
    )
}

/// "Mr. Netanyahu's office" in a story where Netanyahu speaks: a member of that person.
fn member_records(
    by_story: &[BTreeMap<ActorId, Vec<Occurrence>>],
    persons: &BTreeMap<ActorId, Named>,
    members: &BTreeMap<ActorId, Vec<String>>,
    canonical: &HashMap<ActorId, ActorId>,
    ctx: &ActorContext,
) -> Vec<FoundMerge> {
    let mut found: BTreeMap<(ActorId, ActorId), Vec<usize>> = BTreeMap::new();
    for (s, speakers) in by_story.iter().enumerate() {
        for (member, words) in members.iter().filter(|(id, _)| speakers.contains_key(*id)) {
            let holders: BTreeSet<ActorId> = speakers
                .keys()
                .filter_map(|id| persons.get(id).map(|p| (id, p)))
                .filter(|(_, p)| fits(words, &p.words))
                .map(|(id, _)| canonical.get(id).copied().unwrap_or(*id))
                .collect();
            if let [holder] = holders.into_iter().collect::<Vec<_>>()[..] {
                found.entry((holder, *member)).or_default().push(s);
            }
        }
    }
    let apart = |a: ActorId, b: ActorId| {
        ctx.unmerged
            .iter()
            .any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
    };
    found
        .into_iter()
        .filter(|((into, from), _)| !apart(*into, *from))
        .map(|((into, from), stories)| {
            let claims = stories
                .iter()
                .filter_map(|&s| by_story[s].get(&from))
                .flatten()
                .copied()
                .collect();
            let name = |id: ActorId| {
                ctx.actors
                    .get(&id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default()
            };
            FoundMerge {
                into,
                from,
                member: true,
                reason: format!(
                    "'{}' belongs to '{}' (its name holds the person's name, and the person speaks in the same story)",
                    name(from),
                    name(into)
                ),
                stories,
                claims,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{article, claim, one_story};

    fn knowledge() -> NameKnowledge {
        let t = |s: &str, r: Option<&str>| {
            (
                s.split(' ').map(String::from).collect(),
                r.map(String::from),
            )
        };
        NameKnowledge {
            titles: vec![
                t("mr", None),
                t("ông", None),
                t("prime minister", Some("prime minister")),
                t("thủ tướng", Some("prime minister")),
            ],
            well_known: vec!["Barack Obama".into()],
        }
    }

    fn person(words: &[&str]) -> Shape {
        Shape::Person {
            words: words.iter().map(|s| s.to_string()).collect(),
            role: None,
        }
    }

    #[test]
    fn names_read_as_titles_and_a_personal_name() {
        let k = knowledge();
        assert_eq!(shape("Mr. Netanyahu", &k), person(&["netanyahu"]));
        assert_eq!(
            shape("Benjamin_Netanyahu", &k),
            person(&["benjamin", "netanyahu"])
        );
        assert_eq!(
            shape("Thủ tướng Israel Benjamin Netanyahu", &k),
            Shape::Person {
                words: vec!["israel".into(), "benjamin".into(), "netanyahu".into()],
                role: Some("prime minister".into())
            }
        );
        assert_eq!(
            shape("Mr. Netanyahu's office", &k),
            Shape::Member {
                words: vec!["netanyahu".into()]
            }
        );
        assert_eq!(
            shape("Văn phòng Thủ tướng Netanyahu", &k),
            Shape::Member {
                words: vec!["netanyahu".into()]
            }
        );
        assert_eq!(shape("A Western diplomat", &k), Shape::Other);
        assert_eq!(shape("Một nhà ngoại giao phương Tây", &k), Shape::Other);
    }

    #[test]
    fn tone_marks_keep_names_apart() {
        let w = |s: &str| vec![s.to_string()];
        assert!(!fits(&w("thanh"), &["nguyễn".into(), "thành".into()]));
        assert!(fits(&w("thành"), &["nguyễn".into(), "thành".into()]));
    }

    fn ctx(names: &[(ActorId, &str, ActorKind)]) -> ActorContext {
        ActorContext {
            actors: names
                .iter()
                .map(|&(id, n, kind)| {
                    (
                        id,
                        ActorInfo {
                            name: n.into(),
                            kind,
                            role: None,
                        },
                    )
                })
                .collect(),
            names: knowledge(),
            unmerged: Vec::new(),
        }
    }

    /// Two articles of one story: the first names the speakers of `first`, the second
    /// those of `second`.
    fn story_of(first: &[(&str, u64)], second: &[(&str, u64)]) -> Vec<LinkArticle> {
        let mut articles = vec![
            article("a", "2013-03-22T10:00:00Z", "t", "x"),
            article("b", "2013-03-22T11:00:00Z", "t", "y"),
        ];
        for (a, speakers) in [first, second].iter().enumerate() {
            for (i, &(name, id)) in speakers.iter().enumerate() {
                let mut c = claim(&articles[a], i as u16, name, "words", &[]);
                c.speaker_id = id;
                articles[a].claims.push(c);
            }
        }
        articles
    }

    #[test]
    fn a_surname_joins_the_full_name_in_its_story() {
        let articles = story_of(
            &[("Benjamin Netanyahu", 1)],
            &[("Netanyahu", 2), ("Mr. Netanyahu's office", 3)],
        );
        let c = ctx(&[
            (1, "Benjamin Netanyahu", ActorKind::Person),
            (2, "Netanyahu", ActorKind::Person),
            (3, "Mr. Netanyahu's office", ActorKind::Unknown),
        ]);
        let found = merge_actors(&articles, &one_story(2), &c);
        assert_eq!(found.canonical, HashMap::from([(2, 1)]));
        assert_eq!(found.merges.len(), 2, "{found:#?}");
        assert!(found
            .merges
            .iter()
            .any(|m| (m.into, m.from, m.member) == (1, 3, true)));
        assert_eq!(found.merges[0].stories, vec![0]);
    }

    #[test]
    fn a_name_fitting_two_people_joins_neither_and_undone_pairs_stay_apart() {
        let articles = story_of(
            &[("Benjamin Netanyahu", 1), ("Sara Netanyahu", 4)],
            &[("Netanyahu", 2)],
        );
        let mut c = ctx(&[
            (1, "Benjamin Netanyahu", ActorKind::Person),
            (2, "Netanyahu", ActorKind::Person),
            (4, "Sara Netanyahu", ActorKind::Person),
        ]);
        assert!(merge_actors(&articles, &one_story(2), &c).merges.is_empty());
        let articles = story_of(&[("Benjamin Netanyahu", 1)], &[("Netanyahu", 2)]);
        c.unmerged = vec![(2, 1)];
        assert!(merge_actors(&articles, &one_story(2), &c).merges.is_empty());
    }

    #[test]
    fn a_well_known_name_joins_corpus_wide() {
        let articles = story_of(&[("Barack Obama", 1)], &[]);
        let mut more = story_of(&[], &[("Obama", 2)]);
        more[1].id = "c".into();
        let articles = vec![articles[0].clone(), more[1].clone()];
        let c = ctx(&[
            (1, "Barack Obama", ActorKind::Person),
            (2, "Obama", ActorKind::Person),
        ]);
        let two = Stories {
            stories: vec![one_story(1).stories[0].clone(), {
                let mut s = one_story(1).stories[0].clone();
                s.articles = vec![1];
                s
            }],
            of_article: vec![0, 1],
        };
        let found = merge_actors(&articles, &two, &c);
        assert_eq!(found.canonical, HashMap::from([(2, 1)]));
        assert!(found.merges[0].stories.is_empty());
    }
}
