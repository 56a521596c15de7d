//! `claimgraph query`, `claimgraph explain` and `claimgraph shell`: the query language
//! from the command line (the query as an argument or on stdin) and an interactive prompt
//! (rustyline: history, line editing, multi-line input) with sqlite3-style meta-commands
//! (`.mode`, `.headers`, `.timer`, `.output`, `.read`, ...) and a batch mode (`shell -f`).
//! Errors print with a caret under the offending token and a hint.

use super::route::Opened;
use super::{choice, store_error, CliError, Context};
use claimgraph_export::CsvStyle;
use claimgraph_export::Format;
use claimgraph_query::{edit_distance, QueryError, QueryResult, QueryStore, Statement};
use claimgraph_store::Store;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The query, e.g. `claims about Aleppo said 2016-12-10..2016-12-12`, or `-` to read it
    /// from standard input (line breaks count as spaces).
    pub query: String,
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The query to plan, or `-` to read it from standard input.
    pub query: String,
}

#[derive(Debug, clap::Args)]
pub struct ShellArgs {
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
    /// Where the shell keeps its history.
    #[arg(long)]
    pub history: Option<std::path::PathBuf>,
    /// Run the queries and meta-commands in FILE (as `.read FILE`) and exit, instead of
    /// prompting; errors go to stderr, and the exit code is 1 when any statement failed.
    #[arg(short = 'f', long = "file")]
    pub file: Option<std::path::PathBuf>,
}

pub(crate) fn query_error(e: QueryError) -> CliError {
    match e {
        QueryError::Store(s) => store_error(s),
        other => CliError::Query(other),
    }
}

fn write_result(
    csv: CsvStyle,
    result: &QueryResult,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    claimgraph_export::write_result_with(result, out, format, csv)?;
    if result.truncated {
        truncation_note();
    }
    Ok(())
}

/// Says on stderr that a query stopped at the default row cap.
fn truncation_note() {
    eprintln!(
        "claimgraph: showing the first {} rows; add `| limit N` for more",
        claimgraph_query::DEFAULT_LIMIT
    );
}

/// The query text: the argument, or standard input when it is `-`.
fn query_text(argument: &str) -> Result<String, CliError> {
    if argument != "-" {
        return Ok(argument.to_string());
    }
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
        .map_err(|e| CliError::User(format!("reading the query from standard input: {e}")))?;
    let text = text.trim();
    if text.is_empty() {
        return Err(CliError::User(
            "no query on standard input (the query argument was `-`)".into(),
        ));
    }
    Ok(text.to_string())
}

pub fn run(ctx: &Context, args: &QueryArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let query = query_text(&args.query)?;
    match super::route::open(ctx)? {
        Opened::Local(store) => {
            let result = store.query(&query).map_err(query_error)?;
            write_result(ctx.csv, &result, args.format, out)
        }
        Opened::Server(server) => {
            let path = super::route::path(
                "/api/query",
                &[
                    ("q", Some(&query)),
                    ("format", Some(args.format.as_str())),
                    ("csv", super::route::csv_param(ctx)),
                ],
            );
            let reply = super::route::get(&server, &path)?;
            out.write_all(&reply.body)?;
            if reply.header(claimgraph_serve::TRUNCATED_HEADER).is_some() {
                truncation_note();
            }
            Ok(())
        }
    }
}

pub fn explain(ctx: &Context, args: &ExplainArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let query = query_text(&args.query)?;
    let plan = match super::route::open(ctx)? {
        Opened::Local(store) => store.explain(&query).map_err(query_error)?.to_string(),
        Opened::Server(server) => {
            let path = super::route::path("/api/explain", &[("q", Some(&query))]);
            let reply = super::route::get(&server, &path)?;
            let answer: serde_json::Value = serde_json::from_slice(&reply.body)
                .map_err(|e| CliError::Internal(format!("the server's plan: {e}")))?;
            answer["plan"].as_str().unwrap_or_default().to_string()
        }
    };
    write!(out, "{plan}")?;
    Ok(())
}

