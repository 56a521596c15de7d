//! Extraction throughput: `cargo run --release --example bench_extract [DIR] [ROUNDS]`
//! (default `../shared/corpus`, 5 rounds). Prints, per corpus directory under `DIR` and for
//! long inputs of 1, 4 and 16 MB made by repeating the Vietnamese and English articles, the
//! median over the rounds of MB extracted per CPU-second of this thread. CPU time, not wall
//! time: the machines this runs on are shared, and a busy neighbour slows the wall clock but
//! not the work done. TimeML files are read with their tags stripped. `--no-tagger` (last)
//! measures the rules alone, without the learned English cue tagger.

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
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "tml")) {
            out.push(p);
        }
    }
}

fn read_texts(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    collect(dir, &mut files);
    files
        .iter()
        .filter_map(|f| {
            let t = std::fs::read_to_string(f).ok()?;
            Some(if f.extension().is_some_and(|x| x == "tml") {
                timeml_text(&t)
            } else {
                t
            })
        })
        .collect()
}

/// CPU time of this thread in seconds (user and system), from the scheduler's account; wall
/// time where that is not available.
fn cpu_seconds(wall: &Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| wall.elapsed().as_secs_f64(), |ns| ns as f64 / 1e9)
}

/// The least CPU time of one measured round.
const MIN_ROUND_CPU_SECONDS: f64 = 0.25;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Runs `rounds` rounds over `texts`; prints and returns the median MB per CPU-second.
fn measure(label: &str, texts: &[String], rounds: usize, opts: &ExtractOptions) -> f64 {
    let bytes: usize = texts.iter().map(String::len).sum();
    // Warm-up: loads the language data once, and counts the claims.
    let claims: usize = texts
        .iter()
        .map(|t| extract(t, opts).map(|r| r.claims.len()).unwrap_or(0))
        .sum();
    let clock = Instant::now();
    let mut per_round = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        // The scheduler's account moves in steps of a few milliseconds: a round repeats the
        // texts until it has run for a quarter of a CPU-second.
        let before = cpu_seconds(&clock);
        let mut done = 0usize;
        let mut cpu = 0.0;
        while cpu < MIN_ROUND_CPU_SECONDS {
            for t in texts {
                let _ = std::hint::black_box(extract(t, opts));
            }
            done += bytes;
            cpu = cpu_seconds(&clock) - before;
        }
        per_round.push(done as f64 / 1e6 / cpu);
    }
    let rate = median(per_round);
    println!(
        "{label:<12} {:>5} texts {:>8.2} MB {:>7} claims  {:>6.1} MB per CPU-second (median of {rounds})",
        texts.len(),
        bytes as f64 / 1e6,
        claims,
        rate,
    );
    rate
}

/// `size` bytes of `seed` repeated, cut at a character boundary.
fn repeated(seed: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + seed.len());
    while out.len() < size {
        out.push_str(seed);
        out.push_str("\n\n");
    }
    let mut end = size.min(out.len());
    while !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    out
}

fn main() {
    let all_args: Vec<String> = std::env::args().skip(1).collect();
    let tagger = !all_args.iter().any(|a| a == "--no-tagger");
    let mut args = all_args.into_iter().filter(|a| a != "--no-tagger");
    let dir = args
        .next()
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus").to_string());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let dir = Path::new(&dir);
    let opts = ExtractOptions {
        tagger,
        ..ExtractOptions::default()
    };
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    subdirs.sort();
    let mut all = Vec::new();
    for sub in &subdirs {
        let texts = read_texts(sub);
        if texts.is_empty() {
            continue;
        }
        let name = sub.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        measure(name, &texts, rounds, &opts);
        all.extend(texts);
    }
    if subdirs.is_empty() {
        all = read_texts(dir);
    }
    if all.is_empty() {
        eprintln!("no .txt or .tml files under {}", dir.display());
        std::process::exit(1);
    }
    measure("all", &all, rounds, &opts);
    // Long inputs: the Vietnamese and the English articles, each repeated to one text.
    for lang in ["vi", "en"] {
        let seed = read_texts(&dir.join(lang)).join("\n\n");
        if seed.is_empty() {
            continue;
        }
        for mb in [1, 4, 16] {
            let text = repeated(&seed, mb * 1_000_000);
            let lang_opts = ExtractOptions {
                lang: Some(lang.to_string()),
                tagger,
                ..ExtractOptions::default()
            };
            measure(
                &format!("{lang} {mb} MB"),
                std::slice::from_ref(&text),
                rounds.min(3),
                &lang_opts,
            );
        }
    }
}

/// The text of a TimeML file (its `<TEXT>` body, tags removed), as the TimeML scorer reads it.
fn timeml_text(xml: &str) -> String {
    timeml::parse_tml(xml)
        .map(|doc| doc.text)
        .unwrap_or_default()
}
