//! Borrowed reads of one claim for a result row. A listing row shows a few fields of a
//! claim (its id, said time, cue, stance, text) and of its article (id, title,
//! publisher): decoding the whole [`Claim`] would copy every string it has (spans, links,
//! figures, the speaker as written) only to drop most of them. A [`ClaimBytes`] keeps the
//! decompressed block the claim sits in (shared with the block cache) and decodes views
//! that borrow their strings from it: [`ClaimHead`] (the fields up to the said time),
//! [`ClaimLinks`] (up to the claim's links) and [`ArticleHead`] (the article's metadata).
//!
//! The views mirror the leading fields of [`Claim`] and [`Article`] in their serde order:
//! bincode is not self-describing, so a view decodes the prefix of the stored value and
//! ignores the rest. The tests below decode every field of a fully populated claim and
//! article through the views, so a reordered or inserted field fails them.

use super::{ArticleBlock, ArticleSeq, BlockEntry};
use crate::codec::{self, CodecError};
use claimgraph_model::{
    ActorId, Article, Claim, ClaimId, ClaimKind, LinkKind, Stance, TimePoint, TimeSpan, TopicId,
};
use serde::Deserialize;
use std::sync::Arc;

/// Why a borrowed view of a stored claim could not be read.
#[derive(Debug, thiserror::Error)]
pub enum RowError {
    /// The claim's bytes are not a claim (or not an article) of this format.
    #[error("a claim of article {seq} cannot be read: {source}")]
    Decode {
        /// The article's sequence number.
        seq: ArticleSeq,
        /// What the codec said.
        source: CodecError,
    },
}

/// One stored claim's bytes and its article's, kept alive by the decompressed block.
#[derive(Debug, Clone)]
pub struct ClaimBytes {
    block: Arc<ArticleBlock>,
    entry: usize,
    start: usize,
    end: usize,
}

/// A claim's leading fields, borrowed: what most result rows show.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ClaimHead<'a> {
    /// External id, as given in the record.
    pub external_id: &'a str,
    /// Who made the claim.
    pub speaker: ActorId,
    /// The speaker as written in the text, when it differs from the name.
    #[serde(borrow)]
    pub speaker_text: Option<&'a str>,
    /// The reporting word as written; `None` for the article's own voice.
    #[serde(borrow)]
    pub cue: Option<&'a str>,
    /// What the speaker does with the content.
    pub stance: Stance,
    /// Reported speech or the article's own voice.
    pub kind: ClaimKind,
    /// The content of the claim.
    pub text: &'a str,
    /// When it was said.
    pub said: Option<TimePoint>,
}

/// A claim's fields up to its links, borrowed: what a `links` row shows.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ClaimLinks<'a> {
    /// The leading fields.
    #[serde(borrow)]
    pub head: ClaimHead<'a>,
    /// When the event it is about happened.
    pub when: Option<TimeSpan>,
    /// Relays, innermost first.
    pub via: Vec<ActorId>,
    /// Topics the claim is about.
    pub about: Vec<TopicId>,
    /// Figures stated in the claim.
    #[serde(borrow)]
    pub quantities: Vec<QuantityRef<'a>>,
    /// Claims this one denies, supports or answers.
    #[serde(borrow)]
    pub links: Vec<LinkRef<'a>>,
}

/// A figure of a claim, borrowed (see `claimgraph_model::Quantity`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct QuantityRef<'a> {
    /// The number.
    pub value: f64,
    /// The unit, when stated.
    #[serde(borrow)]
    pub unit: Option<&'a str>,
    /// The figure as written.
    #[serde(borrow)]
    pub text: Option<&'a str>,
    /// An approximate figure.
    pub approximate: bool,
}

/// A link of a claim, borrowed (see `claimgraph_model::ClaimLink`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LinkRef<'a> {
    /// How the claim relates to the target.
    pub kind: LinkKind,
    /// External id of the target claim.
    pub target: &'a str,
    /// The target's id, when it was in the store at ingest.
    pub target_id: Option<ClaimId>,
}

