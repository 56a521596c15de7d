//! `claimgraph timeline`, `claimgraph dot` and `claimgraph export`: timelines, Graphviz
//! pictures and graph data of any query's result (default: the whole store).

use super::query::query_error;
use super::{choice, choice_of, store_error, CliError, Context};
use claimgraph_export::dot::{self, Cluster, DotOptions, RankDir, RenderFormat};
use claimgraph_export::graph::{ClaimGraph, GraphContext};
use claimgraph_export::timeline::{self, Axis, SeenClaims, TimelineFormat, TimelineOptions};
use claimgraph_export::{graphml, json, ExportError};
use claimgraph_model::ClaimView;
use claimgraph_query::QueryStore;
use claimgraph_store::{Store, StoreError, TimeAxis};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Claims whose speaker and text a streamed timeline remembers for showing denials.
const STREAM_LINK_MEMORY: usize = 20_000;

#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    /// A query returning claims (default: every claim in the store, streamed).
    pub query: Option<String>,
    /// Which time places a claim: when it was said, when its event happened, or when its
    /// article was published.
    #[arg(long, value_parser = choice_of::<Axis>(Axis::CHOICES, &["said", "event", "published"]), default_value = "said")]
    pub axis: Axis,
    #[arg(long, value_parser = choice::<TimelineFormat>(TimelineFormat::CHOICES), default_value = "md")]
    pub format: TimelineFormat,
    /// Title of the timeline.
    #[arg(long)]
    pub title: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DotArgs {
    /// A query returning claims (default: every claim in the store); the graph adds the
    /// claims they answer and the claims answering them.
    pub query: Option<String>,
    #[arg(long, value_parser = choice::<RankDir>(RankDir::CHOICES), default_value = "LR")]
    pub rankdir: RankDir,
    #[arg(long, value_parser = choice::<Cluster>(Cluster::CHOICES), default_value = "none")]
    pub cluster: Cluster,
    /// Render with Graphviz `dot` instead of printing DOT (needs -o).
    #[arg(long, value_parser = choice::<RenderFormat>(RenderFormat::CHOICES))]
    pub render: Option<RenderFormat>,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// GraphML for Gephi and Cytoscape.
    Graphml,
    /// `{"nodes": [...], "edges": [...]}`.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A query returning claims (default: every claim in the store).
    pub query: Option<String>,
    #[arg(long, value_enum, default_value_t = GraphFormat::Graphml)]
    pub format: GraphFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

fn export_error(e: ExportError) -> CliError {
    match e {
        ExportError::Io(io) => CliError::from(io),
        other @ ExportError::GraphvizMissing { .. } => CliError::User(other.to_string()),
        other => CliError::Internal(other.to_string()),
    }
}

/// The claims a query returns; a query that groups or counts is refused.
fn query_claims(store: &Store, query: &str) -> Result<Vec<ClaimView>, CliError> {
    let result = store.query(query).map_err(query_error)?;
    if result.truncated {
        eprintln!(
            "claimgraph: the query stopped at {} claims; add `| limit N` for more",
            claimgraph_query::DEFAULT_LIMIT
        );
    }
    match result.claims() {
        Some(claims) => Ok(claims.to_vec()),
        None => Err(CliError::User(
            "this export needs a query that returns claims; leave out `count`, `group`, `top` and `select`".into(),
        )),
    }
}

/// Every claim in said order.
fn all_claims(store: &Store) -> Result<Vec<ClaimView>, CliError> {
    store
        .stream(TimeAxis::Said)
        .map_err(store_error)?
        .collect::<Result<Vec<_>, StoreError>>()
        .map_err(store_error)
}

fn with_output(
    output: Option<&Path>,
    out: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> Result<(), CliError>,
) -> Result<(), CliError> {
    match output {
        Some(path) => {
            let file = File::create(path)
                .map_err(|e| CliError::User(format!("{}: {e}", path.display())))?;
            let mut file = BufWriter::new(file);
            write(&mut file)?;
            file.flush()
                .map_err(|e| CliError::User(format!("{}: {e}", path.display())))
        }
        None => write(out),
    }
}

/// Page cache for streamed exports: each page is read once, so a large cache only grows
/// memory.
const STREAM_CACHE_BYTES: u64 = 32 << 20;

pub fn timeline(ctx: &Context, args: &TimelineArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = match &args.query {
        Some(_) => super::list::open(ctx)?,
        None => {
            Store::open_existing_with_cache(&ctx.store, STREAM_CACHE_BYTES).map_err(store_error)?
        }
    };
    let options = TimelineOptions {
        axis: args.axis,
        format: args.format,
        title: args.title.clone(),
        csv: ctx.csv,
    };
    with_output(args.output.as_deref(), out, |out| match &args.query {
        Some(query) => {
            let claims = query_claims(&store, query)?;
            timeline::write_timeline(&claims, &options, out).map_err(export_error)?;
            Ok(())
        }
        None => {
            // The whole store streams along the axis index, one month at a time.
            let axis = args.axis;
            let mut failure: Option<StoreError> = None;
            let stream = store.stream(axis).map_err(store_error)?;
            let claims = stream.map_while(|item| match item {
                Ok(view) => Some(view),
                Err(e) => {
                    failure = Some(e);
                    None
                }
            });
            let mut targets = SeenClaims::bounded(STREAM_LINK_MEMORY);
            let written = timeline::write_timeline_sorted(claims, &options, &mut targets, out);
            if let Some(e) = failure {
                return Err(store_error(e));
            }
            written.map_err(export_error)?;
            Ok(())
        }
    })
}

pub fn dot(ctx: &Context, args: &DotArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if args.render.is_some() && args.output.is_none() {
        return Err(CliError::User(
            "--render needs -o FILE for the picture".into(),
        ));
    }
    let store = super::list::open(ctx)?;
    let claims = match &args.query {
        Some(q) => query_claims(&store, q)?,
        None => all_claims(&store)?,
    };
    let graph = graph_of(&store, claims)?;
    let options = DotOptions {
        rankdir: args.rankdir,
        cluster: args.cluster,
        ..DotOptions::default()
    };
    let mut source = Vec::new();
    dot::write_dot(&graph, &options, &mut source).map_err(export_error)?;
    match (args.render, &args.output) {
        (Some(format), Some(path)) => dot::render(&source, format, path).map_err(export_error),
        _ => with_output(args.output.as_deref(), out, |out| {
            Ok(out.write_all(&source)?)
        }),
    }
}

pub fn export(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = super::list::open(ctx)?;
    let claims = match &args.query {
        Some(q) => query_claims(&store, q)?,
        None => all_claims(&store)?,
    };
    let graph = graph_of(&store, claims)?;
    with_output(args.output.as_deref(), out, |out| {
        match args.format {
            GraphFormat::Graphml => graphml::write_graphml(&graph, out),
            GraphFormat::Json => json::write_graph_json(&graph, out),
        }
        .map_err(export_error)
    })
}

/// The graph of `claims`, their neighbours and what the store knows of their actors.
fn graph_of(store: &Store, claims: Vec<ClaimView>) -> Result<ClaimGraph, CliError> {
    let claims = store.with_neighbours(claims).map_err(store_error)?;
    let facts = store.actor_facts(&claims).map_err(store_error)?;
    Ok(ClaimGraph::from_claims(&claims, &GraphContext::from(facts)))
}
