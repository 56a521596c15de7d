//! Posting runs: the values of the index keyspaces. One run holds, for one term (a speaker,
//! a topic, a month) and one ingest chunk, the postings sorted by time, so that a listing is
//! a prefix scan plus a merge, with no point read per row until rows are shown.
//!
//! Postings are *covering* for the questions that only count or group: each carries its
//! claim's speaker, its article's publisher and its stance, so `count`, `group speaker`,
//! `group publisher`, `group stance` over a term never read a claim. A run is packed by hand
//! ([`Posting::encode_run`]): times as deltas from the previous posting, every integer a
//! LEB128 varint, about 12 bytes a posting (bincode's fixed layout took 19 without the
//! covering fields).

use super::codec::{self, CodecError};
use claimgraph_model::{ActorId, ClaimId, LinkKind, Stance, TimePoint, TimeSpan};
use serde::{Deserialize, Serialize};

/// Start value of postings whose time has an unknown year: after every real time.
pub(crate) const UNANCHORED: i64 = i64::MAX - (1 << 20);
/// Start value of postings with no time at all: last.
pub(crate) const NO_TIME: i64 = i64::MAX;

/// What a posting carries about its claim besides the time and the id: enough to count
/// and group by speaker, publisher and stance without reading the claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cover {
    /// The claim's speaker.
    pub speaker: ActorId,
    /// The publisher of the claim's article.
    pub publisher: Option<ActorId>,
    /// The claim's stance.
    pub stance: Stance,
}

impl Default for Cover {
    fn default() -> Cover {
        Cover {
            speaker: 0,
            publisher: None,
            stance: Stance::Assert,
        }
    }
}

/// One claim in an index run, with the time the run is ordered by as `[start, end)` Unix
/// seconds, or the sentinels above. Postings order by time, then claim (a claim has one
/// posting per run, so the cover never decides the order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Posting {
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) claim: ClaimId,
    pub(crate) cover: Cover,
}

impl Posting {
    pub(crate) fn at_point(point: Option<&TimePoint>, claim: ClaimId, cover: Cover) -> Posting {
        let (start, end) = match point {
            Some(p) => match p.interval() {
                Some(iv) => (iv.start, iv.end),
                None => {
                    let order = UNANCHORED + i64::from(p.month) * 32 + i64::from(p.day);
                    (order, order)
                }
            },
            None => (NO_TIME, NO_TIME),
        };
        Posting {
            start,
            end,
            claim,
            cover,
        }
    }

    pub(crate) fn at_span(span: Option<&TimeSpan>, claim: ClaimId, cover: Cover) -> Posting {
        match span.and_then(|s| s.interval()) {
            Some(iv) => Posting {
                start: iv.start,
                end: iv.end,
                claim,
                cover,
            },
            None => Posting::at_point(
                span.and_then(|s| s.start.as_ref().or(s.end.as_ref())),
                claim,
                cover,
            ),
        }
    }

    pub(crate) fn is_anchored(&self) -> bool {
        self.start < UNANCHORED
    }
}

/// A link answering a claim, indexed under the answered claim's speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct LinkPosting {
    pub(crate) target: ClaimId,
    pub(crate) source: ClaimId,
    pub(crate) kind: LinkKind,
}

/// An entry of a run: how a run of them is stored.
pub(crate) trait RunEntry: Sized + Ord {
    /// The stored value of a run (codec-framed: format byte, CRC-32, LZ4 when it pays).
    fn encode_run(run: &[Self]) -> Result<Vec<u8>, CodecError>;
    /// A stored run, checked and decoded.
    fn decode_run(value: &[u8]) -> Result<Vec<Self>, CodecError>;
}

impl RunEntry for LinkPosting {
    fn encode_run(run: &[Self]) -> Result<Vec<u8>, CodecError> {
        codec::encode(&run)
    }
    fn decode_run(value: &[u8]) -> Result<Vec<Self>, CodecError> {
        codec::decode(value)
    }
}

/// A packed run as the codec stores it: the entry count first (so `codec::vec_len` reads
/// it without unpacking), then the packed postings.
#[derive(Serialize, Deserialize)]
struct PackedRun {
    count: u64,
    #[serde(with = "serde_bytes")]
    packed: Vec<u8>,
}

