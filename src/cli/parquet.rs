//! `claimgraph export --format parquet -o DIR [QUERY]`: the graph as Parquet tables (one
//! file per node and edge type, `claimgraph-parquet`) for Spark, DuckDB and pandas.
//!
//! The whole store streams one article at a time; a query's claims are written grouped by
//! article. Stories and statements are written as the last linking kept them (all of them,
//! or those of a query's claims); the export does not link. Every actor of the store is written (they are few next to claims), so relays
//! and memberships resolve to ids whatever the query.

use super::link::{linking_error, sorted_statements, sorted_stories};
use super::query::query_error;
use super::{store_error, CliError, Context};
use claimgraph_model::{Actor, ActorId, ClaimId, ClaimView};
use claimgraph_parquet::{GraphWriter, ParquetError, WriteStats};
use claimgraph_query::linking::is_stale;
use claimgraph_query::QueryStore;
use claimgraph_store::{NameCache, Store, StoreError};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

fn parquet_error(e: ParquetError) -> CliError {
    match e {
        ParquetError::Create { .. } => CliError::User(e.to_string()),
        e => CliError::Internal(e.to_string()),
    }
}

/// Writes the tables into `dir` (created when missing) and prints what was written.
pub fn export(
    ctx: &Context,
    query: Option<&str>,
    dir: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let Some(dir) = dir else {
        return Err(CliError::User(
            "--format parquet writes a directory of tables: give it with -o DIR".into(),
        ));
    };
    let started = std::time::Instant::now();
    // The store first: a store that cannot be opened leaves no empty directory behind.
    let store = match query {
        Some(_) => super::list::open(ctx, "export --format parquet")?,
        None => super::export::open_for_stream(ctx, "export --format parquet")?,
    };
    std::fs::create_dir_all(dir).map_err(|e| CliError::User(format!("{}: {e}", dir.display())))?;
    let mut writer = GraphWriter::create(dir).map_err(parquet_error)?;
    let actors = store
        .actors()
        .collect::<Result<Vec<Actor>, StoreError>>()
        .map_err(store_error)?;
    for actor in &actors {
        writer.write_actor(actor).map_err(parquet_error)?;
    }
    let names: HashMap<ActorId, &str> = actors.iter().map(|a| (a.id, a.name.as_str())).collect();
    let linked = match query {
        Some(q) => write_query(&store, q, &names, &mut writer)?,
        None => write_store(&store, &names, &mut writer)?,
    };
    write_linked(&store, linked.as_ref(), &mut writer)?;
    let stats = writer.finish().map_err(parquet_error)?;
    write_summary(out, dir, &stats, started.elapsed().as_secs_f64())
}

/// The stories and statements a query's claims belong to.
#[derive(Default)]
struct LinkedIds {
    stories: HashSet<String>,
    statements: HashSet<String>,
}

impl LinkedIds {
    fn add(&mut self, claim: &ClaimView) {
        self.stories.extend(claim.story.clone());
        self.statements.extend(claim.statement.clone());
    }
}

/// The story of article `seq`, once the store's articles are linked.
fn story_of(store: &Store, seq: u64) -> Result<Option<String>, CliError> {
    Ok(store
        .article_labels(seq)
        .map_err(store_error)?
        .and_then(|l| l.story))
}

/// Every article and claim of the store, in ingest order; `None`: every story and
/// statement belongs in the export.
fn write_store(
    store: &Store,
    names: &HashMap<ActorId, &str>,
    writer: &mut GraphWriter,
) -> Result<Option<LinkedIds>, CliError> {
    let mut cache = NameCache::new(store);
    for doc in store.articles() {
        let doc = doc.map_err(store_error)?;
        let publisher = doc.article.publisher.and_then(|p| names.get(&p).copied());
        let story = story_of(store, doc.article.seq)?;
        writer
            .write_article(&doc.article, publisher, story.as_deref())
            .map_err(parquet_error)?;
        for index in 0..doc.claims.len() {
            let Ok(index) = u16::try_from(index) else {
                return Err(CliError::Unusable(format!(
                    "store {} is damaged: article {} has more claims than a claim id can number",
                    store.path().display(),
                    doc.article.seq
                )));
            };
            let id = ClaimId::new(doc.article.seq, index);
            if let Some(mut view) = store.view_in(&doc, id, &mut cache).map_err(store_error)? {
                resolve_links(store, &mut view)?;
                writer.write_claim(&view).map_err(parquet_error)?;
            }
        }
    }
    Ok(None)
}

