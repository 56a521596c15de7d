//! Replays fuzz inputs through the fuzz targets' own bodies (`fuzz/src/lib.rs`, included by
//! path): every crash the fuzzers found, minimized, in `tests/fixtures/fuzz/<target>/`, and
//! the seed corpora in `fuzz/corpus/<target>/`. Each must run without a panic.
//! `docs/fuzzing.md` says how to run the fuzzers and add an input here.

use crate::harness;

use std::path::{Path, PathBuf};

/// The files of `dir`, sorted; none when it does not exist.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `target` on every regression input and seed of that target, naming the input that
/// panics.
fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let regressions = inputs(&root.join("tests/fixtures/fuzz").join(target));
    let seeds = inputs(&root.join("fuzz/corpus").join(target));
    assert!(!seeds.is_empty(), "no seeds for {target}");
    for path in regressions.iter().chain(&seeds) {
        let data = std::fs::read(path).unwrap();
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            panic!("{target} panicked on {}", path.display());
        }
    }
}

#[test]
fn parse_inputs_do_not_panic() {
    replay("parse", harness::parse);
}

#[test]
fn query_inputs_do_not_panic() {
    replay("query", harness::query);
}

#[test]
fn records_inputs_do_not_panic() {
    replay("records", harness::records);
}

#[test]
fn extract_inputs_do_not_panic() {
    replay("extract", harness::extract);
}

#[test]
fn store_open_inputs_do_not_panic() {
    replay("store_open", harness::store_open);
}

/// The store template the `store_open` target mutates has the files it means to damage.
#[test]
fn store_template_has_sled_files() {
    let names: Vec<String> = harness::store_template()
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert!(names.iter().any(|n| n == "conf"), "{names:?}");
    assert!(names.iter().any(|n| n == "db"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("snap.")), "{names:?}");
}
