//! Helpers shared by the integration tests: synthetic article records and paths.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::PathBuf;

/// The shared corpus folder beside the clone, when present.
pub fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"));
    p.is_dir().then_some(p)
}

/// `n` deterministic JSON Lines records; article `i` has `claims_in(i)` claims.
pub fn synthetic_jsonl(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let mut claims = Vec::new();
        for j in 0..claims_in(i) {
            let speaker = [
                "Phe nổi dậy",
                "Russia",
                "Sergei Ryabkov",
                "a Western diplomat",
            ][(i + j) % 4];
            let responds = if j > 0 && j % 3 == 0 {
                format!(r#"["art-{i:06}#0"]"#)
            } else {
                "[]".into()
            };
            let stance = if j % 3 == 0 && j > 0 {
                "deny"
            } else {
                "assert"
            };
            claims.push(format!(
                r#"{{"id":"art-{i:06}#{j}","speaker":"{speaker}","cue":"said","stance":"{stance}","text":"claim {j} of article {i} about \"Aleppo\"","said":"2016-12-{day:02}","when":null,"via":["Reuters"],"about":["Aleppo","topic {t}"],"quantities":[],"responds_to":{responds}}}"#,
                day = 1 + (i % 28),
                t = i % 50
            ));
        }
        let _ = writeln!(
            out,
            r#"{{"article":{{"id":"art-{i:06}","publisher":"Outlet {p}","author":null,"published":"2016-12-{day:02}T08:00:00Z","lang":"en","title":"Article {i}"}},"claims":[{}]}}"#,
            claims.join(","),
            p = i % 7,
            day = 1 + (i % 28)
        );
    }
    out
}

pub fn claims_in(i: usize) -> usize {
    1 + (i * 7919) % 9
}