/// Shell commands other than queries.
const SHELL_HELP: &str = "Enter a query; Enter on an unfinished one (an open parenthesis or
string, a trailing | or \\) continues it on the next line. Or:
  .explain QUERY        show the plan
  .mode table|json|jsonl|csv|markdown
                        how results print (.format is the same)
  .headers on|off       the header row of table and csv results
  .timer on|off         print how long each query took
  .output FILE          write results to FILE (.output alone: back to the terminal)
  .read FILE            run the queries and commands in FILE (lines starting -- are comments)
  .actors               every actor: kind, role, membership, aliases
  .topics               every topic
  .help                 this text
  .quit                 leave (or Ctrl-D)
Example: claims about Aleppo said 2016-12-10..2016-12-12 | sort said";

/// How deep `.read` may nest: a file that reads itself stops here.
const MAX_READ_DEPTH: usize = 8;

/// What the meta-commands set, for the rest of the session.
struct ShellSettings {
    csv: CsvStyle,
    mode: Format,
    headers: bool,
    timer: bool,
    /// `.output FILE`: results go there instead of the terminal.
    output: Option<(std::path::PathBuf, std::io::BufWriter<std::fs::File>)>,
    /// The banner and the row counts, for a person at a terminal; not in a pipe.
    footer: bool,
    /// Row counts always as `(N rows)`, for programs that parse them.
    fixed_footer: bool,
    /// `shell -f`: mistakes go to stderr and are counted, not printed among the results.
    batch: bool,
    /// Statements that failed with a mistake of the user's.
    failures: usize,
    /// `json` results on one line: the output is a program's pipe, not a person's terminal,
    /// and a reader that gathers the answer line by line pays per line.
    compact_json: bool,
}

impl ShellSettings {
    fn new(csv: CsvStyle, format: Format) -> ShellSettings {
        ShellSettings {
            csv,
            mode: format,
            headers: true,
            timer: false,
            output: None,
            footer: true,
            fixed_footer: false,
            batch: false,
            failures: 0,
            compact_json: false,
        }
    }

    /// Closes the `.output` file, if any, reporting a failed write.
    fn close_output(&mut self) -> Result<(), CliError> {
        if let Some((path, mut file)) = self.output.take() {
            file.flush()
                .map_err(|e| CliError::User(format!("{}: {e}", path.display())))?;
        }
        Ok(())
    }
}

/// Whether `text` is a whole statement, as the query lexer and parser see it: a
/// meta-command is one line; a query is unfinished while it ends in `\\`, a string is
/// open, or the parser stops at the end of the text (an open parenthesis, a trailing `|`
/// or `by`). A `(` or `|` inside a string is text, never a continuation.
fn statement_complete(text: &str) -> bool {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.starts_with('.') {
        return true;
    }
    if trimmed.ends_with('\\') {
        return false;
    }
    !claimgraph_query::is_unfinished(trimmed)
}

/// Lines gathered until they make one statement ([`statement_complete`]); a line ending in
/// `\\` continues without the backslash.
#[derive(Default)]
struct Pending {
    text: String,
}

/// A whole statement: its text and, for a query, the parse that found it complete, so the
/// query runs without being parsed again (parsing was a fifth of the shell's CPU on
/// statements that read one claim).
struct Input {
    text: String,
    query: Option<Statement>,
}

impl std::ops::Deref for Input {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text.fmt(f)
    }
}

impl PartialEq for Input {
    fn eq(&self, other: &Input) -> bool {
        self.text == other.text
    }
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn clear(&mut self) {
        self.text.clear();
    }

    /// Adds a line (or several, as the line editor returns a multi-line statement); the
    /// statement when it is complete.
    fn push(&mut self, line: &str) -> Option<Input> {
        let joined = line.replace("\\\n", " ").replace('\n', " ");
        let trimmed = joined.trim_end();
        if self.text.is_empty() && trimmed.trim_start().starts_with('.') {
            return Some(Input {
                text: trimmed.trim().to_string(),
                query: None,
            });
        }
        if let Some(head) = trimmed.strip_suffix('\\') {
            self.text.push_str(head);
            self.text.push(' ');
            return None;
        }
        self.text.push_str(trimmed);
        // What `statement_complete` decides, keeping the query's parse.
        let whole = self.text.trim();
        let query = if whole.is_empty() || whole.starts_with('.') {
            None
        } else {
            match Statement::complete(whole) {
                Some(query) => Some(query),
                None => {
                    self.text.push(' ');
                    return None;
                }
            }
        };
        let text = std::mem::take(&mut self.text);
        let text = text.trim();
        (!text.is_empty()).then(|| Input {
            text: text.to_string(),
            query,
        })
    }
}

