//! The claim graph as Parquet tables, one file per node or edge type, for engines that read
//! columns (Spark, DuckDB, pandas, Polars). `claimgraph export --format parquet -o DIR`
//! writes them; `docs/scale-out.md` lists every table and column. Stories and statements
//! (what linking decided across articles) are node tables of their own, which the `story`
//! and `statement` columns of claims and articles name.
//!
//! A [`GraphWriter`] takes the store's actors, then each article followed by its claims,
//! and writes rows as they come: memory holds one row group per table plus the names seen
//! (topics, outlets), never the claims. Times are UTC timestamps (the start of the interval
//! a time denotes) beside an exclusive end, a precision (`year` … `second`) and the time as
//! written, since "December 2016" is not the instant 2016-12-01 and a year may be unknown.
//!
//! Ids: claims are their store ids (`c12.0`), articles their ingest sequence numbers and
//! actors their store ids, so tables of two exports of one store join; topics are numbered
//! in order of first appearance within one export (join on `name` across exports).
//!
//! No store and no command line: the binary reads the store and hands rows in.

#![warn(missing_docs)]

mod table;

use claimgraph_model::story::{StatementRecord, StoryRecord};
use claimgraph_model::time::Precision;
use claimgraph_model::{Actor, ActorId, Article, ArticleSeq, ClaimView, TimePoint, TimeSpan};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use table::{opt, req, Cell, Col, Kind, Table};

pub use table::ROWS_PER_BATCH;

/// What can go wrong writing the tables.
#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    /// A table's file could not be created.
    #[error("cannot create {path}: {source}")]
    Create {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The Parquet writer failed (I/O while writing, or encoding).
    #[error("writing Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Arrow refused a batch (a bug: the columns disagree with the schema).
    #[error("building a record batch: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// A row did not fit its table's columns (a bug in this crate).
    #[error("table {table}: {detail}")]
    Row {
        /// The table.
        table: &'static str,
        /// What did not fit.
        detail: String,
    },
    /// A claim came before its article.
    #[error("claim {claim} of article {seq} came before its article")]
    Order {
        /// The claim's id.
        claim: String,
        /// Its article's sequence number.
        seq: ArticleSeq,
    },
}

use Kind::{Bool, Span, SpanList, Str, StrList, Time, U64List, F64, U64};

const CLAIMS: &[Col] = &[
    req("id", Str),
    req("external_id", Str),
    req("article_seq", U64),
    req("article_id", Str),
    opt("story", Str),
    opt("statement", Str),
    req("speaker_id", U64),
    req("speaker", Str),
    req("speaker_kind", Str),
    opt("speaker_text", Str),
    opt("cue", Str),
    req("stance", Str),
    req("kind", Str),
    req("text", Str),
    opt("said", Time),
    opt("said_end", Time),
    opt("said_precision", Str),
    opt("said_text", Str),
    opt("said_basis", Str),
    opt("event_start", Time),
    opt("event_end", Time),
    opt("event_text", Str),
    req("via", StrList),
    req("about", StrList),
    opt("publisher", Str),
    opt("published", Time),
    opt("published_precision", Str),
    req("ingested_at", Time),
    opt("sentence", U64),
    opt("span_start", U64),
    opt("span_end", U64),
    opt("cue_span", Span),
    opt("speaker_span", Span),
    req("content_span", SpanList),
];
const ACTORS: &[Col] = &[
    req("id", U64),
    req("name", Str),
    req("kind", Str),
    opt("role", Str),
    req("aliases", StrList),
];
const ARTICLES: &[Col] = &[
    req("seq", U64),
    req("id", Str),
    opt("title", Str),
    opt("publisher_id", U64),
    opt("publisher", Str),
    opt("author", Str),
    opt("published", Time),
    opt("published_end", Time),
    opt("published_precision", Str),
    opt("published_text", Str),
    opt("lang", Str),
    opt("url", Str),
    req("ingested_at", Time),
    opt("story", Str),
];
const STORIES: &[Col] = &[
    req("id", Str),
    opt("title", Str),
    req("articles", StrList),
    req("article_count", U64),
    req("outlets", StrList),
    opt("first", Time),
    opt("first_precision", Str),
    opt("last", Time),
    opt("last_precision", Str),
    req("claims", U64),
];
const STATEMENTS: &[Col] = &[
    req("id", Str),
    req("story", Str),
    req("speaker", Str),
    req("speaker_ids", U64List),
    req("text", Str),
    req("occurrences", StrList),
    req("occurrence_count", U64),
    req("outlets", StrList),
    req("origins", StrList),
    req("independent_sources", U64),
    req("first_outlet", Str),
    opt("first_published", Time),
    opt("first_published_precision", Str),
];
const NAMED: &[Col] = &[req("id", U64), req("name", Str)];
const QUANTITIES: &[Col] = &[
    req("claim_id", Str),
    req("position", U64),
    req("value", F64),
    opt("unit", Str),
    opt("text", Str),
    req("approximate", Bool),
];
const SAID_BY: &[Col] = &[req("claim_id", Str), req("actor_id", U64)];
const REPORTED_IN: &[Col] = &[req("claim_id", Str), req("article_seq", U64)];
const PUBLISHED_BY: &[Col] = &[req("article_seq", U64), req("outlet_id", U64)];
const VIA: &[Col] = &[
    req("claim_id", Str),
    req("position", U64),
    opt("actor_id", U64),
    req("name", Str),
];
const ABOUT: &[Col] = &[req("claim_id", Str), req("topic_id", U64)];
const LINK: &[Col] = &[
    req("claim_id", Str),
    opt("target_id", Str),
    req("target", Str),
];
const MEMBER_OF: &[Col] = &[req("actor_id", U64), req("organization_id", U64)];

