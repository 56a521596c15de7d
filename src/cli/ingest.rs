//! `claimgraph ingest`: stream JSON Lines article records, or extract and store text
//! articles, into the store. A file whose first non-blank byte is `{` is JSON Lines; any
//! other file is one article's text. A UTF-8 byte order mark at the start of any input is
//! dropped first.

use super::{CliError, Context};
use claimgraph_model::record::ArticleRecord;
use claimgraph_serve::IngestReport;
use claimgraph_store::{IngestError, IngestOptions, IngestSummary, Store, StoreError};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;

/// A line longer than this is refused rather than buffered (1 GB of input must never need
/// 1 GB of memory).
const MAX_LINE: u64 = 64 << 20;

/// Largest text article read whole (JSON Lines input streams and has no such limit).
const MAX_TEXT: u64 = 16 << 20;

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// JSON Lines files of article records, or text articles (`-` for stdin).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub text: super::extract::TextArgs,
    /// Stop at the first bad line instead of reporting it and going on.
    #[arg(long)]
    pub strict: bool,
    /// Do not link the articles across each other after storing them (stories,
    /// statements, cross-article links); `claimgraph relink` does it later.
    #[arg(long)]
    pub no_link: bool,
    /// Articles per atomic write.
    #[arg(long, default_value_t = claimgraph_store::DEFAULT_CHUNK_ARTICLES, hide = true)]
    pub chunk: usize,
    /// Index entries held in memory before a commit (what readers and a crash see).
    #[arg(long, default_value_t = claimgraph_store::DEFAULT_COMMIT_POSTINGS, hide = true)]
    pub commit_postings: usize,
    /// Records this ingest time (RFC 3339, e.g. 2026-11-25T12:00:00Z) instead of the
    /// clock's, for reproducible stores and backfills; `as of` queries read it.
    #[arg(long, value_name = "TIME")]
    pub ingested_at: Option<String>,
}

/// The `--ingested-at` time as Unix seconds.
fn ingested_at(text: &str) -> Result<i64, CliError> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp())
        .map_err(|e| {
            CliError::User(format!(
                "--ingested-at: '{text}' is not an RFC 3339 time ({e}); e.g. 2026-11-25T12:00:00Z"
            ))
        })
}

/// The UTF-8 byte order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Refuses the command before anything is stored when an input cannot be opened: a typo
/// in the last file name must not leave the first files half-ingested.
fn check_inputs(files: &[PathBuf]) -> Result<(), CliError> {
    for path in files.iter().filter(|p| p.as_os_str() != "-") {
        let name = path.display();
        let file = File::open(path).map_err(|e| CliError::User(format!("{name}: {e}")))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(CliError::User(format!(
                "{name}: is a directory, not a file"
            )));
        }
    }
    Ok(())
}

/// Drops a UTF-8 byte order mark at the start of the input, so the first real byte
/// decides between JSON Lines and text and the first record parses.
fn skip_bom(reader: &mut impl BufRead) -> std::io::Result<()> {
    if reader.fill_buf()?.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    Ok(())
}

