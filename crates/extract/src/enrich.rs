//! Actor enrichment: what the built-in gazetteers and word lists know about every name an
//! article record mentions (kind, role, aliases), written into `record.actors` so the store
//! can trust the record as given. Extraction calls it on the records it produces; ingest
//! calls it on hand-written records before storing them.

use crate::lang;
use claimgraph_model::names;
use claimgraph_model::record::{ActorRecord, ArticleRecord};
use claimgraph_model::ActorKind;
use std::collections::HashMap;

/// Gives every name `record` mentions (speakers, relays, the publisher, actors and the
/// organisations they belong to) an entry in `record.actors`, filled from what the
/// gazetteers know: kind (guessed from the name's words when no list knows it), role,
/// aliases and, for people, the surname alias. An entry the record already has keeps its
/// explicit kind, role, membership and aliases; enrichment only adds.
pub fn enrich(record: &mut ArticleRecord) {
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, actor) in record.actors.iter().enumerate() {
        index.entry(actor.name.clone()).or_insert(i);
    }
    for name in mentioned_names(record) {
        if !index.contains_key(&name) {
            index.insert(name.clone(), record.actors.len());
            record.actors.push(ActorRecord {
                name,
                ..ActorRecord::default()
            });
        }
    }
    let publisher = record.article.publisher.clone();
    for actor in &mut record.actors {
        let is_publisher = publisher.as_deref() == Some(actor.name.as_str());
        describe(actor, is_publisher);
    }
}

/// Every actor name the record mentions, in order of first mention.
fn mentioned_names(record: &ArticleRecord) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut push = |name: &str| {
        if !name.trim().is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_string());
        }
    };
    if let Some(publisher) = &record.article.publisher {
        push(publisher);
    }
    for claim in &record.claims {
        push(&claim.speaker);
        for relay in &claim.via {
            push(relay);
        }
    }
    for actor in &record.actors {
        for org in &actor.member_of {
            push(org);
        }
    }
    names
}

/// Fills one actor entry: the gazetteer's kind, role and aliases under what the entry says
/// explicitly, then the surname alias of a person. A publisher is a media outlet unless
/// its entry says otherwise.
fn describe(actor: &mut ActorRecord, is_publisher: bool) {
    let display = names::display(&actor.name);
    let mut kind = guess_kind(&display);
    if let Some(known) = lang::known_actor(&display) {
        kind = known.kind;
        if known.role.is_some() {
            actor.role = known.role.clone();
        }
        // Membership the gazetteer states (the Kremlin is part of Russia, not Russia).
        for org in &known.member_of {
            if !actor.member_of.contains(org) {
                actor.member_of.push(org.clone());
            }
        }
        let known_names = std::iter::once(&known.name).chain(&known.aliases);
        let mut aliases: Vec<String> = known_names.cloned().collect();
        aliases.append(&mut actor.aliases);
        actor.aliases = aliases;
    }
    if is_publisher {
        kind = ActorKind::Media;
    }
    let kind = match &actor.kind {
        Some(explicit) => explicit.parse().unwrap_or(kind),
        None => kind,
    };
    actor.kind = Some(kind.as_str().to_string());
    if kind == ActorKind::Person {
        if let Some(surname) = surname(&display) {
            actor.aliases.push(surname);
        }
    }
    dedup_folded(&mut actor.aliases, &display);
}

/// Aliases without repeats (by folded form) and without the name itself.
fn dedup_folded(aliases: &mut Vec<String>, name: &str) {
    let mut seen = vec![names::fold(name)];
    aliases.retain(|alias| {
        let folded = names::fold(alias);
        if folded.is_empty() || seen.contains(&folded) {
            return false;
        }
        seen.push(folded);
        true
    });
}

/// People are referred to by the last word of their name ("Ryabkov", and in Vietnamese the
/// given name, which also comes last).
fn surname(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [_, .., last]
            if last.chars().count() >= 3 && last.chars().next().is_some_and(char::is_uppercase) =>
        {
            Some(last.to_string())
        }
        _ => None,
    }
}

