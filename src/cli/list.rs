//! Read commands over the store: `stats`, `articles`, `actors`, `claims`.

use super::route::Opened;
use super::{choice, store_error, CliError, Context};
use claimgraph_export::table::write_listing;
use claimgraph_export::Format;
use claimgraph_model::{Actor, TimeSpan};
use claimgraph_query::Listing;
use claimgraph_store::Store;
use serde_json::json;
use std::collections::HashMap;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ArticlesArgs {
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ActorsArgs {
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
    /// Undo a merge of two actors (names as `actors` shows them): they stay two, in this
    /// and every later linking.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub unmerge: Option<Vec<String>>,
}

#[derive(Debug, clap::Args)]
pub struct ClaimsArgs {
    /// Who said it: any name or alias (case, diacritics and `_` do not matter).
    #[arg(long)]
    pub speaker: Option<String>,
    /// A topic the claim is about.
    #[arg(long)]
    pub about: Option<String>,
    /// Said-time range FROM..TO at any precision (`2016-12-10..2016-12-12`, `2016-12..`);
    /// a claim matches when its said time overlaps the range.
    #[arg(long)]
    pub said: Option<String>,
    /// Only claims reported in this article id.
    #[arg(long)]
    pub article: Option<String>,
    /// At most this many rows.
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
}

/// Opens the store for `command`, which does not go through a running server (the error
/// says so when one holds the store).
pub(crate) fn open(ctx: &Context, command: &str) -> Result<Store, CliError> {
    Store::open_existing(&ctx.store).map_err(|e| super::route::held_by_server(ctx, e, command))
}

/// The store, or what `command` printed on the server holding it (then written to `out`,
/// and `None` returned).
fn here_or_there(
    ctx: &Context,
    out: &mut dyn Write,
    command: &str,
    format: Format,
) -> Result<Option<Store>, CliError> {
    match super::route::open(ctx)? {
        Opened::Local(store) => Ok(Some(store)),
        Opened::Server(server) => {
            let params = [("format", Some(format.as_str()))];
            out.write_all(&super::route::run_there(ctx, &server, command, &params)?)?;
            Ok(None)
        }
    }
}

pub fn stats(ctx: &Context, args: &StatsArgs, out: &mut dyn Write) -> Result<(), CliError> {
    match here_or_there(ctx, out, "stats", args.format)? {
        Some(store) => write_stats(ctx, &store, args, out),
        None => Ok(()),
    }
}

/// `stats` of an open store.
pub fn write_stats(
    ctx: &Context,
    store: &Store,
    args: &StatsArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let s = store.stats().map_err(store_error)?;
    let json = json!({
        "articles": s.articles, "claims": s.claims, "actors": s.actors,
        "topics": s.topics, "earliest_said": s.earliest_said,
        "latest_said": s.latest_said, "chunks": s.chunks,
        "size_on_disk": s.size_on_disk,
    });
    match args.format {
        Format::Json => {
            let pretty = serde_json::to_string_pretty(&json)
                .map_err(|e| CliError::Internal(e.to_string()))?;
            writeln!(out, "{pretty}")?;
            return Ok(());
        }
        Format::Jsonl => {
            writeln!(out, "{json}")?;
            return Ok(());
        }
        _ => {}
    }
    // Machine formats keep the exact byte count; people read a human size.
    let size = match args.format {
        Format::Csv => s.size_on_disk.to_string(),
        _ => human_size(s.size_on_disk),
    };
    let rows = vec![
        vec!["articles".into(), s.articles.to_string()],
        vec!["claims".into(), s.claims.to_string()],
        vec!["actors".into(), s.actors.to_string()],
        vec!["topics".into(), s.topics.to_string()],
        vec!["earliest_said".into(), s.earliest_said.unwrap_or_default()],
        vec!["latest_said".into(), s.latest_said.unwrap_or_default()],
        vec!["size_on_disk".into(), size],
    ];
    let header = ["stat", "value"];
    write_listing(out, args.format, ctx.csv, &header, &rows, &[], 80)?;
    Ok(())
}

pub fn articles(ctx: &Context, args: &ArticlesArgs, out: &mut dyn Write) -> Result<(), CliError> {
    match here_or_there(ctx, out, "articles", args.format)? {
        Some(store) => write_articles(ctx, &store, args, out),
        None => Ok(()),
    }
}

/// `articles` of an open store.
pub fn write_articles(
    ctx: &Context,
    store: &Store,
    args: &ArticlesArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut names: HashMap<u64, String> = HashMap::new();
    let header = ["id", "publisher", "published", "claims", "title"];
    let mut rows = Vec::new();
    let mut first = true;
    if args.format == Format::Json {
        write!(out, "[")?;
    }
    for doc in store.articles() {
        let doc = doc.map_err(store_error)?;
        let publisher = match doc.article.publisher {
            Some(p) => Some(match names.get(&p) {
                Some(n) => n.clone(),
                None => {
                    let n = store
                        .actor(p)
                        .map_err(store_error)?
                        .map(|a| a.name)
                        .unwrap_or_default();
                    names.insert(p, n.clone());
                    n
                }
            }),
            None => None,
        };
        let published = doc.article.published.map(|t| t.to_string());
        let json = || {
            json!({
                "id": doc.article.id, "publisher": publisher, "published": published,
                "claims": doc.claims.len(), "title": doc.article.title,
                "author": doc.article.author, "lang": doc.article.lang,
                "ingested_at": doc.article.ingested_at,
            })
        };
        match args.format {
            // Streamed: a listing of every article must not hold them all.
            Format::Json => {
                write!(out, "{}\n  {}", if first { "" } else { "," }, json())?;
                first = false;
            }
            Format::Jsonl => writeln!(out, "{}", json())?,
            _ => rows.push(vec![
                doc.article.id.clone(),
                publisher.unwrap_or_default(),
                published.unwrap_or_default(),
                doc.claims.len().to_string(),
                doc.article.title.clone().unwrap_or_default(),
            ]),
        }
    }
    match args.format {
        Format::Json => writeln!(out, "{}]", if first { "" } else { "\n" })?,
        Format::Jsonl => {}
        format => write_listing(out, format, ctx.csv, &header, &rows, &[], 60)?,
    }
    Ok(())
}

pub fn actors(ctx: &Context, args: &ActorsArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if let Some([a, b]) = args.unmerge.as_deref() {
        return super::link::unmerge(ctx, a, b, out);
    }
    match super::route::open(ctx)? {
        Opened::Local(store) => write_actors(&store, args.format, ctx.csv, out),
        Opened::Server(server) => {
            let params = [("format", Some(args.format.as_str()))];
            out.write_all(&super::route::run_there(ctx, &server, "actors", &params)?)?;
            Ok(())
        }
    }
}

/// Every actor with kind, role, membership and aliases, and the merges of the last
/// linking when it made any: `claimgraph actors`, `GET /api/actors` and the shell's
/// `.actors`.
pub(crate) fn write_actors(
    store: &Store,
    format: Format,
    csv: claimgraph_export::CsvStyle,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if super::link::has_merges(store)? {
        return super::link::write_merged_actors(store, format, csv, out);
    }
    let all: Vec<Actor> = store
        .actors()
        .collect::<Result<_, _>>()
        .map_err(store_error)?;
    claimgraph_export::table::write_actors(out, &all, format, csv)?;
    Ok(())
}

pub fn claims(ctx: &Context, args: &ClaimsArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let said = match &args.said {
        Some(s) => {
            Some(TimeSpan::parse_range(s).map_err(|e| CliError::User(format!("--said: {e}")))?)
        }
        None => None,
    };
    if said.is_some_and(|s| s.as_range().is_none()) {
        return Err(CliError::User(
            "--said: a range needs known years at both ends".into(),
        ));
    }
    let store = match super::route::open(ctx)? {
        Opened::Local(store) => store,
        Opened::Server(server) => {
            let limit = args.limit.to_string();
            let path = super::route::path(
                "/api/claims",
                &[
                    ("speaker", args.speaker.as_deref()),
                    ("about", args.about.as_deref()),
                    ("said", args.said.as_deref()),
                    ("article", args.article.as_deref()),
                    ("limit", Some(&limit)),
                    ("format", Some(args.format.as_str())),
                    ("csv", super::route::csv_param(ctx)),
                ],
            );
            out.write_all(&super::route::get(&server, &path)?.body)?;
            return Ok(());
        }
    };
    if let Some(name) = &args.speaker {
        if store.resolve_actor(name).map_err(store_error)?.is_empty() {
            eprintln!("claimgraph: no actor is called '{name}'");
        }
    }
    let listing = Listing {
        speaker: args.speaker.clone(),
        about: args.about.clone(),
        said: args.said.clone(),
        article: args.article.clone(),
        limit: Some(args.limit),
    };
    let views = listing.run(&store).map_err(super::query::query_error)?;
    let result = claimgraph_query::QueryResult {
        data: claimgraph_query::ResultData::Claims(views),
        truncated: false,
    };
    claimgraph_export::write_result_with(&result, out, args.format, ctx.csv)?;
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct CompactArgs {}

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {}

/// Upgrades a store written by an older claimgraph to this build's format, in place.
pub fn migrate(ctx: &Context, _args: &MigrateArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let (_store, summary) =
        Store::migrate(&ctx.store).map_err(|e| super::route::held_by_server(ctx, e, "migrate"))?;
    if summary.from == summary.to {
        writeln!(
            out,
            "store {} is already at format version {}: nothing to do",
            ctx.store.display(),
            summary.to
        )?;
    } else {
        writeln!(
            out,
            "migrated store {} from format version {} to {}: {} values rewritten",
            ctx.store.display(),
            summary.from,
            summary.to,
            summary.rewritten
        )?;
    }
    Ok(())
}

/// Merges posting runs; worth running after many small ingests.
pub fn compact(ctx: &Context, _args: &CompactArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = open(ctx, "compact")?;
    let s = store.compact().map_err(store_error)?;
    writeln!(
        out,
        "merged the runs of {} terms: {} runs before, {} after",
        s.terms_merged, s.runs_before, s.runs_after
    )?;
    Ok(())
}

/// A byte count as people read it: `120.0 MiB`, exact below a kibibyte.
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod size_tests {
    use super::human_size;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1.0 KiB");
        assert_eq!(human_size(125_829_112), "120.0 MiB");
        assert_eq!(human_size(u64::MAX), "16384.0 PiB");
    }
}