pub fn run(ctx: &Context, args: &IngestArgs, out: &mut dyn Write) -> Result<(), CliError> {
    check_inputs(&args.files)?;
    let ingested_at = args.ingested_at.as_deref().map(ingested_at).transpose()?;
    let store = match Store::open(&ctx.store) {
        Ok(store) => store,
        Err(e) => {
            let server = super::route::server_for(ctx, e)?;
            if args.ingested_at.is_some() {
                return Err(CliError::User(
                    "--ingested-at cannot be sent to the running server; stop it first".into(),
                ));
            }
            return ingest_through(&server, args, out);
        }
    };
    let mut ingester = store
        .ingester(IngestOptions {
            chunk_articles: args.chunk,
            commit_postings: args.commit_postings,
            ingested_at,
            ..IngestOptions::default()
        })
        .map_err(super::store_error)?;
    let started = std::time::Instant::now();
    let text_options = super::extract::options(&args.text, None)?;
    let mut errors = 0u64;
    for path in &args.files {
        let name = path.display().to_string();
        let (reader, size): (Box<dyn Read + Send>, Option<u64>) = if name == "-" {
            (Box::new(std::io::stdin()), None)
        } else {
            let file = File::open(path).map_err(|e| CliError::User(format!("{name}: {e}")))?;
            let size = file.metadata().ok().map(|m| m.len());
            (Box::new(file), size)
        };
        let progress = super::progress_bar(size);
        let mut reader = BufReader::with_capacity(1 << 20, reader);
        skip_bom(&mut reader).map_err(|e| CliError::User(format!("{name}: cannot read: {e}")))?;
        let first = reader
            .fill_buf()
            .map_err(|e| CliError::User(format!("{name}: cannot read: {e}")))?
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .copied();
        if first.is_some_and(|b| b != b'{') {
            let outcome = ingest_text(&mut reader, &text_options, &mut ingester);
            progress.finish_and_clear();
            if let Err(msg) = outcome {
                Refused::to_stderr(&name).report(0, &msg);
                errors += 1;
                if args.strict {
                    break;
                }
            }
            continue;
        }
        let mut refused = Refused::to_stderr(&name);
        let outcome = ingest_jsonl(
            &mut reader,
            &progress,
            &mut ingester,
            &text_options,
            &mut refused,
            args.strict,
        );
        progress.finish_and_clear();
        let (saw_content, mut stop) = outcome.map_err(|e| e.into_cli(&name))?;
        errors += refused.count;
        if !saw_content && !stop {
            refused.report(0, "no article records (empty input)");
            errors += 1;
            if args.strict {
                stop = true;
            }
        }
        if stop {
            break;
        }
    }
    let summary = ingester.finish().map_err(|e| match e {
        IngestError::Store(e) => super::store_error(e),
        e @ (IngestError::Invalid(_) | IngestError::Conflict { .. }) => {
            CliError::Internal(e.to_string())
        }
    })?;
    write_summary(out, &summary, errors, started.elapsed().as_secs_f64())?;
    if !args.no_link {
        if let Some(line) = super::link::link_after_ingest(&store)? {
            writeln!(out, "{line}")?;
        }
    }
    // Last, after linking has written too: the next open reads a settled store.
    if summary.articles > 0 {
        store.settle().map_err(super::store_error)?;
    }
    if errors > 0 {
        return Err(CliError::User(format!(
            "{errors} {} could not be stored (see above); everything else was stored",
            if errors == 1 { "input" } else { "inputs" }
        )));
    }
    Ok(())
}

/// The ingest summary line, and the articles refused because their id is stored with other
/// content.
fn write_summary(
    out: &mut dyn Write,
    summary: &IngestSummary,
    errors: u64,
    secs: f64,
) -> Result<(), CliError> {
    let plural = |n: u64, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    writeln!(
        out,
        "ingested {} {} ({} {}, {} {}), {} already stored, {} bad {} in {:.2}s",
        summary.articles,
        plural(summary.articles, "article", "articles"),
        summary.claims,
        plural(summary.claims, "claim", "claims"),
        // The store's cost is per key written: the figure benchmarks (run_peers.py) read.
        summary.keys,
        plural(summary.keys, "key", "keys"),
        summary.duplicates,
        errors,
        plural(errors, "line", "lines"),
        secs
    )?;
    if !summary.conflicts.is_empty() {
        // Named, so a changed article is never mistaken for one already stored.
        const SHOWN: usize = 10;
        let shown: Vec<&str> = summary
            .conflicts
            .iter()
            .take(SHOWN)
            .map(String::as_str)
            .collect();
        writeln!(
            out,
            "{} {} not stored: the id is already stored with different content: {}{}",
            summary.conflicts.len(),
            if summary.conflicts.len() == 1 {
                "article"
            } else {
                "articles"
            },
            shown.join(", "),
            if summary.conflicts.len() > SHOWN {
                ", …"
            } else {
                ""
            }
        )?;
        // The error return below exits without dropping (flushing) `out`.
        out.flush()?;
    }
    Ok(())
}

