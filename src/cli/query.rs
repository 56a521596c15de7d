//! `claimgraph query`, `claimgraph explain` and `claimgraph shell`: the query language
//! from the command line and an interactive prompt (rustyline: history, line editing,
//! multi-line input). Errors print with a caret under the offending token and a hint.

use super::{choice, store_error, CliError, Context};
use claimgraph_export::CsvStyle;
use claimgraph_export::Format;
use claimgraph_query::{QueryError, QueryResult, QueryStore};
use claimgraph_store::Store;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The query, e.g. `claims about Aleppo said 2016-12-10..2016-12-12`.
    pub query: String,
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The query to plan.
    pub query: String,
}

#[derive(Debug, clap::Args)]
pub struct ShellArgs {
    #[arg(long, value_parser = choice::<Format>(Format::CHOICES), default_value = "table")]
    pub format: Format,
    /// Where the shell keeps its history.
    #[arg(long)]
    pub history: Option<std::path::PathBuf>,
}

pub(crate) fn query_error(e: QueryError) -> CliError {
    match e {
        QueryError::Store(s) => store_error(s),
        other => CliError::User(format!("invalid query\n{}", other.render())),
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
        eprintln!(
            "claimgraph: showing the first {} rows; add `| limit N` for more",
            claimgraph_query::DEFAULT_LIMIT
        );
    }
    Ok(())
}

pub fn run(ctx: &Context, args: &QueryArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = super::list::open(ctx)?;
    let result = store.query(&args.query).map_err(query_error)?;
    write_result(ctx.csv, &result, args.format, out)
}

pub fn explain(ctx: &Context, args: &ExplainArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = super::list::open(ctx)?;
    let plan = store.explain(&args.query).map_err(query_error)?;
    write!(out, "{plan}")?;
    Ok(())
}

/// Shell commands other than queries.
const SHELL_HELP: &str = "Enter a query (end a line with \\ to continue it), or:
  .explain QUERY   show the plan
  .format table|json|csv
  .help            this text
  .quit            leave (or Ctrl-D)
Example: claims about Aleppo said 2016-12-10..2016-12-12 | sort said";

pub fn shell(ctx: &Context, args: &ShellArgs, out: &mut dyn Write) -> Result<(), CliError> {
    use rustyline::error::ReadlineError;
    let store = super::list::open(ctx)?;
    let mut editor = rustyline::DefaultEditor::new()
        .map_err(|e| CliError::Internal(format!("cannot start the line editor: {e}")))?;
    let history = args.history.clone().or_else(|| {
        std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".claimgraph_history"))
    });
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let mut format = args.format;
    writeln!(
        out,
        "claimgraph shell on {} — .help for help",
        ctx.store.display()
    )?;
    out.flush()?;
    let mut pending = String::new();
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
        // A trailing backslash, an open parenthesis or a trailing pipe continues the query.
        let trimmed = line.trim_end();
        if let Some(head) = trimmed.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
            continue;
        }
        pending.push_str(trimmed);
        let opens = pending.matches('(').count();
        let closes = pending.matches(')').count();
        if opens > closes || pending.trim_end().ends_with('|') {
            pending.push(' ');
            continue;
        }
        let input = std::mem::take(&mut pending);
        let input = input.trim();
        if input.is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(input);
        match shell_line(&store, ctx.csv, input, &mut format, out) {
            Ok(true) => break,
            Ok(false) => {}
            Err(CliError::User(msg)) => writeln!(out, "{msg}")?,
            Err(e) => return Err(e),
        }
        out.flush()?;
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    Ok(())
}

/// Runs one shell input; `Ok(true)` means quit.
fn shell_line(
    store: &Store,
    csv: CsvStyle,
    input: &str,
    format: &mut Format,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    if let Some(command) = input.strip_prefix('.') {
        let (name, rest) = command.split_once(' ').unwrap_or((command, ""));
        match name {
            "quit" | "exit" | "q" => return Ok(true),
            "help" => writeln!(out, "{SHELL_HELP}")?,
            "explain" => {
                let plan = store.explain(rest).map_err(query_error)?;
                write!(out, "{plan}")?;
            }
            "format" => {
                *format = match rest.trim() {
                    "table" => Format::Table,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    other => {
                        return Err(CliError::User(format!(
                            "unknown format '{other}': table, json or csv"
                        )))
                    }
                };
            }
            other => {
                return Err(CliError::User(format!(
                    "unknown shell command '.{other}'; .help lists them"
                )))
            }
        }
        return Ok(false);
    }
    let result = store.query(input).map_err(query_error)?;
    write_result(csv, &result, *format, out)?;
    writeln!(out, "({} rows)", result.len())?;
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_commands_parse() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut format = Format::Table;
        let mut out = Vec::new();
        assert!(shell_line(&store, CsvStyle::Safe, ".quit", &mut format, &mut out).unwrap());
        assert!(!shell_line(
            &store,
            CsvStyle::Safe,
            ".format json",
            &mut format,
            &mut out
        )
        .unwrap());
        assert_eq!(format, Format::Json);
        assert!(shell_line(&store, CsvStyle::Safe, ".format xml", &mut format, &mut out).is_err());
        let err = shell_line(
            &store,
            CsvStyle::Safe,
            "claims wehre x",
            &mut format,
            &mut out,
        )
        .unwrap_err();
        assert!(err.to_string().contains("where"), "{err}");
        format = Format::Table;
        assert!(!shell_line(
            &store,
            CsvStyle::Safe,
            "claims | count",
            &mut format,
            &mut out
        )
        .unwrap());
        assert!(String::from_utf8(out).unwrap().contains("claims\n0\n"));
    }
}
