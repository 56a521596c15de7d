//! A claim while extraction builds it: stance, kind and times stay typed (the model's
//! enums and time points) until [`Claim::into_record`] writes the record's strings, once.

use crate::offsets::CharIndex;
use crate::said::SaidBasis;
use claimgraph_model::record::{ClaimRecord, QuantityRecord, WhenRecord};
use claimgraph_model::{ClaimKind, Stance, TimePoint};

/// One claim of the article being extracted.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Claim {
    pub(crate) id: String,
    pub(crate) speaker: String,
    /// The cue as written; `None` for the article's own statements.
    pub(crate) cue: Option<String>,
    pub(crate) stance: Stance,
    pub(crate) text: String,
    /// When it was said.
    pub(crate) said: Option<TimePoint>,
    /// How `said` was decided.
    pub(crate) said_basis: SaidBasis,
    /// The time the content is about (its first temporal expression).
    pub(crate) when: Option<TimePoint>,
    pub(crate) via: Vec<String>,
    pub(crate) about: Vec<String>,
    pub(crate) quantities: Vec<QuantityRecord>,
    pub(crate) responds_to: Vec<String>,
    pub(crate) denies: Vec<String>,
    pub(crate) supports: Vec<String>,
    pub(crate) kind: ClaimKind,
    pub(crate) speaker_text: Option<String>,
    pub(crate) sentence: u32,
    /// UTF-8 byte offsets of speaker, cue and content together.
    pub(crate) span: [u32; 2],
    /// Byte range of the cue in the text.
    pub(crate) cue_bytes: Option<(usize, usize)>,
    /// Byte range of the speaker mention in the text.
    pub(crate) speaker_bytes: Option<(usize, usize)>,
    /// Byte ranges of the content (several when a quotation goes on after its cue).
    pub(crate) content_bytes: Vec<(usize, usize)>,
}

impl Claim {
    /// A claim with no links yet; `id` is set when claims are numbered.
    pub(crate) fn new(speaker: String, stance: Stance, text: String, kind: ClaimKind) -> Claim {
        Claim {
            id: String::new(),
            speaker,
            cue: None,
            stance,
            text,
            said: None,
            said_basis: SaidBasis::None,
            when: None,
            via: Vec::new(),
            about: Vec::new(),
            quantities: Vec::new(),
            responds_to: Vec::new(),
            denies: Vec::new(),
            supports: Vec::new(),
            kind,
            speaker_text: None,
            sentence: 0,
            span: [0, 0],
            cue_bytes: None,
            speaker_bytes: None,
            content_bytes: Vec::new(),
        }
    }

    /// The record boundary: the interchange format's strings, and the spans as character
    /// offsets into the text `chars` indexes.
    pub(crate) fn into_record(self, chars: &CharIndex) -> ClaimRecord {
        ClaimRecord {
            id: self.id,
            speaker: self.speaker,
            cue: self.cue,
            stance: self.stance.as_str().to_string(),
            text: self.text,
            said_basis: Some(
                match self.said {
                    Some(_) => self.said_basis,
                    None => SaidBasis::None,
                }
                .as_str()
                .to_string(),
            ),
            said: self.said.map(|p| p.to_string()),
            when: self.when.map(|p| WhenRecord {
                start: Some(p.to_string()),
                end: None,
            }),
            via: self.via,
            about: self.about,
            quantities: self.quantities,
            responds_to: self.responds_to,
            denies: self.denies,
            supports: self.supports,
            kind: Some(self.kind.as_str().to_string()),
            speaker_text: self.speaker_text,
            sentence: Some(self.sentence),
            span: Some(self.span),
            cue_span: self.cue_bytes.map(|b| chars.span(b)),
            speaker_span: self.speaker_bytes.map(|b| chars.span(b)),
            content_span: self.content_bytes.iter().map(|&b| chars.span(b)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_gets_strings_once() {
        let mut c = Claim::new(
            "Russia".into(),
            Stance::RefuseComment,
            "x".into(),
            ClaimKind::Narrative,
        );
        c.said = TimePoint::parse("2016-12-11").ok();
        c.when = TimePoint::parse("2016-12").ok();
        // "ầ" is three bytes and one character.
        c.cue_bytes = Some((10, 14));
        c.content_bytes = vec![(0, 3), (15, 17)];
        let r = c.into_record(&CharIndex::new("ầầầ abcdefghi"));
        assert_eq!(r.cue_span, Some([4, 8]));
        assert_eq!(r.speaker_span, None);
        assert_eq!(r.content_span, [[0, 1], [9, 11]]);
        assert_eq!(r.stance, "refuse_comment");
        assert_eq!(r.kind.as_deref(), Some("narrative"));
        assert_eq!(r.said.as_deref(), Some("2016-12-11"));
        assert_eq!(r.when.and_then(|w| w.start).as_deref(), Some("2016-12"));
    }
}
