//! Cross-article commands: `relink`, `stories`, `statements`, `links`, `figures`.
//!
//! Linking (`claimgraph_query::linking`, shared with the Python package) reads every
//! article with its text and claims through the store's public read API, decides stories,
//! statements and cross-article links with `claimgraph-link`, and hands the result to the
//! store, which keeps it beside the articles (`Store::replace_linked`). `ingest` links
//! after storing (unless `--no-link` or the store is larger than
//! `linking::AUTO_LINK_MAX_ARTICLES`); `relink` links on demand; the listing commands read
//! what was kept, linking first when articles arrived since (a store written
//! before linking existed is linked on its first use). See docs/cross-article.md.

use super::list::open;
use super::{choice, store_error, CliError, Context};
use claimgraph_export::table::write_listing;
use claimgraph_export::Format;
use claimgraph_link::{figures, stories_from_labels};
use claimgraph_model::story::{StatementRecord, StoryRecord};
use claimgraph_model::{ClaimId, ClaimView, TimePoint};
use claimgraph_query::linking::{self, claim_id, Linked, LinkingError};
use claimgraph_store::{NameCache, Store};
use serde_json::{json, Value};
use std::io::Write;

/// The CLI's error for a linking error: the store's errors keep their exit codes.
pub fn linking_error(e: LinkingError) -> CliError {
    match e {
        LinkingError::Store(e) => store_error(e),
        e @ LinkingError::TooManyClaims { .. } => CliError::Unusable(e.to_string()),
    }
}

#[derive(Debug, clap::Args)]
pub struct RelinkArgs {}

