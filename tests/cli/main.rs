//! Integration tests that drive the `claimgraph` binary against real stores in temporary
//! directories: ingest, queries, exports, the failure model, crashes. One test binary, so
//! the suite links once (each module was a test file of its own).

#[path = "../common/mod.rs"]
mod common;

mod actor_identity;
mod cli_export;
mod cli_ingest;
mod config;
mod crash;
mod extract_cli;
mod failure_model;
mod gallery;
mod link;
mod query_cli;
mod serve;
mod shell_tty;
mod stories;
