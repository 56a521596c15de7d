//! The byline: "Theo Đăng KhoaPháp luật TPHCM" (author and outlet glued together when the
//! page was scraped) → author "Đăng Khoa", publisher "Pháp luật TPHCM"; "By Jane Roe" → author.

use super::lang::LangData;
use super::token::{Token, TokenKind};
use claimgraph_model::names;
use claimgraph_model::TimePoint;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    pub author: Option<String>,
    pub publisher: Option<String>,
}

/// Reads a byline sentence that starts with the language's byline word.
pub fn parse(sentence: &str, prefix: &str) -> Option<Byline> {
    let s = sentence.trim();
    let (head, rest) = s.split_once(char::is_whitespace)?;
    if !head.eq_ignore_ascii_case(prefix) && head.to_lowercase() != prefix {
        return None;
    }
    let rest = rest.trim();
    let words = rest.split_whitespace().count();
    if rest.is_empty() || words > 10 || rest.contains([',', ';', ':', '“', '"']) {
        return None;
    }
    if !rest.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // A lowercase letter directly followed by an uppercase one marks the glue.
    let mut prev: Option<char> = None;
    for (i, c) in rest.char_indices() {
        if c.is_uppercase() && prev.is_some_and(char::is_lowercase) && rest[i..].contains(' ') {
            let author = names::display(&rest[..i]);
            let publisher = names::display(&rest[i..]);
            return Some(Byline {
                author: Some(author),
                publisher: Some(publisher),
            });
        }
        prev = Some(c);
    }
    Some(Byline {
        author: Some(names::display(rest)),
        publisher: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_glued_author_and_outlet() {
        let b = parse("Theo Đăng KhoaPháp luật TPHCM", "theo").unwrap();
        assert_eq!(b.author.as_deref(), Some("Đăng Khoa"));
        assert_eq!(b.publisher.as_deref(), Some("Pháp luật TPHCM"));
        assert_eq!(
            parse("By Jane Roe", "by").unwrap().author.as_deref(),
            Some("Jane Roe")
        );
        assert!(parse("Theo đề_xuất , các tay súng", "theo").is_none());
    }
}

/// An author line closing the article: a short name, maybe with a note ("Quốc_Tiệp (
/// tổng_hợp )", "Hà Thu (theo CNN)", "Xuân Ngọc").
pub fn author_line(text: &str, tokens: &[Token], lang: &LangData) -> Option<String> {
    let mut words = 0;
    let mut end = 0;
    while end < tokens.len() && tokens[end].upper && tokens[end].kind == TokenKind::Word {
        if !tokens[end].joined {
            words += 1;
        }
        end += 1;
    }
    if end == 0 || words > 4 {
        return None;
    }
    let rest = &tokens[end..];
    let noted = match rest.first().map(|t| t.key.as_str()) {
        None => true,
        Some("(") => {
            rest.last().is_some_and(|t| t.key == ")")
                && lang.author_notes.longest(&rest[1..], 0).is_some()
        }
        Some(_) => false,
    };
    // One capitalized word alone is more likely a caption or a heading than an author.
    (noted && end >= 2).then(|| names::display(&text[tokens[0].start..tokens[end - 1].end]))
}

/// The publication date a dateline near the top states: "13/12/2016", "April 1 , 1997",
/// "March 22, 2013". Returns `YYYY-MM-DD`.
pub fn dateline(text: &str, lang: &LangData) -> Option<String> {
    static RE: OnceLock<(Regex, Regex)> = OnceLock::new();
    let (numeric, named) = RE.get_or_init(|| {
        // Literal patterns: compiling them cannot fail.
        (
            Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b").unwrap_or_else(|_| unreachable!()),
            Regex::new(r"\b([A-Za-z]{3,9})\.? (\d{1,2}) ?, (\d{4})\b")
                .unwrap_or_else(|_| unreachable!()),
        )
    });
    // A dateline is a short line of its own among the first three; a date inside the
    // first paragraph is an event's, not the publication's.
    let head: String = text
        .lines()
        .take(3)
        .filter(|l| l.len() <= 100)
        .collect::<Vec<_>>()
        .join("\n");
    let head = head.as_str();
    let point = |y: &str, m: u8, d: &str| -> Option<String> {
        let p = TimePoint::day(Some(y.parse().ok()?), m, d.parse().ok()?)?;
        Some(p.to_string())
    };
    if let Some(c) = named.captures(head) {
        if let Some(&m) = lang.numbers.months.get(&c[1].to_lowercase()) {
            if let Some(p) = point(&c[3], m, &c[2]) {
                return Some(p);
            }
        }
    }
    let c = numeric.captures(head)?;
    point(&c[3], c[2].parse().ok()?, &c[1])
}

#[cfg(test)]
mod more_tests {
    use super::*;
    use crate::lang::lang_data;
    use crate::token::tokenize;

    #[test]
    fn author_lines_and_datelines() {
        let vi = lang_data("vi").unwrap();
        for (line, author) in [
            ("Quốc_Tiệp ( tổng_hợp )", Some("Quốc Tiệp")),
            ("Hà Thu (theo CNN)", Some("Hà Thu")),
            ("Xuân Ngọc", Some("Xuân Ngọc")),
            ("Ảnh", None),
            ("Nga cho biết như vậy", None),
        ] {
            assert_eq!(
                author_line(line, &tokenize(line), vi).as_deref(),
                author,
                "{line}"
            );
        }
        let en = lang_data("en").unwrap();
        assert_eq!(
            dateline("Title\nGENEVA, April 1 , 1997 (AFP)\n\nBody", en).as_deref(),
            Some("1997-04-01")
        );
        assert_eq!(
            dateline("Title\nMarch 22, 2013\n\nBody", en).as_deref(),
            Some("2013-03-22")
        );
        assert_eq!(
            dateline("Thứ ba, 13/12/2016 | 14:16 GMT+7\nTitle", vi).as_deref(),
            Some("2016-12-13")
        );
        assert_eq!(dateline("No date here.", en), None);
    }
}
