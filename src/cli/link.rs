//! Cross-article commands: `relink`, `stories`, `statements`, `links`, `figures`.
//!
//! Linking (the model of `claimgraph-link`) reads every article with its text and claims
//! through the store's public read API, decides stories, statements and cross-article
//! links, and hands the result to the store, which keeps it beside the articles
//! (`Store::replace_linked`). `ingest` links after storing (unless `--no-link` or the store
//! is larger than [`AUTO_LINK_MAX_ARTICLES`]); `relink` links on demand; the listing
//! commands read what was kept, linking first when articles arrived since (a store written
//! before linking existed is linked on its first use). See docs/cross-article.md.

use super::{choice, store_error, CliError, Context};
use claimgraph_export::table::write_listing;
use claimgraph_export::Format;
use claimgraph_link::{figures, link_set, stories_from_labels, LinkArticle, Params, Previous};
use claimgraph_model::story::{StatementRecord, StoryRecord};
use claimgraph_model::{ArticleSeq, ClaimId, ClaimView, TimePoint};
use claimgraph_store::{NameCache, Store};
use serde_json::{json, Value};
use std::io::Write;

/// Above this many articles `ingest` does not link by itself (linking reads every article
/// and compares each with the open stories); `relink` still does.
pub const AUTO_LINK_MAX_ARTICLES: u64 = 20_000;

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

/// Every stored article with its text and its claims as result rows, and each one's
/// ingest sequence number.
fn load(store: &Store) -> Result<(Vec<LinkArticle>, Vec<ArticleSeq>), CliError> {
    let mut names = NameCache::new(store);
    let mut out = Vec::new();
    let mut seqs = Vec::new();
    for doc in store.articles() {
        let doc = doc.map_err(store_error)?;
        let seq = doc.article.seq;
        let mut claims = Vec::with_capacity(doc.claims.len());
        for index in 0..doc.claims.len() {
            if let Some(view) = store
                .view_in(&doc, claim_id(seq, index)?, &mut names)
                .map_err(store_error)?
            {
                claims.push(view);
            }
        }
        let text = if doc.article.has_text {
            store.article_text(seq).map_err(store_error)?
        } else {
            None
        };
        out.push(LinkArticle {
            id: doc.article.id.clone(),
            title: doc.article.title.clone(),
            // Without stored text the claims' contents stand in for it.
            text: text.unwrap_or_else(|| {
                claims
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            publisher: match claims.first().and_then(|c| c.publisher.clone()) {
                Some(name) => Some(name),
                None => publisher_name(store, doc.article.publisher)?,
            },
            published: doc.article.published,
            claims,
        });
        seqs.push(seq);
    }
    Ok((out, seqs))
}

fn claim_id(seq: ArticleSeq, index: usize) -> Result<ClaimId, CliError> {
    u16::try_from(index)
        .map(|i| ClaimId::new(seq, i))
        .map_err(|_| CliError::Internal(format!("article {seq} has too many claims")))
}

fn publisher_name(store: &Store, id: Option<u64>) -> Result<Option<String>, CliError> {
    match id {
        Some(id) => Ok(store.actor(id).map_err(store_error)?.map(|a| a.name)),
        None => Ok(None),
    }
}

/// What one linking found.
pub struct Linked {
    pub articles: usize,
    pub stories: usize,
    pub statements: usize,
    pub links: usize,
    pub secs: f64,
}

impl std::fmt::Display for Linked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "linked {} articles: {} stories, {} statements, {} cross-article links in {:.2}s",
            self.articles, self.stories, self.statements, self.links, self.secs
        )
    }
}

/// Links every stored article and keeps the result, carrying over the ids of the previous
/// linking where stories and statements go on.
pub fn relink(store: &Store) -> Result<Linked, CliError> {
    let started = std::time::Instant::now();
    let (articles, seqs) = load(store)?;
    let previous = Previous::from_records(
        store.link_stamp().map_err(store_error)?,
        &store.stories().map_err(store_error)?,
        &store.statements().map_err(store_error)?,
    );
    let set = link_set(&articles, &seqs, &previous, &Params::default());
    store.replace_linked(&set).map_err(store_error)?;
    Ok(Linked {
        articles: articles.len(),
        stories: set.stories.len(),
        statements: set.statements.len(),
        links: set
            .labels
            .iter()
            .flat_map(|(_, l)| &l.claims)
            .map(|c| c.links.len())
            .sum(),
        secs: started.elapsed().as_secs_f64(),
    })
}

/// Whether articles were stored since the last linking (or never linked).
pub fn is_stale(store: &Store) -> Result<bool, CliError> {
    let stored = store.counters().map_err(store_error)?.articles;
    Ok(match store.link_stamp().map_err(store_error)? {
        Some(stamp) => stamp.articles != stored,
        None => stored > 0,
    })
}

/// Links the store when articles arrived since the last linking, saying so on stderr.
pub fn link_when_stale(store: &Store) -> Result<(), CliError> {
    if is_stale(store)? {
        let linked = relink(store)?;
        super::note(format!("claimgraph: {linked}"));
    }
    Ok(())
}

/// What `ingest` does after storing: links when articles arrived since the last linking,
/// unless the store is too large to link on every ingest. The line to print, if any.
pub fn link_after_ingest(store: &Store) -> Result<Option<String>, CliError> {
    if !is_stale(store)? {
        return Ok(None);
    }
    let articles = store.counters().map_err(store_error)?.articles;
    if articles > AUTO_LINK_MAX_ARTICLES {
        return Ok(Some(format!(
            "not linked: {articles} articles are more than ingest links by itself; run `claimgraph relink`"
        )));
    }
    Ok(Some(relink(store)?.to_string()))
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

/// Sort key of an id `<prefix><n>`: by number.
pub fn id_number(id: &str) -> u64 {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or(u64::MAX)
}

/// Every stored story, first published first.
pub fn sorted_stories(store: &Store) -> Result<Vec<StoryRecord>, CliError> {
    let mut all = store.stories().map_err(store_error)?;
    all.sort_by(|a, b| {
        let key = |s: &StoryRecord| (s.first.map(|t| t.sort_key()), id_number(&s.id));
        key(a).cmp(&key(b))
    });
    Ok(all)
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

/// A story as a JSON object.
pub fn story_json(s: &StoryRecord) -> Value {
    json!({
        "id": s.id, "title": s.title, "articles": s.articles, "outlets": s.outlets,
        "first": s.first.map(|t| t.to_string()), "last": s.last.map(|t| t.to_string()),
        "claims": s.claims,
    })
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
        all.iter().map(story_json).collect(),
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
    let mut all = store.statements().map_err(store_error)?;
    all.sort_by(|a, b| {
        let key = |s: &StatementRecord| (s.first_published.map(|t| t.sort_key()), id_number(&s.id));
        key(a).cmp(&key(b))
    });
    Ok(all)
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
            let Some(from) = views.get(claim_id(seq, index)?)? else {
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
    let (articles, _) = load(store)?;
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
