//! Fuzzes opening a damaged store. A small valid store (the Aleppo example, ingested once
//! per process into a template directory) is copied and its files are mutated at positions
//! the input chooses (bytes flipped, files truncated, ranges zeroed); the copy is opened
//! with `Store::open_existing` and, when it opens, read in full. Every outcome must be `Ok`
//! or `Err`: a wrong answer cannot be detected here, a panic in sled or in our decoder can.
#![no_main]

use claimgraph_model::record::ArticleRecord;
use claimgraph_query::QueryStore;
use claimgraph_store::{IngestOptions, Store};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn scratch() -> tempfile::TempDir {
    match Path::new("/dev/shm").is_dir() {
        true => tempfile::tempdir_in("/dev/shm").expect("temp dir"),
        false => tempfile::tempdir().expect("temp dir"),
    }
}

/// The template store's files: path relative to the store and contents, sorted by path.
fn template() -> &'static [(PathBuf, Vec<u8>)] {
    static FILES: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = scratch();
        {
            let store = Store::open(dir.path()).expect("store");
            let mut ingester = store
                .ingester(IngestOptions {
                    chunk_articles: 1,
                    ingested_at: Some(1_764_000_000),
                })
                .expect("ingester");
            let fixture = include_str!("../../examples/aleppo.jsonl");
            for line in fixture.lines().filter(|l| !l.trim().is_empty()) {
                let mut record: ArticleRecord = serde_json::from_str(line).expect("fixture");
                claimgraph_extract::enrich(&mut record);
                ingester.add(record).expect("ingest");
            }
            ingester.finish().expect("finish");
            store.flush().expect("flush");
        }
        let mut files = Vec::new();
        collect(dir.path(), dir.path(), &mut files);
        files.sort();
        files
    })
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let bytes = std::fs::read(&path).expect("read");
            out.push((path.strip_prefix(root).unwrap().to_path_buf(), bytes));
        }
    }
}

/// Applies the input's mutations: each 8 bytes are one (file, op, position, length/value).
fn mutate(files: &mut [(PathBuf, Vec<u8>)], data: &[u8]) {
    for op in data.chunks_exact(8).take(16) {
        let file = &mut files[usize::from(op[0]) % files.len()].1;
        let pos = u32::from_le_bytes([op[2], op[3], op[4], op[5]]) as usize;
        let arg = u16::from_le_bytes([op[6], op[7]]);
        if file.is_empty() {
            continue;
        }
        let pos = pos % file.len();
        match op[1] % 4 {
            0 => file[pos] ^= (arg as u8).max(1),
            1 => file[pos] = arg as u8,
            2 => file.truncate(pos),
            _ => {
                let end = (pos + usize::from(arg % 4096) + 1).min(file.len());
                file[pos..end].fill(0);
            }
        }
    }
}

fn read_everything(store: &Store) {
    let _ = store.stats();
    let _ = store.counters();
    let _ = store.chunks();
    for doc in store.articles().take(10_000) {
        let _ = doc;
    }
    for actor in store.actors().take(10_000) {
        let _ = actor;
    }
    if let Ok(counters) = store.counters() {
        for seq in 0..counters.next_article.min(64) {
            let _ = store.article_doc(seq);
            let _ = store.article_text(seq);
        }
        for id in 0..counters.next_actor.min(256) {
            let _ = store.actor(id);
        }
    }
    for q in ["claims", "claims | group speaker"] {
        if let Ok(result) = store.query(q) {
            let _ = claimgraph_export::write_result(
                &result,
                &mut Vec::new(),
                claimgraph_export::Format::Json,
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut files = template().to_vec();
    mutate(&mut files, data);
    let dir = scratch();
    for (path, bytes) in &files {
        let path = dir.path().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, bytes).expect("write");
    }
    if let Ok(store) = Store::open_existing(dir.path()) {
        read_everything(&store);
    }
});