#[derive(Debug, clap::Args)]
pub struct StoriesArgs {
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct StatementsArgs {
    /// Only the statements of this story (an id from `claimgraph stories`).
    #[arg(long)]
    pub story: Option<String>,
    /// Only statements reported at least this many times.
    #[arg(long, default_value_t = 1)]
    pub min_occurrences: usize,
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct LinksArgs {
    /// Only the links of this story.
    #[arg(long)]
    pub story: Option<String>,
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct FiguresArgs {
    /// Only the figures of this story.
    #[arg(long)]
    pub story: Option<String>,
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
}

/// Links every stored article and keeps the result (`claimgraph_query::linking::relink`).
pub fn relink(store: &Store) -> Result<Linked, CliError> {
    linking::relink(store).map_err(linking_error)
}

/// Opens the store and links it first when articles arrived since the last linking.
pub fn open_linked(ctx: &Context) -> Result<Store, CliError> {
    let store = open(ctx)?;
    if let Some(linked) = linking::link_if_stale(&store).map_err(linking_error)? {
        eprintln!("claimgraph: {linked}");
    }
    Ok(store)
}

pub fn relink_cmd(ctx: &Context, _args: &RelinkArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = open(ctx)?;
    let linked = relink(&store)?;
    writeln!(out, "{linked}")?;
    Ok(())
}

/// Every stored story, first published first.
pub fn sorted_stories(store: &Store) -> Result<Vec<StoryRecord>, CliError> {
    linking::sorted_stories(store).map_err(linking_error)
}

/// Story `id`, or a user error.
fn check_story(store: &Store, id: Option<&str>) -> Result<(), CliError> {
    match id {
        Some(id) if store.story(id).map_err(store_error)?.is_none() => Err(CliError::User(
            format!("no story '{id}' (see `claimgraph stories`)"),
        )),
        _ => Ok(()),
    }
}

fn time(t: Option<TimePoint>) -> String {
    t.map(|t| t.to_string()).unwrap_or_default()
}

fn print(
    ctx: &Context,
    format: Format,
    out: &mut dyn Write,
    header: &[&str],
    rows: Vec<Vec<String>>,
    json_rows: Vec<Value>,
) -> Result<(), CliError> {
    write_listing(out, format, ctx.csv, header, &rows, &json_rows, 60)?;
    Ok(())
}

pub fn stories_cmd(ctx: &Context, args: &StoriesArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = open_linked(ctx)?;
    let all = sorted_stories(&store)?;
    let rows = all
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                s.articles.len().to_string(),
                s.outlets.len().to_string(),
                time(s.first),
                time(s.last),
                s.claims.to_string(),
                s.title.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let header = [
        "id", "articles", "outlets", "first", "last", "claims", "title",
    ];
    print(
        ctx,
        args.format,
        out,
        &header,
        rows,
        all.iter().map(linking::story_json).collect(),
    )
}

/// Reads claims by id through one name cache.
pub struct Views<'s> {
    store: &'s Store,
    names: NameCache<'s>,
}

impl<'s> Views<'s> {
    pub fn new(store: &'s Store) -> Views<'s> {
        Views {
            store,
            names: NameCache::new(store),
        }
    }

    /// Claim `id` as a result row, when it is stored.
    pub fn get(&mut self, id: ClaimId) -> Result<Option<ClaimView>, CliError> {
        let Some(doc) = self.store.article_doc(id.article()).map_err(store_error)? else {
            return Ok(None);
        };
        self.store
            .view_in(&doc, id, &mut self.names)
            .map_err(store_error)
    }
}

/// A claim as JSON: store id, external id, article, outlet, publication time.
fn occurrence_json(c: &ClaimView) -> Value {
    json!({
        "claim": c.id.to_string(), "id": c.external_id, "article": c.article_id,
        "outlet": c.publisher.clone().unwrap_or_else(|| format!("({})", c.article_id)),
        "published": c.published.map(|t| t.to_string()),
        "speaker": c.speaker, "stance": c.stance.as_str(), "via": c.via, "text": c.text,
    })
}

/// Every stored statement, first reported first.
pub fn sorted_statements(store: &Store) -> Result<Vec<StatementRecord>, CliError> {
    linking::sorted_statements(store).map_err(linking_error)
}

/// A statement as a JSON object, its occurrences resolved to claims.
pub fn statement_json(s: &StatementRecord, views: &mut Views) -> Result<Value, CliError> {
    let mut occurrences = Vec::with_capacity(s.occurrences.len());
    for &id in &s.occurrences {
        if let Some(v) = views.get(id)? {
            occurrences.push(occurrence_json(&v));
        }
    }
    Ok(json!({
        "id": s.id, "story": s.story, "speaker": s.speaker, "text": s.text,
        "occurrences": occurrences, "outlets": s.outlets, "origins": s.origins,
        "independent_sources": s.independent_sources(),
        "first_reported": {"outlet": s.first_outlet, "published": s.first_published.map(|t| t.to_string())},
    }))
}

pub fn statements_cmd(
    ctx: &Context,
    args: &StatementsArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let store = open_linked(ctx)?;
    check_story(&store, args.story.as_deref())?;
    let mut views = Views::new(&store);
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for s in sorted_statements(&store)?.iter().filter(|s| {
        args.story.as_ref().is_none_or(|o| *o == s.story)
            && s.occurrences.len() >= args.min_occurrences
    }) {
        rows.push(vec![
            s.id.clone(),
            s.story.clone(),
            s.speaker.clone(),
            s.occurrences.len().to_string(),
            s.outlets.len().to_string(),
            s.independent_sources().to_string(),
            s.first_outlet.clone(),
            time(s.first_published),
            s.text.clone(),
        ]);
        if args.format == Format::Json {
            json_rows.push(statement_json(s, &mut views)?);
        }
    }
    let header = [
        "statement",
        "story",
        "speaker",
        "occurrences",
        "outlets",
        "independent",
        "first_by",
        "first_at",
        "text",
    ];
    print(ctx, args.format, out, &header, rows, json_rows)
}

/// Every kept cross-article link: (story, from, target, kind), in article order.
pub fn kept_links(store: &Store) -> Result<Vec<(String, ClaimView, ClaimView)>, CliError> {
    let mut views = Views::new(store);
    let mut out = Vec::new();
    for doc in store.articles() {
        let doc = doc.map_err(store_error)?;
        let seq = doc.article.seq;
        let Some(labels) = store.article_labels(seq).map_err(store_error)? else {
            continue;
        };
        for (index, claim) in labels.claims.iter().enumerate() {
            if claim.links.is_empty() {
                continue;
            }
            let Some(from) = views.get(claim_id(seq, index).map_err(linking_error)?)? else {
                continue;
            };
            for l in &claim.links {
                if let Some(target) = l.target_id.map(|t| views.get(t)).transpose()?.flatten() {
                    out.push((l.kind.as_str().to_string(), from.clone(), target));
                }
            }
        }
    }
    Ok(out)
}

pub fn links_cmd(ctx: &Context, args: &LinksArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = open_linked(ctx)?;
    check_story(&store, args.story.as_deref())?;
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for (kind, from, target) in kept_links(&store)? {
        let story = from.story.clone().unwrap_or_default();
        if args.story.as_ref().is_some_and(|s| *s != story) {
            continue;
        }
        rows.push(vec![
            story.clone(),
            kind.clone(),
            from.id.to_string(),
            from.speaker.clone(),
            target.id.to_string(),
            target.speaker.clone(),
            from.text.clone(),
            target.text.clone(),
        ]);
        json_rows.push(json!({
            "story": story, "kind": kind,
            "from": occurrence_json(&from), "target": occurrence_json(&target),
        }));
    }
    let header = [
        "story",
        "kind",
        "claim",
        "speaker",
        "target",
        "target_speaker",
        "text",
        "target_text",
    ];
    print(ctx, args.format, out, &header, rows, json_rows)
}

pub fn figures_cmd(ctx: &Context, args: &FiguresArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = open_linked(ctx)?;
    check_story(&store, args.story.as_deref())?;
    let (articles, _) = linking::load(&store).map_err(linking_error)?;
    // The kept stories (every claim of an article carries its article's story).
    let story_of: Vec<Option<String>> = articles
        .iter()
        .map(|a| a.claims.first().and_then(|c| c.story.clone()))
        .collect();
    let (found, ids) = stories_from_labels(&articles, &story_of);
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for f in figures(&articles, &found)
        .into_iter()
        .filter(|f| args.story.as_ref().is_none_or(|s| *s == ids[f.story]))
    {
        let story = &ids[f.story];
        let values: Vec<String> = f
            .values
            .iter()
            .map(|v| {
                let shown = v.text.clone().unwrap_or_else(|| v.value.to_string());
                format!("{shown} [{}]", articles[v.at.article].outlet())
            })
            .collect();
        rows.push(vec![
            story.clone(),
            f.unit.clone(),
            f.agreement.as_str().to_string(),
            values.join("; "),
        ]);
        json_rows.push(json!({
            "story": story, "unit": f.unit, "agreement": f.agreement.as_str(),
            "values": f.values.iter().map(|v| {
                let a = &articles[v.at.article];
                json!({
                    "value": v.value, "text": v.text, "approximate": v.approximate,
                    "claim": a.claims[v.at.claim].id.to_string(), "article": a.id,
                    "outlet": a.outlet(),
                })
            }).collect::<Vec<_>>(),
        }));
    }
    print(
        ctx,
        args.format,
        out,
        &["story", "unit", "agreement", "values"],
        rows,
        json_rows,
    )
}
