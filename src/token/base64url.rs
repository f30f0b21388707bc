//! Strict base64url: the unpadded, canonical alphabet jose emits and nothing else.
//!
//! next-auth (through Node's lenient decoder) also takes padding, `+/`, whitespace and trailing
//! junk; accepting several spellings of one token only widens the attack surface.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use super::TokenError;

pub(crate) fn decode(segment: &str, name: &'static str) -> Result<Vec<u8>, TokenError> {
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|_| TokenError::Base64 { segment: name })
}

pub(crate) fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn encode_into(bytes: &[u8], out: &mut String) {
    URL_SAFE_NO_PAD.encode_string(bytes, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_every_non_canonical_spelling() {
        assert_eq!(decode("AQI", "x").unwrap(), vec![1, 2]);
        for bad in ["AQI=", "AQ+", "AQ/", "A QI", "AQI\n", "AQJ", "A"] {
            assert!(decode(bad, "x").is_err(), "{bad:?} accepted");
        }
    }
}
