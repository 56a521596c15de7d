//! Fuzzes the lexer and parser alone: any bytes that are UTF-8 must parse or fail with an
//! error whose span lies inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| claimgraph_fuzz::parse(data));
