//! Command implementations behind `main.rs`. Each command is a clap `Args` struct plus a
//! `run` function that writes to the given output and returns a [`CliError`]; `main.rs`
//! only parses arguments, dispatches and prints errors.

pub mod config;
pub mod export;
pub mod extract;
mod feed;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use std::path::PathBuf;
use std::str::FromStr;

/// Options every command shares.
#[derive(Debug, Clone)]
pub struct Context {
    /// Where the sled store lives.
    pub store: PathBuf,
    /// How CSV output writes its cells: spreadsheet-safe unless `--raw-csv`.
    pub csv: claimgraph_export::CsvStyle,
}

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: the user's input (arguments, query, record, a missing file or store).
pub const EXIT_USER: i32 = 1;
/// Exit code: an internal error, a bug.
pub const EXIT_INTERNAL: i32 = 2;
/// Exit code: the store cannot be used (damaged, locked, too new) or the disk is full.
pub const EXIT_UNUSABLE: i32 = 3;

/// What went wrong, split by whose fault it is; each kind has its exit code (see the
/// README and `claimgraph --help`).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The user's input: exit 1.
    #[error("{0}")]
    User(String),
    /// A query that does not parse or plan (exit 1); kept whole so a server answers its
    /// span and help, as `/api/query` does.
    #[error("invalid query\n{}", .0.render())]
    Query(claimgraph_query::QueryError),
    /// A bug: exit 2.
    #[error("{0}")]
    Internal(String),
    /// The store or the disk: damaged, locked by another process, too new, full. Exit 3.
    #[error("{0}")]
    Unusable(String),
    /// The reader of our output went away (`claimgraph ... | head`): normal use.
    #[error("output closed")]
    OutputClosed,
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::User(_) | CliError::Query(_) => EXIT_USER,
            CliError::Internal(_) => EXIT_INTERNAL,
            CliError::Unusable(_) => EXIT_UNUSABLE,
            CliError::OutputClosed => EXIT_OK,
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::BrokenPipe => CliError::OutputClosed,
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                CliError::Unusable(format!("writing output: {e}"))
            }
            _ => CliError::Internal(format!("writing output: {e}")),
        }
    }
}

pub mod ingest;
pub mod link;
pub mod list;
mod parquet;
pub mod query;
mod route;
pub mod serve;

use claimgraph_store::StoreError;

/// Maps store errors to exit codes: a missing store is the user's to fix (exit 1); a
/// damaged, locked or too-new store, or a failing or full disk, makes it unusable (exit 3);
/// asking for an index that does not exist is a bug (exit 2).
pub fn store_error(e: StoreError) -> CliError {
    match e {
        StoreError::Missing { .. } => CliError::User(e.to_string()),
        StoreError::InUse { .. }
        | StoreError::TooNew { .. }
        | StoreError::NeedsMigration { .. }
        | StoreError::Corrupt { .. }
        | StoreError::DiskFull { .. }
        | StoreError::Open { .. }
        | StoreError::Kv(_)
        | StoreError::Codec(_)
        | StoreError::Guard(_) => CliError::Unusable(e.to_string()),
        StoreError::NoTimeIndex(_) => CliError::Internal(e.to_string()),
    }
}

thread_local! {
    /// Where [`note`] puts lines while a server runs a command for a client on this
    /// thread ([`capturing_notes`]); `None`: on stderr.
    static NOTES: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Prints a note (a cap, a truncation, a linking) on stderr, or hands it to the client a
/// server is running the command for.
pub fn note(line: String) {
    NOTES.with(|notes| match &mut *notes.borrow_mut() {
        Some(captured) => captured.push(line),
        None => eprintln!("{line}"),
    });
}

/// Runs `job`, collecting the lines it [`note`]s instead of printing them.
pub fn capturing_notes<T>(job: impl FnOnce() -> T) -> (T, Vec<String>) {
    NOTES.with(|notes| *notes.borrow_mut() = Some(Vec::new()));
    let result = job();
    let captured = NOTES
        .with(|notes| notes.borrow_mut().take())
        .unwrap_or_default();
    (result, captured)
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
    let all: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
    choice_among(choices, &all)
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
    choice_among(choices, offered)
}

/// The name `value` goes by among `choices` (the inverse of [`choice`]'s parsing), for
/// passing a parsed option on to a running server.
pub fn choice_name<T: FromStr + PartialEq>(
    choices: &'static [(&'static str, &'static str)],
    value: &T,
) -> Option<&'static str> {
    choices
        .iter()
        .map(|(name, _)| *name)
        .find(|name| name.parse::<T>().ok().as_ref() == Some(value))
}

fn choice_among<T>(
    choices: &'static [(&'static str, &'static str)],
    offered: &[&str],
) -> impl TypedValueParser<Value = T>
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: Into<Box<dyn std::error::Error + Send + Sync + 'static>>,
{
    let values: Vec<PossibleValue> = choices
        .iter()
        .filter(|(name, _)| offered.contains(name))
        .map(|(name, help)| PossibleValue::new(*name).help(*help))
        .collect();
    PossibleValuesParser::new(values).try_map(|name| name.parse::<T>())
}
