//! `claimgraph serve`: opens the store once and serves the JSON API and the web page
//! (the `claimgraph-serve` crate) until Ctrl-C; ingests posted to it run through
//! `ingest.rs`'s pipeline, and the routes of the other read commands through the commands
//! themselves ([`ServerCommands`]), so a command routed to the server prints what it
//! prints locally.

use super::{CliError, Context};
use claimgraph_export::CsvStyle;
use claimgraph_serve::{CommandError, Pipelines, Printed, ServeError, ServeOptions};
use claimgraph_store::Store;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: any free port, printed at start). Anything but
    /// a loopback address needs --token.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: SocketAddr,
    /// A secret every request must present (`Authorization: Bearer TOKEN`, or open the page
    /// as /?token=TOKEN): 16 to 256 visible ASCII characters.
    #[arg(long, env = "CLAIMGRAPH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Seconds a query may run before the request is answered with an error.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub time_limit: u64,
    /// Largest JSON Lines body one POST /api/ingest accepts, in MiB (`claimgraph ingest`
    /// sends larger inputs in parts).
    #[arg(long, value_name = "MIB", default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_ingest_mib: u64,
}

fn serve_error(e: ServeError) -> CliError {
    match e {
        ServeError::TokenRequired { .. } | ServeError::BadToken | ServeError::Bind { .. } => {
            CliError::User(e.to_string())
        }
        ServeError::Io(io) => CliError::Internal(format!("the server failed: {io}")),
    }
}

pub fn run(ctx: &Context, args: &ServeArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = super::list::open(ctx, "serve")?;
    let options = ServeOptions {
        bind: args.bind,
        token: args.token.clone(),
        query_time_limit: Duration::from_secs(args.time_limit),
        max_ingest_bytes: (args.max_ingest_mib << 20) as usize,
        ..ServeOptions::default()
    };
    let with_token = options.token.is_some();
    let pipelines = Pipelines {
        ingest: Some(Arc::new(super::ingest::ServerIngest)),
        commands: Some(Arc::new(ServerCommands)),
    };
    claimgraph_serve::serve(store, options, pipelines, |addr| {
        let hint = if with_token { "?token=TOKEN" } else { "" };
        writeln!(
            out,
            "claimgraph serves {} on http://{addr}/{hint}",
            ctx.store.display()
        )?;
        writeln!(out, "press Ctrl-C to stop")?;
        out.flush()
    })
    .map_err(serve_error)
}

/// The read commands and linking the server runs for its routes: the commands' own code on
/// the server's open store, their options parsed by their own clap definitions.
pub struct ServerCommands;

/// One command's options alone, as clap parses them from the request's parameters.
#[derive(Debug, clap::Parser)]
#[command(no_binary_name = true)]
struct Options<T: clap::Args> {
    #[command(flatten)]
    args: T,
}

/// Options a request may not give: they name files on the server's machine.
const LOCAL_ONLY: &[&str] = &["output", "render"];

/// The request's parameters as the command's arguments: `q` is the query, `csv` the CSV
/// style (`raw` or `safe`), every other `name=value` is `--name=value`.
fn arguments(params: &[(String, String)]) -> Result<(Vec<String>, CsvStyle), CliError> {
    let mut argv = Vec::new();
    let mut query = None;
    let mut csv = CsvStyle::Safe;
    for (name, value) in params {
        match name.as_str() {
            "q" => query = Some(value.clone()),
            "csv" if value == "raw" => csv = CsvStyle::Raw,
            "csv" if value == "safe" => {}
            "csv" => {
                return Err(CliError::User(format!(
                    "unknown csv style '{value}': safe or raw"
                )))
            }
            _ if LOCAL_ONLY.contains(&name.as_str())
                || name.is_empty()
                || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') =>
            {
                return Err(CliError::User(format!(
                    "parameter '{name}' is not accepted here"
                )))
            }
            _ => argv.push(format!("--{}={value}", name.replace('_', "-"))),
        }
    }
    if let Some(query) = query {
        argv.push("--".into());
        argv.push(query);
    }
    Ok((argv, csv))
}

/// `T`'s options from `argv`; clap's message (without its usage lines) when they are wrong.
fn parse<T: clap::Args>(argv: &[String]) -> Result<T, CliError> {
    use clap::Parser;
    Options::<T>::try_parse_from(argv)
        .map(|o| o.args)
        .map_err(|e| {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or_default();
            CliError::User(first.trim_start_matches("error: ").to_string())
        })
}

/// The media type of what a command prints in `format`.
fn content_type(format: &str) -> &'static str {
    match format {
        "json" | "timelinejs" => "application/json; charset=utf-8",
        "jsonl" => "application/x-ndjson; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" | "markdown" => "text/markdown; charset=utf-8",
        "graphml" => "application/graphml+xml; charset=utf-8",
        "dot" => "text/vnd.graphviz; charset=utf-8",
        // A self-contained HTML timeline is sent as text: the page runs none of it.
        _ => "text/plain; charset=utf-8",
    }
}