/// Where the lines that could not be stored go: stderr as `FILE:LINE: message` for the
/// command, a list for the server's answer.
pub(crate) struct Refused {
    name: String,
    collect: Option<Vec<claimgraph_serve::LineError>>,
    count: u64,
}

impl Refused {
    fn to_stderr(name: &str) -> Refused {
        Refused {
            name: name.to_string(),
            collect: None,
            count: 0,
        }
    }

    fn collecting(name: &str) -> Refused {
        Refused {
            collect: Some(Vec::new()),
            ..Refused::to_stderr(name)
        }
    }

    fn report(&mut self, line: u64, msg: &str) {
        self.count += 1;
        match &mut self.collect {
            Some(lines) => lines.push(claimgraph_serve::LineError {
                line,
                message: msg.to_string(),
            }),
            None if line == 0 => eprintln!("{}: {msg}", self.name),
            None => eprintln!("{}:{line}: {msg}", self.name),
        }
    }
}

/// Why a JSON Lines input stopped before its end.
enum JsonlFailure {
    /// The input could not be read.
    Read(String),
    /// The store cannot write (a full disk).
    Store(claimgraph_store::StoreError),
}

impl JsonlFailure {
    fn into_cli(self, name: &str) -> CliError {
        match self {
            JsonlFailure::Read(e) => CliError::User(format!("{name}: {e}")),
            JsonlFailure::Store(e) => super::store_error(e),
        }
    }
}

/// Stores the records of one JSON Lines input. JSON parsing runs on a second thread, so
/// that it overlaps the store's writes. Returns whether the input held anything and
/// whether to stop (a bad line under `--strict`); bad lines go to `refused`.
fn ingest_jsonl(
    reader: &mut BufReader<Box<dyn Read + Send>>,
    progress: &indicatif::ProgressBar,
    ingester: &mut claimgraph_store::Ingester<'_>,
    text_options: &claimgraph_extract::ExtractOptions,
    refused: &mut Refused,
    strict: bool,
) -> Result<(bool, bool), JsonlFailure> {
    let mut fatal: Option<claimgraph_store::StoreError> = None;
    let (saw_content, stopped) = std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Parsed>(1024);
        let parser = scope.spawn(move || parse_lines(reader, progress, text_options, &sender));
        let mut stopped = false;
        for parsed in receiver.iter() {
            let (line_no, outcome) = match parsed {
                Parsed::Record(line_no, record) => (
                    line_no,
                    ingester.add(*record).map(|_| ()).map_err(|e| match e {
                        IngestError::Invalid(msg) => msg,
                        e @ IngestError::Conflict { .. } => e.to_string(),
                        IngestError::Store(e) => {
                            // A store that cannot write (a full disk) fails every later
                            // line too: stop at the first.
                            fatal = Some(e);
                            String::new()
                        }
                    }),
                ),
                Parsed::Bad(line_no, msg) => (line_no, Err(msg)),
            };
            if fatal.is_some() {
                stopped = true;
                break;
            }
            if let Err(msg) = outcome {
                refused.report(line_no, &msg);
                if strict {
                    stopped = true;
                    break;
                }
            }
        }
        // Dropping the receiver stops the parser at its next line.
        drop(receiver);
        let saw_content = parser.join().unwrap_or(Ok(true));
        saw_content.map(|saw| (saw, stopped))
    })
    .map_err(JsonlFailure::Read)?;
    if let Some(e) = fatal {
        return Err(JsonlFailure::Store(e));
    }
    Ok((saw_content, stopped))
}

