//! The value codec: every value the store writes goes through here. bincode 2 (serde mode,
//! standard config, varint integers) behind a header: a format byte (the store format
//! version, [`crate::STORE_FORMAT`]) and a CRC-32 of the rest, so a flipped bit is an error,
//! never a wrong answer; and a size limit on decode so a corrupt length cannot allocate
//! gigabytes. Values larger than a few
//! hundred bytes (article records, long posting runs) are LZ4-compressed, marked by the
//! high bit of the version byte: sled's own compression makes the first open after an
//! ingest decompress the whole store. Keys are never encoded here: bincode does not sort
//! (see `keys.rs`).

use serde::{de::DeserializeOwned, Serialize};

/// Format byte in front of every value: the store format version, so one number says how
/// everything in a store is laid out (`crate::migrate` upgrades older stores).
pub(crate) const VALUE_FORMAT: u8 = crate::STORE_FORMAT as u8;
const _: () = assert!(crate::STORE_FORMAT < COMPRESSED as u32);

/// The format byte of store format 1, whose values had no checksum.
const FORMAT_1: u8 = 1;
/// The format byte of store format 2: a checksum, and the layout before format 3 (one
/// encoded article per block entry, posting runs without covering fields).
const FORMAT_2: u8 = 2;

/// Bytes of the header: the format byte and the CRC-32 of the payload.
const HEADER: usize = 5;

/// Largest value we will decode (an article with its text and claims fits easily).
const DECODE_LIMIT: usize = 256 << 20;

/// Marks an LZ4-compressed body in the version byte.
const COMPRESSED: u8 = 0x80;

/// Bodies at least this long are compressed: below it LZ4 saves too little to pay.
const COMPRESS_FROM: usize = 256;

/// Why a stored value could not be encoded or decoded.
#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    /// The LZ4 body is damaged.
    #[error("compressed value is damaged: {0}")]
    Decompress(String),
    /// The value's header names a format this build does not read.
    #[error("value has format version {found}, this build reads version {VALUE_FORMAT}")]
    Version {
        /// The format byte the value has.
        found: u8,
    },
    /// A value with no header byte.
    #[error("empty value")]
    Empty,
    /// The body's CRC-32 differs from the one stored in the header.
    #[error("value fails its checksum (stored {stored:08x}, computed {computed:08x}): the store is damaged")]
    Checksum {
        /// The CRC-32 in the header.
        stored: u32,
        /// The CRC-32 of the body as read.
        computed: u32,
    },
    /// A part of a value points outside it, or is too large to store.
    #[error("value part out of range")]
    TooLarge,
    /// A packed posting run does not unpack (see `postings.rs`).
    #[error("posting run does not unpack: {0}")]
    Packed(String),
    /// bincode could not encode the value.
    #[error("cannot encode value: {0}")]
    Encode(#[from] bincode::error::EncodeError),
    /// bincode could not decode the body: the value has another shape.
    #[error("cannot decode value: {0}")]
    Decode(#[from] bincode::error::DecodeError),
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<DECODE_LIMIT>()
}

/// Encodes a value, compressing it when that pays.
pub(crate) fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    let body = bincode::serde::encode_to_vec(value, config())?;
    if body.len() > COMPRESS_FROM {
        let compressed = lz4_flex::block::compress_prepend_size(&body);
        if compressed.len() + 1 < body.len() {
            return Ok(frame(VALUE_FORMAT | COMPRESSED, &compressed));
        }
    }
    Ok(frame(VALUE_FORMAT, &body))
}

/// Encodes with no header: for values nested inside a value that is checksummed and
/// compressed whole (the parts of an article block).
pub(crate) fn encode_raw<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    Ok(bincode::serde::encode_to_vec(value, config())?)
}

/// Decodes a value [`encode_raw`] wrote.
pub(crate) fn decode_raw<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (value, _) = bincode::serde::decode_from_slice(bytes, config())?;
    Ok(value)
}

/// Decodes the leading fields of a value [`encode_raw`] wrote into a type that borrows
/// its strings from `bytes` (the views of `row.rs`); trailing fields are left alone.
pub(crate) fn decode_borrowed<'a, T: serde::Deserialize<'a>>(
    bytes: &'a [u8],
) -> Result<T, CodecError> {
    let (value, _) = bincode::serde::borrow_decode_from_slice(bytes, config())?;
    Ok(value)
}

