//! Name normalization. [`fold`] is for *looking up*: case-, diacritic- and
//! underscore-insensitive, so a query finds candidates however it is typed. [`identity`]
//! is for deciding that two names are *the same actor*: only case, Unicode normalization,
//! underscores and spacing are ignored, because names that differ in diacritics are
//! different names ("Thanh" and "Thành" are two people).
//!
//! "Phe nổi dậy", "PHE NOI DAY" and "phe_nổi_dậy" share one lookup key. Vietnamese
//! word segmentation joins syllables with `_`, so underscores count as spaces; `đ`/`Đ`
//! has no Unicode decomposition and is folded to `d` by hand.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The lookup key of a name: lowercase, without diacritics, punctuation folded to single
/// spaces, trimmed.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            'ł' | 'Ł' => 'l',
            'ø' | 'Ø' => 'o',
            'æ' | 'Æ' => 'a',
            'ß' => 's',
            'ı' => 'i',
            _ => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' {
            // "Russia's" and "Russias" should meet; apostrophes vanish.
        } else {
            pending_space = true;
        }
    }
    out
}

/// The identity key of a name: NFC, lowercase, underscores as spaces, runs of whitespace
/// as one space, trimmed. Diacritics and punctuation are kept.
pub fn identity(name: &str) -> String {
    let spaced: String = name.nfc().map(|c| if c == '_' { ' ' } else { c }).collect();
    spaced
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A display form of a word-segmented name: underscores become spaces.
pub fn display(name: &str) -> String {
    name.replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_underscores() {
        let k = fold("Phe nổi dậy");
        assert_eq!(k, "phe noi day");
        assert_eq!(fold("PHE NOI DAY"), k);
        assert_eq!(fold("phe_noi_day"), k);
        assert_eq!(fold("phe_nổi_dậy"), k);
        assert_eq!(fold("  Đăng   Khoa "), "dang khoa");
        assert_eq!(fold("Łukasz Jørgensen"), "lukasz jorgensen");
        assert_eq!(
            fold("Russia's Foreign Ministry"),
            "russias foreign ministry"
        );
        assert_eq!(fold(""), "");
    }

    #[test]
    fn identity_keeps_diacritics_but_not_case_or_underscores() {
        assert_ne!(identity("Thanh"), identity("Thành"));
        assert_eq!(identity("THÀNH"), identity("thành"));
        // Composed and decomposed forms are one name.
        assert_eq!(identity("Tha\u{300}nh"), identity("Th\u{e0}nh"));
        assert_eq!(identity(" phe_nổi  dậy "), "phe nổi dậy");
        assert_ne!(identity("The Times"), identity("The New York Times"));
    }
}