/// A line of JSON Lines input, parsed or refused.
enum Parsed {
    Record(u64, Box<ArticleRecord>),
    Bad(u64, String),
}

/// Reads and parses lines until the input ends or the receiver hangs up; returns whether
/// any line had content. Records are completed (text extracted, names enriched) a batch at
/// a time on every core, so the store's thread only writes.
fn parse_lines(
    reader: &mut BufReader<Box<dyn Read + Send>>,
    progress: &indicatif::ProgressBar,
    text_options: &claimgraph_extract::ExtractOptions,
    sender: &std::sync::mpsc::SyncSender<Parsed>,
) -> Result<bool, String> {
    // Room for the longest line accepted, reserved once: a growing buffer doubles past it
    // (64 MiB read would hold 192 MiB while it moves), while untouched reserved pages cost
    // no memory.
    let mut line = Vec::with_capacity(MAX_LINE as usize + 1);
    let mut line_no = 0u64;
    let mut saw_content = false;
    let mut batch = Batch::default();
    loop {
        line.clear();
        let read = (&mut *reader)
            .take(MAX_LINE + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("line {}: cannot read: {e}", line_no + 1))?;
        if read == 0 {
            batch.send(text_options, sender);
            return Ok(saw_content);
        }
        line_no += 1;
        progress.inc(read as u64);
        saw_content |= line.iter().any(|b| !b.is_ascii_whitespace());
        if line.len() as u64 > MAX_LINE {
            // Skip the rest of the oversized line without holding it.
            let skipped =
                skip_line(reader).map_err(|e| format!("line {line_no}: cannot read: {e}"))?;
            progress.inc(skipped);
            batch.bad(line_no, format!("line longer than {} MiB", MAX_LINE >> 20));
        } else {
            match std::str::from_utf8(&line) {
                Err(e) => batch.bad(
                    line_no,
                    format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                ),
                Ok(text) if text.trim().is_empty() => continue,
                Ok(text) => match serde_json::from_str::<ArticleRecord>(text) {
                    Ok(record) => batch.record(line_no, record, text),
                    Err(e) => batch.bad(
                        line_no,
                        format!("column {}: {}", e.column(), strip_position(&e.to_string())),
                    ),
                },
            }
        }
        if batch.is_full() && !batch.send(text_options, sender) {
            return Ok(saw_content);
        }
    }
}

/// Lines read but not yet sent: records waiting to be completed, and refusals, in order.
#[derive(Default)]
struct Batch {
    lines: Vec<(u64, Result<super::feed::Pending, String>)>,
}

impl Batch {
    fn record(&mut self, line_no: u64, record: ArticleRecord, text: &str) {
        let extract = super::feed::wants_extraction(&record, text);
        self.lines
            .push((line_no, Ok(super::feed::Pending { record, extract })));
    }

    fn bad(&mut self, line_no: u64, msg: String) {
        self.lines.push((line_no, Err(msg)));
    }

    fn is_full(&self) -> bool {
        self.lines.len() >= super::feed::BATCH
    }

    /// Completes the batch's records and sends every line in order; false when the
    /// receiver has hung up.
    fn send(
        &mut self,
        text_options: &claimgraph_extract::ExtractOptions,
        sender: &std::sync::mpsc::SyncSender<Parsed>,
    ) -> bool {
        let lines = std::mem::take(&mut self.lines);
        let (numbers, work): (Vec<u64>, Vec<_>) = lines.into_iter().unzip();
        let completed = super::feed::complete(work, text_options);
        for (line_no, outcome) in numbers.into_iter().zip(completed) {
            let parsed = match outcome {
                Ok(record) => Parsed::Record(line_no, Box::new(record)),
                Err(msg) => Parsed::Bad(line_no, msg),
            };
            if sender.send(parsed).is_err() {
                return false;
            }
        }
        true
    }
}

