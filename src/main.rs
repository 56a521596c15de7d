//! The `claimgraph` command line: argument parsing, dispatch and error printing only; the
//! commands live in `claimgraph::cli`.

use claimgraph::cli::{CliError, Context};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "claimgraph",
    version,
    about = "Who said what, and when: a claim graph store for news"
)]
struct Cli {
    /// The store directory (sled). Created on first ingest.
    #[arg(
        long,
        global = true,
        env = "CLAIMGRAPH_STORE",
        default_value = "claimgraph.db"
    )]
    store: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract claims from an article's text (Vietnamese or English) as one article record.
    #[command(
        after_help = "Example: claimgraph extract aleppo.vi.txt --published 2016-12-12 --format table"
    )]
    Extract(claimgraph::cli::extract::ExtractArgs),
}

fn main() {
    let cli = Cli::parse();
    let ctx = Context { store: cli.store };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result: Result<(), CliError> = match &cli.command {
        Command::Extract(args) => claimgraph::cli::extract::run(&ctx, args, &mut out),
    };
    let result = result.and_then(|()| out.flush().map_err(CliError::from));
    if let Err(e) = result {
        eprintln!("claimgraph: {e}");
        std::process::exit(e.exit_code());
    }
}