/// The format byte, the payload's CRC-32, the payload.
fn frame(tag: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.push(tag);
    out.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// Decodes a value after checking its format byte and checksum.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (tag, payload) = checked_payload(bytes)?;
    if tag & COMPRESSED == 0 {
        let (value, _) = bincode::serde::decode_from_slice(payload, config())?;
        return Ok(value);
    }
    let plain = decompress(payload)?;
    let (value, _) = bincode::serde::decode_from_slice(&plain, config())?;
    Ok(value)
}

/// The tag and the payload of a current-format value whose checksum holds.
fn checked_payload(bytes: &[u8]) -> Result<(u8, &[u8]), CodecError> {
    let (&tag, rest) = bytes.split_first().ok_or(CodecError::Empty)?;
    if tag & !COMPRESSED != VALUE_FORMAT {
        return Err(CodecError::Version {
            found: tag & !COMPRESSED,
        });
    }
    let (crc, payload) = rest.split_at_checked(4).ok_or(CodecError::Empty)?;
    let stored = u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]);
    let computed = crc32fast::hash(payload);
    if stored != computed {
        return Err(CodecError::Checksum { stored, computed });
    }
    Ok((tag, payload))
}

/// An LZ4 payload decompressed, after checking its stated size against the decode limit.
fn decompress(payload: &[u8]) -> Result<Vec<u8>, CodecError> {
    let stated = payload
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| CodecError::Decompress("missing size".into()))?;
    if stated as usize > DECODE_LIMIT {
        return Err(CodecError::Decompress(format!("states {stated} bytes")));
    }
    lz4_flex::block::decompress_size_prepended(payload)
        .map_err(|e| CodecError::Decompress(e.to_string()))
}

/// What a stored value is, for the migration from an older store format.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Upgrade {
    /// Already in the current format.
    Current,
    /// Rewritten in the current format.
    Rewritten(Vec<u8>),
}

/// The format version a value's header names (1, 2 or the current one).
pub(crate) fn value_format(bytes: &[u8]) -> Result<u8, CodecError> {
    bytes
        .first()
        .map(|tag| tag & !COMPRESSED)
        .ok_or(CodecError::Empty)
}

/// Rewrites a value of format 1 (format byte, payload, no checksum) or 2 (format byte,
/// CRC-32, payload) in the current format, for values whose payload encoding did not
/// change: the payload is kept as it is, without decoding it.
pub(crate) fn reframe(bytes: &[u8]) -> Result<Upgrade, CodecError> {
    let (&tag, rest) = bytes.split_first().ok_or(CodecError::Empty)?;
    let payload = match tag & !COMPRESSED {
        VALUE_FORMAT => return Ok(Upgrade::Current),
        FORMAT_1 => rest,
        FORMAT_2 => checked_legacy(rest)?,
        found => return Err(CodecError::Version { found }),
    };
    Ok(Upgrade::Rewritten(frame(
        VALUE_FORMAT | (tag & COMPRESSED),
        payload,
    )))
}

/// Decodes a value of format 1 or 2 (only the migration reads these).
pub(crate) fn decode_legacy<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&tag, rest) = bytes.split_first().ok_or(CodecError::Empty)?;
    let payload = match tag & !COMPRESSED {
        FORMAT_1 => rest,
        FORMAT_2 => checked_legacy(rest)?,
        found => return Err(CodecError::Version { found }),
    };
    let plain;
    let body = if tag & COMPRESSED == 0 {
        payload
    } else {
        plain = decompress(payload)?;
        &plain[..]
    };
    let (value, _) = bincode::serde::decode_from_slice(body, config())?;
    Ok(value)
}

/// The payload of a format-2 value (CRC-32, payload) whose checksum holds.
fn checked_legacy(rest: &[u8]) -> Result<&[u8], CodecError> {
    let (crc, payload) = rest.split_at_checked(4).ok_or(CodecError::Empty)?;
    let stored = u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]);
    let computed = crc32fast::hash(payload);
    if stored != computed {
        return Err(CodecError::Checksum { stored, computed });
    }
    Ok(payload)
}

