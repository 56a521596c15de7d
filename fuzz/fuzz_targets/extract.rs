//! Fuzzes extraction: arbitrary bytes → `extract_bytes` in Vietnamese, English or with the
//! language detected, with or without a publication date; the record is then enriched and
//! serialized as the CLI does. Errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| claimgraph_fuzz::extract(data));