/// An article's metadata, borrowed (every field of [`Article`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ArticleHead<'a> {
    /// Ingest sequence number.
    pub seq: ArticleSeq,
    /// External id.
    pub id: &'a str,
    /// Headline.
    #[serde(borrow)]
    pub title: Option<&'a str>,
    /// The outlet that published it.
    pub publisher: Option<ActorId>,
    /// Byline.
    #[serde(borrow)]
    pub author: Option<&'a str>,
    /// Publication time.
    pub published: Option<TimePoint>,
    /// Language code.
    #[serde(borrow)]
    pub lang: Option<&'a str>,
    /// Where it was published online.
    #[serde(borrow)]
    pub url: Option<&'a str>,
    /// SHA-256 of the record it came from.
    pub content_hash: [u8; 32],
    /// Unix seconds when it was stored.
    pub ingested_at: i64,
    /// True when its text is stored beside it.
    pub has_text: bool,
}

impl ClaimBytes {
    /// Claim `index` of the block's entry `entry`, or `None` when the article has fewer
    /// claims. A claim end offset outside the entry is a decode error, not a panic.
    pub(crate) fn new(
        block: Arc<ArticleBlock>,
        entry: usize,
        index: usize,
    ) -> Result<Option<ClaimBytes>, RowError> {
        let Some(e) = block.articles.get(entry) else {
            return Ok(None);
        };
        let Some(&end) = e.claim_ends.get(index) else {
            return Ok(None);
        };
        let start = match index {
            0 => 0,
            i => e.claim_ends.get(i - 1).copied().unwrap_or(u32::MAX),
        };
        let (start, end) = (start as usize, end as usize);
        if start > end || end > e.claims.len() {
            return Err(RowError::Decode {
                seq: e.seq,
                source: CodecError::TooLarge,
            });
        }
        Ok(Some(ClaimBytes {
            block,
            entry,
            start,
            end,
        }))
    }

    fn entry(&self) -> &BlockEntry {
        // `new` checked the index; a block is never changed once shared.
        &self.block.articles[self.entry]
    }

    fn bytes(&self) -> &[u8] {
        &self.entry().claims[self.start..self.end]
    }

    fn failed(&self, source: CodecError) -> RowError {
        RowError::Decode {
            seq: self.entry().seq,
            source,
        }
    }