/// Set to `always`, the shell prints its banner and a row count after every result even
/// when its output is not a terminal.
const FOOTER_VARIABLE: &str = "CLAIMGRAPH_SHELL_FOOTER";

/// The line editor's helper: only its validator, which keeps Enter on an unfinished
/// query editing the same statement on a new line.
struct ShellHelper;

impl rustyline::validate::Validator for ShellHelper {
    fn validate(
        &self,
        ctx: &mut rustyline::validate::ValidationContext<'_>,
    ) -> rustyline::Result<rustyline::validate::ValidationResult> {
        use rustyline::validate::ValidationResult;
        Ok(if statement_complete(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl rustyline::completion::Completer for ShellHelper {
    type Candidate = String;
}

impl rustyline::hint::Hinter for ShellHelper {
    type Hint = String;
}

impl rustyline::highlight::Highlighter for ShellHelper {}

impl rustyline::Helper for ShellHelper {}

pub fn shell(ctx: &Context, args: &ShellArgs, out: &mut dyn Write) -> Result<(), CliError> {
    use std::io::IsTerminal;
    let store = super::list::open(ctx, "shell")?;
    let mut settings = ShellSettings::new(ctx.csv, args.format);
    settings.footer = std::io::stdout().is_terminal();
    // Programs that drive the shell over a pipe and read its banner and row counts (the
    // side-by-side benchmark, `../shared/bench/peers/run_peers.py`) ask for them with this
    // variable; the count then keeps one fixed form, `(N rows)`.
    if std::env::var_os(FOOTER_VARIABLE).is_some_and(|v| v == "always") {
        settings.footer = true;
        settings.fixed_footer = true;
    }
    settings.compact_json = !std::io::stdout().is_terminal();
    match &args.file {
        Some(file) => shell_batch(&store, file, &mut settings, out),
        None if std::io::stdin().is_terminal() => {
            shell_prompt(ctx, &store, args, &mut settings, out)
        }
        None => shell_piped(
            ctx,
            &store,
            &mut std::io::BufReader::with_capacity(PIPE_BUFFER, std::io::stdin().lock()),
            &mut settings,
            out,
        ),
    }
}

/// Bytes of standard input a piped shell reads at once.
const PIPE_BUFFER: usize = 64 * 1024;

/// The shell fed by a pipe or a file on standard input: statements are read line by line
/// and answered as they come, so a program can converse with the shell. Answers are
/// flushed whenever the shell would otherwise wait for input (no complete line is
/// buffered): a program that sends a statement and a sync line together gets both answers
/// in one write, so it wakes once per round trip instead of once per line it sent. No line
/// editor and no history: history is what a person typed, and saving it rewrote a file
/// twice per round trip of the benchmark.
fn shell_piped<R: std::io::Read>(
    ctx: &Context,
    store: &Store,
    input: &mut std::io::BufReader<R>,
    settings: &mut ShellSettings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use std::io::BufRead;
    banner(ctx, settings, out)?;
    let mut pending = Pending::default();
    let mut line = String::new();
    loop {
        line.clear();
        let read = input
            .read_line(&mut line)
            .map_err(|e| CliError::Internal(format!("reading input: {e}")))?;
        if read == 0 {
            break;
        }
        let text = line.strip_suffix('\n').unwrap_or(&line);
        let text = text.strip_suffix('\r').unwrap_or(text);
        let Some(statement) = pending.push(text) else {
            continue;
        };
        if run_statement(store, statement, settings, out, 0)? == Step::Quit {
            break;
        }
        if !input.buffer().contains(&b'\n') {
            out.flush()?;
        }
    }
    out.flush()?;
    settings.close_output()?;
    Ok(())
}

/// `shell -f FILE`: the file's statements, then exit 1 if any failed.
fn shell_batch(
    store: &Store,
    file: &std::path::Path,
    settings: &mut ShellSettings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    settings.batch = true;
    let path = file.to_string_lossy();
    read_file(store, &path, settings, out, 0)?;
    settings.close_output()?;
    match settings.failures {
        0 => Ok(()),
        n => Err(CliError::User(format!(
            "{n} {} in {path} failed",
            plural(n, "statement", "statements")
        ))),
    }
}

/// `one` for 1, else `many`.
fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The interactive prompt: line editing, history, multi-line input.
fn shell_prompt(
    ctx: &Context,
    store: &Store,
    args: &ShellArgs,
    settings: &mut ShellSettings,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use rustyline::error::ReadlineError;
    let mut editor = rustyline::Editor::<ShellHelper, rustyline::history::DefaultHistory>::new()
        .map_err(|e| CliError::Internal(format!("cannot start the line editor: {e}")))?;
    editor.set_helper(Some(ShellHelper));
    let history = args.history.clone().or_else(|| {
        std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".claimgraph_history"))
    });
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    banner(ctx, settings, out)?;
    let mut pending = Pending::default();
    loop {
        let prompt = if pending.is_empty() {
            "claims> "
        } else {
            "   ...> "
        };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                pending.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(CliError::Internal(format!("reading input: {e}"))),
        };
        let Some(input) = pending.push(&line) else {
            continue;
        };
        let _ = editor.add_history_entry(&*input);
        // Saved as we go, so a killed shell keeps what was typed.
        if let Some(h) = &history {
            let _ = editor.save_history(h);
        }
        if run_statement(store, input, settings, out, 0)? == Step::Quit {
            break;
        }
        out.flush()?;
    }
    settings.close_output()?;
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    Ok(())
}

/// Whether the shell goes on after a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Continue,
    Quit,
}

