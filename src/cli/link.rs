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

use super::{choice, store_error, CliError, Context};
use claimgraph_export::table::write_listing;
use claimgraph_export::Format;
use claimgraph_link::{figures, stories_from_labels, NameKnowledge};
use claimgraph_model::story::{ActorMerge, MergeRelation, StatementRecord, StoryRecord};
use claimgraph_model::{Actor, ActorId, ClaimId, ClaimView, TimePoint};
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
    linking::relink(store, &name_knowledge()?).map_err(linking_error)
}

/// What the languages know of titles and well-known people, for actor merging.
pub fn name_knowledge() -> Result<NameKnowledge, CliError> {
    let (titles, well_known) = claimgraph_extract::lang::name_knowledge()
        .map_err(|e| CliError::Internal(format!("built-in language data: {e}")))?;
    Ok(NameKnowledge { titles, well_known })
}

/// Whether the last linking merged any actors.
pub fn has_merges(store: &Store) -> Result<bool, CliError> {
    Ok(!store.actor_merges().map_err(store_error)?.is_empty())
}

/// The one actor `name` stands for, or a user error.
fn one_actor(store: &Store, name: &str) -> Result<Actor, CliError> {
    let mut found = store.resolve_actor(name).map_err(store_error)?;
    if found.len() > 1 {
        // The exact name decides between actors that differ in diacritics only.
        found.retain(|a| a.name == name || a.aliases.iter().any(|x| x == name));
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(CliError::User(format!(
            "no actor is called '{name}' (see `claimgraph actors`)"
        ))),
        _ => Err(CliError::User(format!(
            "'{name}' names several actors: {}",
            found
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// `actors --unmerge A B`: records that A and B are not one person (nor one a member of the
/// other), then links again, so the merge is gone now and stays gone.
pub fn unmerge(ctx: &Context, a: &str, b: &str, out: &mut dyn Write) -> Result<(), CliError> {
    let store = super::list::open(ctx, "actors --unmerge")?;
    let (x, y) = (one_actor(&store, a)?, one_actor(&store, b)?);
    let merges = store.actor_merges().map_err(store_error)?;
    let into = |id: ActorId| {
        merges
            .iter()
            .find(|m| m.from == id && m.relation == MergeRelation::Same)
            .map_or(id, |m| m.into)
    };
    let direct = merges
        .iter()
        .any(|m| (m.from, m.into) == (x.id, y.id) || (m.from, m.into) == (y.id, x.id));
    if x.id == y.id || !(direct || into(x.id) == into(y.id)) {
        return Err(CliError::User(format!(
            "'{}' and '{}' are not merged (see `claimgraph actors`)",
            x.name, y.name
        )));
    }
    store.add_unmerged(x.id, y.id).map_err(store_error)?;
    let linked = relink(&store)?;
    writeln!(out, "unmerged '{}' and '{}'; {linked}", x.name, y.name)?;
    Ok(())
}

/// `actors` when the last linking merged some: each actor as `write_actors` shows it, and
/// `merged_into` (the actor standing for its person), `merged_from` (the names merged into
/// it), and `merges` (each recorded decision about it: relation, into, reason, stories,
/// claims); a recorded member's person is in its `member_of`.
pub fn write_merged_actors(
    store: &Store,
    format: Format,
    csv: claimgraph_export::CsvStyle,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let all: Vec<Actor> = store
        .actors()
        .collect::<Result<_, _>>()
        .map_err(store_error)?;
    let merges = store.actor_merges().map_err(store_error)?;
    let name_of: std::collections::HashMap<ActorId, &str> =
        all.iter().map(|a| (a.id, a.name.as_str())).collect();
    let name = |id: ActorId| name_of.get(&id).copied().unwrap_or_default().to_string();
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for a in &all {
        let mine: Vec<&ActorMerge> = merges.iter().filter(|m| m.from == a.id).collect();
        let mut member_of: Vec<String> = a.member_of.iter().map(|&m| name(m)).collect();
        member_of.extend(
            mine.iter()
                .filter(|m| m.relation == MergeRelation::MemberOf)
                .map(|m| name(m.into)),
        );
        let merged_into = mine
            .iter()
            .find(|m| m.relation == MergeRelation::Same)
            .map(|m| name(m.into));
        let merged_from: Vec<String> = merges
            .iter()
            .filter(|m| m.into == a.id && m.relation == MergeRelation::Same)
            .map(|m| name(m.from))
            .collect();
        rows.push(vec![
            a.name.clone(),
            a.kind.to_string(),
            a.role.clone().unwrap_or_default(),
            member_of.join("; "),
            a.aliases.join("; "),
            merged_into.clone().unwrap_or_default(),
        ]);
        json_rows.push(json!({
            "name": a.name, "kind": a.kind.as_str(), "role": a.role, "aliases": a.aliases,
            "member_of": member_of, "merged_into": merged_into, "merged_from": merged_from,
            "merges": mine.iter().map(|m| json!({
                "relation": m.relation.as_str(), "into": name(m.into), "reason": m.reason,
                "stories": m.stories,
                "claims": m.claims.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }));
    }
    let header = [
        "name",
        "kind",
        "role",
        "member_of",
        "aliases",
        "merged_into",
    ];
    write_listing(out, format, csv, &header, &rows, &json_rows, 50)?;
    Ok(())
}

/// Links the store when articles arrived since the last linking, saying so on stderr.
pub fn link_when_stale(store: &Store) -> Result<(), CliError> {
    if let Some(linked) =
        linking::link_if_stale(store, &name_knowledge()?).map_err(linking_error)?
    {
        super::note(format!("claimgraph: {linked}"));
    }
    Ok(())
}

/// What `ingest` does after storing: links when articles arrived since the last linking,
/// unless the store is too large to link on every ingest. The line to print, if any.
pub fn link_after_ingest(store: &Store) -> Result<Option<String>, CliError> {
    match linking::link_after_ingest(store, &name_knowledge()?).map_err(linking_error)? {
        linking::AfterIngest::UpToDate => Ok(None),
        done => Ok(Some(done.to_string())),
    }
}

pub fn relink_cmd(ctx: &Context, _args: &RelinkArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = match super::route::open(ctx)? {
        super::route::Opened::Local(store) => store,
        super::route::Opened::Server(server) => {
            if let Some(line) = super::route::relink_there(&server, false)? {
                writeln!(out, "{line}")?;
            }
            return Ok(());
        }
    };
    let linked = relink(&store)?;
    writeln!(out, "{linked}")?;
    Ok(())
}

/// The store for a cross-article listing, or the listing as the server holding it
/// printed it (then written to `out`, and `None` returned).
fn linked_or_there(
    ctx: &Context,
    out: &mut dyn Write,
    command: &str,
    params: &[(&str, Option<&str>)],
) -> Result<Option<Store>, CliError> {
    match super::route::open_linked(ctx)? {
        super::route::Opened::Local(store) => Ok(Some(store)),
        super::route::Opened::Server(server) => {
            out.write_all(&super::route::run_there(ctx, &server, command, params)?)?;
            Ok(None)
        }
    }
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
    let params = [("format", Some(args.format.as_str()))];
    match linked_or_there(ctx, out, "stories", &params)? {
        Some(store) => write_stories(ctx, &store, args, out),
        None => Ok(()),
    }
}

/// `stories` on a linked store.
pub fn write_stories(
    ctx: &Context,
    store: &Store,
    args: &StoriesArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let all = sorted_stories(store)?;
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
    let min = args.min_occurrences.to_string();
    let params = [
        ("story", args.story.as_deref()),
        ("min_occurrences", Some(min.as_str())),
        ("format", Some(args.format.as_str())),
    ];
    match linked_or_there(ctx, out, "statements", &params)? {
        Some(store) => write_statements(ctx, &store, args, out),
        None => Ok(()),
    }
}

/// `statements` on a linked store.
pub fn write_statements(
    ctx: &Context,
    store: &Store,
    args: &StatementsArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    check_story(store, args.story.as_deref())?;
    let mut views = Views::new(store);
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for s in sorted_statements(store)?.iter().filter(|s| {
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
    let params = [
        ("story", args.story.as_deref()),
        ("format", Some(args.format.as_str())),
    ];
    match linked_or_there(ctx, out, "links", &params)? {
        Some(store) => write_links(ctx, &store, args, out),
        None => Ok(()),
    }
}

/// `links` on a linked store.
pub fn write_links(
    ctx: &Context,
    store: &Store,
    args: &LinksArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    check_story(store, args.story.as_deref())?;
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for (kind, from, target) in kept_links(store)? {
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
    let params = [
        ("story", args.story.as_deref()),
        ("format", Some(args.format.as_str())),
    ];
    match linked_or_there(ctx, out, "figures", &params)? {
        Some(store) => write_figures(ctx, &store, args, out),
        None => Ok(()),
    }
}

/// `figures` on a linked store.
pub fn write_figures(
    ctx: &Context,
    store: &Store,
    args: &FiguresArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    check_story(store, args.story.as_deref())?;
    let (articles, _) = linking::load(store).map_err(linking_error)?;
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
