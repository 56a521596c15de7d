//! Store benchmark: ingest throughput, size on disk, peak memory, and lookup latency, on
//! corpora from `../shared/bench/gen_claims.py`.
//!
//! Run: `cargo bench --bench store` (N = 10,000 and 100,000), or
//! `cargo bench --bench store -- 10000` for one size. Corpora and stores are kept under
//! `target/bench-data/` so later runs (and the query benchmark) reuse them.
//! Reports figures; asserts nothing about time.

use claimgraph_model::record::ArticleRecord;
use claimgraph_model::TimeSpan;
use claimgraph_query::Listing;
use claimgraph_store::{IngestOptions, Store};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let generator = root.join("../shared/bench/gen_claims.py");
    if !generator.exists() {
        eprintln!("skipped: {} is absent", generator.display());
        return;
    }
    let data = root.join("target/bench-data");
    std::fs::create_dir_all(&data).expect("create target/bench-data");
    for n in sizes {
        let corpus = data.join(format!("claims-{n}.jsonl"));
        if !corpus.exists() {
            eprintln!("generating {n} articles ...");
            let ok = Command::new("python3")
                .arg(&generator)
                .args(["--articles", &n.to_string(), "--seed", "42", "-o"])
                .arg(&corpus)
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "gen_claims.py failed");
        }
        bench_size(n, &corpus, &data.join(format!("store-{n}")));
    }
}

fn bench_size(n: usize, corpus: &Path, store_dir: &Path) {
    // BENCH_REUSE=1 keeps a store built by an earlier run and measures only the reads.
    let reuse = std::env::var_os("BENCH_REUSE").is_some() && store_dir.exists();
    if !reuse {
        let _ = std::fs::remove_dir_all(store_dir);
    }
    let bytes = std::fs::metadata(corpus).map(|m| m.len()).unwrap_or(0);
    let started = Instant::now();
    let store = Store::open(store_dir).expect("open store");
    let mut ingester = store.ingester(IngestOptions::default()).expect("ingester");
    let reader =
        std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(corpus).expect("corpus"));
    let mut speakers = Vec::new();
    let mut topics = Vec::new();
    let mut questions = Vec::new();
    let mut distinct_speakers = std::collections::BTreeSet::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.expect("read corpus");
        let record: ArticleRecord = serde_json::from_str(&line).expect("corpus line");
        for c in &record.claims {
            distinct_speakers.insert(c.speaker.clone());
        }
        // Query terms drawn at even intervals: popular names come up as often as users ask.
        if i % 97 == 0 {
            if let Some(c) = record.claims.first() {
                speakers.push(c.speaker.clone());
                if let (Some(t), Some(s)) = (c.about.first(), &c.said) {
                    topics.push((t.clone(), s.clone()));
                    let answered: Vec<&String> = c
                        .responds_to
                        .iter()
                        .chain(&c.denies)
                        .chain(&c.supports)
                        .collect();
                    questions.push(peer_questions(&c.speaker, t, s, &c.id, &answered));
                }
            }
        }
        if !reuse {
            let mut record = record;
            claimgraph_extract::enrich(&mut record);
            ingester.add(record).expect("ingest");
        }
    }
    let summary = ingester.finish().expect("finish");
    let ingest = started.elapsed();
    let size = dir_size(store_dir);
    let rss = peak_rss_kb();
    println!(
        "== {n} articles ({:.0} MB of JSON Lines)",
        bytes as f64 / 1e6
    );
    println!(
        "ingest: {:.2} s, {:.0} articles/s, {:.0} claims/s, {} keys ({:.1} per article)",
        ingest.as_secs_f64(),
        summary.articles as f64 / ingest.as_secs_f64(),
        summary.claims as f64 / ingest.as_secs_f64(),
        summary.keys,
        summary.keys as f64 / summary.articles.max(1) as f64
    );
    println!(
        "store size on disk: {:.1} MB; peak RSS of this process: {:.0} MB",
        size as f64 / 1e6,
        rss as f64 / 1024.0
    );
    drop(store);

    // Opening: the first open after writing, then warm opens.
    let mut opens = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let s = Store::open_existing(store_dir).expect("reopen");
        let _ = s.counters();
        opens.push(t.elapsed());
    }
    report("open store (in-process)", &mut opens);

    let store = Store::open_existing(store_dir).expect("reopen");
    let by_speaker = |name: &String| Listing {
        speaker: Some(name.clone()),
        ..Default::default()
    };
    time_lookups(
        &store,
        "claims --speaker S, speakers drawn by popularity",
        speakers.iter().map(by_speaker),
    );
    // Every 20th distinct speaker: most speakers are rarely quoted.
    time_lookups(
        &store,
        "claims --speaker S, speakers drawn uniformly",
        distinct_speakers.iter().step_by(20).map(by_speaker),
    );
    time_peer_questions(&store, &questions);
    time_lookups(
        &store,
        "claims --about T --said RANGE",
        topics.iter().map(|(topic, said)| Listing {
            about: Some(topic.clone()),
            said: Some(month_range(said)),
            ..Default::default()
        }),
    );
    drop(store);

    // End to end through the CLI, including process start and opening the store.
    let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/claimgraph");
    if !bin.exists() {
        println!("(build the release binary for CLI figures: cargo build --release)");
        return;
    }
    let mut cli_speaker = Vec::new();
    for s in speakers.iter().take(60) {
        let t = Instant::now();
        let out = Command::new(&bin)
            .arg("--store")
            .arg(store_dir)
            .args([
                "claims",
                "--limit",
                "100000000",
                "--format",
                "csv",
                "--speaker",
                s,
            ])
            .output()
            .expect("run cli");
        assert!(out.status.success());
        cli_speaker.push(t.elapsed());
    }
    report("claims --speaker S (CLI, end to end)", &mut cli_speaker);
    let mut cli_topic = Vec::new();
    for (topic, said) in topics.iter().take(60) {
        let range = month_range(said);
        let t = Instant::now();
        let out = Command::new(&bin)
            .arg("--store")
            .arg(store_dir)
            .args([
                "claims",
                "--limit",
                "100000000",
                "--format",
                "csv",
                "--about",
                topic,
                "--said",
                &range,
            ])
            .output()
            .expect("run cli");
        assert!(out.status.success());
        cli_topic.push(t.elapsed());
    }
    report(
        "claims --about T --said RANGE (CLI, end to end)",
        &mut cli_topic,
    );
}