/// Reads and discards the rest of the current line (through its newline), a buffer at a
/// time, so a line of any length costs no more memory than the reader's buffer. Returns
/// the bytes skipped.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(skipped);
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(skipped + i as u64 + 1);
            }
            None => {
                let n = buf.len();
                reader.consume(n);
                skipped += n as u64;
            }
        }
    }
}

/// Extracts one text article and queues it.
fn ingest_text(
    reader: &mut dyn Read,
    options: &claimgraph_extract::ExtractOptions,
    ingester: &mut claimgraph_store::Ingester<'_>,
) -> Result<(), String> {
    let record = extract_text(reader, options)?;
    ingester.add(record).map(|_| ()).map_err(|e| match e {
        IngestError::Invalid(msg) => msg,
        e @ IngestError::Conflict { .. } => e.to_string(),
        IngestError::Store(e) => format!("store error: {e}"),
    })
}

/// serde_json appends " at line L column C"; the caller reports its own position.
fn strip_position(msg: &str) -> &str {
    msg.rfind(" at line ").map_or(msg, |i| &msg[..i])
}

/// The server's ingest (`POST /api/ingest`): a JSON Lines body through this command's own
/// pipeline (text records extracted, names enriched), with its summary and line errors.
pub struct ServerIngest;

impl claimgraph_serve::Ingest for ServerIngest {
    fn ingest(&self, store: &Store, body: Vec<u8>) -> Result<IngestReport, StoreError> {
        let started = std::time::Instant::now();
        let mut ingester = store.ingester(IngestOptions::default())?;
        let mut refused = Refused::collecting("the request body");
        let reader: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(body));
        let mut reader = BufReader::new(reader);
        let first = skip_bom(&mut reader)
            .and_then(|()| reader.fill_buf())
            .map(|b| b.iter().find(|b| !b.is_ascii_whitespace()).copied());
        match first {
            Ok(None) => refused.report(0, "no article records (empty input)"),
            Ok(Some(b'{')) => {
                let outcome = ingest_jsonl(
                    &mut reader,
                    &indicatif::ProgressBar::hidden(),
                    &mut ingester,
                    &claimgraph_extract::ExtractOptions::default(),
                    &mut refused,
                    false,
                );
                match outcome {
                    Ok(_) => {}
                    Err(JsonlFailure::Store(e)) => return Err(e),
                    Err(JsonlFailure::Read(msg)) => refused.report(0, &msg),
                }
            }
            Ok(Some(_)) => refused.report(
                0,
                "the body is not JSON Lines: one article record (a JSON object) per line",
            ),
            Err(e) => refused.report(0, &format!("cannot read: {e}")),
        }
        let summary = match ingester.finish() {
            Ok(summary) => summary,
            Err(IngestError::Store(e)) => return Err(e),
            Err(e) => {
                refused.report(0, &e.to_string());
                IngestSummary::default()
            }
        };
        let mut text = Vec::new();
        // Writing to memory cannot fail.
        let _ = write_summary(
            &mut text,
            &summary,
            refused.count,
            started.elapsed().as_secs_f64(),
        );
        Ok(IngestReport {
            articles: summary.articles,
            claims: summary.claims,
            keys: summary.keys,
            duplicates: summary.duplicates,
            conflicts: summary.conflicts,
            errors: refused.collect.unwrap_or_default(),
            summary: String::from_utf8_lossy(&text).trim_end().to_string(),
            linked: None,
        })
    }
}

/// Bytes of records per request when `ingest` goes through a running server: well under
/// the server's default limit.
const ROUTED_BATCH_BYTES: usize = 4 << 20;

/// Records waiting to be sent to the server, with the input line each came from.
struct Outbox<'a> {
    server: &'a claimgraph_serve::Endpoint,
    body: Vec<u8>,
    lines: Vec<u64>,
    total: IngestSummary,
}

