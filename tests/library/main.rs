//! Integration tests of the library crates through their public APIs: extraction, time
//! expressions, queries over stores built in temporary directories, exports (snapshots,
//! Graphviz, Chromium), and the fuzz targets' regressions. One test binary, so the suite
//! links once.

#[path = "../common/mod.rs"]
mod common;

#[allow(dead_code)]
#[path = "../common/timeml.rs"]
mod timeml;

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod harness;

mod export_dot;
mod export_graph;
mod export_graph_stream;
mod export_hostile;
mod export_html_chromium;
mod export_timeline;
mod extract_corpus;
mod extract_en;
mod extract_robust;
mod extract_seed;
mod extract_spans;
mod extract_vi;
mod fuzz_regressions;
mod query_aleppo;
mod query_errors;
mod query_fuzz;
mod query_generated;
mod said_time;
mod timex_cases;
mod timex_props;
mod timex_timeml;
