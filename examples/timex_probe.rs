//! Prints what the temporal tagger finds in a text: `cargo run --example timex_probe --
//! LANG [REFERENCE] TEXT`; `@PATH` as TEXT reads the file.

use claimgraph_extract::timex::find_times;
use claimgraph_model::TimePoint;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (lang, reference, text) = match args.as_slice() {
        [lang, text] => (lang.as_str(), None, text.as_str()),
        [lang, reference, text] => (
            lang.as_str(),
            TimePoint::parse(reference).ok(),
            text.as_str(),
        ),
        _ => {
            eprintln!("usage: timex_probe LANG [REFERENCE] TEXT");
            std::process::exit(2);
        }
    };
    let text = match text.strip_prefix('@') {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(contents) => contents,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        },
        None => text.to_string(),
    };
    for m in find_times(&text, lang, reference.as_ref()) {
        println!(
            "{:?} [{}] {} {} {:?} ({})",
            m.span,
            m.text,
            m.value,
            m.timex_type.as_str(),
            m.point.map(|p| p.to_string()),
            m.rule
        );
    }
}
