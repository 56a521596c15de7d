//! The value codec: every value the store writes goes through here. bincode 2 (serde mode,
//! standard config, varint integers) with a leading format-version byte, and a size limit
//! on decode so a corrupt length cannot allocate gigabytes. Values larger than a few
//! hundred bytes (article records, long posting runs) are LZ4-compressed, marked by the
//! high bit of the version byte: sled's own compression makes the first open after an
//! ingest decompress the whole store. Keys are never encoded here: bincode does not sort
//! (see `keys.rs`).

use serde::{de::DeserializeOwned, Serialize};

/// Version byte in front of every value. Bump it when a stored type changes shape.
pub const VALUE_FORMAT: u8 = 1;

/// Largest value we will decode (an article with its text and claims fits easily).
const DECODE_LIMIT: usize = 256 << 20;

/// Marks an LZ4-compressed body in the version byte.
const COMPRESSED: u8 = 0x80;

/// Bodies at least this long are compressed: below it LZ4 saves too little to pay.
const COMPRESS_FROM: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum CodecError {
    #[error("compressed value is damaged: {0}")]
    Decompress(String),
    #[error("value has format version {found}, this build reads version {VALUE_FORMAT}")]
    Version { found: u8 },
    #[error("empty value")]
    Empty,
    #[error("cannot encode value: {0}")]
    Encode(#[from] bincode::error::EncodeError),
    #[error("cannot decode value: {0}")]
    Decode(#[from] bincode::error::DecodeError),
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<DECODE_LIMIT>()
}

pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(128);
    out.push(VALUE_FORMAT);
    bincode::serde::encode_into_std_write(value, &mut out, config())?;
    if out.len() > COMPRESS_FROM {
        let mut compressed = Vec::with_capacity(out.len() / 2 + 8);
        compressed.push(VALUE_FORMAT | COMPRESSED);
        compressed.extend_from_slice(&lz4_flex::block::compress_prepend_size(&out[1..]));
        if compressed.len() < out.len() {
            return Ok(compressed);
        }
    }
    Ok(out)
}

/// Encodes without compression: for values nested inside a value that is compressed whole.
pub fn encode_plain<T: Serialize>(value: &T) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(128);
    out.push(VALUE_FORMAT);
    bincode::serde::encode_into_std_write(value, &mut out, config())?;
    Ok(out)
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if version & !COMPRESSED != VALUE_FORMAT {
        return Err(CodecError::Version {
            found: version & !COMPRESSED,
        });
    }
    if version & COMPRESSED == 0 {
        let (value, _) = bincode::serde::decode_from_slice(body, config())?;
        return Ok(value);
    }
    // Check the stated size before LZ4 allocates it.
    let stated = body
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| CodecError::Decompress("missing size".into()))?;
    if stated as usize > DECODE_LIMIT {
        return Err(CodecError::Decompress(format!("states {stated} bytes")));
    }
    let plain = lz4_flex::block::decompress_size_prepended(body)
        .map_err(|e| CodecError::Decompress(e.to_string()))?;
    let (value, _) = bincode::serde::decode_from_slice(&plain, config())?;
    Ok(value)
}

/// The element count of an encoded `Vec` (bincode's length varint: < 251 inline, then
/// 251/252/253 for u16/u32/u64), without decoding the elements; 0 for anything else.
/// Compressed values are decompressed first.
pub fn vec_len(bytes: &[u8]) -> u64 {
    let Some((&version, body)) = bytes.split_first() else {
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
        huge[1..5].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(
            decode::<Vec<String>>(&huge),
            Err(CodecError::Decompress(_))
        ));
        let mut garbage = bytes;
        garbage.truncate(20);
        assert!(decode::<Vec<String>>(&garbage).is_err());
    }

    #[test]
    fn corrupt_lengths_do_not_allocate() {
        // A string claiming a length of 2^60 bytes.
        let mut bytes = vec![VALUE_FORMAT, 0xFF];
        bytes.extend_from_slice(&(1u64 << 60).to_le_bytes());
        assert!(decode::<String>(&bytes).is_err());
    }
}