/// The shell's first line, when it talks to a person (or the footer is forced on).
fn banner(ctx: &Context, settings: &ShellSettings, out: &mut dyn Write) -> Result<(), CliError> {
    if settings.footer {
        writeln!(
            out,
            "claimgraph shell on {} — .help for help",
            ctx.store.display()
        )?;
        out.flush()?;
    }
    Ok(())
}

/// Runs one statement; a mistake in it (a bad query, an unknown command) is printed and
/// the shell goes on, anything else ends it.
fn run_statement(
    store: &Store,
    input: Input,
    settings: &mut ShellSettings,
    out: &mut dyn Write,
    depth: usize,
) -> Result<Step, CliError> {
    let outcome = match input.query {
        Some(query) => shell_query(store, query, settings, out),
        None => shell_line(store, &input.text, settings, out, depth),
    };
    match outcome {
        Ok(step) => Ok(step),
        Err(mistake @ (CliError::User(_) | CliError::Query(_))) => {
            let msg = mistake.to_string();
            settings.failures += 1;
            if settings.batch {
                eprintln!("claimgraph: {msg}");
            } else {
                writeln!(out, "{msg}")?;
            }
            Ok(Step::Continue)
        }
        Err(e) => Err(e),
    }
}

/// `on` or `off`.
fn switch(name: &str, value: &str) -> Result<bool, CliError> {
    match value {
        "on" => Ok(true),
        "off" => Ok(false),
        other => Err(CliError::User(format!(
            ".{name} takes on or off, not '{other}'"
        ))),
    }
}

/// A file name argument, with surrounding quotes removed.
fn file_argument(rest: &str) -> &str {
    let rest = rest.trim();
    ['"', '\'']
        .iter()
        .find_map(|q| rest.strip_prefix(*q).and_then(|r| r.strip_suffix(*q)))
        .unwrap_or(rest)
}