/// Every table the export writes, nodes first, with its columns.
pub const TABLES: &[(&str, &[Col])] = &[
    ("claims", CLAIMS),
    ("actors", ACTORS),
    ("articles", ARTICLES),
    ("outlets", NAMED),
    ("topics", NAMED),
    ("stories", STORIES),
    ("statements", STATEMENTS),
    ("quantities", QUANTITIES),
    ("said_by", SAID_BY),
    ("reported_in", REPORTED_IN),
    ("published_by", PUBLISHED_BY),
    ("via", VIA),
    ("about", ABOUT),
    ("denies", LINK),
    ("supports", LINK),
    ("responds_to", LINK),
    ("member_of", MEMBER_OF),
];

/// The names and column names of every table, for documentation and tests.
pub fn table_columns() -> Vec<(&'static str, Vec<&'static str>)> {
    TABLES
        .iter()
        .map(|(name, cols)| (*name, cols.iter().map(|c| c.name).collect()))
        .collect()
}

/// Rows written per table, in [`TABLES`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteStats {
    /// `(table, rows)`.
    pub rows: Vec<(&'static str, u64)>,
}

impl WriteStats {
    /// Rows written to `table` (0 for an unknown name).
    pub fn rows_of(&self, table: &str) -> u64 {
        self.rows
            .iter()
            .find(|(name, _)| *name == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// Writes the tables of [`TABLES`] into a directory, a row at a time.
pub struct GraphWriter {
    tables: Vec<Table>,
    /// Canonical names and aliases of the actors written, for resolving relays' names.
    actor_ids: HashMap<String, ActorId>,
    topics: HashMap<String, u64>,
    outlets: HashSet<ActorId>,
    articles: HashSet<ArticleSeq>,
}

/// Index of each table in [`TABLES`].
#[derive(Clone, Copy)]
enum T {
    Claims,
    Actors,
    Articles,
    Outlets,
    Topics,
    Stories,
    Statements,
    Quantities,
    SaidBy,
    ReportedIn,
    PublishedBy,
    Via,
    About,
    Denies,
    Supports,
    RespondsTo,
    MemberOf,
}

impl GraphWriter {
    /// Creates every table's file in `dir` (which must exist), replacing files of the same
    /// names.
    pub fn create(dir: &Path) -> Result<GraphWriter, ParquetError> {
        let tables = TABLES
            .iter()
            .map(|(name, cols)| Table::create(dir, name, cols))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(GraphWriter {
            tables,
            actor_ids: HashMap::new(),
            topics: HashMap::new(),
            outlets: HashSet::new(),
            articles: HashSet::new(),
        })
    }

    fn push(&mut self, table: T, row: &[Cell<'_>]) -> Result<(), ParquetError> {
        self.tables[table as usize].push(row)
    }

    /// Writes an actor node and its memberships. Write every actor before the claims, so a
    /// relay's name resolves to its actor's id.
    pub fn write_actor(&mut self, actor: &Actor) -> Result<(), ParquetError> {
        self.push(
            T::Actors,
            &[
                Cell::U64(Some(actor.id)),
                Cell::Str(Some(&actor.name)),
                Cell::Str(Some(actor.kind.as_str())),
                Cell::Str(actor.role.as_deref()),
                Cell::StrList(&actor.aliases),
            ],
        )?;
        for org in &actor.member_of {
            self.push(
                T::MemberOf,
                &[Cell::U64(Some(actor.id)), Cell::U64(Some(*org))],
            )?;
        }
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            self.actor_ids.entry(name.clone()).or_insert(actor.id);
        }
        Ok(())
    }

    /// Writes an article node, its outlet (once per export) and its `published_by` edge;
    /// `publisher` is the outlet's name, `story` the id of the article's story once the
    /// store's articles are linked.
    pub fn write_article(
        &mut self,
        article: &Article,
        publisher: Option<&str>,
        story: Option<&str>,
    ) -> Result<(), ParquetError> {
        let published = Times::of_point(article.published.as_ref());
        self.push(
            T::Articles,
            &[
                Cell::U64(Some(article.seq)),
                Cell::Str(Some(&article.id)),
                Cell::Str(article.title.as_deref()),
                Cell::U64(article.publisher),
                Cell::Str(publisher),
                Cell::Str(article.author.as_deref()),
                Cell::Time(published.start),
                Cell::Time(published.end),
                Cell::Str(published.precision),
                Cell::Str(published.text.as_deref()),
                Cell::Str(article.lang.as_deref()),
                Cell::Str(article.url.as_deref()),
                Cell::Time(Some(article.ingested_at)),
                Cell::Str(story),
            ],
        )?;
        self.articles.insert(article.seq);
        if let Some(outlet) = article.publisher {
            if self.outlets.insert(outlet) {
                let name = publisher.unwrap_or_default();
                self.push(
                    T::Outlets,
                    &[Cell::U64(Some(outlet)), Cell::Str(Some(name))],
                )?;
            }
            self.push(
                T::PublishedBy,
                &[Cell::U64(Some(article.seq)), Cell::U64(Some(outlet))],
            )?;
        }
        Ok(())
    }

    /// Writes a claim node and its edges; its article must have been written before.
    pub fn write_claim(&mut self, claim: &ClaimView) -> Result<(), ParquetError> {
        if !self.articles.contains(&claim.article_seq) {
            return Err(ParquetError::Order {
                claim: claim.id.to_string(),
                seq: claim.article_seq,
            });
        }
        let id = claim.id.to_string();
        self.write_claim_node(&id, claim)?;
        let cid = Cell::Str(Some(&id));
        self.push(T::SaidBy, &[cid, Cell::U64(Some(claim.speaker_id))])?;
        self.push(T::ReportedIn, &[cid, Cell::U64(Some(claim.article_seq))])?;
        for (position, name) in claim.via.iter().enumerate() {
            let actor = self.actor_ids.get(name).copied();
            self.push(
                T::Via,
                &[
                    cid,
                    Cell::U64(Some(position as u64)),
                    Cell::U64(actor),
                    Cell::Str(Some(name)),
                ],
            )?;
        }
        for name in &claim.about {
            let topic = self.topic(name)?;
            self.push(T::About, &[cid, Cell::U64(Some(topic))])?;
        }
        for (position, q) in claim.quantities.iter().enumerate() {
            self.push(
                T::Quantities,
                &[
                    cid,
                    Cell::U64(Some(position as u64)),
                    Cell::F64(Some(q.value)),
                    Cell::Str(q.unit.as_deref()),
                    Cell::Str(q.text.as_deref()),
                    Cell::Bool(Some(q.approximate)),
                ],
            )?;
        }
        for link in &claim.links {
            let table = match link.kind {
                claimgraph_model::LinkKind::Denies => T::Denies,
                claimgraph_model::LinkKind::Supports => T::Supports,
                claimgraph_model::LinkKind::RespondsTo => T::RespondsTo,
            };
            let target = link.target_id.map(|t| t.to_string());
            self.push(
                table,
                &[
                    cid,
                    Cell::Str(target.as_deref()),
                    Cell::Str(Some(&link.target)),
                ],
            )?;
        }
        Ok(())
    }

    fn write_claim_node(&mut self, id: &str, claim: &ClaimView) -> Result<(), ParquetError> {
        let said = Times::of_point(claim.said.as_ref());
        let event = Times::of_span(claim.when.as_ref());
        let published = Times::of_point(claim.published.as_ref());
        let span = claim.provenance.map(|p| p.span);
        self.push(
            T::Claims,
            &[
                Cell::Str(Some(id)),
                Cell::Str(Some(&claim.external_id)),
                Cell::U64(Some(claim.article_seq)),
                Cell::Str(Some(&claim.article_id)),
                Cell::Str(claim.story.as_deref()),
                Cell::Str(claim.statement.as_deref()),
                Cell::U64(Some(claim.speaker_id)),
                Cell::Str(Some(&claim.speaker)),
                Cell::Str(Some(claim.speaker_kind.as_str())),
                Cell::Str(claim.speaker_text.as_deref()),
                Cell::Str(claim.cue.as_deref()),
                Cell::Str(Some(claim.stance.as_str())),
                Cell::Str(Some(claim.kind.as_str())),
                Cell::Str(Some(&claim.text)),
                Cell::Time(said.start),
                Cell::Time(said.end),
                Cell::Str(said.precision),
                Cell::Str(said.text.as_deref()),
                Cell::Str(claim.said_basis.map(|b| b.as_str())),
                Cell::Time(event.start),
                Cell::Time(event.end),
                Cell::Str(event.text.as_deref()),
                Cell::StrList(&claim.via),
                Cell::StrList(&claim.about),
                Cell::Str(claim.publisher.as_deref()),
                Cell::Time(published.start),
                Cell::Str(published.precision),
                Cell::Time(Some(claim.ingested_at)),
                Cell::U64(claim.provenance.map(|p| u64::from(p.sentence))),
                Cell::U64(span.map(|s| u64::from(s[0]))),
                Cell::U64(span.map(|s| u64::from(s[1]))),
                Cell::Span(claim.mentions.cue),
                Cell::Span(claim.mentions.speaker),
                Cell::SpanList(&claim.mentions.content),
            ],
        )
    }

    /// Writes a story node (articles that report one event).
    pub fn write_story(&mut self, story: &StoryRecord) -> Result<(), ParquetError> {
        let first = Times::of_point(story.first.as_ref());
        let last = Times::of_point(story.last.as_ref());
        self.push(
            T::Stories,
            &[
                Cell::Str(Some(&story.id)),
                Cell::Str(story.title.as_deref()),
                Cell::StrList(&story.articles),
                Cell::U64(Some(story.articles.len() as u64)),
                Cell::StrList(&story.outlets),
                Cell::Time(first.start),
                Cell::Str(first.precision),
                Cell::Time(last.start),
                Cell::Str(last.precision),
                Cell::U64(Some(story.claims as u64)),
            ],
        )
    }

    /// Writes a statement node (the claims of one story that report one speech act); its
    /// `occurrences` are claim ids, as in the claims table's `id`.
    pub fn write_statement(&mut self, statement: &StatementRecord) -> Result<(), ParquetError> {
        let first = Times::of_point(statement.first_published.as_ref());
        let occurrences: Vec<String> = statement
            .occurrences
            .iter()
            .map(ToString::to_string)
            .collect();
        self.push(
            T::Statements,
            &[
                Cell::Str(Some(&statement.id)),
                Cell::Str(Some(&statement.story)),
                Cell::Str(Some(&statement.speaker)),
                Cell::U64List(&statement.speakers),
                Cell::Str(Some(&statement.text)),
                Cell::StrList(&occurrences),
                Cell::U64(Some(occurrences.len() as u64)),
                Cell::StrList(&statement.outlets),
                Cell::StrList(&statement.origins),
                Cell::U64(Some(statement.independent_sources() as u64)),
                Cell::Str(Some(&statement.first_outlet)),
                Cell::Time(first.start),
                Cell::Str(first.precision),
            ],
        )
    }

    /// The topic's id in this export, writing its node the first time.
    fn topic(&mut self, name: &str) -> Result<u64, ParquetError> {
        if let Some(id) = self.topics.get(name) {
            return Ok(*id);
        }
        let id = self.topics.len() as u64;
        self.topics.insert(name.to_string(), id);
        self.push(T::Topics, &[Cell::U64(Some(id)), Cell::Str(Some(name))])?;
        Ok(id)
    }

    /// Writes what is buffered and every file's footer.
    pub fn finish(self) -> Result<WriteStats, ParquetError> {
        let mut rows = Vec::with_capacity(TABLES.len());
        for (table, (name, _)) in self.tables.into_iter().zip(TABLES) {
            rows.push((*name, table.finish()?));
        }
        Ok(WriteStats { rows })
    }
}

/// A time as columns: interval start and exclusive end (Unix seconds, absent for an
/// unknown year), precision, and the time as written.
struct Times {
    start: Option<i64>,
    end: Option<i64>,
    precision: Option<&'static str>,
    text: Option<String>,
}

impl Times {
    fn of_point(point: Option<&TimePoint>) -> Times {
        let interval = point.and_then(TimePoint::interval);
        Times {
            start: interval.map(|i| i.start),
            end: interval.map(|i| i.end),
            precision: point.map(|p| precision_name(p.precision)),
            text: point.map(ToString::to_string),
        }
    }

    fn of_span(span: Option<&TimeSpan>) -> Times {
        let interval = span.and_then(TimeSpan::interval);
        Times {
            start: interval.map(|i| i.start),
            end: interval.map(|i| i.end),
            precision: None,
            text: span.map(ToString::to_string),
        }
    }
}

/// The precision's name, as in records (`year` … `second`).
fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
        Precision::Hour => "hour",
        Precision::Minute => "minute",
        Precision::Second => "second",
    }
}

#[cfg(test)]
mod tests;
