//! Fuzzes the whole query path (lexer, parser, planner, executor, rendering of results and
//! of errors) on a store holding `examples/aleppo.jsonl`. Inputs that fail must fail with an
//! error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| claimgraph_fuzz::query(data));
