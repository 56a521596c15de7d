//! Trains the English cue and source tagger on PolNeAR:
//!
//! ```text
//! cargo run --release --example train_tagger -- ../shared/corpus/polnear/train \
//!     schema/lang/tagger.en.bin [--dev ../shared/corpus/polnear/dev] [--epochs 6] [--seed 1]
//! ```
//!
//! Reads `text/<article>.txt` and the first `attributions/<article>_<annotator>.ann` of each
//! article (BRAT standoff: `T<n>\tCue|Source <start> <end>[;<start> <end>…]\t<text>`, in
//! character offsets), trains the averaged perceptron of `claimgraph_extract::tagger`
//! (deterministic for a seed), writes its weights and, with `--dev`, prints span-level cue
//! and source precision and recall there. The file is embedded at the next build.

use claimgraph_extract::tagger::{self, Annotated, Role};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let positional: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")))
        .map(|(_, a)| a)
        .collect();
    let [train_dir, out] = positional[..] else {
        eprintln!("usage: train_tagger TRAIN_DIR OUT.bin [--dev DIR] [--epochs N] [--seed S]");
        std::process::exit(2);
    };
    let epochs: usize = flag("--epochs").map_or(Ok(6), |e| e.parse())?;
    let seed: u64 = flag("--seed").map_or(Ok(1), |s| s.parse())?;
    let train = read_corpus(Path::new(train_dir))?;
    println!("{} training articles", train.len());
    let started = Instant::now();
    let model = tagger::train(&train, "en", epochs, seed)?;
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes)?;
    println!(
        "trained in {:.1} s; {out}: {} bytes",
        started.elapsed().as_secs_f64(),
        bytes.len()
    );
    let loading = Instant::now();
    tagger::Model::from_bytes(&bytes)?;
    println!(
        "the file loads in {:.1} ms",
        loading.elapsed().as_secs_f64() * 1e3
    );
    if let Some(dev) = flag("--dev") {
        let dev = read_corpus(Path::new(&dev))?;
        let counts = tagger::evaluate(&model, &dev, "en")?;
        for ((matched, predicted, gold), role) in counts.iter().zip(["cue", "source"]) {
            let p = *matched as f64 / (*predicted).max(1) as f64;
            let r = *matched as f64 / (*gold).max(1) as f64;
            println!(
                "dev {role}: P {p:.3} R {r:.3} F1 {:.3} ({matched} of {predicted} predicted, {gold} gold)",
                2.0 * p * r / (p + r).max(1e-9)
            );
        }
    }
    Ok(())
}

/// Every article of a PolNeAR folder with its first annotation file.
fn read_corpus(dir: &Path) -> Result<Vec<Annotated>, Box<dyn std::error::Error>> {
    let mut texts: Vec<PathBuf> = std::fs::read_dir(dir.join("text"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    texts.sort();
    let mut anns: Vec<PathBuf> = std::fs::read_dir(dir.join("attributions"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut out = Vec::new();
    for t in texts {
        let Some(name) = t.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let ann = anns.iter().find(|a| {
            a.file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.rsplit_once('_'))
                .is_some_and(|(article, _)| article == name)
        });
        let Some(ann) = ann else { continue };
        out.push(Annotated {
            text: std::fs::read_to_string(&t)?,
            spans: spans(&std::fs::read_to_string(ann)?),
        });
    }
    Ok(out)
}

/// The cue and source pieces of one `.ann` file.
fn spans(ann: &str) -> Vec<(Role, usize, usize)> {
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('T')) {
        let mut fields = line.split('\t');
        let Some(what) = fields.nth(1) else { continue };
        let Some((label, offsets)) = what.split_once(' ') else {
            continue;
        };
        let role = match label {
            "Cue" => Role::Cue,
            "Source" => Role::Source,
            _ => continue,
        };
        for piece in offsets.split(';') {
            let mut nums = piece.split_whitespace().map(str::parse::<usize>);
            if let (Some(Ok(a)), Some(Ok(b))) = (nums.next(), nums.next()) {
                out.push((role, a, b));
            }
        }
    }
    out
}
