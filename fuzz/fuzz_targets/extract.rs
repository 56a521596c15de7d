//! Fuzzes extraction: arbitrary bytes → `extract_bytes` in Vietnamese, English or with the
//! language detected, with or without a publication date; the record is then enriched and
//! serialized as the CLI does. Errors are fine, panics are not.
#![no_main]

use claimgraph_extract::{extract_bytes, ExtractOptions};
use libfuzzer_sys::fuzz_target;

const PUBLISHED: [Option<&str>; 4] = [
    None,
    Some("2016-12-12"),
    Some("2016-12-12T08:30:00+07:00"),
    Some("not a date"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    if text.len() > 16 * 1024 {
        return;
    }
    let lang = match selector % 3 {
        0 => None,
        1 => Some("vi".to_string()),
        _ => Some("en".to_string()),
    };
    let opts = ExtractOptions {
        lang,
        published: PUBLISHED[usize::from(selector / 3) % 4].map(str::to_string),
        narrative: selector & 0x80 == 0,
        ..ExtractOptions::default()
    };
    if let Ok(mut record) = extract_bytes(text, &opts) {
        claimgraph_extract::enrich(&mut record);
        let _ = serde_json::to_string(&record);
    }
});