impl RunEntry for Posting {
    fn encode_run(run: &[Self]) -> Result<Vec<u8>, CodecError> {
        let mut packed = Vec::with_capacity(run.len() * 12);
        let mut previous = 0i64;
        for p in run {
            put_signed(&mut packed, p.start.wrapping_sub(previous));
            put_signed(&mut packed, p.end.wrapping_sub(p.start));
            previous = p.start;
            put(&mut packed, p.claim.article());
            put(&mut packed, p.claim.index() as u64);
            put(&mut packed, p.cover.speaker);
            put(
                &mut packed,
                p.cover.publisher.map_or(0, |id| id.wrapping_add(1)),
            );
            packed.push(stance_byte(p.cover.stance));
        }
        codec::encode(&PackedRun {
            count: run.len() as u64,
            packed,
        })
    }

    fn decode_run(value: &[u8]) -> Result<Vec<Self>, CodecError> {
        let run: PackedRun = codec::decode(value)?;
        let mut out = Vec::with_capacity(usize::try_from(run.count).unwrap_or(0).min(1 << 20));
        let mut reader = Reader {
            bytes: &run.packed,
            at: 0,
        };
        let mut previous = 0i64;
        for _ in 0..run.count {
            let start = previous.wrapping_add(reader.signed()?);
            let end = start.wrapping_add(reader.signed()?);
            previous = start;
            let article = reader.unsigned()?;
            let index = u16::try_from(reader.unsigned()?).map_err(|_| packed_error("index"))?;
            let speaker = reader.unsigned()?;
            let publisher = reader.unsigned()?.checked_sub(1);
            let stance = stance_of(reader.byte()?)?;
            out.push(Posting {
                start,
                end,
                claim: ClaimId::new(article, index),
                cover: Cover {
                    speaker,
                    publisher,
                    stance,
                },
            });
        }
        if reader.at != run.packed.len() {
            return Err(packed_error("trailing bytes"));
        }
        Ok(out)
    }
}

fn packed_error(what: &str) -> CodecError {
    CodecError::Packed(what.to_string())
}

fn stance_byte(stance: Stance) -> u8 {
    Stance::ALL.iter().position(|s| *s == stance).unwrap_or(0) as u8
}

fn stance_of(byte: u8) -> Result<Stance, CodecError> {
    Stance::ALL
        .get(usize::from(byte))
        .copied()
        .ok_or_else(|| packed_error("stance"))
}

/// LEB128: seven bits a byte, low first, the high bit set on every byte but the last.
fn put(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Zigzag, so small negative deltas stay short.
fn put_signed(out: &mut Vec<u8>, value: i64) {
    put(out, ((value << 1) ^ (value >> 63)) as u64);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, CodecError> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| packed_error("truncated run"))?;
        self.at += 1;
        Ok(b)
    }

    fn unsigned(&mut self) -> Result<u64, CodecError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(packed_error("varint too long"))
    }

    fn signed(&mut self) -> Result<i64, CodecError> {
        let z = self.unsigned()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn posting() -> impl Strategy<Value = Posting> {
        (
            any::<i64>(),
            any::<i64>(),
            0u64..1 << 48,
            any::<u16>(),
            any::<u64>(),
            proptest::option::of(0u64..u64::MAX),
            0usize..Stance::ALL.len(),
        )
            .prop_map(
                |(start, end, article, index, speaker, publisher, stance)| Posting {
                    start,
                    end,
                    claim: ClaimId::new(article, index),
                    cover: Cover {
                        speaker,
                        publisher,
                        stance: Stance::ALL[stance],
                    },
                },
            )
    }

    proptest! {
        #[test]
        fn packed_runs_round_trip(mut run in proptest::collection::vec(posting(), 0..300)) {
            run.sort_unstable();
            let bytes = Posting::encode_run(&run).unwrap();
            prop_assert_eq!(Posting::decode_run(&bytes).unwrap(), run.clone());
            prop_assert_eq!(codec::vec_len(&bytes), run.len() as u64);
        }
    }

    #[test]
    fn a_truncated_run_is_an_error_not_a_panic() {
        let run = PackedRun {
            count: 3,
            packed: vec![0x80, 0x80],
        };
        let bytes = codec::encode(&run).unwrap();
        assert!(Posting::decode_run(&bytes).is_err());
    }
}
