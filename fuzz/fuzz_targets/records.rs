//! Fuzzes ingest: JSON Lines article records → serde → `enrich` (as the CLI does) → ingest
//! into a fresh store → read everything back. Bad records must be refused with an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| claimgraph_fuzz::records(data));
