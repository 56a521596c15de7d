//! What the query language reads of the cross-article model: a claim's story and
//! statement, its statement's counts (occurrences, outlets, independent sources), whether
//! it is contested across articles or is its statement's first report, and the rows of
//! `stories …` and `statements …` queries. Everything comes from the records the store
//! keeps (`Store::article_labels`, `Store::statement`, `Store::story`); nothing here
//! computes similarity.

use super::ast::Head;
use super::QueryError;
use claimgraph_model::result::Value;
use claimgraph_model::story::{ArticleLabels, StatementRecord, StoryRecord};
use claimgraph_model::{ClaimId, LinkKind};
use claimgraph_store::Store;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

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