/// The claims a query returns, grouped by article, with their articles; the stories and
/// statements they belong to.
fn write_query(
    store: &Store,
    query: &str,
    names: &HashMap<ActorId, &str>,
    writer: &mut GraphWriter,
) -> Result<Option<LinkedIds>, CliError> {
    let result = store.query(query).map_err(query_error)?;
    if result.truncated {
        eprintln!(
            "claimgraph: the query stopped at {} claims; add `| limit N` for more",
            claimgraph_query::DEFAULT_LIMIT
        );
    }
    let Some(claims) = result.claims() else {
        return Err(CliError::User(
            "this export needs a query that returns claims; leave out `count`, `group`, `top` and `select`".into(),
        ));
    };
    let mut linked = LinkedIds::default();
    let mut by_article: BTreeMap<u64, Vec<&ClaimView>> = BTreeMap::new();
    for claim in claims {
        by_article.entry(claim.article_seq).or_default().push(claim);
    }
    for (seq, mut claims) in by_article {
        let Some(doc) = store.article_doc(seq).map_err(store_error)? else {
            return Err(CliError::Internal(format!(
                "article {seq} of a query result is not in the store"
            )));
        };
        let publisher = doc.article.publisher.and_then(|p| names.get(&p).copied());
        let story = story_of(store, seq)?;
        writer
            .write_article(&doc.article, publisher, story.as_deref())
            .map_err(parquet_error)?;
        claims.sort_by_key(|c| c.id);
        claims.dedup_by_key(|c| c.id);
        for claim in claims {
            let mut view = claim.clone();
            resolve_links(store, &mut view)?;
            linked.add(&view);
            writer.write_claim(&view).map_err(parquet_error)?;
        }
    }
    Ok(Some(linked))
}

/// The stories and statements of the export (`only`: those the written claims belong to),
/// as the last linking kept them.
fn write_linked(
    store: &Store,
    only: Option<&LinkedIds>,
    writer: &mut GraphWriter,
) -> Result<(), CliError> {
    if is_stale(store).map_err(linking_error)? {
        eprintln!(
            "claimgraph: articles were stored since the last linking, so the stories and statements tables cover only the articles linked before; run `claimgraph relink` first to include every article"
        );
    }
    for story in sorted_stories(store)?
        .iter()
        .filter(|s| only.is_none_or(|o| o.stories.contains(&s.id)))
    {
        writer.write_story(story).map_err(parquet_error)?;
    }
    for statement in sorted_statements(store)?
        .iter()
        .filter(|s| only.is_none_or(|o| o.statements.contains(&s.id)))
    {
        writer.write_statement(statement).map_err(parquet_error)?;
    }
    Ok(())
}

/// A link stored without its target's id (the target came later) gets it when the store
/// has the target now.
fn resolve_links(store: &Store, view: &mut ClaimView) -> Result<(), CliError> {
    for link in view.links.iter_mut().filter(|l| l.target_id.is_none()) {
        link.target_id = store
            .claim_by_external_id(&link.target)
            .map_err(store_error)?;
    }
    Ok(())
}

fn write_summary(
    out: &mut dyn Write,
    dir: &Path,
    stats: &WriteStats,
    secs: f64,
) -> Result<(), CliError> {
    let tables: Vec<String> = stats
        .rows
        .iter()
        .map(|(name, rows)| format!("{name} {rows}"))
        .collect();
    writeln!(
        out,
        "wrote {} Parquet tables to {} in {secs:.2}s: {}",
        stats.rows.len(),
        dir.display(),
        tables.join(", ")
    )?;
    Ok(())
}