/// Runs `name` on `store` into `out`; the format its output is in.
fn run_command(
    ctx: &Context,
    store: &Store,
    name: &str,
    argv: &[String],
    out: &mut Vec<u8>,
) -> Result<String, CliError> {
    use super::{export, link, list};
    match name {
        "stories" => {
            let args: link::StoriesArgs = parse(argv)?;
            link::write_stories(ctx, store, &args, out)?;
            Ok(args.format.as_str().into())
        }
        "statements" => {
            let args: link::StatementsArgs = parse(argv)?;
            link::write_statements(ctx, store, &args, out)?;
            Ok(args.format.as_str().into())
        }
        "links" => {
            let args: link::LinksArgs = parse(argv)?;
            link::write_links(ctx, store, &args, out)?;
            Ok(args.format.as_str().into())
        }
        "figures" => {
            let args: link::FiguresArgs = parse(argv)?;
            link::write_figures(ctx, store, &args, out)?;
            Ok(args.format.as_str().into())
        }
        "actors" => {
            let args: list::ActorsArgs = parse(argv)?;
            if args.unmerge.is_some() {
                return Err(CliError::User(
                    "`actors --unmerge` changes the store: stop the server, or run it where the server runs".into(),
                ));
            }
            list::write_actors(store, args.format, ctx.csv, out)?;
            Ok(args.format.as_str().into())
        }
        "stats" => {
            let args: list::StatsArgs = parse(argv)?;
            list::write_stats(ctx, store, &args, out)?;
            Ok(args.format.as_str().into())
        }
        "articles" => {
            let args: list::ArticlesArgs = parse(argv)?;
            list::write_articles(ctx, store, &args, out)?;
            Ok(args.format.as_str().into())
        }
        "timeline" => {
            let args: export::TimelineArgs = parse(argv)?;
            export::timeline_on(ctx, store, &args, out)?;
            Ok(args.format.as_str().into())
        }
        "dot" => {
            let args: export::DotArgs = parse(argv)?;
            out.extend(export::dot_source(store, &args)?);
            Ok("dot".into())
        }
        "export" => {
            use clap::ValueEnum;
            let args: export::ExportArgs = parse(argv)?;
            if args.format == export::GraphFormat::Parquet {
                return Err(CliError::User(
                    "export --format parquet writes files; it does not go through the server: \
                     stop the server and run it again"
                        .into(),
                ));
            }
            export::export_on(store, &args, out)?;
            let format = args.format.to_possible_value();
            Ok(format.map_or("json".into(), |f| f.get_name().to_string()))
        }
        other => Err(CliError::Internal(format!("no command '{other}' to serve"))),
    }
}

fn command_error(e: CliError) -> CommandError {
    match e {
        CliError::User(message) => CommandError::User(message),
        CliError::Query(e) => CommandError::Query(e),
        CliError::Unusable(message) => CommandError::Unusable(message),
        CliError::Internal(message) => CommandError::Internal(message),
        CliError::OutputClosed => CommandError::Internal("output closed".into()),
    }
}

impl claimgraph_serve::Commands for ServerCommands {
    fn run(
        &self,
        store: &Store,
        name: &str,
        params: &[(String, String)],
    ) -> Result<Printed, CommandError> {
        let (argv, csv) = arguments(params).map_err(command_error)?;
        let ctx = Context {
            store: store.path().to_path_buf(),
            csv,
        };
        let mut body = Vec::new();
        let (format, notes) =
            super::capturing_notes(|| run_command(&ctx, store, name, &argv, &mut body));
        let format = format.map_err(command_error)?;
        Ok(Printed {
            body,
            content_type: content_type(&format),
            notes,
        })
    }

    fn link(&self, store: &Store, when_stale: bool) -> Result<Option<String>, CommandError> {
        if when_stale {
            super::link::link_after_ingest(store).map_err(command_error)
        } else {
            let linked = super::link::relink(store).map_err(command_error)?;
            Ok(Some(linked.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_become_the_commands_own_options() {
        let params = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let (argv, csv) = arguments(&params(&[
            ("q", "-claims by x"),
            ("min_occurrences", "2"),
            ("csv", "raw"),
        ]))
        .unwrap();
        assert_eq!(argv, ["--min-occurrences=2", "--", "-claims by x"]);
        assert_eq!(csv, CsvStyle::Raw);
        let args: super::super::link::StatementsArgs = parse(&argv[..1]).unwrap();
        assert_eq!(args.min_occurrences, 2);
        for refused in ["output", "render", "Format", "a-b", ""] {
            assert!(arguments(&params(&[(refused, "x")])).is_err(), "{refused}");
        }
        let wrong = parse::<super::super::link::StoriesArgs>(&["--format=yaml".into()]);
        assert!(matches!(wrong, Err(CliError::User(m)) if m.contains("yaml")));
    }
}
