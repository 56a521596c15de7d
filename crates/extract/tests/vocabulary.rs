//! Language knowledge is data: the extraction code holds no words. This test reads every
//! source file of the crate (test modules and comments left out) and fails on a string or
//! char literal that holds a word (a run of two or more letters) unless the literal is a
//! technical token: an error message (`#[error(...)]`, `format!`, `Err(...)`), a data file
//! path (`include_str!`), a registry code (`language!`), an all-capitals code (a TIMEX3
//! value such as `XXXX-WXX` or `PAST_REF`: token keys are lowercase, so no matching can use
//! one), or one of the short allow-list below (field names of the time rules' data).

use std::path::{Path, PathBuf};

/// Words that name a JSON key or a fixed value of the data files' format, not language.
#[rustfmt::skip]
const ALLOWED: &[&str] = &[
    // Field names of time rules (regex group names and lexicon keys of
    // `schema/lang/time.*.json`) and the meridiem values the lexicon maps words to.
    "day", "month", "year", "hour", "minute", "century", "decade", "meridiem", "monthname",
    "weekday", "quarter", "number", "unit", "part", "season", "shift", "relday", "days", "ref",
    "set", "am", "pm", "second",
    // The time grammar's table of linking words and the rule name its conjuncts carry.
    "coordinator", "coordinated",
    // The `--lang` value that asks for detection.
    "auto",
    // The values of the interchange format's `said_basis`.
    "explicit", "inherited", "none",
];

/// Calls whose string arguments are messages or paths, not vocabulary.
#[rustfmt::skip]
const EXEMPT_CALLS: &[&str] = &[
    "format", "write", "writeln", "panic", "Err", "include_str", "concat", "language",
    "rule_error", "unreachable", "assert",
];

/// One string or char literal: its text, line and the calls it sits inside.
#[derive(Debug)]
struct Literal {
    text: String,
    line: usize,
    calls: Vec<String>,
    in_attribute: bool,
}

/// The code before the first `#[cfg(test)]` (test modules close the files of this crate).
fn without_tests(src: &str) -> &str {
    match src.find("#[cfg(test)]") {
        Some(i) => &src[..i],
        None => src,
    }
}

