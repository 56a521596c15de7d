//! What the query language reads of the cross-article model: a claim's story and
//! statement, its statement's counts (occurrences, outlets, independent sources), whether
//! it is contested across articles or is its statement's first report, and the rows of
//! `stories …` and `statements …` queries. Everything comes from the records the store
//! keeps (`Store::article_labels`, `Store::statement`, `Store::story`); nothing here
//! computes similarity.

use super::ast::Head;
use super::QueryError;
use claimgraph_model::result::Value;
use claimgraph_model::story::{
    ActorMerge, ArticleLabels, MergeRelation, StatementRecord, StoryRecord,
};
use claimgraph_model::{Actor, ActorId, ClaimId, LinkKind};
use claimgraph_store::Store;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Adds to `set` every actor recorded as the same person as one of its actors (both ways:
/// the person's other names, and the actor standing for the person).
pub(crate) fn with_same_person(
    store: &Store,
    set: &mut HashSet<ActorId>,
) -> Result<(), QueryError> {
    let merges = store.actor_merges()?;
    let same = |m: &&ActorMerge| m.relation == MergeRelation::Same;
    let persons: HashSet<ActorId> = merges
        .iter()
        .filter(same)
        .filter(|m| set.contains(&m.from) || set.contains(&m.into))
        .map(|m| m.into)
        .collect();
    set.extend(persons.iter().copied());
    set.extend(
        merges
            .iter()
            .filter(same)
            .filter(|m| persons.contains(&m.into))
            .map(|m| m.from),
    );
    Ok(())
}

/// When the actors a name resolves to are several but all one person by linking's merges
/// (leaving out those recorded as that person's members, such as an office), that
/// person's actors; `None` otherwise.
pub(crate) fn one_person_of(
    store: &Store,
    actors: &[Actor],
) -> Result<Option<Vec<Actor>>, QueryError> {
    if actors.len() < 2 {
        return Ok(None);
    }
    let merges = store.actor_merges()?;
    let person = |id: ActorId| {
        merges
            .iter()
            .find(|m| m.from == id && m.relation == MergeRelation::Same)
            .map_or(id, |m| m.into)
    };
    let persons: HashSet<ActorId> = actors.iter().map(|a| person(a.id)).collect();
    let member = |id: ActorId| {
        merges.iter().any(|m| {
            m.from == id && m.relation == MergeRelation::MemberOf && persons.contains(&m.into)
        })
    };
    let kept: Vec<Actor> = actors.iter().filter(|a| !member(a.id)).cloned().collect();
    let kept_persons: HashSet<ActorId> = kept.iter().map(|a| person(a.id)).collect();
    Ok((kept_persons.len() == 1).then_some(kept))
}

/// Actors recorded by linking as members of `person` ("Mr. Netanyahu's office").
pub(crate) fn recorded_members(store: &Store, person: ActorId) -> Result<Vec<ActorId>, QueryError> {
    Ok(store
        .actor_merges()?
        .into_iter()
        .filter(|m| m.into == person && m.relation == MergeRelation::MemberOf)
        .map(|m| m.from)
        .collect())
}

/// Columns of a `stories …` query's rows.
pub(crate) const STORY_COLUMNS: [&str; 7] = [
    "story", "title", "articles", "outlets", "first", "last", "claims",
];

/// Columns of a `statements …` query's rows.
pub(crate) const STATEMENT_COLUMNS: [&str; 9] = [
    "statement",
    "story",
    "speaker",
    "occurrences",
    "outlets",
    "independent_sources",
    "first_reported_by",
    "first_reported",
    "text",
];

/// The row columns a head starts the pipeline with; `None` for claims.
pub(crate) fn head_columns(head: Head) -> Option<&'static [&'static str]> {
    match head {
        Head::Claims => None,
        Head::Stories => Some(&STORY_COLUMNS),
        Head::Statements => Some(&STATEMENT_COLUMNS),
    }
}

/// Records read during one query, each read once.
#[derive(Default)]
pub(crate) struct Linked {
    labels: HashMap<u64, Option<Arc<ArticleLabels>>>,
    statements: HashMap<String, Option<Arc<StatementRecord>>>,
    /// Claims denied from another article, and the statements they report.
    contested: Option<Arc<(HashSet<ClaimId>, HashSet<String>)>>,
}

impl Linked {
    fn labels(
        &mut self,
        store: &Store,
        seq: u64,
    ) -> Result<Option<Arc<ArticleLabels>>, QueryError> {
        if let Some(l) = self.labels.get(&seq) {
            return Ok(l.clone());
        }
        let l = store.article_labels(seq)?.map(Arc::new);
        self.labels.insert(seq, l.clone());
        Ok(l)
    }

    /// The story of claim `id`'s article.
    pub(crate) fn story(
        &mut self,
        store: &Store,
        id: ClaimId,
    ) -> Result<Option<String>, QueryError> {
        Ok(self
            .labels(store, id.article())?
            .and_then(|l| l.story.clone()))
    }

