//! Attributions the learned tagger finds and the patterns of `attribution` do not: a
//! tagged cue with no attribution of the rules, read with the tagged source nearest to it
//! as the speaker. The rules keep everything else (relays, stance, said time, links).

use super::actors::ActorBook;
use super::attribution::{Found, SentenceReader};
use super::tagger::{self, Tag};
use super::token::TokenKind;

type Range = (usize, usize);

/// Content words after the cue needed to read the content after it rather than before.
const MIN_WORDS_AFTER: usize = 3;

impl SentenceReader<'_> {
    /// Adds an attribution for each tagged cue that no attribution in `out` covers.
    pub(crate) fn tagged_attributions(
        &self,
        book: &mut ActorBook,
        sentence: usize,
        out: &mut Vec<Found>,
    ) {
        let (first, end) = (self.s.first, self.s.end);
        if end > self.tags.len() || first >= end {
            return;
        }
        let tags: Vec<Tag> = self.tags[first..end].iter().map(|&(t, _)| t).collect();
        let shift = |(a, b): Range| (first + a, first + b);
        let sources: Vec<Range> = tagger::spans(&tags, Tag::is_source)
            .into_iter()
            .map(shift)
            .collect();
        for cue in tagger::spans(&tags, Tag::is_cue).into_iter().map(shift) {
            if self.tokens[cue.0].kind != TokenKind::Word
                || !self.sure_cue(cue.0, cue.1)
                || self.known_non_speech(cue.0, cue.1)
                || self.in_quote(cue.0)
                || out.iter().any(|f| covers(f, cue))
            {
                continue;
            }
            let Some(source) = nearest_source(&sources, cue) else {
                continue;
            };
            let Some(speaker) = self.resolve(book, source) else {
                continue;
            };
            let content = self.tagged_content(cue, source);
            let stance = self.lemma_stance(cue.0, cue.1);
            out.push(Found::new(
                sentence,
                speaker,
                source,
                cue,
                stance,
                content,
                Vec::new(),
            ));
        }
    }

    /// The content of a tagged cue: what follows it (and its source, when the source
    /// follows) when enough words follow, else what precedes both ("C, X said").
    fn tagged_content(&self, cue: Range, source: Range) -> Option<Range> {
        let after = if source.0 >= cue.1 { source.1 } else { cue.1 };
        let words_after = self.tokens[after..self.s.end]
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .count();
        if words_after >= MIN_WORDS_AFTER {
            return self.content_after(after, false).0;
        }
        let before = cue.0.min(source.0);
        let mut b = before;
        while b > self.s.first && self.tokens[b - 1].kind == TokenKind::Punct {
            b -= 1;
        }
        (b > self.s.first).then_some((self.s.first, b))
    }
}

/// Whether an attribution already owns the cue: as its cue, in its speaker or its content
/// (PolNeAR-style attributions do not nest).
fn covers(f: &Found, (a, b): Range) -> bool {
    let overlaps = |(c, d): Range| a < d && c < b;
    overlaps(f.cue_tokens)
        || overlaps(f.speaker_tokens)
        || f.content.is_some_and(overlaps)
        || f.more.iter().any(|&m| overlaps(m))
}

/// The tagged source closest before the cue, else the closest after it.
fn nearest_source(sources: &[Range], cue: Range) -> Option<Range> {
    let before = sources.iter().rev().find(|s| s.1 <= cue.0).copied();
    let after = sources.iter().find(|s| s.0 >= cue.1).copied();
    match (before, after) {
        (Some(b), Some(a)) if a.0 - cue.1 < cue.0 - b.1 => Some(a),
        (Some(b), _) => Some(b),
        (None, a) => a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_source_wins_the_left_on_a_tie() {
        let sources = [(0, 2), (6, 7)];
        assert_eq!(nearest_source(&sources, (3, 4)), Some((0, 2)));
        assert_eq!(nearest_source(&sources, (4, 5)), Some((6, 7)));
        assert_eq!(nearest_source(&sources[..1], (4, 5)), Some((0, 2)));
        assert_eq!(nearest_source(&[], (4, 5)), None);
    }
}