/// The five questions of `../shared/bench/peers/run_peers.py` (Q1–Q5), in its query
/// text, for one drawn claim: its topic in a window around its said time, its speaker,
/// denials of its speaker's claims, its topic grouped by publisher and speaker, and its
/// neighbourhood (the claim, the claims answering it, and the claims it answers when it
/// answers any, as the harness asks).
fn peer_questions(
    speaker: &str,
    topic: &str,
    said: &str,
    id: &str,
    answered: &[&String],
) -> [Vec<String>; 5] {
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let (speaker, topic, id) = (q(speaker), q(topic), q(id));
    let big = "| limit 1000000";
    let answered: Vec<String> = answered.iter().map(|t| format!("id = {}", q(t))).collect();
    let mut neighbourhood = vec![
        format!("claims where id = {id}"),
        format!(
            "claims answering (claims where id = {id}) | select id, speaker, stance, said {big}"
        ),
    ];
    if !answered.is_empty() {
        neighbourhood.push(format!(
            "claims where {} | select id, speaker, stance, said {big}",
            answered.join(" or ")
        ));
    }
    [
        vec![format!(
            "claims about {topic} said {} | select said, speaker, cue, stance, text, publisher {big}",
            month_range(said)
        )],
        vec![format!(
            "claims by {speaker} | select id, said, cue, stance, text, publisher {big}"
        )],
        vec![
            format!("claims denying (claims by {speaker}) | links {big}"),
            format!("claims denying (claims by {speaker}) {big}"),
        ],
        vec![format!(
            "claims about {topic} | group publisher, speaker | top 20"
        )],
        neighbourhood,
    ]
}

/// Times Q1–Q5 in-process (the statements each question needs, rows built as result
/// values, no JSON), after one warm-up pass.
fn time_peer_questions(store: &Store, questions: &[[Vec<String>; 5]]) {
    use claimgraph_query::QueryStore;
    for (q, name) in ["Q1", "Q2", "Q3", "Q4", "Q5"].iter().enumerate() {
        let run = |statements: &[String]| -> usize {
            statements
                .iter()
                .map(|text| store.query(text).expect("peer question").len())
                .sum()
        };
        for drawn in questions.iter().take(5) {
            run(&drawn[q]);
        }
        let mut samples = Vec::new();
        let mut rows = 0usize;
        for drawn in questions {
            let t = Instant::now();
            rows += run(&drawn[q]);
            samples.push(t.elapsed());
        }
        println!(
            "{name} (peer question, in-process): mean {:.1} rows",
            rows as f64 / samples.len().max(1) as f64
        );
        report(&format!("{name} (peer question, in-process)"), &mut samples);
    }
}

/// The month of a said date, widened by one month each side, as `FROM..TO`.
fn month_range(said: &str) -> String {
    let month = &said[..said.len().min(7)];
    let span = TimeSpan::parse_range(&format!("{month}..{month}")).expect("said");
    let start = span
        .start
        .and_then(|p| p.interval())
        .map(|iv| iv.start - 31 * 86400);
    let end = span
        .end
        .and_then(|p| p.interval())
        .map(|iv| iv.end + 31 * 86400);
    let point = |s: Option<i64>| {
        s.and_then(claimgraph_model::time::utc_point)
            .map(|p| claimgraph_model::TimePoint::day(p.year, p.month, p.day).unwrap_or(p))
    };
    format!(
        "{}..{}",
        point(start).map(|p| p.to_string()).unwrap_or_default(),
        point(end).map(|p| p.to_string()).unwrap_or_default()
    )
}

/// Times each lookup in-process (all rows, no limit) and reports latency and mean rows.
fn time_lookups(store: &Store, what: &str, listings: impl Iterator<Item = Listing>) {
    let mut samples = Vec::new();
    let mut rows = 0usize;
    for listing in listings {
        let listing = Listing {
            limit: Some(u32::MAX as usize),
            ..listing
        };
        let t = Instant::now();
        rows += listing.run(store).expect("query").len();
        samples.push(t.elapsed());
    }
    println!(
        "{what}: mean {:.1} rows",
        rows as f64 / samples.len().max(1) as f64
    );
    report(&format!("{what} (in-process)"), &mut samples);
}

fn report(what: &str, samples: &mut [Duration]) {
    if samples.is_empty() {
        return;
    }
    samples.sort();
    let pct =
        |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{what}: p50 {:.2} ms, p95 {:.2} ms, n = {}",
        pct(0.5),
        pct(0.95),
        samples.len()
    );
}

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            total += if p.is_dir() {
                dir_size(&p)
            } else {
                e.metadata().map(|m| m.len()).unwrap_or(0)
            };
        }
    }
    total
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(str::to_string)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}