/// Runs one shell input.
fn shell_line(
    store: &Store,
    input: &str,
    settings: &mut ShellSettings,
    out: &mut dyn Write,
    depth: usize,
) -> Result<Step, CliError> {
    let Some(command) = input.strip_prefix('.') else {
        return shell_query(store, Statement::parse(input), settings, out);
    };
    let (name, rest) = command.split_once(' ').unwrap_or((command, ""));
    match name {
        "quit" | "exit" | "q" => return Ok(Step::Quit),
        "help" => writeln!(out, "{SHELL_HELP}")?,
        "explain" => {
            let plan = store.explain(rest).map_err(query_error)?;
            write!(out, "{plan}")?;
        }
        "mode" | "format" => {
            let name = rest.trim();
            settings.mode = name.parse().map_err(|_| {
                CliError::User(format!(
                    "unknown mode '{name}': table, json, jsonl, csv or markdown"
                ))
            })?;
        }
        "headers" => settings.headers = switch(name, rest.trim())?,
        "timer" => settings.timer = switch(name, rest.trim())?,
        "output" => {
            settings.close_output()?;
            let path = file_argument(rest);
            if !path.is_empty() && path != "-" {
                let file = std::fs::File::create(path)
                    .map_err(|e| CliError::User(format!("{path}: {e}")))?;
                settings.output = Some((path.into(), std::io::BufWriter::new(file)));
            }
        }
        "read" => return read_file(store, file_argument(rest), settings, out, depth),
        "actors" => {
            let (format, csv) = (settings.mode, settings.csv);
            super::list::write_actors(store, format, csv, results(&mut settings.output, out))?;
        }
        "topics" => {
            let mut topics = store
                .topics()
                .map(|t| t.map(|(_, name)| name))
                .collect::<Result<Vec<String>, _>>()
                .map_err(super::store_error)?;
            topics.sort_by_key(|name| name.to_lowercase());
            let sink = results(&mut settings.output, out);
            for name in topics {
                writeln!(sink, "{name}")?;
            }
        }
        other => return Err(unknown_command(other)),
    }
    Ok(Step::Continue)
}

/// Where results go: the `.output` file, or the terminal.
fn results<'a>(
    output: &'a mut Option<(std::path::PathBuf, std::io::BufWriter<std::fs::File>)>,
    out: &'a mut dyn Write,
) -> &'a mut dyn Write {
    match output {
        Some((_, file)) => file,
        None => out,
    }
}

/// Every meta-command, for "did you mean".
const SHELL_COMMANDS: &[&str] = &[
    "explain", "mode", "format", "headers", "timer", "output", "read", "actors", "topics", "help",
    "quit", "exit",
];

/// An unknown meta-command, with the nearest known one when it is a likely typo.
fn unknown_command(name: &str) -> CliError {
    let nearest = SHELL_COMMANDS
        .iter()
        .map(|known| (edit_distance(name, known), *known))
        .min();
    match nearest {
        Some((distance, known)) if distance <= 2 && distance < name.chars().count() => {
            CliError::User(format!(
                "unknown shell command '.{name}'; did you mean '.{known}'? (.help lists them)"
            ))
        }
        _ => CliError::User(format!("unknown shell command '.{name}'; .help lists them")),
    }
}

