//! Text to features: syllables, capitalised names and shingles.
//!
//! Every feature is built from syllables: the text is NFC-normalised, split on anything that
//! is not a letter or digit (word-segmented Vietnamese joins syllables with `_`, so a
//! segmented and a plain copy of one article give the same syllables) and lowercased, tone
//! marks kept (Thanh and Thành stay apart). Nothing here knows a language: common words
//! lose their weight through inverse document frequency, not through a word list.

use unicode_normalization::UnicodeNormalization;

/// The lowercased syllables of `text`, in text order.
pub fn syllables(text: &str) -> Vec<String> {
    let text: String = text.nfc().collect();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Syllables and syllable bigrams of `text`: bigrams stand in for words, since most
/// Vietnamese words are two syllables and segmentation is not always given.
pub fn terms(text: &str) -> Vec<String> {
    let syl = syllables(text);
    let mut out = Vec::with_capacity(syl.len() * 2);
    for (i, s) in syl.iter().enumerate() {
        out.push(s.clone());
        if let Some(next) = syl.get(i + 1) {
            out.push(format!("{s} {next}"));
        }
    }
    out
}

/// The first `limit` syllables of `text`, as text: the lead of an article.
pub fn lead(text: &str, limit: usize) -> String {
    let text: String = text.nfc().collect();
    let mut taken = 0;
    let mut end = text.len();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let letter = c.is_alphanumeric();
        if letter && !in_word {
            if taken == limit {
                end = i;
                break;
            }
            taken += 1;
        }
        in_word = letter;
    }
    text[..end].to_string()
}

/// Names written with capitals: each run of capitalised syllables ("Thượng Hải Masters",
/// "Barack_Obama"), lowercased and joined by spaces. A single capitalised syllable that
/// opens a sentence is left out, since the capital there says nothing about a name.
pub fn capitalised_names(text: &str) -> Vec<String> {
    let text: String = text.nfc().collect();
    let mut names = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut run_opens_sentence = false;
    let mut sentence_start = true;
    for piece in split_keeping_marks(&text) {
        match piece {
            Piece::Syllable(s) => {
                let capital = s.chars().next().is_some_and(char::is_uppercase);
                if capital {
                    if run.is_empty() {
                        run_opens_sentence = sentence_start;
                    }
                    run.push(s.to_lowercase());
                } else {
                    flush_run(&mut run, run_opens_sentence, &mut names);
                }
                sentence_start = false;
            }
            Piece::Joiner => {}
            Piece::Break { ends_sentence } => {
                flush_run(&mut run, run_opens_sentence, &mut names);
                if ends_sentence {
                    sentence_start = true;
                }
            }
        }
    }
    flush_run(&mut run, run_opens_sentence, &mut names);
    names
}

/// The first name written with capitals that starts within the first `within` syllables
/// of `text`, as lowercased syllables: who an unnamed source's words say spoke ("ông
/// Bandar đã nói …", "Prince Bandar told …"). A single capitalised syllable that opens the
/// text is passed over, as in [`capitalised_names`].
pub fn opening_name(text: &str, within: usize) -> Option<Vec<String>> {
    let text: String = text.nfc().collect();
    let mut run: Vec<String> = Vec::new();
    let mut run_start = 0;
    let mut index = 0;
    for piece in split_keeping_marks(&text) {
        let broken = match piece {
            Piece::Syllable(s) if s.chars().next().is_some_and(char::is_uppercase) => {
                if run.is_empty() {
                    run_start = index;
                }
                run.push(s.to_lowercase());
                index += 1;
                false
            }
            Piece::Syllable(_) => {
                index += 1;
                true
            }
            Piece::Joiner => false,
            Piece::Break { .. } => true,
        };
        if broken && !run.is_empty() {
            if run.len() > 1 || run_start > 0 {
                return Some(run);
            }
            run.clear();
        }
        if run.is_empty() && index >= within {
            return None;
        }
    }
    (run.len() > 1 || (!run.is_empty() && run_start > 0)).then_some(run)
}

fn flush_run(run: &mut Vec<String>, opens_sentence: bool, names: &mut Vec<String>) {
    if run.len() > 1 || (run.len() == 1 && !opens_sentence) {
        names.push(run.join(" "));
    }
    run.clear();
}

/// What lies between syllables: a joiner keeps a name's run going (space, `_`, `-`),
/// anything else breaks it.
enum Piece<'a> {
    Syllable(&'a str),
    Joiner,
    Break { ends_sentence: bool },
}

fn split_keeping_marks(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Piece::Syllable(&text[s..i]));
        }
        out.push(match c {
            ' ' | '_' | '-' | '\t' => Piece::Joiner,
            '.' | '!' | '?' | ':' | '\n' | '"' | '“' | '”' | '>' => Piece::Break {
                ends_sentence: true,
            },
            _ => Piece::Break {
                ends_sentence: false,
            },
        });
    }
    if let Some(s) = start {
        out.push(Piece::Syllable(&text[s..]));
    }
    out
}

/// The distinct `k`-syllable shingles of `syllables` (the whole sequence when shorter).
pub fn shingles(syllables: &[String], k: usize) -> Vec<String> {
    let mut out: Vec<String> = if syllables.len() <= k {
        vec![syllables.join(" ")]
    } else {
        syllables.windows(k).map(|w| w.join(" ")).collect()
    };
    out.sort();
    out.dedup();
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_opening_a_relayed_quotation() {
        let name = |t: &str| opening_name(t, 3).map(|n| n.join(" "));
        assert_eq!(
            name("ông Lê_Văn Tám đã nói rằng"),
            Some("lê văn tám".into())
        );
        assert_eq!(
            name("Hoàng_tử Karim nói với các nhà báo"),
            Some("karim".into())
        );
        assert_eq!(
            name("Prince Karim told diplomats"),
            Some("prince karim".into())
        );
        // A capital opening the text alone is not a name; one found too late is not the
        // speaker of what follows.
        assert_eq!(name("Giá vàng hôm nay tăng"), None);
        assert_eq!(name("the talks with Karim will go on"), None);
    }

    #[test]
    fn segmented_and_plain_text_give_the_same_syllables() {
        assert_eq!(
            syllables("Tổng_thống Barack_Obama nói ,"),
            syllables("Tổng thống Barack Obama nói,")
        );
        assert_eq!(syllables("Thành Thanh"), vec!["thành", "thanh"]);
    }

    #[test]
    fn names_are_capitalised_runs_and_sentence_openers_are_not_names() {
        let names = capitalised_names(
            "Hôm nay Tổng_thống Barack_Obama gặp Putin . Sau đó , ông về Washington",
        );
        assert_eq!(names, vec!["tổng", "barack obama", "putin", "washington"]);
        assert_eq!(
            capitalised_names("Ngoại_trưởng Pháp Laurent Fabius"),
            vec!["pháp laurent fabius"]
        );
    }

    #[test]
    fn lead_keeps_the_first_syllables() {
        assert_eq!(lead("một hai, ba bốn", 3), "một hai, ba ");
        assert_eq!(lead("một", 3), "một");
    }

    #[test]
    fn shingles_of_short_text_are_the_text() {
        let s = syllables("a b c d");
        assert_eq!(shingles(&s, 3), vec!["a b c", "b c d"]);
        assert_eq!(shingles(&s[..2], 3), vec!["a b"]);
        assert!(shingles(&[], 3).is_empty());
    }

    #[test]
    fn terms_are_syllables_and_bigrams() {
        assert_eq!(
            terms("Hà_Nội mưa"),
            vec!["hà", "hà nội", "nội", "nội mưa", "mưa"]
        );
    }
}