impl Outbox<'_> {
    fn push(&mut self, line: u64, record: &ArticleRecord) -> Result<(), CliError> {
        serde_json::to_writer(&mut self.body, record)
            .map_err(|e| CliError::Internal(format!("encoding a record: {e}")))?;
        self.body.push(b'\n');
        self.lines.push(line);
        Ok(())
    }

    fn is_full(&self) -> bool {
        self.body.len() >= ROUTED_BATCH_BYTES
    }

    /// Sends what is waiting; the server's line errors go to `refused` under the input's
    /// own line numbers.
    fn send(&mut self, refused: &mut Refused) -> Result<(), CliError> {
        if self.lines.is_empty() {
            return Ok(());
        }
        let body = std::mem::take(&mut self.body);
        let lines = std::mem::take(&mut self.lines);
        let report = super::route::post_ingest(self.server, body)?;
        for error in &report.errors {
            let line = match error.line {
                0 => 0,
                n => lines.get(n as usize - 1).copied().unwrap_or(0),
            };
            refused.report(line, &error.message);
        }
        self.total.articles += report.articles;
        self.total.claims += report.claims;
        self.total.keys += report.keys;
        self.total.duplicates += report.duplicates;
        self.total.conflicts.extend(report.conflicts);
        Ok(())
    }
}

/// `ingest` while a running server holds the store: records are read, extracted and
/// enriched here as they would be locally, sent to the server a few MiB at a time, and
/// reported with the same messages, lines and summary.
fn ingest_through(
    server: &claimgraph_serve::Endpoint,
    args: &IngestArgs,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let started = std::time::Instant::now();
    let text_options = super::extract::options(&args.text, None)?;
    let mut outbox = Outbox {
        server,
        body: Vec::new(),
        lines: Vec::new(),
        total: IngestSummary::default(),
    };
    let mut errors = 0u64;
    for path in &args.files {
        let name = path.display().to_string();
        let reader: Box<dyn Read + Send> = if name == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(File::open(path).map_err(|e| CliError::User(format!("{name}: {e}")))?)
        };
        let mut reader = BufReader::with_capacity(1 << 20, reader);
        let cannot_read = |e: std::io::Error| CliError::User(format!("{name}: cannot read: {e}"));
        skip_bom(&mut reader).map_err(cannot_read)?;
        let first = reader
            .fill_buf()
            .map_err(cannot_read)?
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .copied();
        let mut refused = Refused::to_stderr(&name);
        if first.is_some_and(|b| b != b'{') {
            match extract_text(&mut reader, &text_options) {
                Ok(record) => {
                    outbox.push(0, &record)?;
                    outbox.send(&mut refused)?;
                }
                Err(msg) => refused.report(0, &msg),
            }
        } else {
            let saw_content = send_jsonl(
                &mut reader,
                &text_options,
                &mut outbox,
                &mut refused,
                args.strict,
            )
            .map_err(|e| CliError::User(format!("{name}: {e}")))??;
            if !saw_content {
                refused.report(0, "no article records (empty input)");
            }
        }
        errors += refused.count;
        if args.strict && refused.count > 0 {
            break;
        }
    }
    write_summary(out, &outbox.total, errors, started.elapsed().as_secs_f64())?;
    // Linked once, at the end, as a local ingest links.
    if !args.no_link {
        if let Some(line) = super::route::relink_there(server, true)? {
            writeln!(out, "{line}")?;
        }
    }
    if errors > 0 {
        return Err(CliError::User(format!(
            "{errors} {} could not be stored (see above); everything else was stored",
            if errors == 1 { "input" } else { "inputs" }
        )));
    }
    Ok(())
}

