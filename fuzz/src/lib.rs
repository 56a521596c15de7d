//! The fuzz targets' bodies, shared by the cargo-fuzz binaries in `fuzz_targets/` and by the
//! regression test `tests/library/fuzz_regressions.rs` (which includes this file by path), so a
//! crash input checked into `tests/fixtures/fuzz/<target>/` replays exactly what the fuzzer
//! ran. Every function takes the fuzzer's bytes; none may panic.

use claimgraph_export::{write_result, Format};
use claimgraph_extract::{extract_bytes, ExtractOptions};
use claimgraph_model::record::ArticleRecord;
use claimgraph_query::QueryStore;
use claimgraph_store::{IngestOptions, Store};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The example records every store-backed target starts from.
const ALEPPO: &str = include_str!("../../examples/aleppo.jsonl");

/// A scratch directory, on a RAM disk when there is one: some targets open a sled store
/// per input.
fn scratch() -> tempfile::TempDir {
    match Path::new("/dev/shm").is_dir() {
        true => tempfile::tempdir_in("/dev/shm").expect("temp dir"),
        false => tempfile::tempdir().expect("temp dir"),
    }
}

/// Ingests the Aleppo example into `store` as the CLI does (`enrich`, then `add`).
fn ingest_aleppo(store: &Store) {
    let mut ingester = store
        .ingester(IngestOptions {
            chunk_articles: 1,
            ingested_at: Some(1_764_000_000),
            ..IngestOptions::default()
        })
        .expect("ingester");
    for line in ALEPPO.lines().filter(|l| !l.trim().is_empty()) {
        let mut record: ArticleRecord = serde_json::from_str(line).expect("example record");
        claimgraph_extract::enrich(&mut record);
        ingester.add(record).expect("ingest");
    }
    ingester.finish().expect("finish");
}

/// Writes a result in every format.
fn write_all(result: &claimgraph_query::QueryResult) {
    for format in [Format::Table, Format::Json, Format::Csv] {
        let _ = write_result(result, &mut Vec::new(), format);
    }
}

/// `parse`: the lexer and parser alone. An error's span lies inside the input.
pub fn parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = claimgraph_query::check_syntax(text) {
        if let Some(span) = e.span() {
            assert!(span.end <= text.len(), "span {span:?} past the query");
        }
        let _ = e.render();
    }
}

/// `query`: the whole query path (lexer, parser, planner, executor, result rendering in
/// every format, error rendering, `explain`) on a store holding the Aleppo example.
pub fn query(data: &[u8]) {
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    let store = &STORE
        .get_or_init(|| {
            let dir = scratch();
            let store = Store::open(dir.path()).expect("store");
            ingest_aleppo(&store);
            (dir, store)
        })
        .1;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Queries are one line in practice; very long inputs only slow the fuzzer down.
    if text.len() > 512 {
        return;
    }
    match store.query(text) {
        Ok(result) => write_all(&result),
        Err(e) => {
            if let Some(span) = e.span() {
                assert!(span.end <= text.len(), "span {span:?} past the query");
            }
            let _ = e.render();
        }
    }
    let _ = store.explain(text).map(|p| p.to_string());
}

/// `records`: JSON Lines article records → serde → `enrich` → ingest into a fresh store →
/// read everything back. Bad records are refused with an error.
pub fn records(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut records = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(8) {
        if let Ok(mut record) = serde_json::from_str::<ArticleRecord>(line) {
            claimgraph_extract::enrich(&mut record);
            records.push(record);
        }
    }
    if records.is_empty() {
        return;
    }
    let dir = scratch();
    let store = Store::open(dir.path()).expect("fresh store");
    let mut ids = Vec::new();
    {
        let mut ingester = store
            .ingester(IngestOptions {
                chunk_articles: 2,
                ingested_at: Some(1_764_000_000),
                ..IngestOptions::default()
            })
            .expect("ingester");
        for record in records {
            let id = record.article.id.clone();
            if ingester.add(record).is_ok() {
                ids.push(id);
            }
        }
        let _ = ingester.finish();
    }
    for id in &ids {
        if let Ok(Some(seq)) = store.article_seq(id) {
            let _ = store.article_doc(seq);
            let _ = store.article_text(seq);
        }
    }
    read_everything(
        &store,
        &["claims", "claims | group speaker", "claims | links"],
    );
}

