//! Compact serialization: the outermost format layer, checked before anything is decoded.

use super::base64url;
use super::header::ProtectedHeader;
use super::TokenError;

/// Upper bound on a token's length. next-auth splits cookies into 3933-character chunks; 100 of
/// them hold 393 300 characters, which this bound leaves room for. Anything longer is refused
/// before a single byte is decoded.
pub const MAX_TOKEN_LEN: usize = 400 * 1024;

/// The header segment every next-auth v4 token starts with: `{"alg":"dir","enc":"A256GCM"}`.
/// Recognising it skips a JSON parse on the hot path.
const NEXT_AUTH_V4_HEADER: &str = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0";

/// A token split into segments with its header parsed, but nothing verified yet.
pub struct UntrustedToken<'a> {
    /// The whole token, for jwt-compact's own parser (signed JWTs only).
    #[cfg_attr(not(feature = "signed"), allow(dead_code))]
    pub raw: &'a str,
    pub header: ProtectedHeader,
    pub header_segment: &'a str,
    pub segments: Vec<&'a str>,
}

impl<'a> UntrustedToken<'a> {
    pub fn parse(token: &'a str) -> Result<Self, TokenError> {
        if token.is_empty() {
            return Err(TokenError::Empty);
        }
        if token.len() > MAX_TOKEN_LEN {
            return Err(TokenError::TooLong {
                len: token.len(),
                max: MAX_TOKEN_LEN,
            });
        }
        let segments: Vec<&str> = token.split('.').collect();
        if segments.len() != 3 && segments.len() != 5 {
            return Err(TokenError::SegmentCount {
                found: segments.len(),
                expected: "JWE needs 5, a JWS 3",
            });
        }
        let header_segment = segments[0];
        let header = if header_segment == NEXT_AUTH_V4_HEADER {
            ProtectedHeader {
                alg: "dir".into(),
                enc: Some("A256GCM".into()),
                kid: None,
            }
        } else {
            ProtectedHeader::parse(&base64url::decode(header_segment, "header")?)?
        };
        Ok(UntrustedToken {
            raw: token,
            header,
            header_segment,
            segments,
        })
    }

    /// The five JWE segments after the header, decoded, for a `dir` token.
    pub fn jwe_parts(&self) -> Result<JweParts, TokenError> {
        let [_, encrypted_key, iv, ciphertext, tag] = self.segments[..] else {
            return Err(TokenError::SegmentCount {
                found: self.segments.len(),
                expected: "JWE needs 5",
            });
        };
        if !encrypted_key.is_empty() {
            return Err(TokenError::EncryptedKeyPresent);
        }
        Ok(JweParts {
            iv: base64url::decode(iv, "iv")?,
            ciphertext: base64url::decode(ciphertext, "ciphertext")?,
            tag: base64url::decode(tag, "tag")?,
        })
    }
}

pub struct JweParts {
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_v4_fast_path_header_is_what_it_claims() {
        let decoded = base64url::decode(NEXT_AUTH_V4_HEADER, "header").unwrap();
        assert_eq!(decoded, br#"{"alg":"dir","enc":"A256GCM"}"#);
    }

    #[test]
    fn shape_is_checked_before_decoding() {
        assert_eq!(UntrustedToken::parse("").err(), Some(TokenError::Empty));
        let long = "a".repeat(MAX_TOKEN_LEN + 1);
        assert!(matches!(
            UntrustedToken::parse(&long),
            Err(TokenError::TooLong { .. })
        ));
        for n in [1, 2, 4, 6] {
            let token = vec![NEXT_AUTH_V4_HEADER; n].join(".");
            assert!(matches!(
                UntrustedToken::parse(&token),
                Err(TokenError::SegmentCount { .. })
            ));
        }
        let with_key = format!("{NEXT_AUTH_V4_HEADER}.AA.AA.AA.AA");
        let parsed = UntrustedToken::parse(&with_key).unwrap();
        assert_eq!(
            parsed.jwe_parts().err(),
            Some(TokenError::EncryptedKeyPresent)
        );
    }
}