/// Reads one JSON Lines input and sends its completed records; whether it held anything.
/// The outer error is the input's, the inner one the server's.
fn send_jsonl(
    reader: &mut BufReader<Box<dyn Read + Send>>,
    text_options: &claimgraph_extract::ExtractOptions,
    outbox: &mut Outbox<'_>,
    refused: &mut Refused,
    strict: bool,
) -> Result<Result<bool, CliError>, String> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Parsed>(1024);
        let progress = indicatif::ProgressBar::hidden();
        let parser = scope.spawn(move || parse_lines(reader, &progress, text_options, &sender));
        let mut sent = Ok(());
        for parsed in receiver.iter() {
            match parsed {
                Parsed::Record(line, record) => {
                    sent = outbox.push(line, &record);
                    if sent.is_ok() && outbox.is_full() {
                        sent = outbox.send(refused);
                    }
                }
                Parsed::Bad(line, msg) => refused.report(line, &msg),
            }
            if sent.is_err() || (strict && refused.count > 0) {
                break;
            }
        }
        drop(receiver);
        let saw_content = parser.join().unwrap_or(Ok(true))?;
        if sent.is_ok() && !(strict && refused.count > 0) {
            sent = outbox.send(refused);
        }
        Ok(sent.map(|()| saw_content))
    })
}

/// One text article as a completed record (extracted and enriched), or why not.
fn extract_text(
    reader: &mut dyn Read,
    options: &claimgraph_extract::ExtractOptions,
) -> Result<ArticleRecord, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_TEXT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_TEXT {
        return Err(format!(
            "a text article longer than {} MiB is refused (JSON Lines input has no such limit)",
            MAX_TEXT >> 20
        ));
    }
    let mut record =
        claimgraph_extract::extract_bytes(&bytes, options).map_err(|e| e.to_string())?;
    claimgraph_extract::enrich(&mut record);
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader of one line of `len` bytes (`x`), a newline and `rest`, produced on the fly:
    /// nothing of it is ever held in memory.
    struct LongLine {
        left: u64,
        rest: std::io::Cursor<Vec<u8>>,
    }

    impl Read for LongLine {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return self.rest.read(buf);
            }
            let n = buf.len().min(self.left as usize);
            buf[..n].fill(b'x');
            self.left -= n as u64;
            Ok(n)
        }
    }

    fn peak_rss_kb() -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    #[test]
    fn an_oversized_line_is_skipped_in_bounded_memory() {
        let record = r#"{"article":{"id":"after"},"claims":[]}"#;
        let len = MAX_LINE + (300 << 20);
        let reader: Box<dyn Read + Send> = Box::new(LongLine {
            left: len,
            rest: std::io::Cursor::new(format!("\n{record}\n").into_bytes()),
        });
        let mut reader = BufReader::with_capacity(1 << 20, reader);
        let (sender, receiver) = std::sync::mpsc::sync_channel(16);
        let before = peak_rss_kb();
        let saw = parse_lines(
            &mut reader,
            &indicatif::ProgressBar::hidden(),
            &claimgraph_extract::ExtractOptions::default(),
            &sender,
        );
        let after = peak_rss_kb();
        drop(sender);
        assert_eq!(saw, Ok(true));
        let parsed: Vec<Parsed> = receiver.iter().collect();
        assert!(matches!(&parsed[0], Parsed::Bad(1, msg) if msg.contains("longer than")));
        assert!(matches!(&parsed[1], Parsed::Record(2, r) if r.article.id == "after"));
        if let (Some(before), Some(after)) = (before, after) {
            // The first 64 MiB are read to find out the line is too long; the other 300 MiB
            // must not be held.
            let grown_mb = after.saturating_sub(before) / 1024;
            assert!(grown_mb < 200, "peak memory grew by {grown_mb} MB");
        }
    }

    #[test]
    fn skip_line_stops_after_the_newline() {
        let mut reader = BufReader::with_capacity(8, &b"abcdefghijklmnop\nnext"[..]);
        assert_eq!(skip_line(&mut reader).unwrap(), 17);
        let mut rest = String::new();
        reader.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "next");
        assert_eq!(skip_line(&mut reader).unwrap(), 0);
    }
}