/// The element count of an encoded `Vec` (bincode's length varint: < 251 inline, then
/// 251/252/253 for u16/u32/u64), without decoding the elements; 0 for anything else.
/// Compressed values are decompressed first.
pub(crate) fn vec_len(bytes: &[u8]) -> u64 {
    // A size estimate for the planner: the checksum is checked when the run is read.
    let (Some(&version), Some(body)) = (bytes.first(), bytes.get(HEADER..)) else {
        return 0;
    };
    let plain;
    let body = if version & COMPRESSED == 0 {
        body
    } else {
        let stated = body
            .get(..4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes);
        if stated.is_none_or(|n| n as usize > DECODE_LIMIT) {
            return 0;
        }
        match lz4_flex::block::decompress_size_prepended(body) {
            Ok(p) => {
                plain = p;
                &plain[..]
            }
            Err(_) => return 0,
        }
    };
    let read = |n: usize| -> u64 {
        body.get(1..1 + n)
            .map(|b| {
                let mut buf = [0u8; 8];
                buf[..n].copy_from_slice(b);
                u64::from_le_bytes(buf)
            })
            .unwrap_or(0)
    };
    match body.first() {
        Some(&b) if b < 251 => u64::from(b),
        Some(251) => read(2),
        Some(252) => read(4),
        Some(253) => read(8),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_checks_version() {
        let v = (42u64, "Phe nổi dậy".to_string(), vec![1i64, -5]);
        let bytes = encode(&v).unwrap();
        assert_eq!(decode::<(u64, String, Vec<i64>)>(&bytes).unwrap(), v);
        let mut newer = bytes.clone();
        newer[0] = VALUE_FORMAT + 1;
        let newer = frame(newer[0], &newer[HEADER..]);
        assert!(matches!(
            decode::<(u64, String, Vec<i64>)>(&newer),
            Err(CodecError::Version { .. })
        ));
        assert!(matches!(decode::<u64>(&[]), Err(CodecError::Empty)));
    }

    #[test]
    fn large_values_compress_and_round_trip() {
        let v: Vec<String> = (0..100)
            .map(|i| format!("claim number {i} about Aleppo"))
            .collect();
        let bytes = encode(&v).unwrap();
        assert_eq!(bytes[0], VALUE_FORMAT | COMPRESSED);
        assert!(bytes.len() < 1000);
        assert_eq!(decode::<Vec<String>>(&bytes).unwrap(), v);
        let mut huge = bytes.clone();
        huge[HEADER..HEADER + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            decode::<Vec<String>>(&huge),
            Err(CodecError::Checksum { .. })
        ));
        let payload = &huge[HEADER..];
        let reframed = frame(huge[0], payload);
        assert!(matches!(
            decode::<Vec<String>>(&reframed),
            Err(CodecError::Decompress(_))
        ));
        let mut garbage = bytes;
        garbage.truncate(20);
        assert!(decode::<Vec<String>>(&garbage).is_err());
    }

    #[test]
    fn corrupt_lengths_do_not_allocate() {
        // A string claiming a length of 2^60 bytes.
        let mut payload = vec![0xFF];
        payload.extend_from_slice(&(1u64 << 60).to_le_bytes());
        assert!(decode::<String>(&frame(VALUE_FORMAT, &payload)).is_err());
    }

    #[test]
    fn every_flipped_bit_is_caught() {
        let v = (7u64, "Ryabkov nói".to_string());
        let bytes = encode(&v).unwrap();
        for bit in 0..bytes.len() * 8 {
            let mut flipped = bytes.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            assert_ne!(
                decode::<(u64, String)>(&flipped).ok(),
                Some(v.clone()),
                "bit {bit}"
            );
        }
    }

    #[test]
    fn format_1_values_upgrade_to_the_same_value() {
        let v: Vec<String> = (0..50).map(|i| format!("claim {i}")).collect();
        for compress in [false, true] {
            let body = bincode::serde::encode_to_vec(&v, config()).unwrap();
            let mut old = Vec::new();
            if compress {
                old.push(FORMAT_1 | COMPRESSED);
                old.extend_from_slice(&lz4_flex::block::compress_prepend_size(&body));
            } else {
                old.push(FORMAT_1);
                old.extend_from_slice(&body);
            }
            assert_eq!(decode_legacy::<Vec<String>>(&old).unwrap(), v);
            let Upgrade::Rewritten(new) = reframe(&old).unwrap() else {
                panic!("a format-1 value must be rewritten");
            };
            assert_eq!(decode::<Vec<String>>(&new).unwrap(), v);
            assert_eq!(reframe(&new).unwrap(), Upgrade::Current);
        }
    }
}
