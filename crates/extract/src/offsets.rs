//! Byte offsets → character (Unicode scalar) offsets, for the record's `cue_span`,
//! `speaker_span` and `content_span`: extraction works in UTF-8 bytes, the record speaks in
//! characters, as annotation tools (BRAT) and most readers of the text do.
//!
//! A checkpoint every [`STRIDE`] bytes keeps the index small and each look-up short, so
//! converting every span of an article stays linear in its length.

/// How many bytes lie between two checkpoints.
const STRIDE: usize = 512;

/// The character offset of every [`STRIDE`]-th byte (rounded down to a char boundary).
pub(crate) struct CharIndex<'t> {
    text: &'t str,
    /// `(byte, chars before it)`, in byte order, starting at `(0, 0)`.
    checkpoints: Vec<(usize, usize)>,
}

impl<'t> CharIndex<'t> {
    pub(crate) fn new(text: &'t str) -> CharIndex<'t> {
        let mut checkpoints = vec![(0, 0)];
        let mut next = STRIDE;
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            if byte >= next {
                checkpoints.push((byte, chars));
                next = byte + STRIDE;
            }
        }
        CharIndex { text, checkpoints }
    }

    /// The character offset of byte `byte` (a byte inside a character counts as that
    /// character's start; past the end is the end).
    pub(crate) fn chars(&self, byte: usize) -> u32 {
        let byte = byte.min(self.text.len());
        let at = self.checkpoints.partition_point(|&(b, _)| b <= byte) - 1;
        let (from, before) = self.checkpoints[at];
        let within = self.text[from..]
            .char_indices()
            .take_while(|&(i, _)| from + i < byte)
            .count();
        u32::try_from(before + within).unwrap_or(u32::MAX)
    }

    /// A byte range as a character range.
    pub(crate) fn span(&self, (start, end): (usize, usize)) -> [u32; 2] {
        [self.chars(start), self.chars(end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_offset_maps_to_its_character() {
        let text = "Ông Đức “nói” rằng… ".repeat(200);
        let index = CharIndex::new(&text);
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.chars(byte), chars as u32);
        }
        assert_eq!(index.chars(text.len()), text.chars().count() as u32);
        assert_eq!(index.chars(text.len() + 5), text.chars().count() as u32);
    }
}
