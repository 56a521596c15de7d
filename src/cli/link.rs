//! Cross-article commands: `stories`, `statements`, `links`, `figures`.
//!
//! Each reads every article with its text and claims through the store's public read API
//! (read-only), runs the cross-article model of `claimgraph-link` over them and prints.
//! Nothing is written back: story and statement ids are computed at each call and are a
//! function of the set of stored articles (see docs/cross-article.md).

use super::list::open;
use super::{choice, store_error, CliError, Context};
use claimgraph_export::table::write_listing;
use claimgraph_export::Format;
use claimgraph_link::{
    cross_links, figures, statements, stories, LinkArticle, LinkParams, Occurrence,
    StatementParams, Stories, StoryParams,
};
use claimgraph_model::{ClaimId, TimePoint};
use claimgraph_store::{NameCache, Store};
use serde_json::{json, Value};
use std::io::Write;

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

/// Every stored article with its text and its claims as result rows.
fn load(store: &Store) -> Result<Vec<LinkArticle>, CliError> {
    let mut names = NameCache::new(store);
    let mut out = Vec::new();
    for doc in store.articles() {
        let doc = doc.map_err(store_error)?;
        let seq = doc.article.seq;
        let mut claims = Vec::with_capacity(doc.claims.len());
        for index in 0..doc.claims.len() {
            let id = u16::try_from(index)
                .map(|i| ClaimId::new(seq, i))
                .map_err(|_| CliError::Internal(format!("article {seq} has too many claims")))?;
            if let Some(view) = store.view_in(&doc, id, &mut names).map_err(store_error)? {
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
    }
    Ok(out)
}

fn publisher_name(store: &Store, id: Option<u64>) -> Result<Option<String>, CliError> {
    match id {
        Some(id) => Ok(store.actor(id).map_err(store_error)?.map(|a| a.name)),
        None => Ok(None),
    }
}

/// The index of story `id`, or a user error naming the range of ids.
fn story_filter(stories: &Stories, id: Option<&str>) -> Result<Option<usize>, CliError> {
    let Some(id) = id else {
        return Ok(None);
    };
    stories
        .stories
        .iter()
        .position(|s| s.id == id)
        .map(Some)
        .ok_or_else(|| {
            CliError::User(format!(
                "no story '{id}': the ids run from s1 to s{} (see `claimgraph stories`)",
                stories.stories.len()
            ))
        })
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
    let articles = load(&open(ctx)?)?;
    let found = stories(&articles, &StoryParams::default());
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for s in &found.stories {
        let ids: Vec<&str> = s
            .articles
            .iter()
            .map(|&a| articles[a].id.as_str())
            .collect();
        let mut outlets: Vec<String> = s.articles.iter().map(|&a| articles[a].outlet()).collect();
        outlets.sort();
        outlets.dedup();
        let claims: usize = s.articles.iter().map(|&a| articles[a].claims.len()).sum();
        rows.push(vec![
            s.id.clone(),
            ids.len().to_string(),
            outlets.len().to_string(),
            time(s.first),
            time(s.last),
            claims.to_string(),
            s.title.clone().unwrap_or_default(),
        ]);
        json_rows.push(json!({
            "id": s.id, "title": s.title, "articles": ids, "outlets": outlets,
            "first": s.first.map(|t| t.to_string()), "last": s.last.map(|t| t.to_string()),
            "claims": claims,
        }));
    }
    let header = [
        "id", "articles", "outlets", "first", "last", "claims", "title",
    ];
    print(ctx, args.format, out, &header, rows, json_rows)
}

/// A claim as JSON: store id, external id, article, outlet, publication time.
fn occurrence_json(articles: &[LinkArticle], o: Occurrence) -> Value {
    let a = &articles[o.article];
    let c = &a.claims[o.claim];
    json!({
        "claim": c.id.to_string(), "id": c.external_id, "article": a.id,
        "outlet": a.outlet(), "published": a.published.map(|t| t.to_string()),
        "speaker": c.speaker, "stance": c.stance.as_str(), "via": c.via, "text": c.text,
    })
}

pub fn statements_cmd(
    ctx: &Context,
    args: &StatementsArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let articles = load(&open(ctx)?)?;
    let found = stories(&articles, &StoryParams::default());
    let only = story_filter(&found, args.story.as_deref())?;
    let all = statements(&articles, &found, &StatementParams::default());
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for s in all.iter().filter(|s| {
        only.is_none_or(|o| o == s.story) && s.occurrences.len() >= args.min_occurrences
    }) {
        let story = &found.stories[s.story].id;
        rows.push(vec![
            s.id.clone(),
            story.clone(),
            s.speaker.clone(),
            s.occurrences.len().to_string(),
            s.outlets.len().to_string(),
            s.independent_sources().to_string(),
            s.first_outlet.clone(),
            time(s.first_published),
            s.text.clone(),
        ]);
        json_rows.push(json!({
            "id": s.id, "story": story, "speaker": s.speaker, "text": s.text,
            "occurrences": s.occurrences.iter().map(|&o| occurrence_json(&articles, o)).collect::<Vec<_>>(),
            "outlets": s.outlets, "origins": s.origins,
            "independent_sources": s.independent_sources(),
            "first_reported": {"outlet": s.first_outlet, "published": s.first_published.map(|t| t.to_string())},
        }));
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

pub fn links_cmd(ctx: &Context, args: &LinksArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let articles = load(&open(ctx)?)?;
    let found = stories(&articles, &StoryParams::default());
    let only = story_filter(&found, args.story.as_deref())?;
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for l in cross_links(&articles, &found, &LinkParams::default())
        .into_iter()
        .filter(|l| only.is_none_or(|o| o == l.story))
    {
        let story = &found.stories[l.story].id;
        let from = &articles[l.from.article].claims[l.from.claim];
        let target = &articles[l.target.article].claims[l.target.claim];
        rows.push(vec![
            story.clone(),
            l.kind.as_str().to_string(),
            from.id.to_string(),
            from.speaker.clone(),
            target.id.to_string(),
            target.speaker.clone(),
            format!("{:.2}", l.overlap),
            from.text.clone(),
            target.text.clone(),
        ]);
        json_rows.push(json!({
            "story": story, "kind": l.kind.as_str(), "named": l.named,
            "overlap": (l.overlap * 1000.0).round() / 1000.0,
            "from": occurrence_json(&articles, l.from),
            "target": occurrence_json(&articles, l.target),
        }));
    }
    let header = [
        "story",
        "kind",
        "claim",
        "speaker",
        "target",
        "target_speaker",
        "overlap",
        "text",
        "target_text",
    ];
    print(ctx, args.format, out, &header, rows, json_rows)
}

pub fn figures_cmd(ctx: &Context, args: &FiguresArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let articles = load(&open(ctx)?)?;
    let found = stories(&articles, &StoryParams::default());
    let only = story_filter(&found, args.story.as_deref())?;
    let mut rows = Vec::new();
    let mut json_rows = Vec::new();
    for f in figures(&articles, &found)
        .into_iter()
        .filter(|f| only.is_none_or(|o| o == f.story))
    {
        let story = &found.stories[f.story].id;
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
