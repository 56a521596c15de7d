//! Latency benchmark of the query language: questions 1, 2, 3 and 5 of the query issue on
//! a generated corpus, in-process through `Store::query` and end to end through the CLI.
//! Speakers, topics and dates are drawn deterministically from the corpus itself
//! (a fixed-seed generator picks claims; their speaker/topic/said day parameterize the
//! queries), so popular and rare terms are both exercised in proportion to their use.
//!
//! ```text
//! cargo build --release --bin claimgraph --example bench_query
//! target/release/examples/bench_query STORE CORPUS.jsonl [RUNS=300] [CLI_RUNS=30]
//! ```
//!
//! Environment: `BENCH_SAMPLING=uniform` draws terms uniformly over distinct speakers and
//! topics instead of in proportion to their use; `BENCH_CACHE_MB=N` opens the store with
//! an N MB page cache; `BENCH_VERBOSE=1` prints the five slowest queries with their plans.

use claimgraph_model::record::ArticleRecord;
use claimgraph_query::QueryStore;
use claimgraph_store::Store;
use std::collections::HashMap;
use std::error::Error;
use std::io::BufRead;
use std::time::{Duration, Instant};

/// A small deterministic generator (SplitMix64), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

struct Sample {
    speaker: String,
    topic: String,
    said_day: String,
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn day_range(day: &str) -> Option<String> {
    let d = chrono::NaiveDate::parse_from_str(day.get(..10)?, "%Y-%m-%d").ok()?;
    let from = d - chrono::Duration::days(1);
    let to = d + chrono::Duration::days(1);
    Some(format!("{from}..{to}"))
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: bench_query STORE CORPUS.jsonl [RUNS=300] [CLI_RUNS=30]");
        std::process::exit(2);
    }
    let store_path = std::path::PathBuf::from(&args[1]);
    let runs: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(300);
    let cli_runs: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(30);

    // Read the corpus: every claim's (speaker, topics, said), and the speakers of denied
    // claims.
    let started = Instant::now();
    let file = std::io::BufReader::new(std::fs::File::open(&args[2])?);
    let mut samples: Vec<Sample> = Vec::new();
    let mut speaker_of: HashMap<String, String> = HashMap::new();
    let mut denied_speakers: Vec<String> = Vec::new();
    for line in file.lines() {
        let line = line?;
        let record: ArticleRecord = serde_json::from_str(&line)?;
        for c in record.claims {
            if c.stance == "deny" {
                for t in &c.responds_to {
                    if let Some(s) = speaker_of.get(t) {
                        denied_speakers.push(s.clone());
                    }
                }
            }
            speaker_of.insert(c.id.clone(), c.speaker.clone());
            if let (Some(topic), Some(said)) = (c.about.first(), c.said.as_ref()) {
                if said.len() >= 10 {
                    samples.push(Sample {
                        speaker: c.speaker.clone(),
                        topic: topic.clone(),
                        said_day: said.clone(),
                    });
                }
            }
        }
    }
    eprintln!(
        "corpus: {} claims with a day-precision said time, {} denials, read in {:.1}s",
        samples.len(),
        denied_speakers.len(),
        started.elapsed().as_secs_f64()
    );
    drop(speaker_of);

