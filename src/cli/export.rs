//! `claimgraph timeline`, `claimgraph dot` and `claimgraph export`: timelines, Graphviz
//! pictures and graph data of any query's result (default: the whole store).
//!
//! Memory stays bounded whatever the store's size: a timeline or graph data of the whole
//! store streams (one month of postings, or one article, at a time), and a picture is
//! capped at `--max-claims` claims, since nobody can read (and Graphviz cannot lay out) a
//! picture of hundreds of thousands. A query's result is capped by the query's row limit.

use super::query::query_error;
use super::route::{self, Opened};
use super::{choice, choice_name, choice_of, store_error, CliError, Context};
use claimgraph_export::dot::{self, Cluster, DotOptions, DotView, RankDir, RenderFormat};
use claimgraph_export::graph::{ClaimGraph, GraphContext};
use claimgraph_export::graph_stream::{self, StreamFormat};
use claimgraph_export::story::{write_story_dot, write_story_timeline, Lane};
use claimgraph_export::timeline::{self, Axis, SeenClaims, TimelineFormat, TimelineOptions};
use claimgraph_export::{graphml, json, ExportError};
use claimgraph_model::{Actor, ActorId, ClaimId, ClaimView};
use claimgraph_query::QueryStore;
use claimgraph_store::{NameCache, Store, StoreError, TimeAxis};
use clap::ValueEnum;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Claims whose speaker and text a streamed timeline remembers for showing denials.
const STREAM_LINK_MEMORY: usize = 20_000;

