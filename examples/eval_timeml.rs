//! Scores the temporal tagger against TimeML gold: `cargo run --example eval_timeml --
//! DIR [--verbose]`. Each `.tml` file's creation time (cut to the day, as the CLI scorer
//! passes it) is the reference date.

#[allow(dead_code)]
#[path = "../tests/common/timeml.rs"]
mod timeml;
use std::path::Path;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    args.retain(|a| !a.starts_with('-'));
    let Some(dir) = args.first() else {
        eprintln!("usage: eval_timeml DIR [--verbose]");
        std::process::exit(2);
    };
    match timeml::evaluate_dir(Path::new(dir), |doc_name, alignments, extra| {
        if !verbose {
            return;
        }
        println!("== {doc_name}");
        for a in alignments {
            let (text, value) = a.predicted.clone().unwrap_or_default();
            let mark = if value == a.gold.value { "ok " } else { "BAD" };
            println!(
                "  {mark} gold [{}] {} {:<14} pred [{}] {}",
                a.gold.text, a.gold.timex_type, a.gold.value, text, value
            );
        }
        for (text, value) in extra {
            println!("  FP  pred [{text}] {value}");
        }
    }) {
        Ok(total) => {
            let (vp, vr, vf) = total.value();
            let (_, _, sf) = total.span();
            println!(
                "TIMEX value F1 {vf:.3} (P {vp:.3} R {vr:.3}); span F1 {sf:.3}; {} gold, {} predicted",
                total.gold, total.predicted
            );
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