    // Two ways to pick terms: in proportion to their use (a random claim's speaker or
    // topic: popular terms dominate) or uniformly over distinct terms (most terms are rare).
    let uniform = std::env::var("BENCH_SAMPLING").is_ok_and(|v| v == "uniform");
    let mut by_topic: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    let mut by_speaker: std::collections::BTreeMap<&str, usize> = Default::default();
    for (i, s) in samples.iter().enumerate() {
        by_topic.entry(s.topic.as_str()).or_default().push(i);
        by_speaker.entry(s.speaker.as_str()).or_insert(i);
    }
    let topics: Vec<&Vec<usize>> = by_topic.values().collect();
    let speakers: Vec<usize> = by_speaker.values().copied().collect();
    let mut denied_distinct: Vec<String> = denied_speakers.clone();
    denied_distinct.sort();
    denied_distinct.dedup();
    // BENCH_CACHE_MB: sled's page cache (the store's default is 256 MB).
    let cache_mb: Option<u64> = std::env::var("BENCH_CACHE_MB")
        .ok()
        .and_then(|v| v.parse().ok());
    let store = match cache_mb {
        Some(mb) => Store::open_existing_with_cache(&store_path, mb << 20)?,
        None => Store::open_existing(&store_path)?,
    };
    let mut rng = Rng(42);
    let pick_topic_claim = |rng: &mut Rng| -> usize {
        if uniform {
            let claims = topics[rng.below(topics.len())];
            claims[rng.below(claims.len())]
        } else {
            rng.below(samples.len())
        }
    };
    let mut questions: Vec<(&str, Vec<String>)> = vec![
        ("1: topic + said range", Vec::new()),
        ("2: speaker timeline", Vec::new()),
        ("3: denials of a speaker's claims", Vec::new()),
        (
            "5: counts per publisher and speaker for a topic",
            Vec::new(),
        ),
    ];
    for _ in 0..runs {
        let s = &samples[pick_topic_claim(&mut rng)];
        if let Some(r) = day_range(&s.said_day) {
            questions[0]
                .1
                .push(format!("claims about {} said {r}", quote(&s.topic)));
        }
        let s = if uniform {
            &samples[speakers[rng.below(speakers.len())]]
        } else {
            &samples[rng.below(samples.len())]
        };
        questions[1]
            .1
            .push(format!("claims by {} | sort said desc", quote(&s.speaker)));
        let d = if uniform {
            &denied_distinct[rng.below(denied_distinct.len())]
        } else {
            &denied_speakers[rng.below(denied_speakers.len())]
        };
        questions[2]
            .1
            .push(format!("claims denying (claims by {}) | links", quote(d)));
        let s = &samples[pick_topic_claim(&mut rng)];
        questions[3].1.push(format!(
            "claims about {} | group publisher, speaker",
            quote(&s.topic)
        ));
    }

    println!(
        "store: {} ({} runs per question, sled cache {}, terms drawn {})",
        store_path.display(),
        runs,
        cache_mb.map_or("256 MB (default)".to_string(), |mb| format!("{mb} MB")),
        if uniform {
            "uniformly over distinct terms"
        } else {
            "in proportion to their use"
        }
    );
    println!("| question | in-process p50 ms | p95 ms | mean rows | index of first query |");
    println!("|---|---|---|---|---|");
    for (name, queries) in &questions {
        // Warm-up pass over the same queries: the timed pass measures a warm cache, as a
        // server answering repeated questions would see.
        for q in queries {
            store.query(q)?;
        }
        let mut times = Vec::with_capacity(queries.len());
        let mut rows = 0usize;
        let mut slowest: Vec<(Duration, &String, usize)> = Vec::new();
        for q in queries {
            let t = Instant::now();
            let r = store.query(q)?;
            let took = t.elapsed();
            times.push(took);
            rows += r.len();
            slowest.push((took, q, r.len()));
        }
        if std::env::var_os("BENCH_VERBOSE").is_some() {
            slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
            for (took, q, n) in slowest.iter().take(5) {
                eprintln!("  {:.1} ms, {n} rows: {q}", took.as_secs_f64() * 1000.0);
                eprintln!("{}", store.explain(q)?);
            }
        }
        times.sort();
        let index = store.explain(&queries[0])?.index().to_string();
        println!(
            "| {name} | {:.3} | {:.3} | {:.1} | {index} |",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            rows as f64 / queries.len().max(1) as f64
        );
    }
    drop(store);

    // End to end: one process per query (open the store, plan, run, print CSV).
    let exe = std::env::current_exe()?;
    let bin = exe
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("claimgraph"))
        .ok_or("cannot locate the claimgraph binary")?;
    if cli_runs > 0 && bin.exists() {
        println!();
        println!("| question | CLI p50 ms | p95 ms |");
        println!("|---|---|---|");
        for (name, queries) in &questions {
            let mut times = Vec::new();
            for q in queries.iter().take(cli_runs) {
                let t = Instant::now();
                let status = std::process::Command::new(&bin)
                    .arg("--store")
                    .arg(&store_path)
                    .args(["query", q, "--format", "csv"])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status()?;
                times.push(t.elapsed());
                if !status.success() {
                    eprintln!("failed: {q}");
                }
            }
            times.sort();
            println!(
                "| {name} | {:.1} | {:.1} |",
                percentile(&times, 0.5),
                percentile(&times, 0.95)
            );
        }
    }
    Ok(())
}
