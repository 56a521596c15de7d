//! Command implementations behind `main.rs`. Each command is a clap `Args` struct plus a
//! `run` function that writes to the given output and returns a [`CliError`]; `main.rs`
//! only parses arguments, dispatches and prints errors.

pub mod extract;

use std::path::PathBuf;

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
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::User(_) => 1,
            CliError::Internal(_) => 2,
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Internal(format!("writing output: {e}"))
    }
}
