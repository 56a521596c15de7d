//! The value codec: every value the store writes goes through here. bincode 2 (serde mode,
//! standard config, varint integers) with a leading format-version byte, and a size limit
//! on decode so a corrupt length cannot allocate gigabytes. Keys are never encoded here:
//! bincode does not sort (see `keys.rs`).

use serde::{de::DeserializeOwned, Serialize};

/// Version byte in front of every value. Bump it when a stored type changes shape.
pub const VALUE_FORMAT: u8 = 1;

/// Largest value we will decode (an article with its text and claims fits easily).
const DECODE_LIMIT: usize = 256 << 20;

#[derive(Debug, thiserror::Error)]
pub enum CodecError {
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
    Ok(out)
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, CodecError> {
    let (&version, body) = bytes.split_first().ok_or(CodecError::Empty)?;
    if version != VALUE_FORMAT {
        return Err(CodecError::Version { found: version });
    }
    let (value, _) = bincode::serde::decode_from_slice(body, config())?;
    Ok(value)
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
    fn corrupt_lengths_do_not_allocate() {
        // A string claiming a length of 2^60 bytes.
        let mut bytes = vec![VALUE_FORMAT, 0xFF];
        bytes.extend_from_slice(&(1u64 << 60).to_le_bytes());
        assert!(decode::<String>(&bytes).is_err());
    }
}