/// A small Rust lexer: literals, skipping comments, with the enclosing calls.
fn literals(src: &str) -> Vec<Literal> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    // Open brackets: the identifier before each `(`, or "" for other brackets; `#[` marks an
    // attribute.
    let mut stack: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => line += 1,
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            '/' if next == Some('*') => {
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
                continue;
            }
            '(' | '[' | '{' => {
                let mut j = i;
                while j > 0
                    && (chars[j - 1].is_alphanumeric() || matches!(chars[j - 1], '_' | '!' | ':'))
                {
                    j -= 1;
                }
                let name: String = chars[j..i].iter().collect();
                let name = name
                    .trim_end_matches('!')
                    .rsplit("::")
                    .next()
                    .unwrap_or("")
                    .to_string();
                let attribute = c == '[' && i > 0 && chars[i - 1] == '#';
                stack.push(if attribute {
                    "#".into()
                } else if c == '(' {
                    name
                } else {
                    String::new()
                });
            }
            ')' | ']' | '}' => {
                stack.pop();
            }
            '"' | 'r' | 'b' if is_string_start(&chars, i) => {
                let start_line = line;
                let (text, end) = read_string(&chars, i);
                line += text.matches('\n').count();
                out.push(Literal {
                    text,
                    line: start_line,
                    calls: stack.clone(),
                    in_attribute: stack.iter().any(|s| s == "#"),
                });
                i = end;
                continue;
            }
            '\'' => {
                // A char literal ('x', '\n', '\u{..}'); otherwise a lifetime.
                let close = if next == Some('\\') {
                    (i + 2..chars.len().min(i + 12)).find(|&k| chars[k] == '\'')
                } else if chars.get(i + 2) == Some(&'\'') {
                    Some(i + 2)
                } else {
                    None
                };
                if let Some(close) = close {
                    out.push(Literal {
                        text: chars[i + 1..close].iter().collect(),
                        line,
                        calls: stack.clone(),
                        in_attribute: false,
                    });
                    i = close + 1;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn is_string_start(chars: &[char], i: usize) -> bool {
    let prev_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    match chars[i] {
        '"' => true,
        'r' | 'b' if !prev_ident => {
            let mut j = i + 1;
            if chars[i] == 'b' && chars.get(j) == Some(&'r') {
                j += 1;
            }
            while chars.get(j) == Some(&'#') {
                j += 1;
            }
            chars.get(j) == Some(&'"') && (j > i + 1 || chars[i] == 'b' || chars[i] == 'r')
        }
        _ => false,
    }
}

/// Reads a string literal starting at `i` (plain, raw or byte); returns its body and the
/// index after it.
fn read_string(chars: &[char], mut i: usize) -> (String, usize) {
    let raw = chars[i] == 'r' || (chars[i] == 'b' && chars.get(i + 1) == Some(&'r'));
    while chars[i] != '"' && chars[i] != '#' {
        i += 1;
    }
    let mut hashes = 0;
    while chars[i] == '#' {
        hashes += 1;
        i += 1;
    }
    i += 1; // the opening quote
    let mut body = String::new();
    while i < chars.len() {
        let c = chars[i];
        if !raw && c == '\\' {
            // An escape (`\n`, `\xef`, `\u{..}`) is not a word.
            i += 1;
            match chars.get(i) {
                Some('x') => i += 3,
                Some('u') => {
                    while i < chars.len() && chars[i] != '}' {
                        i += 1;
                    }
                    i += 1;
                }
                _ => i += 1,
            }
            body.push(' ');
            continue;
        }
        if c == '"' && (0..hashes).all(|k| chars.get(i + 1 + k) == Some(&'#')) {
            return (body, i + 1 + hashes);
        }
        body.push(c);
        i += 1;
    }
    (body, i)
}

/// The letter runs of two letters or more in a literal, with format placeholders
/// (`{name}`, `{0:02}`) and regex escapes/groups (`\b`, `(?P<name>`, `(?i)`) taken out.
fn words(text: &str) -> Vec<String> {
    let mut cleaned = String::new();
    let mut depth = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '\\' => {
                chars.next();
                cleaned.push(' ');
            }
            '?' => {
                // `(?P<name>`, `(?i)`, `(?-i:`: group syntax.
                while chars
                    .peek()
                    .is_some_and(|n| n.is_alphanumeric() || matches!(n, '<' | '-' | '_'))
                {
                    chars.next();
                }
                cleaned.push(' ');
            }
            _ if depth > 0 => {}
            _ => cleaned.push(c),
        }
    }
    cleaned
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 2)
        .filter(|w| !w.chars().all(|c| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every literal of a source text that holds a word not allowed: (line, literal).
fn vocabulary(src: &str) -> Vec<(usize, String)> {
    literals(without_tests(src))
        .into_iter()
        .filter(|l| !l.in_attribute && !l.calls.iter().any(|c| EXEMPT_CALLS.contains(&c.as_str())))
        .filter(|l| {
            words(&l.text)
                .iter()
                .any(|w| !ALLOWED.contains(&w.as_str()))
        })
        .map(|l| (l.line, l.text))
        .collect()
}

#[test]
fn extraction_code_holds_no_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    assert!(files.len() > 5, "found the sources in {}", root.display());
    let mut found = Vec::new();
    for f in &files {
        let src = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for (line, text) in vocabulary(&src) {
            found.push(format!("{}:{line}: {text:?}", f.display()));
        }
    }
    assert!(
        found.is_empty(),
        "words in extraction code (move them to schema/lang/*.json):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scanner_sees_words_and_skips_tokens() {
    let code = r##"
        fn f(k: &str) -> bool { matches!(k, "according" | ",") }
        fn g() -> String { format!("{x} not a word {y}") }
        #[error("a message")]
        struct E;
        // "in a comment"
        /// "in a doc comment"
        fn h() { let c = 'x'; let r = r"(?i)\b"; let y = "year"; }
    "##;
    let hits = vocabulary(code);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].1, "according");
    assert_eq!(vocabulary(r#"fn v() { let a = "và"; }"#).len(), 1);
    assert!(vocabulary("#[cfg(test)]\nmod tests { const W: &str = \"said\"; }").is_empty());
}
