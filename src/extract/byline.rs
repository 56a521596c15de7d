//! The byline: "Theo Đăng KhoaPháp luật TPHCM" (author and outlet glued together when the
//! page was scraped) → author "Đăng Khoa", publisher "Pháp luật TPHCM"; "By Jane Roe" → author.

use crate::model::names;

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
