//! Command implementations behind `main.rs`. Each command is a clap `Args` struct plus a
//! `run` function that writes to the given output and returns a [`CliError`]; `main.rs`
//! only parses arguments, dispatches and prints errors.

pub mod export;
pub mod extract;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use std::path::PathBuf;
use std::str::FromStr;

/// Options every command shares.
#[derive(Debug, Clone)]
pub struct Context {
    /// Where the sled store lives.
    pub store: PathBuf,
}

/// What went wrong, split by whose fault it is: exit code 1 for the user's input, 2 for
/// everything else.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    User(String),
    #[error("{0}")]
    Internal(String),
    /// The reader of our output went away (`claimgraph ... | head`): normal use.
    #[error("output closed")]
    OutputClosed,
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::User(_) => 1,
            CliError::Internal(_) => 2,
            CliError::OutputClosed => 0,
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return CliError::OutputClosed;
        }
        CliError::Internal(format!("writing output: {e}"))
    }
}

pub mod ingest;
pub mod list;
pub mod query;

use claimgraph_store::StoreError;

/// Maps store errors to exit codes: a missing, busy or too-new store is the user's to fix.
pub fn store_error(e: StoreError) -> CliError {
    match e {
        StoreError::InUse { .. }
        | StoreError::Missing { .. }
        | StoreError::TooNew { .. }
        | StoreError::NeedsMigration { .. }
        | StoreError::DiskFull { .. } => CliError::User(e.to_string()),
        other => CliError::Internal(other.to_string()),
    }
}

/// A byte progress bar on stderr, drawn only when stderr is a terminal.
pub fn progress_bar(total: Option<u64>) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} {bar:40} {bytes_per_sec} eta {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}

/// A clap value parser for a library enum that knows its names (`CHOICES`) and parses
/// itself (`FromStr`): the libraries stay free of clap, and `--help` still lists every value
/// with its description.
pub fn choice<T>(
    choices: &'static [(&'static str, &'static str)],
) -> impl TypedValueParser<Value = T>
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    let values = choices
        .iter()
        .map(|(name, help)| PossibleValue::new(*name).help(*help));
    PossibleValuesParser::new(values).try_map(|name| name.parse::<T>())
}

/// [`choice`] limited to some of the names (an axis a command cannot use is not offered).
pub fn choice_of<T>(
    choices: &'static [(&'static str, &'static str)],
    offered: &'static [&'static str],
) -> impl TypedValueParser<Value = T>
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    let values = choices
        .iter()
        .filter(|(name, _)| offered.contains(name))
        .map(|(name, help)| PossibleValue::new(*name).help(*help));
    PossibleValuesParser::new(values).try_map(|name| name.parse::<T>())
}