/// Claims a DOT picture draws unless `--max-claims` says otherwise: about what Graphviz
/// lays out in seconds and a reader can still follow. Layout time grows much faster than
/// the graph: on the generated 100,000-article store, Graphviz 2.43 took 22 s for the
/// first 100 claims, more than 2 minutes for 200, and had not finished 2,000 after 10
/// minutes and 6.8 GB.
pub const DEFAULT_DOT_MAX_CLAIMS: u64 = 100;

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
    /// One story's timeline in Markdown, a lane per outlet or per speaker (`--lanes`),
    /// instead of a query's (an id from `claimgraph stories`).
    #[arg(long, conflicts_with = "query")]
    pub story: Option<String>,
    /// The lanes of a story timeline.
    #[arg(long, value_parser = choice::<Lane>(Lane::CHOICES), default_value = "outlet", requires = "story")]
    pub lanes: Lane,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DotArgs {
    /// A query returning claims (default: every claim in the store); the graph adds the
    /// claims they answer and the claims answering them.
    pub query: Option<String>,
    /// Which picture: claims on a time axis by speaker with who denies whom, or the whole
    /// graph with actors, articles, outlets, topics and times as nodes.
    #[arg(long, value_parser = choice::<DotView>(DotView::CHOICES), default_value = "claims")]
    pub view: DotView,
    #[arg(long, value_parser = choice::<RankDir>(RankDir::CHOICES), default_value = "LR")]
    pub rankdir: RankDir,
    /// What claims are boxed together by, in the full view (the claims view boxes by
    /// speaker).
    #[arg(long, value_parser = choice::<Cluster>(Cluster::CHOICES), default_value = "none")]
    pub cluster: Cluster,
    /// Render with Graphviz `dot` instead of printing DOT (needs -o).
    #[arg(long, value_parser = choice::<RenderFormat>(RenderFormat::CHOICES))]
    pub render: Option<RenderFormat>,
    /// Draw at most this many claims (the first in the query's order, or in said order
    /// without a query), plus at most as many claims answering them or answered by them;
    /// stderr says how many were left out.
    #[arg(long, default_value_t = DEFAULT_DOT_MAX_CLAIMS, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_claims: u64,
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
    /// Graphviz DOT of one story (needs `--story`): statements as nodes, who denies or
    /// supports whom, which outlets carried what.
    Dot,
    /// Parquet tables, one file per node and edge type, in the directory `-o` names
    /// (docs/scale-out.md).
    Parquet,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A query returning claims (default: every claim in the store, streamed in article
    /// order); the graph adds the claims they answer and the claims answering them.
    pub query: Option<String>,
    #[arg(long, value_enum, default_value_t = GraphFormat::Graphml)]
    pub format: GraphFormat,
    /// Only the claims of this story (an id from `claimgraph stories`).
    #[arg(long, conflicts_with = "query")]
    pub story: Option<String>,
    /// Write to this file instead of standard output (with `--format parquet`: the
    /// directory of tables).
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

impl From<ExportError> for CliError {
    fn from(e: ExportError) -> Self {
        export_error(e)
    }
}

/// The claims a query returns; a query that groups or counts is refused.
fn query_claims(store: &Store, query: &str) -> Result<Vec<ClaimView>, CliError> {
    let result = store.query(query).map_err(query_error)?;
    if result.truncated {
        super::note(format!(
            "claimgraph: the query stopped at {} claims; add `| limit N` for more",
            claimgraph_query::DEFAULT_LIMIT
        ));
    }
    match result.claims() {
        Some(claims) => Ok(claims.to_vec()),
        None => Err(CliError::User(
            "this export needs a query that returns claims; leave out `count`, `group`, `top` and `select`".into(),
        )),
    }
}

/// The first `max` claims in said order, and how many claims the store holds.
fn first_claims(store: &Store, max: usize) -> Result<(Vec<ClaimView>, u64), CliError> {
    let total = store.counters().map_err(store_error)?.claims;
    let claims = store
        .stream(TimeAxis::Said)
        .map_err(store_error)?
        .take(max)
        .collect::<Result<Vec<_>, StoreError>>()
        .map_err(store_error)?;
    Ok((claims, total))
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

/// Opens the store for a streamed export, with a small page cache.
pub(super) fn open_for_stream(ctx: &Context, command: &str) -> Result<Store, CliError> {
    open_streaming(ctx).map_err(|e| route::held_by_server(ctx, e, command))
}

fn open_streaming(ctx: &Context) -> Result<Store, StoreError> {
    Store::open_existing_with_cache(&ctx.store, STREAM_CACHE_BYTES)
}

/// Every claim of story `id` and the story's title; an unknown story is a user error.
fn story_claims(store: &Store, id: &str) -> Result<(String, Vec<ClaimView>), CliError> {
    let Some(story) = store.story(id).map_err(store_error)? else {
        return Err(CliError::User(format!(
            "no story '{id}' (see `claimgraph stories`)"
        )));
    };
    let quoted = format!("\"{}\"", id.replace('\\', "\\\\").replace('"', "\\\""));
    let claims = query_claims(
        store,
        &format!("claims in story {quoted} | limit {}", story.claims.max(1)),
    )?;
    let title = story.title.unwrap_or_else(|| story.id.clone());
    Ok((format!("{}: {title}", story.id), claims))
}

pub fn timeline(ctx: &Context, args: &TimelineArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let opened = match (&args.story, &args.query) {
        (Some(_), _) => route::open_linked(ctx)?,
        (None, Some(_)) => route::open(ctx)?,
        (None, None) => route::open_with(ctx, open_streaming(ctx))?,
    };
    let server = match opened {
        Opened::Local(store) => return timeline_on(ctx, &store, args, out),
        Opened::Server(server) => server,
    };
    let params = [
        ("q", args.query.as_deref()),
        ("axis", Some(args.axis.as_str())),
        ("format", Some(args.format.as_str())),
        ("title", args.title.as_deref()),
        ("story", args.story.as_deref()),
        (
            "lanes",
            args.story
                .as_ref()
                .and(choice_name(Lane::CHOICES, &args.lanes)),
        ),
    ];
    let printed = route::run_there(ctx, &server, "timeline", &params)?;
    with_output(args.output.as_deref(), out, |out| {
        Ok(out.write_all(&printed)?)
    })
}

/// `timeline` on an open store (linked, for a story's).
pub fn timeline_on(
    ctx: &Context,
    store: &Store,
    args: &TimelineArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if let Some(id) = &args.story {
        let (title, claims) = story_claims(store, id)?;
        let title = args.title.clone().unwrap_or(title);
        return with_output(args.output.as_deref(), out, |out| {
            write_story_timeline(&title, &claims, args.lanes, out).map_err(export_error)
        });
    }
    let options = TimelineOptions {
        axis: args.axis,
        format: args.format,
        title: args.title.clone(),
        csv: ctx.csv,
    };
    with_output(args.output.as_deref(), out, |out| match &args.query {
        Some(query) => {
            let claims = query_claims(store, query)?;
            timeline::write_timeline(&claims, &options, out).map_err(export_error)?;
            Ok(())
        }
        None => {
            // The whole store streams along the axis index, one month at a time; undated
            // claims come from a second stream in publication order, merged in at their
            // article's publication day.
            let axis = args.axis;
            let mut failure: Option<StoreError> = None;
            let mut failure_undated: Option<StoreError> = None;
            let dated = claims_until_error(store.stream(axis).map_err(store_error)?, &mut failure);
            let written = if axis == TimeAxis::Published {
                let mut targets = SeenClaims::bounded(STREAM_LINK_MEMORY);
                timeline::write_timeline_sorted(dated, &options, &mut targets, out)
            } else {
                let by_publication = store.stream(TimeAxis::Published).map_err(store_error)?;
                let undated = claims_until_error(by_publication, &mut failure_undated);
                let claims = timeline::merge_placed(dated, undated, axis);
                let mut targets = SeenClaims::bounded(STREAM_LINK_MEMORY);
                timeline::write_timeline_sorted(claims, &options, &mut targets, out)
            };
            if let Some(e) = failure.or(failure_undated) {
                return Err(store_error(e));
            }
            written.map_err(export_error)?;
            Ok(())
        }
    })
}

/// The claims of a store stream up to its first error, which is kept in `failure`.
fn claims_until_error<'a>(
    stream: impl Iterator<Item = Result<ClaimView, StoreError>> + 'a,
    failure: &'a mut Option<StoreError>,
) -> impl Iterator<Item = ClaimView> + 'a {
    stream.map_while(move |item| match item {
        Ok(view) => Some(view),
        Err(e) => {
            *failure = Some(e);
            None
        }
    })
}

pub fn dot(ctx: &Context, args: &DotArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if args.render.is_some() && args.output.is_none() {
        return Err(CliError::User(
            "--render needs -o FILE for the picture".into(),
        ));
    }
    let source = match route::open(ctx)? {
        Opened::Local(store) => dot_source(&store, args)?,
        Opened::Server(server) => {
            let max = args.max_claims.to_string();
            let params = [
                ("q", args.query.as_deref()),
                ("view", choice_name(DotView::CHOICES, &args.view)),
                ("rankdir", Some(args.rankdir.as_str())),
                ("cluster", choice_name(Cluster::CHOICES, &args.cluster)),
                ("max_claims", Some(max.as_str())),
            ];
            route::run_there(ctx, &server, "dot", &params)?
        }
    };
    match (args.render, &args.output) {
        (Some(format), Some(path)) => dot::render(&source, format, path).map_err(export_error),
        _ => with_output(args.output.as_deref(), out, |out| {
            Ok(out.write_all(&source)?)
        }),
    }
}

/// The DOT source `dot` draws (its cap noted on stderr).
pub fn dot_source(store: &Store, args: &DotArgs) -> Result<Vec<u8>, CliError> {
    let max = usize::try_from(args.max_claims).unwrap_or(usize::MAX);
    let (mut claims, total) = match &args.query {
        Some(q) => {
            let claims = query_claims(store, q)?;
            let total = claims.len() as u64;
            (claims, total)
        }
        None => first_claims(store, max)?,
    };
    claims.truncate(max);
    let drawn = claims.len();
    let (graph, neighbours_left_out) = graph_of(store, claims, max)?;
    let left_out = total.saturating_sub(drawn as u64);
    if left_out > 0 || neighbours_left_out > 0 {
        super::note(dot_cap_message(args, drawn, left_out, neighbours_left_out));
    }
    let options = DotOptions {
        view: args.view,
        rankdir: args.rankdir,
        cluster: args.cluster,
        ..DotOptions::default()
    };
    let mut source = Vec::new();
    dot::write_dot(&graph, &options, &mut source).map_err(export_error)?;
    Ok(source)
}

/// What a capped picture left out, and how to get the rest.
fn dot_cap_message(
    args: &DotArgs,
    drawn: usize,
    left_out: u64,
    neighbours_left_out: usize,
) -> String {
    let order = if args.query.is_some() {
        "the query's first"
    } else {
        "the store's first, in said order"
    };
    let mut text = format!(
        "claimgraph: dot drew {} claims ({order}) and left out {}",
        thousands(drawn as u64),
        thousands(left_out)
    );
    if neighbours_left_out > 0 {
        if left_out > 0 {
            text.push_str(" plus");
        }
        text.push_str(&format!(
            " {} claims answering them or answered by them",
            thousands(neighbours_left_out as u64)
        ));
    }
    text.push_str(&format!(
        ": --max-claims is {}, as Graphviz lays out a few hundred claims slowly and \
         thousands not at all. Narrow the query (e.g. `claimgraph dot 'claims about Aleppo \
         said 2016-12'`), raise --max-claims, or use `claimgraph export` for the whole graph \
         as data.",
        thousands(args.max_claims)
    ));
    text
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

pub fn export(ctx: &Context, args: &ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if args.format == GraphFormat::Parquet {
        if args.story.is_some() {
            return Err(CliError::User(
                "export --format parquet writes a query's claims or the whole store, not one story: use a query such as 'claims in story S'".into(),
            ));
        }
        return super::parquet::export(ctx, args.query.as_deref(), args.output.as_deref(), out);
    }
    let opened = match (&args.story, &args.query) {
        (Some(_), _) => route::open_linked(ctx)?,
        (None, Some(_)) => route::open(ctx)?,
        (None, None) => route::open_with(ctx, open_streaming(ctx))?,
    };
    let server = match opened {
        Opened::Local(store) => return export_on(&store, args, out),
        Opened::Server(server) => server,
    };
    let format = args.format.to_possible_value();
    let params = [
        ("q", args.query.as_deref()),
        ("format", format.as_ref().map(|f| f.get_name())),
        ("story", args.story.as_deref()),
    ];
    let printed = route::run_there(ctx, &server, "export", &params)?;
    with_output(args.output.as_deref(), out, |out| {
        Ok(out.write_all(&printed)?)
    })
}

/// `export` (but Parquet) on an open store (linked, for a story's).
pub fn export_on(store: &Store, args: &ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    if let Some(id) = &args.story {
        let (title, claims) = story_claims(store, id)?;
        if args.format == GraphFormat::Dot {
            return with_output(args.output.as_deref(), out, |out| {
                write_story_dot(&title, &claims, out).map_err(export_error)
            });
        }
        let (graph, _) = graph_of(store, claims, usize::MAX)?;
        return with_output(args.output.as_deref(), out, |out| {
            match args.format {
                GraphFormat::Graphml => graphml::write_graphml(&graph, out),
                _ => json::write_graph_json(&graph, out),
            }
            .map_err(export_error)
        });
    }
    if args.format == GraphFormat::Dot {
        return Err(CliError::User(
            "export --format dot draws one story: add --story S (`claimgraph dot` draws a query's claims)".into(),
        ));
    }
    let Some(query) = &args.query else {
        return export_store(store, args, out);
    };
    let claims = query_claims(store, query)?;
    let (graph, _) = graph_of(store, claims, usize::MAX)?;
    with_output(args.output.as_deref(), out, |out| match args.format {
        GraphFormat::Graphml => graphml::write_graphml(&graph, out).map_err(export_error),
        GraphFormat::Json | GraphFormat::Dot => {
            json::write_graph_json(&graph, out).map_err(export_error)
        }
        GraphFormat::Parquet => Err(not_a_stream()),
    })
}

/// Parquet is a directory of tables, written by `super::parquet` before these paths.
fn not_a_stream() -> CliError {
    CliError::Internal("Parquet tables are not written as one stream".into())
}

/// The graph of the whole store as data, streamed one article at a time: memory holds one
/// article, the actors and the small dictionaries of names, days and topics.
fn export_store(store: &Store, args: &ExportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let context = store_context(store)?;
    let format = match args.format {
        GraphFormat::Graphml => StreamFormat::Graphml,
        GraphFormat::Json | GraphFormat::Dot => StreamFormat::Json,
        GraphFormat::Parquet => return Err(not_a_stream()),
    };
    // Every claim is in the stream, so every link to an earlier article finds its target.
    let contains = |_: ClaimId| true;
    with_output(args.output.as_deref(), out, |out| {
        graph_stream::write_graph_stream(
            format,
            &context,
            &contains,
            |sink| each_claim_by_article(store, sink),
            out,
        )?;
        Ok(())
    })
}

/// Hands every claim of the store to `sink`, grouped by article in ingest order. A link
/// stored without its target's id (the target was ingested after it) gets the id when the
/// store has the target now, as the in-memory graph finds it by external id.
fn each_claim_by_article(
    store: &Store,
    sink: &mut dyn FnMut(ClaimView) -> Result<(), ExportError>,
) -> Result<(), CliError> {
    // Names cached for the whole export: they are few next to claims.
    let mut names = NameCache::new(store);
    for doc in store.articles() {
        let doc = doc.map_err(store_error)?;
        let seq = doc.article.seq;
        for index in 0..doc.claims.len() {
            let index = u16::try_from(index).map_err(|_| {
                CliError::Unusable(format!(
                    "store {} is damaged: article {seq} has more claims than a claim id can number",
                    store.path().display()
                ))
            })?;
            let id = ClaimId::new(seq, index);
            let Some(mut view) = store.view_in(&doc, id, &mut names).map_err(store_error)? else {
                continue;
            };
            for link in view.links.iter_mut().filter(|l| l.target_id.is_none()) {
                link.target_id = store
                    .claim_by_external_id(&link.target)
                    .map_err(store_error)?;
            }
            sink(view)?;
        }
    }
    Ok(())
}

/// Kinds and memberships of every actor in the store: a whole-store graph may name any.
fn store_context(store: &Store) -> Result<GraphContext, CliError> {
    let actors = store
        .actors()
        .collect::<Result<Vec<Actor>, StoreError>>()
        .map_err(store_error)?;
    let names: HashMap<ActorId, &str> = actors.iter().map(|a| (a.id, a.name.as_str())).collect();
    let mut context = GraphContext::default();
    for actor in &actors {
        context.actor_kinds.push((actor.name.clone(), actor.kind));
        for org in &actor.member_of {
            if let Some(org) = names.get(org) {
                context
                    .member_of
                    .push((actor.name.clone(), (*org).to_string()));
            }
        }
    }
    Ok(context)
}

/// The graph of `claims`, at most `max_neighbours` of their neighbours (claims they answer
/// and claims answering them) and what the store knows of their actors; with the number of
/// neighbours left out.
fn graph_of(
    store: &Store,
    claims: Vec<ClaimView>,
    max_neighbours: usize,
) -> Result<(ClaimGraph, usize), CliError> {
    let chosen = claims.len();
    let mut claims = store.with_neighbours(claims).map_err(store_error)?;
    let neighbours = claims.len() - chosen;
    let left_out = neighbours.saturating_sub(max_neighbours);
    claims.truncate(chosen + neighbours.min(max_neighbours));
    let facts = store.actor_facts(&claims).map_err(store_error)?;
    Ok((
        ClaimGraph::from_claims(&claims, &GraphContext::from(facts)),
        left_out,
    ))
}