    /// The claim's leading fields.
    pub fn head(&self) -> Result<ClaimHead<'_>, RowError> {
        codec::decode_borrowed(self.bytes()).map_err(|e| self.failed(e))
    }

    /// The claim's fields up to its links.
    pub fn links(&self) -> Result<ClaimLinks<'_>, RowError> {
        codec::decode_borrowed(self.bytes()).map_err(|e| self.failed(e))
    }

    /// The whole claim, owned.
    pub fn claim(&self) -> Result<Claim, RowError> {
        codec::decode_raw(self.bytes()).map_err(|e| self.failed(e))
    }

    /// The claim's article's metadata.
    pub fn article(&self) -> Result<ArticleHead<'_>, RowError> {
        codec::decode_borrowed(&self.entry().article).map_err(|e| self.failed(e))
    }

    /// The claim's article's metadata, owned.
    pub fn article_owned(&self) -> Result<Article, RowError> {
        self.entry().article().map_err(|e| self.failed(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ArticleDoc;
    use claimgraph_model::{
        ClaimLink, Mentions, Precision, Provenance, Quantity, SaidBasis, TimePoint, TimeSpan,
    };

    fn full_doc() -> ArticleDoc {
        let said = TimePoint::day(Some(2016), 12, 13).unwrap();
        let claim = Claim {
            external_id: "a1#0".into(),
            speaker: 7,
            speaker_text: Some("the minister".into()),
            cue: Some("said".into()),
            stance: Stance::Deny,
            kind: ClaimKind::Reported,
            text: "nothing \"happened\"".into(),
            said: Some(said),
            when: Some(TimeSpan {
                start: Some(said),
                end: None,
            }),
            via: vec![3, 4],
            about: vec![9],
            quantities: vec![Quantity {
                value: 2.5,
                unit: Some("km".into()),
                text: Some("2.5 km".into()),
                approximate: true,
            }],
            links: vec![ClaimLink {
                kind: LinkKind::Denies,
                target: "a0#1".into(),
                target_id: Some(ClaimId::new(0, 1)),
            }],
            provenance: Some(Provenance {
                sentence: 2,
                span: [10, 20],
            }),
            said_basis: Some(SaidBasis::Explicit),
            mentions: Mentions {
                cue: Some([1, 2]),
                speaker: Some([3, 4]),
                content: vec![[5, 6]],
            },
        };
        let mut second = claim.clone();
        second.external_id = "a1#1".into();
        second.speaker_text = None;
        second.cue = None;
        second.said = None;
        second.links.clear();
        ArticleDoc {
            article: Article {
                seq: 5,
                id: "a1".into(),
                title: Some("Title".into()),
                publisher: Some(11),
                author: Some("Author".into()),
                published: TimePoint::day(Some(2016), 12, 14),
                lang: Some("vi".into()),
                url: Some("https://example.org/a1".into()),
                content_hash: [7; 32],
                ingested_at: 1_700_000_000,
                has_text: true,
            },
            claims: vec![claim, second],
        }
    }

    fn bytes_of(doc: &ArticleDoc, index: usize) -> Option<ClaimBytes> {
        let entry = BlockEntry::encode(doc.article.seq, doc).unwrap();
        let block = Arc::new(ArticleBlock {
            articles: vec![entry],
        });
        ClaimBytes::new(block, 0, index).unwrap()
    }

    #[test]
    fn views_decode_the_same_fields_as_the_owned_claim_and_article() {
        let doc = full_doc();
        assert_eq!(doc.claims[0].said.unwrap().precision, Precision::Day);
        for (index, c) in doc.claims.iter().enumerate() {
            let bytes = bytes_of(&doc, index).unwrap();
            let head = bytes.head().unwrap();
            assert_eq!(head.external_id, c.external_id);
            assert_eq!(head.speaker, c.speaker);
            assert_eq!(head.speaker_text, c.speaker_text.as_deref());
            assert_eq!(head.cue, c.cue.as_deref());
            assert_eq!(head.stance, c.stance);
            assert_eq!(head.kind, c.kind);
            assert_eq!(head.text, c.text);
            assert_eq!(head.said, c.said);
            let links = bytes.links().unwrap();
            assert_eq!(links.head, head);
            assert_eq!(links.when, c.when);
            assert_eq!(links.via, c.via);
            assert_eq!(links.about, c.about);
            assert_eq!(links.quantities.len(), c.quantities.len());
            for (q, o) in links.quantities.iter().zip(&c.quantities) {
                assert_eq!(q.value, o.value);
                assert_eq!(q.unit, o.unit.as_deref());
                assert_eq!(q.text, o.text.as_deref());
                assert_eq!(q.approximate, o.approximate);
            }
            assert_eq!(links.links.len(), c.links.len());
            for (l, o) in links.links.iter().zip(&c.links) {
                assert_eq!(
                    (l.kind, l.target, l.target_id),
                    (o.kind, o.target.as_str(), o.target_id)
                );
            }
            assert_eq!(&bytes.claim().unwrap(), c);
        }
        let bytes = bytes_of(&doc, 0).unwrap();
        let a = bytes.article().unwrap();
        let o = &doc.article;
        assert_eq!(
            (a.seq, a.id, a.title, a.publisher, a.author, a.published),
            (
                o.seq,
                o.id.as_str(),
                o.title.as_deref(),
                o.publisher,
                o.author.as_deref(),
                o.published
            )
        );
        assert_eq!(
            (a.lang, a.url, a.content_hash, a.ingested_at, a.has_text),
            (
                o.lang.as_deref(),
                o.url.as_deref(),
                o.content_hash,
                o.ingested_at,
                o.has_text
            )
        );
        assert_eq!(&bytes.article_owned().unwrap(), o);
        assert!(bytes_of(&doc, 2).is_none(), "no third claim");
    }

    #[test]
    fn damaged_claim_bytes_are_errors_not_panics() {
        let doc = full_doc();
        let mut entry = BlockEntry::encode(doc.article.seq, &doc).unwrap();
        // An end offset past the claims' bytes.
        let mut bad = entry.clone();
        bad.claim_ends[1] = u32::MAX;
        let block = Arc::new(ArticleBlock {
            articles: vec![bad],
        });
        assert!(matches!(
            ClaimBytes::new(block, 0, 1),
            Err(RowError::Decode { seq: 5, .. })
        ));
        // Bytes cut short: every view is an error.
        let cut = entry.claim_ends[0] as usize / 2;
        entry.claims.truncate(cut);
        entry.claim_ends = vec![cut as u32];
        let block = Arc::new(ArticleBlock {
            articles: vec![entry],
        });
        let bytes = ClaimBytes::new(block, 0, 0).unwrap().unwrap();
        assert!(bytes.links().is_err());
        assert!(bytes.claim().is_err());
    }
}
