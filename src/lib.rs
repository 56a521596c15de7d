//! claimgraph: an event-timeline knowledge graph store for news.
//!
//! The pipeline reads top to bottom: [`extract`] (text → article record) → [`model`]
//! (articles, actors, claims, times) → [`store`] (sled, key layout, indexes, codec) →
//! `query` (lexer, parser, planner, executor) → [`export`] (table, JSON, CSV, timeline,
//! DOT), with [`graph`] turning a set of claims into a petgraph graph. See
//! `ARCHITECTURE.md` for the map.

pub mod cli;
pub mod export;
pub mod extract;
pub mod graph;
pub mod model;
pub mod query;
pub mod store;
