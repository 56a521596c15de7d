//! Extraction throughput over the shared corpus: `cargo run --release --example bench_extract
//! [DIR] [ROUNDS]` (default `../shared/corpus`, 5 rounds). Prints MB/s and articles/s on one
//! core. TimeML files are read with their tags stripped.

#[allow(dead_code)]
#[path = "../tests/common/timeml.rs"]
mod timeml;

use claimgraph_extract::{extract, ExtractOptions};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "tml")) {
            out.push(p);
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus").to_string());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let t = std::fs::read_to_string(f).ok()?;
            Some(if f.extension().is_some_and(|x| x == "tml") {
                timeml_text(&t)
            } else {
                t
            })
        })
        .collect();
    if texts.is_empty() {
        eprintln!("no .txt or .tml files under {dir}");
        std::process::exit(1);
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let opts = ExtractOptions::default();
    // Warm-up: loads the language data once.
    let mut claims = 0;
    for t in &texts {
        claims += extract(t, &opts).map(|r| r.claims.len()).unwrap_or(0);
    }
    let start = Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            let _ = std::hint::black_box(extract(t, &opts));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let total = (bytes * rounds) as f64;
    println!(
        "{} articles, {:.2} MB, {} claims; {} rounds in {:.3} s: {:.1} MB/s, {:.0} articles/s",
        texts.len(),
        bytes as f64 / 1e6,
        claims,
        rounds,
        secs,
        total / 1e6 / secs,
        (texts.len() * rounds) as f64 / secs
    );
}

/// The text of a TimeML file (its `<TEXT>` body, tags removed), as the TimeML scorer reads it.
fn timeml_text(xml: &str) -> String {
    timeml::parse_tml(xml)
        .map(|doc| doc.text)
        .unwrap_or_default()
}