    /// The statement id of claim `id`.
    pub(crate) fn statement_id(
        &mut self,
        store: &Store,
        id: ClaimId,
    ) -> Result<Option<String>, QueryError> {
        Ok(self
            .labels(store, id.article())?
            .and_then(|l| l.claims.get(id.index()).and_then(|c| c.statement.clone())))
    }

    /// The statement record of claim `id`.
    pub(crate) fn statement(
        &mut self,
        store: &Store,
        id: ClaimId,
    ) -> Result<Option<Arc<StatementRecord>>, QueryError> {
        let Some(sid) = self.statement_id(store, id)? else {
            return Ok(None);
        };
        if let Some(s) = self.statements.get(&sid) {
            return Ok(s.clone());
        }
        let s = store.statement(&sid)?.map(Arc::new);
        self.statements.insert(sid, s.clone());
        Ok(s)
    }

    /// A count of claim `id`'s statement: `None` when it reports none.
    pub(crate) fn count(
        &mut self,
        store: &Store,
        id: ClaimId,
        what: fn(&StatementRecord) -> usize,
    ) -> Result<Option<i64>, QueryError> {
        Ok(self
            .statement(store, id)?
            .map(|s| i64::try_from(what(&s)).unwrap_or(i64::MAX)))
    }

    /// Whether claim `id`'s statement reports it first.
    pub(crate) fn first_reported(
        &mut self,
        store: &Store,
        id: ClaimId,
    ) -> Result<bool, QueryError> {
        Ok(self
            .statement(store, id)?
            .is_some_and(|s| s.occurrences.first() == Some(&id)))
    }

    /// Whether claim `id`, or any report of its statement, is denied by a claim of another
    /// article.
    pub(crate) fn contested(&mut self, store: &Store, id: ClaimId) -> Result<bool, QueryError> {
        let sets = match &self.contested {
            Some(s) => s.clone(),
            None => {
                let mut claims = HashSet::new();
                for (seq, labels) in store.all_article_labels()? {
                    for l in labels.claims.iter().flat_map(|c| &c.links) {
                        match l.target_id {
                            Some(t) if l.kind == LinkKind::Denies && t.article() != seq => {
                                claims.insert(t);
                            }
                            _ => {}
                        }
                    }
                }
                let mut statements = HashSet::new();
                for &t in &claims {
                    if let Some(s) = self.statement_id(store, t)? {
                        statements.insert(s);
                    }
                }
                let sets = Arc::new((claims, statements));
                self.contested = Some(sets.clone());
                sets
            }
        };
        if sets.0.contains(&id) {
            return Ok(true);
        }
        Ok(self
            .statement_id(store, id)?
            .is_some_and(|s| sets.1.contains(&s)))
    }

    /// One row per story or statement of `claims` (in the order of their first claim), for
    /// a `stories` or `statements` head.
    pub(crate) fn head_rows(
        &mut self,
        store: &Store,
        head: Head,
        claims: impl Iterator<Item = ClaimId>,
    ) -> Result<Vec<Vec<Value>>, QueryError> {
        let mut seen = HashSet::new();
        let mut rows = Vec::new();
        for id in claims {
            match head {
                Head::Claims => {}
                Head::Stories => {
                    let Some(sid) = self.story(store, id)? else {
                        continue;
                    };
                    if seen.insert(sid.clone()) {
                        if let Some(s) = store.story(&sid)? {
                            rows.push(story_row(&s));
                        }
                    }
                }
                Head::Statements => {
                    let Some(s) = self.statement(store, id)? else {
                        continue;
                    };
                    if seen.insert(s.id.clone()) {
                        rows.push(statement_row(&s));
                    }
                }
            }
        }
        Ok(rows)
    }
}

fn texts(items: &[String]) -> Value {
    Value::List(items.iter().map(|s| Value::Text(s.clone())).collect())
}

fn count(n: usize) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn opt<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
    v.map(f).unwrap_or(Value::Null)
}

fn story_row(s: &StoryRecord) -> Vec<Value> {
    vec![
        Value::Text(s.id.clone()),
        opt(s.title.clone(), Value::Text),
        count(s.articles.len()),
        texts(&s.outlets),
        opt(s.first, Value::Time),
        opt(s.last, Value::Time),
        count(s.claims),
    ]
}

fn statement_row(s: &StatementRecord) -> Vec<Value> {
    vec![
        Value::Text(s.id.clone()),
        Value::Text(s.story.clone()),
        Value::Text(s.speaker.clone()),
        count(s.occurrences.len()),
        texts(&s.outlets),
        count(s.independent_sources()),
        Value::Text(s.first_outlet.clone()),
        opt(s.first_published, Value::Time),
        Value::Text(s.text.clone()),
    ]
}
