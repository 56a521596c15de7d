//! Fuzzes the lexer and parser alone: any bytes that are UTF-8 must parse or fail with an
//! error whose span lies inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = claimgraph_query::check_syntax(text) {
            if let Some(span) = e.span() {
                assert!(span.end <= text.len());
            }
            let _ = e.render();
        }
    }
});
