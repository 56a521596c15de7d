//! claimgraph: an event-timeline knowledge graph store for news.
//!
//! The pipeline reads top to bottom: [`extract`] (text → article record) → [`model`]
//! (articles, actors, claims, times) → [`store`] (sled, key layout, indexes, codec) →
//! [`query`] (lexer, parser, planner, executor) → [`export`] (table, JSON, CSV, timeline,
//! DOT). See `ARCHITECTURE.md` for the map.

pub mod cli;
pub mod export;
pub mod model;
pub mod query;
pub mod store;