/// Kind of an actor seen only as a name: unnamed voices ("witnesses", "a senior official")
/// start lower-case; otherwise the word lists of `schema/actor_kinds.json` decide (a whole
/// name that is a country is a country; a name containing an organization word is an
/// organization...), and a person is the default until a record says otherwise.
pub(crate) fn guess_kind(name: &str) -> ActorKind {
    if name.chars().next().is_some_and(char::is_lowercase) {
        return ActorKind::Unknown;
    }
    let folded = format!(" {} ", names::fold(name));
    let lists = kind_words();
    if lists.country.iter().any(|w| folded.trim() == w) {
        return ActorKind::Country;
    }
    for (kind, words) in [
        (ActorKind::Media, &lists.media),
        (ActorKind::Organization, &lists.organization),
        (ActorKind::Group, &lists.group),
    ] {
        if words.iter().any(|w| folded.contains(&format!(" {w} "))) {
            return kind;
        }
    }
    ActorKind::Person
}

#[derive(serde::Deserialize, Default)]
struct KindWords {
    media: Vec<String>,
    organization: Vec<String>,
    group: Vec<String>,
    country: Vec<String>,
}

const KIND_WORDS: &str = include_str!("../../../schema/actor_kinds.json");

fn kind_words() -> &'static KindWords {
    static WORDS: std::sync::OnceLock<KindWords> = std::sync::OnceLock::new();
    // The file ships with the binary; a test checks that it parses.
    WORDS.get_or_init(|| serde_json::from_str(KIND_WORDS).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_model::record::{ArticleMeta, ClaimRecord};

    #[test]
    fn kind_words_parse_and_classify() {
        let parsed: Result<KindWords, _> = serde_json::from_str(KIND_WORDS);
        assert!(parsed.is_ok());
        assert_eq!(guess_kind("witnesses"), ActorKind::Unknown);
        assert_eq!(
            guess_kind("Libya's Defence Ministry"),
            ActorKind::Organization
        );
        assert_eq!(guess_kind("Russia"), ActorKind::Country);
        assert_eq!(guess_kind("The Kingston Sentinel"), ActorKind::Media);
        assert_eq!(guess_kind("Bryan Jenkins"), ActorKind::Person);
    }

    fn record_with(speaker: &str, actors: Vec<ActorRecord>) -> ArticleRecord {
        ArticleRecord {
            article: ArticleMeta {
                id: "a".into(),
                publisher: Some("Reuters".into()),
                ..ArticleMeta::default()
            },
            claims: vec![ClaimRecord {
                speaker: speaker.into(),
                ..ClaimRecord::default()
            }],
            actors,
            times: Vec::new(),
        }
    }

    fn actor<'a>(record: &'a ArticleRecord, name: &str) -> &'a ActorRecord {
        let found = record.actors.iter().find(|a| a.name == name);
        found.unwrap_or_else(|| panic!("no actor entry for {name}"))
    }

    #[test]
    fn every_mentioned_name_gets_an_entry_with_a_kind() {
        let mut record = record_with("Sergei Ryabkov", Vec::new());
        enrich(&mut record);
        let person = actor(&record, "Sergei Ryabkov");
        assert_eq!(person.kind.as_deref(), Some("person"));
        assert!(person.aliases.contains(&"Ryabkov".to_string()));
        assert!(actor(&record, "Reuters").kind.is_some());
    }

    #[test]
    fn gazetteer_aliases_and_explicit_kinds_survive() {
        let explicit = ActorRecord {
            name: "Nga".into(),
            kind: Some("organization".into()),
            aliases: vec!["Moskva".into()],
            ..ActorRecord::default()
        };
        let mut record = record_with("Nga", vec![explicit]);
        enrich(&mut record);
        let russia = actor(&record, "Nga");
        assert_eq!(russia.kind.as_deref(), Some("organization"));
        assert!(russia.aliases.iter().any(|a| a == "Russia"));
        assert!(russia.aliases.iter().any(|a| a == "Moskva"));
        assert_eq!(record.actors.len(), 2, "no second entry for a named actor");
    }
}
