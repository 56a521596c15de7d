//! `claimgraph extract FILE`: one article's text → one article record (JSON) or a table.

use super::{CliError, Context};
use claimgraph_extract::{extract_bytes, lang, ExtractError, ExtractOptions};
use claimgraph_model::record::ArticleRecord;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Table,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// The article text (UTF-8); `-` reads standard input.
    pub file: PathBuf,
    #[command(flatten)]
    pub text: TextArgs,
    /// The article id (default: txt- and a hash of the text).
    #[arg(long)]
    pub id: Option<String>,
    /// Output: one JSON record, or a table of claims.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Print JSON on one line (JSON Lines).
    #[arg(long)]
    pub compact: bool,
}

/// What extraction needs to know about text articles; shared by `extract` and `ingest`.
#[derive(Debug, Clone, clap::Args)]
pub struct TextArgs {
    /// Language of text input: a built-in language code, or auto (detected).
    #[arg(long, default_value = "auto", value_parser = lang_values())]
    pub lang: String,
    /// Publication date of text input (YYYY-MM-DD or RFC 3339): resolves "ngày 11-12",
    /// "yesterday".
    #[arg(long)]
    pub published: Option<String>,
    /// The outlet of text input, when the byline does not name it.
    #[arg(long)]
    pub publisher: Option<String>,
    /// Leave out the article's own statements (narrative claims).
    #[arg(long)]
    pub no_narrative: bool,
    /// Rules only: leave out the learned cue tagger (English).
    #[arg(long)]
    pub no_tagger: bool,
    /// Extra actors: a JSON file `{"actors": [{"name", "kind", "aliases", "role", "member_of"}]}`.
    #[arg(long)]
    pub actors: Option<PathBuf>,
}

/// `--lang` values: `auto` and the built-in languages, from extraction's registry.
fn lang_values() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(std::iter::once("auto").chain(lang::languages()))
}

fn read(path: &PathBuf) -> Result<Vec<u8>, CliError> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map_err(|e| CliError::User(format!("reading standard input: {e}")))?;
        return Ok(buf);
    }
    std::fs::read(path).map_err(|e| CliError::User(format!("{}: {e}", path.display())))
}

/// Extraction options from the command line; `id` names the article.
pub fn options(args: &TextArgs, id: Option<String>) -> Result<ExtractOptions, CliError> {
    let extra_actors = match &args.actors {
        None => Vec::new(),
        Some(p) => {
            let bytes = read(p)?;
            let text = String::from_utf8(bytes)
                .map_err(|e| CliError::User(format!("{}: not UTF-8 ({e})", p.display())))?;
            lang::parse_actor_file(&p.display().to_string(), &text)
                .map_err(|e| CliError::User(e.to_string()))?
        }
    };
    Ok(ExtractOptions {
        lang: Some(args.lang.clone()),
        published: args.published.clone(),
        publisher: args.publisher.clone(),
        id,
        title: None,
        narrative: !args.no_narrative,
        extra_actors,
        tagger: !args.no_tagger,
    })
}

pub fn run(_ctx: &Context, args: &ExtractArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let opts = options(&args.text, args.id.clone())?;
    let bytes = read(&args.file)?;
    let record = extract_bytes(&bytes, &opts).map_err(|e| match e {
        ExtractError::Lang(lang::LangError::Data { .. }) => CliError::Internal(e.to_string()),
        e => CliError::User(format!("{}: {e}", args.file.display())),
    })?;
    match args.format {
        Format::Json => {
            let json = if args.compact {
                serde_json::to_string(&record)
            } else {
                serde_json::to_string_pretty(&record)
            }
            .map_err(|e| CliError::Internal(format!("encoding JSON: {e}")))?;
            writeln!(out, "{json}")?;
        }
        Format::Table => write_table(&record, out)?,
    }
    Ok(())
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

fn write_table(record: &ArticleRecord, out: &mut dyn Write) -> Result<(), CliError> {
    let a = &record.article;
    writeln!(
        out,
        "article {}  lang {}  publisher {}  author {}  published {}",
        a.id,
        a.lang.as_deref().unwrap_or("-"),
        a.publisher.as_deref().unwrap_or("-"),
        a.author.as_deref().unwrap_or("-"),
        a.published.as_deref().unwrap_or("-"),
    )?;
    writeln!(
        out,
        "{:<4} {:<28} {:<14} {:<14} {:<12} {:<12} TEXT",
        "#", "SPEAKER", "CUE", "STANCE", "VIA", "SAID"
    )?;
    for (i, c) in record.claims.iter().enumerate() {
        writeln!(
            out,
            "{:<4} {:<28} {:<14} {:<14} {:<12} {:<12} {}",
            i,
            clip(&c.speaker, 28),
            clip(c.cue.as_deref().unwrap_or("(narrative)"), 14),
            c.stance,
            clip(&c.via.join(">"), 12),
            c.said.as_deref().unwrap_or("-"),
            clip(&c.text, 70)
        )?;
    }
    Ok(())
}
