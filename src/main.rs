//! The `claimgraph` command line: argument parsing, dispatch and error printing only; the
//! commands live in `src/cli`.

mod cli;

use clap::{CommandFactory, Parser, Subcommand};
use cli::{CliError, Context};
use std::io::Write;
use std::path::PathBuf;

/// Extraction, ingest and queries make many small, short-lived allocations (tokens, keys,
/// decoded rows); jemalloc serves them with 10–20 % less CPU than the system allocator at the
/// same peak memory (docs/storage.md, "The allocator", has the figures; mimalloc was faster
/// still but held 40–90 % more memory at peak).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Examples, where to read on, and the exit codes, for `--help` (the codes are in the
/// README too).
const AFTER_HELP: &str = "Examples:
  claimgraph --store news.db ingest examples/aleppo.vi.txt --published 2016-12-12
  claimgraph --store news.db query 'claims about Aleppo | sort said'
  claimgraph --store news.db query 'claims by Russia' --format jsonl | jq .text
  claimgraph --store news.db shell
  claimgraph --store news.db serve          # then open http://127.0.0.1:7878/

The query language: docs/query-language.md (claims <predicates> | <stages>).
Defaults (store, format, extra actors) can live in ~/.config/claimgraph/config.toml.

Exit codes:
  0  ok
  1  a problem with your input: bad arguments, a bad query, a bad record, a missing file
     or store (the message says which file, line or token)
  2  an internal error (a bug in claimgraph: please report it)
  3  the store is unusable: damaged, locked by another process, written by a newer
     claimgraph, or the disk is full";

