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
enum Command {}

fn main() {
    let cli = Cli::parse();
    let ctx = Context { store: cli.store };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result: Result<(), CliError> = match cli.command {};
    let result = result.and_then(|()| out.flush().map_err(CliError::from));
    if let Err(e) = result {
        let _ = &ctx;
        eprintln!("claimgraph: {e}");
        std::process::exit(e.exit_code());
    }
}
