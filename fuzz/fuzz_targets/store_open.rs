//! Fuzzes opening a damaged store. A small valid store (the Aleppo example, ingested once
//! per process into a template directory) is copied and its files are mutated at positions
//! the input chooses (bytes flipped, files truncated, ranges zeroed); the copy is opened
//! with `Store::open_existing` and, when it opens, read in full. Every outcome must be `Ok`
//! or `Err`: a wrong answer cannot be detected here, a panic in sled or in our decoder can.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| claimgraph_fuzz::store_open(data));