#[derive(Parser)]
#[command(
    name = "claimgraph",
    version,
    about = "Who said what, and when: a claim graph store for news",
    after_help = AFTER_HELP
)]
struct Cli {
    /// The store directory (sled). Created on first ingest. Default: the config file's
    /// `store`, else ./claimgraph.db.
    #[arg(
        long,
        global = true,
        env = "CLAIMGRAPH_STORE",
        default_value = "claimgraph.db"
    )]
    store: PathBuf,
    /// The configuration file (default store, output format, extra actors). Default:
    /// $XDG_CONFIG_HOME/claimgraph/config.toml or ~/.config/claimgraph/config.toml.
    #[arg(long, global = true, env = "CLAIMGRAPH_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    /// Write CSV values exactly as stored. By default a cell that starts with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return gets a leading `'` so spreadsheets do not run it as
    /// a formula, and bidirectional formatting characters show as `⟨U+202E⟩`.
    #[arg(long, global = true)]
    raw_csv: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract claims from an article's text (Vietnamese or English) as one article record.
    #[command(
        after_help = "Example: claimgraph extract aleppo.vi.txt --published 2016-12-12 --format table"
    )]
    Extract(cli::extract::ExtractArgs),
    /// Store article records from JSON Lines files (one article per line).
    #[command(
        after_help = "Example:\n  claimgraph ingest records.jsonl\n  claimgraph ingest examples/aleppo.vi.txt --published 2016-12-12\n  gen_claims.py -n 100 | claimgraph ingest -"
    )]
    Ingest(cli::ingest::IngestArgs),
    /// Counts of articles, claims, actors and topics, and the said-time range.
    #[command(after_help = "Example:\n  claimgraph stats --format json")]
    Stats(cli::list::StatsArgs),
    /// Every article with its publisher, publication time and number of claims.
    #[command(after_help = "Example:\n  claimgraph articles --format json")]
    Articles(cli::list::ArticlesArgs),
    /// Every actor (speakers, relays, publishers) with kind, role and membership.
    #[command(after_help = "Example:\n  claimgraph actors")]
    Actors(cli::list::ActorsArgs),
    /// Claims by speaker, topic, said time or article, in said order.
    #[command(
        after_help = "Example:\n  claimgraph claims --speaker 'phe noi day' --said 2016-12-10..2016-12-12"
    )]
    Claims(cli::list::ClaimsArgs),
    /// Merge index runs left by many small ingests, so lookups read one run per term.
    #[command(after_help = "Example:\n  claimgraph compact")]
    Compact(cli::list::CompactArgs),
    /// Upgrade a store written by an older claimgraph to this build's format, in place.
    #[command(
        after_help = "Example:\n  claimgraph --store old.db migrate\n\nRead commands refuse an older store and name this command. The migration is\ncrash-safe: interrupted, it resumes where it stopped when run again."
    )]
    Migrate(cli::list::MigrateArgs),
    /// Link the stored articles again: stories, statements and cross-article links, kept
    /// in the store (ingest does this by itself; ids of stories that go on are kept).
    #[command(after_help = "Example:\n  claimgraph relink")]
    Relink(cli::link::RelinkArgs),
    /// Stories: the articles that report the same event, grouped across outlets.
    #[command(after_help = "Example:\n  claimgraph stories --format json")]
    Stories(cli::link::StoriesArgs),
    /// Statements: the claims of one story that report the same speech act, with the outlets
    /// that carried each and how many independent sources they are.
    #[command(
        after_help = "Example:\n  claimgraph statements --story s12\n  claimgraph statements --min-occurrences 2 --format json"
    )]
    Statements(cli::link::StatementsArgs),
    /// Denials and confirmations in one article linked to the claim they answer in another
    /// article of the same story.
    #[command(after_help = "Example:\n  claimgraph links --format json")]
    Links(cli::link::LinksArgs),
    /// Figures several articles of a story give for the same counted thing, and whether
    /// they agree.
    #[command(after_help = "Example:\n  claimgraph figures --story s12")]
    Figures(cli::link::FiguresArgs),
    /// Run a query: `claims <predicates> | <stages>` (see docs/query-language.md).
    #[command(
        after_help = "Example:\n  claimgraph query 'claims about Aleppo said 2016-12-10..2016-12-12'\n  claimgraph query 'claims about Aleppo | group speaker | top 10' --format json\n  claimgraph query - < question.cg"
    )]
    Query(cli::query::QueryArgs),
    /// Show how a query would run: the index it uses, the scans, the estimated rows.
    #[command(after_help = "Example:\n  claimgraph explain 'claims by Russia | sort said desc'")]
    Explain(cli::query::ExplainArgs),
    /// An interactive query prompt with history, line editing, multi-line input and
    /// meta-commands (.mode, .headers, .timer, .output, .read; .help lists them).
    #[command(
        after_help = "Example:\n  claimgraph --store aleppo.db shell\n  claimgraph --store aleppo.db shell -f questions.cg --format csv"
    )]
    Shell(cli::query::ShellArgs),
    /// A timeline of a query's claims (default: all), as Markdown, CSV, JSON, TimelineJS or HTML.
    #[command(
        after_help = "Example:\n  claimgraph timeline 'claims about Aleppo' --format html -o aleppo.html\n  claimgraph timeline --axis event --format timelinejs"
    )]
    Timeline(cli::export::TimelineArgs),
    /// The graph of a query's claims (default: the store's first in said order) as Graphviz
    /// DOT, or rendered to SVG/PNG; at most --max-claims claims (default 100).
    #[command(
        after_help = "Example:\n  claimgraph dot 'claims about Aleppo' --render svg -o aleppo.svg"
    )]
    Dot(cli::export::DotArgs),
    /// The graph of a query's claims (default: all, streamed) as GraphML or JSON, for Gephi,
    /// Cytoscape and programs.
    #[command(
        after_help = "Example:\n  claimgraph export 'claims by Russia' --format graphml -o russia.graphml"
    )]
    Export(cli::export::ExportArgs),
    /// Serve the store to a browser and programs: a web page with the query box, a
    /// timeline and a claim graph, and a JSON API (docs/serve.md).
    #[command(
        after_help = "Example:\n  claimgraph --store aleppo.db serve\n  claimgraph serve --bind 0.0.0.0:7878 --token \"$(openssl rand -hex 16)\"\n\nThen open http://127.0.0.1:7878/ ; the API is described at /api/openapi.json.\nWhile it runs, the read commands, ingest and relink on the same store go through it."
    )]
    Serve(cli::serve::ServeArgs),
    /// Shell completions (bash, zsh, fish, elvish, powershell), generated from these
    /// definitions.
    #[command(
        after_help = "Example:\n  claimgraph completions bash > ~/.local/share/bash-completion/completions/claimgraph\n  claimgraph completions zsh > ~/.zfunc/_claimgraph"
    )]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), generated from these definitions.
    #[command(after_help = "Example:\n  claimgraph man > claimgraph.1 && man ./claimgraph.1")]
    Man,
}

/// Where to report an internal error: the package's repository when it names one.
fn report_to() -> String {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => "the claimgraph issue tracker".to_string(),
        repo => format!("{}/issues", repo.trim_end_matches('/')),
    }
}

impl Command {
    /// The `--format` of a command that prints rows (listings and queries).
    fn row_format(&mut self) -> Option<&mut claimgraph_export::Format> {
        match self {
            Command::Stats(a) => Some(&mut a.format),
            Command::Articles(a) => Some(&mut a.format),
            Command::Actors(a) => Some(&mut a.format),
            Command::Claims(a) => Some(&mut a.format),
            Command::Stories(a) => Some(&mut a.format),
            Command::Statements(a) => Some(&mut a.format),
            Command::Links(a) => Some(&mut a.format),
            Command::Figures(a) => Some(&mut a.format),
            Command::Query(a) => Some(&mut a.format),
            Command::Shell(a) => Some(&mut a.format),
            _ => None,
        }
    }

    /// The `--actors` of a command that extracts.
    fn actors_file(&mut self) -> Option<&mut Option<PathBuf>> {
        match self {
            Command::Extract(a) => Some(&mut a.text.actors),
            Command::Ingest(a) => Some(&mut a.text.actors),
            _ => None,
        }
    }
}