/// `.read FILE`: every statement of the file, as if typed (`--` lines are comments).
fn read_file(
    store: &Store,
    path: &str,
    settings: &mut ShellSettings,
    out: &mut dyn Write,
    depth: usize,
) -> Result<Step, CliError> {
    if depth >= MAX_READ_DEPTH {
        return Err(CliError::User(format!(
            ".read {path}: files read each other more than {MAX_READ_DEPTH} deep"
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| CliError::User(format!("{path}: {e}")))?;
    let mut pending = Pending::default();
    for line in text.lines() {
        if pending.is_empty() && line.trim_start().starts_with("--") {
            continue;
        }
        if let Some(statement) = pending.push(line) {
            if run_statement(store, statement, settings, out, depth + 1)? == Step::Quit {
                return Ok(Step::Quit);
            }
        }
    }
    if !pending.is_empty() {
        return Err(CliError::User(format!(
            "{path}: the last query is not finished (an open parenthesis or string, or a trailing | or \\)"
        )));
    }
    Ok(Step::Continue)
}

/// Runs a query and prints its result as the settings say; the row count and the time go
/// to the terminal even while results go to a file.
fn shell_query(
    store: &Store,
    query: Statement,
    settings: &mut ShellSettings,
    out: &mut dyn Write,
) -> Result<Step, CliError> {
    let started = std::time::Instant::now();
    let result = store.run(query).map_err(query_error)?;
    let elapsed = started.elapsed();
    let rendered = render_result(settings, &result)?;
    match &mut settings.output {
        Some((path, file)) => file
            .write_all(&rendered)
            .map_err(|e| CliError::User(format!("{}: {e}", path.display())))?,
        None => out.write_all(&rendered)?,
    }
    if settings.footer {
        let rows = result.len();
        let noun = if settings.fixed_footer {
            "rows"
        } else {
            plural(rows, "row", "rows")
        };
        writeln!(out, "({rows} {noun})")?;
    }
    if settings.timer {
        writeln!(out, "time: {:.1} ms", elapsed.as_secs_f64() * 1000.0)?;
    }
    Ok(Step::Continue)
}

/// The result in the shell's mode, without the header row when `.headers off` (and the
/// Markdown table's rule under it).
fn render_result(settings: &ShellSettings, result: &QueryResult) -> Result<Vec<u8>, CliError> {
    if settings.mode == Format::Json && settings.compact_json {
        return compact_json(settings.csv, result);
    }
    let mut rendered = Vec::new();
    write_result(settings.csv, result, settings.mode, &mut rendered)?;
    let header_lines = match settings.mode {
        Format::Table | Format::Csv => 1,
        Format::Markdown => 2,
        Format::Json | Format::Jsonl => 0,
    };
    if settings.headers || header_lines == 0 {
        return Ok(rendered);
    }
    // Column names hold no line breaks, so the header is exactly the first lines.
    let body = rendered
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(header_lines - 1)
        .map_or(rendered.len(), |(i, _)| i + 1);
    Ok(rendered.split_off(body))
}

/// The `json` result as one line: the `jsonl` rows (one compact object each) joined into
/// an array, so it is the same JSON value the pretty form prints.
fn compact_json(csv: CsvStyle, result: &QueryResult) -> Result<Vec<u8>, CliError> {
    let mut lines = Vec::new();
    write_result(csv, result, Format::Jsonl, &mut lines)?;
    let mut rendered = Vec::with_capacity(lines.len() + 3);
    rendered.push(b'[');
    for (i, row) in lines
        .split(|&b| b == b'\n')
        .filter(|r| !r.is_empty())
        .enumerate()
    {
        if i > 0 {
            rendered.push(b',');
        }
        rendered.extend_from_slice(row);
    }
    rendered.extend_from_slice(b"]\n");
    Ok(rendered)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(
        store: &Store,
        input: &str,
        settings: &mut ShellSettings,
        out: &mut Vec<u8>,
    ) -> Result<Step, CliError> {
        shell_line(store, input, settings, out, 0)
    }

    #[test]
    fn shell_commands_parse() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut settings = ShellSettings::new(CsvStyle::Safe, Format::Table);
        let mut out = Vec::new();
        assert_eq!(
            line(&store, ".quit", &mut settings, &mut out).unwrap(),
            Step::Quit
        );
        line(&store, ".format json", &mut settings, &mut out).unwrap();
        assert_eq!(settings.mode, Format::Json);
        line(&store, ".mode jsonl", &mut settings, &mut out).unwrap();
        assert_eq!(settings.mode, Format::Jsonl);
        line(&store, ".mode markdown", &mut settings, &mut out).unwrap();
        assert_eq!(settings.mode, Format::Markdown);
        assert!(line(&store, ".mode xml", &mut settings, &mut out).is_err());
        assert!(line(&store, ".timer maybe", &mut settings, &mut out).is_err());
        let typo = line(&store, ".heders on", &mut settings, &mut out).unwrap_err();
        assert!(
            typo.to_string().contains("did you mean '.headers'?"),
            "{typo}"
        );
        let unknown = line(&store, ".xyzzy", &mut settings, &mut out).unwrap_err();
        assert!(!unknown.to_string().contains("did you mean"), "{unknown}");
        line(&store, ".timer on", &mut settings, &mut out).unwrap();
        assert!(settings.timer);
        let err = line(&store, "claims wehre x", &mut settings, &mut out).unwrap_err();
        assert!(err.to_string().contains("where"), "{err}");
        settings.mode = Format::Table;
        line(&store, "claims | count", &mut settings, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("claims\n0\n(1 row)\ntime: "), "{text}");
        settings.footer = false;
        let mut quiet = Vec::new();
        line(&store, "claims | count", &mut settings, &mut quiet).unwrap();
        assert!(String::from_utf8(quiet)
            .unwrap()
            .starts_with("claims\n0\ntime: "));
    }

    #[test]
    fn compact_json_is_the_pretty_json_on_one_line() {
        let result = QueryResult {
            data: claimgraph_query::ResultData::Rows {
                columns: vec!["speaker".into(), "text".into()],
                rows: vec![
                    vec![
                        claimgraph_query::Value::Text("Russia".into()),
                        claimgraph_query::Value::Text("two\nlines, \"quoted\"".into()),
                    ],
                    vec![
                        claimgraph_query::Value::Text("Syria".into()),
                        claimgraph_query::Value::Null,
                    ],
                ],
            },
            truncated: false,
        };
        let mut settings = ShellSettings::new(CsvStyle::Safe, Format::Json);
        let pretty = render_result(&settings, &result).unwrap();
        settings.compact_json = true;
        let compact = render_result(&settings, &result).unwrap();
        assert_eq!(compact.iter().filter(|&&b| b == b'\n').count(), 1);
        assert!(pretty.iter().filter(|&&b| b == b'\n').count() > 2);
        let value = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).unwrap();
        assert_eq!(value(&compact), value(&pretty));
        let empty = QueryResult {
            data: claimgraph_query::ResultData::Rows {
                columns: vec!["speaker".into()],
                rows: vec![],
            },
            truncated: false,
        };
        assert_eq!(render_result(&settings, &empty).unwrap(), b"[]\n");
    }

    /// An empty store and the settings a program talking to a piped shell uses.
    fn piped_setup() -> (tempfile::TempDir, Store, Context, ShellSettings) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let ctx = Context {
            store: dir.path().to_path_buf(),
            csv: CsvStyle::Safe,
        };
        let mut settings = ShellSettings::new(CsvStyle::Safe, Format::Json);
        settings.footer = true;
        settings.fixed_footer = true;
        settings.compact_json = true;
        (dir, store, ctx, settings)
    }

    #[test]
    fn a_piped_shell_answers_each_statement_as_it_comes() {
        let (_dir, store, ctx, mut settings) = piped_setup();
        let mut input =
            std::io::BufReader::new(&b"claims |\r\n count\n.nosuch\n.quit\nclaims | count\n"[..]);
        let mut out = Vec::new();
        shell_piped(&ctx, &store, &mut input, &mut settings, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("claimgraph shell on"), "{text}");
        assert_eq!(lines[1..3], ["[{\"claims\":0}]", "(1 rows)"], "{text}");
        assert!(
            lines[3].starts_with("unknown shell command '.nosuch'"),
            "{text}"
        );
        // `.quit` ends the conversation: the last statement is not run.
        assert_eq!(lines.len(), 4, "{text}");
    }

    /// Input that arrives in the given pieces, one per read, like writes into a pipe.
    struct Pieces(std::collections::VecDeque<&'static [u8]>);

    impl std::io::Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some(piece) = self.0.pop_front() else {
                return Ok(0);
            };
            buf[..piece.len()].copy_from_slice(piece);
            Ok(piece.len())
        }
    }

    /// Output that records how many bytes it held at each flush.
    #[derive(Default)]
    struct Flushes {
        bytes: Vec<u8>,
        at: Vec<usize>,
    }

    impl Write for Flushes {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.at.push(self.bytes.len());
            Ok(())
        }
    }

    #[test]
    fn a_piped_shell_flushes_only_when_it_would_wait_for_input() {
        let (_dir, store, ctx, mut settings) = piped_setup();
        // A statement and its sync line sent together, then a statement alone.
        let pieces = Pieces(
            [&b"claims | count\n.sync\n"[..], &b"claims | count\n"[..]]
                .into_iter()
                .collect(),
        );
        let mut input = std::io::BufReader::new(pieces);
        let mut out = Flushes::default();
        shell_piped(&ctx, &store, &mut input, &mut settings, &mut out).unwrap();
        let text = String::from_utf8(out.bytes.clone()).unwrap();
        let ends: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        // The banner; the first statement and the sync line's answer in one flush (lines
        // 2-4 of the output); the second statement's answer; the end of input.
        assert_eq!(ends.len(), 6, "{text}");
        assert_eq!(out.at, [ends[0], ends[3], ends[5], ends[5]], "{text}");
    }

    #[test]
    fn statements_continue_until_complete() {
        let mut pending = Pending::default();
        assert_eq!(pending.push("claims about Aleppo |"), None);
        assert_eq!(
            pending.push("count").as_deref(),
            Some("claims about Aleppo | count")
        );
        assert_eq!(pending.push("claims denying (claims by Russia"), None);
        assert_eq!(
            pending.push(")").as_deref(),
            Some("claims denying (claims by Russia )")
        );
        assert_eq!(pending.push("claims \\"), None);
        assert_eq!(pending.push("| count").as_deref(), Some("claims  | count"));
        assert_eq!(
            pending.push(".read (odd name").as_deref(),
            Some(".read (odd name")
        );
        assert_eq!(pending.push("   "), None);
        assert!(pending.is_empty());
        // A parenthesis or a pipe inside a string is text.
        assert_eq!(
            pending.push("claims where text ~ \"a (b |\"").as_deref(),
            Some("claims where text ~ \"a (b |\"")
        );
        // An open string continues, its line break read as a space.
        assert_eq!(pending.push("claims where text ~ \"a (b"), None);
        assert_eq!(
            pending.push("c\"").as_deref(),
            Some("claims where text ~ \"a (b c\"")
        );
        // A multi-line statement from the line editor.
        assert_eq!(
            pending.push("claims by Russia |\n count").as_deref(),
            Some("claims by Russia |  count")
        );
        // A mistake in the middle is complete: it runs and shows its error.
        assert_eq!(
            pending.push("claims wehre x").as_deref(),
            Some("claims wehre x")
        );
        // A query comes with the parse that found it complete; a command with none.
        let query = pending.push("claims by Russia | count");
        assert!(query.is_some_and(|input| input.query.is_some()));
        let command = pending.push(".mode json");
        assert!(command.is_some_and(|input| input.query.is_none()));
    }

    #[test]
    fn the_validator_decides_with_the_lexer() {
        assert!(statement_complete("claims about Aleppo | count"));
        assert!(statement_complete("claims where text ~ \"(\""));
        assert!(statement_complete("claims where text ~ 'a | b'"));
        assert!(!statement_complete("claims where text ~ \"(unclosed"));
        assert!(!statement_complete("claims denying (claims by Russia"));
        assert!(!statement_complete("claims about Aleppo |"));
        assert!(!statement_complete("claims \\"));
        assert!(statement_complete(".read (odd name"));
        assert!(statement_complete(""));
    }

    #[test]
    fn headers_off_drops_only_the_header_row() {
        let result = QueryResult {
            data: claimgraph_query::ResultData::Rows {
                columns: vec!["speaker".into(), "claims".into()],
                rows: vec![vec![
                    claimgraph_query::Value::Text("Russia".into()),
                    claimgraph_query::Value::Int(2),
                ]],
            },
            truncated: false,
        };
        let mut settings = ShellSettings::new(CsvStyle::Safe, Format::Csv);
        settings.headers = false;
        assert_eq!(render_result(&settings, &result).unwrap(), b"Russia,2\n");
        settings.mode = Format::Markdown;
        assert_eq!(
            render_result(&settings, &result).unwrap(),
            b"| Russia | 2 |\n"
        );
        settings.mode = Format::Table;
        // The columns keep the width the header gave them.
        assert_eq!(render_result(&settings, &result).unwrap(), b"Russia   2\n");
        settings.mode = Format::Jsonl;
        assert_eq!(
            render_result(&settings, &result).unwrap(),
            b"{\"claims\":2,\"speaker\":\"Russia\"}\n"
        );
    }
}