/// Publication dates the `extract` target passes, chosen by the input's first byte.
const PUBLISHED: [Option<&str>; 4] = [
    None,
    Some("2016-12-12"),
    Some("2016-12-12T08:30:00+07:00"),
    Some("not a date"),
];

/// `extract`: the first byte chooses the language (detected, `vi`, `en`), the publication
/// date and whether narrative claims are made; the rest is the article's bytes. The record
/// is then enriched and serialized as the CLI does.
pub fn extract(data: &[u8]) {
    let Some((&selector, text)) = data.split_first() else {
        return;
    };
    if text.len() > 16 * 1024 {
        return;
    }
    let lang = match selector % 3 {
        0 => None,
        1 => Some("vi".to_string()),
        _ => Some("en".to_string()),
    };
    let opts = ExtractOptions {
        lang,
        published: PUBLISHED[usize::from(selector / 3) % 4].map(str::to_string),
        narrative: selector & 0x80 == 0,
        ..ExtractOptions::default()
    };
    if let Ok(mut record) = extract_bytes(text, &opts) {
        claimgraph_extract::enrich(&mut record);
        let _ = serde_json::to_string(&record);
    }
}

/// The files of a small valid store (the Aleppo example, ingested once per process, then
/// reopened): paths relative to the store and contents, sorted by path.
pub fn store_template() -> &'static [(PathBuf, Vec<u8>)] {
    static FILES: OnceLock<Vec<(PathBuf, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = scratch();
        {
            let store = Store::open(dir.path()).expect("store");
            ingest_aleppo(&store);
            store.flush().expect("flush");
        }
        // Opened once more, sled recovers the log and writes a snapshot (`snap.*`), so the
        // template has all three kinds of file: `conf`, `db`, `snap.*`.
        {
            let store = Store::open_existing(dir.path()).expect("reopen");
            store.stats().expect("stats");
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
            let name = path.strip_prefix(root).expect("under root").to_path_buf();
            out.push((name, bytes));
        }
    }
}

/// Applies the input's mutations to the store's files: every 8 bytes are one mutation,
/// `[file, op, position (u32 LE), argument (u16 LE)]`. The file is chosen modulo the number
/// of files, the position modulo its length; ops: 0 flip bits (xor), 1 set a byte,
/// 2 truncate, 3 zero a range of 1 to 4096 bytes.
pub fn mutate(files: &mut [(PathBuf, Vec<u8>)], data: &[u8]) {
    if files.is_empty() {
        return;
    }
    for op in data.chunks_exact(8).take(16) {
        let n = files.len();
        let file = &mut files[usize::from(op[0]) % n].1;
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

/// Reads everything a store holds: stats, counters, chunks, every article and actor (by
/// scan and by id), and `queries`, whose results are written in every format.
fn read_everything(store: &Store, queries: &[&str]) {
    let _ = store.stats();
    let _ = store.chunks();
    for doc in store.articles().take(10_000) {
        let _ = doc;
    }
    for actor in store.actors().take(10_000) {
        let _ = actor;
    }
    // Point reads past the ends too: a damaged counter must not panic a read.
    if let Ok(counters) = store.counters() {
        for seq in 0..(counters.articles + 2).min(64) {
            let _ = store.article_doc(seq);
            let _ = store.article_text(seq);
        }
    }
    for id in 0..256 {
        let _ = store.actor(id);
    }
    for q in queries {
        if let Ok(result) = store.query(q) {
            write_all(&result);
        }
    }
}

/// `store_open`: a copy of the template store, mutated by the input, opened with
/// `Store::open_existing` and, when it opens, read in full. A wrong answer cannot be
/// detected here; a panic in sled or in our decoder can.
pub fn store_open(data: &[u8]) {
    let mut files = store_template().to_vec();
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
        read_everything(&store, &["claims", "claims | group speaker"]);
    }
}
