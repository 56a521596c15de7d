//! `claimgraph export --format parquet -o DIR [QUERY]`: the graph as Parquet tables (one
//! file per node and edge type, `claimgraph-parquet`) for Spark, DuckDB and pandas.
//!
//! The whole store streams one article at a time; a query's claims are written grouped by
//! article. Every actor of the store is written (they are few next to claims), so relays
//! and memberships resolve to ids whatever the query.

use super::query::query_error;
use super::{store_error, CliError, Context};
use claimgraph_model::{Actor, ActorId, ClaimId, ClaimView};
use claimgraph_parquet::{GraphWriter, ParquetError, WriteStats};
use claimgraph_query::QueryStore;
use claimgraph_store::{NameCache, Store, StoreError};
use std::collections::{BTreeMap, HashMap};
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
    match query {
        Some(q) => write_query(&store, q, &names, &mut writer)?,
        None => write_store(&store, &names, &mut writer)?,
    }
    let stats = writer.finish().map_err(parquet_error)?;
    write_summary(out, dir, &stats, started.elapsed().as_secs_f64())
}

/// Every article and claim of the store, in ingest order.
fn write_store(
    store: &Store,
    names: &HashMap<ActorId, &str>,
    writer: &mut GraphWriter,
) -> Result<(), CliError> {
    let mut cache = NameCache::new(store);
    for doc in store.articles() {
        let doc = doc.map_err(store_error)?;
        let publisher = doc.article.publisher.and_then(|p| names.get(&p).copied());
        writer
            .write_article(&doc.article, publisher)
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
    Ok(())
}

/// The claims a query returns, grouped by article, with their articles.
fn write_query(
    store: &Store,
    query: &str,
    names: &HashMap<ActorId, &str>,
    writer: &mut GraphWriter,
) -> Result<(), CliError> {
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
        writer
            .write_article(&doc.article, publisher)
            .map_err(parquet_error)?;
        claims.sort_by_key(|c| c.id);
        claims.dedup_by_key(|c| c.id);
        for claim in claims {
            let mut view = claim.clone();
            resolve_links(store, &mut view)?;
            writer.write_claim(&view).map_err(parquet_error)?;
        }
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
