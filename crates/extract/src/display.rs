//! Display forms of the text fields of a claim: what a reader expects to see, while the
//! spans keep pointing at the text as given. Word-segmented Vietnamese joins syllables with
//! `_` and puts spaces around punctuation ("nhà_máy , theo ông"); the display form reads
//! "nhà máy, theo ông".

use claimgraph_model::names;

/// Punctuation written against the word before it.
fn closes(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | '!' | '?' | '…' | ')' | ']' | '”' | '’' | '%' | '»'
    )
}

/// Punctuation written against the word after it.
fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '“' | '‘' | '«')
}

/// The display form of a phrase: underscores to spaces, runs of whitespace to one space, and
/// punctuation attached to its word (straight quotes alternate opening and closing).
pub(crate) fn prose(text: &str) -> String {
    let spaced = names::display(text);
    let mut out = String::with_capacity(spaced.len());
    let mut straight_open = false;
    for word in spaced.split(' ') {
        let mut chars = word.chars();
        let (first, single) = (chars.next(), chars.next().is_none());
        let attach_left = match (first, single) {
            (Some('"'), true) => {
                straight_open = !straight_open;
                !straight_open
            }
            (Some(c), true) => closes(c),
            _ => false,
        };
        let after_opener = out
            .chars()
            .last()
            .is_some_and(|c| opens(c) || (c == '"' && straight_open));
        if !out.is_empty() && !attach_left && !after_opener {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::prose;

    #[test]
    fn punctuation_attaches_and_underscores_become_spaces() {
        assert_eq!(
            prose("sau cơn bão , nhà_máy ( ở Huế ) sẽ mở lại ."),
            "sau cơn bão, nhà máy (ở Huế) sẽ mở lại."
        );
        assert_eq!(
            prose("ông nói : \" Chúng_tôi đều ổn \" và “ sẽ về ”"),
            "ông nói: \"Chúng tôi đều ổn\" và “sẽ về”"
        );
        assert_eq!(prose("cho_biết"), "cho biết");
    }

    #[test]
    fn text_already_in_display_form_is_unchanged() {
        for text in [
            "He said, \"we will go.\"",
            "giá tăng 3,5% (so với 2023)",
            "",
        ] {
            assert_eq!(prose(text), text);
        }
    }
}
