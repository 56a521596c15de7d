//! Exports of query results: tables, CSV and JSON here; timelines, DOT and GraphML beside.

pub mod table;