/// Parses the arguments and applies the configuration file's defaults where no flag or
/// environment variable gave a value.
fn parse_args() -> Result<Cli, CliError> {
    use clap::parser::ValueSource;
    use clap::FromArgMatches;
    let matches = Cli::command().try_get_matches().unwrap_or_else(|e| {
        // `--help` and `--version` are not errors; a usage error is the user's input
        // (exit 1), not an internal error as clap's default exit code 2 would say.
        let _ = e.print();
        std::process::exit(if e.use_stderr() {
            cli::EXIT_USER
        } else {
            cli::EXIT_OK
        });
    });
    let mut cli = Cli::from_arg_matches(&matches).map_err(|e| CliError::User(e.to_string()))?;
    let config = cli::config::load(cli.config.as_deref())?;
    let defaulted = |m: &clap::ArgMatches, id: &str| {
        m.try_contains_id(id).unwrap_or(false)
            && m.value_source(id) == Some(ValueSource::DefaultValue)
    };
    if let Some(store) = config.store.filter(|_| defaulted(&matches, "store")) {
        cli.store = store;
    }
    let sub = matches.subcommand().map(|(_, m)| m);
    if let (Some(format), Some(target)) = (config.format, cli.command.row_format()) {
        if sub.is_some_and(|m| defaulted(m, "format")) {
            *target = format;
        }
    }
    if let (Some(actors), Some(target)) = (config.actors, cli.command.actors_file()) {
        target.get_or_insert(actors);
    }
    Ok(cli)
}

fn main() {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!("claimgraph: {e}");
            std::process::exit(e.exit_code());
        }
    };
    // A panic is a bug: say so plainly, point to where it can be reported, and exit 2
    // instead of Rust's 101 (the payload and location still go to stderr for the report).
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "claimgraph: internal error: {info}\nThis is a bug in claimgraph; please report this at {} with the command you ran.\nhint: run again with RUST_BACKTRACE=1 and include the backtrace.",
            report_to()
        );
    }));
    let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&cli)))
        .unwrap_or(cli::EXIT_INTERNAL);
    std::process::exit(code);
}

/// Runs the command and returns the exit code. Output is flushed on every path, errors
/// included, so whatever a command wrote before failing (an ingest summary) is kept.
fn run(cli: &Cli) -> i32 {
    // Lets the tests check the panic path through the real binary; nothing else sets it.
    if std::env::var_os("CLAIMGRAPH_TEST_PANIC").is_some() {
        panic!("CLAIMGRAPH_TEST_PANIC is set");
    }
    let ctx = Context {
        store: cli.store.clone(),
        csv: if cli.raw_csv {
            claimgraph_export::CsvStyle::Raw
        } else {
            claimgraph_export::CsvStyle::Safe
        },
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result: Result<(), CliError> = match &cli.command {
        Command::Extract(args) => cli::extract::run(&ctx, args, &mut out),
        Command::Ingest(args) => cli::ingest::run(&ctx, args, &mut out),
        Command::Stats(args) => cli::list::stats(&ctx, args, &mut out),
        Command::Articles(args) => cli::list::articles(&ctx, args, &mut out),
        Command::Actors(args) => cli::list::actors(&ctx, args, &mut out),
        Command::Claims(args) => cli::list::claims(&ctx, args, &mut out),
        Command::Compact(args) => cli::list::compact(&ctx, args, &mut out),
        Command::Migrate(args) => cli::list::migrate(&ctx, args, &mut out),
        Command::Relink(args) => cli::link::relink_cmd(&ctx, args, &mut out),
        Command::Stories(args) => cli::link::stories_cmd(&ctx, args, &mut out),
        Command::Statements(args) => cli::link::statements_cmd(&ctx, args, &mut out),
        Command::Links(args) => cli::link::links_cmd(&ctx, args, &mut out),
        Command::Figures(args) => cli::link::figures_cmd(&ctx, args, &mut out),
        Command::Query(args) => cli::query::run(&ctx, args, &mut out),
        Command::Explain(args) => cli::query::explain(&ctx, args, &mut out),
        Command::Shell(args) => cli::query::shell(&ctx, args, &mut out),
        Command::Timeline(args) => cli::export::timeline(&ctx, args, &mut out),
        Command::Dot(args) => cli::export::dot(&ctx, args, &mut out),
        Command::Export(args) => cli::export::export(&ctx, args, &mut out),
        Command::Serve(args) => cli::serve::run(&ctx, args, &mut out),
        Command::Completions { shell } => {
            // Generated into memory first: clap_complete panics when its writer fails (a
            // closed pipe), and writing here reports that as any other output error.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "claimgraph", &mut script);
            out.write_all(&script).map_err(CliError::from)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut out)
            .map_err(CliError::from),
    };
    let flushed = out.flush().map_err(CliError::from);
    match result.and(flushed) {
        Ok(()) | Err(CliError::OutputClosed) => cli::EXIT_OK,
        Err(e) => {
            eprintln!("claimgraph: {e}");
            e.exit_code()
        }
    }
}
