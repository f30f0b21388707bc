//! Why a token was refused. Every variant means "no session" to the gate; the variants exist so
//! logs, tests and library users can tell a tampered token from an expired one.

use thiserror::Error;

use super::claims::MAX_NESTING;

/// A token that is not a valid session token. Never carries token contents or key material.
///
/// Non-exhaustive: new checks may add variants. Treat any variant as "no session".
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum TokenError {
    /// The token is the empty string.
    #[error("token is empty")]
    Empty,
    /// The token is longer than [`MAX_TOKEN_LEN`](super::MAX_TOKEN_LEN); refused unread.
    #[error("token is {len} bytes, over the {max}-byte limit")]
    TooLong {
        /// The token's length in bytes.
        len: usize,
        /// The limit, [`MAX_TOKEN_LEN`](super::MAX_TOKEN_LEN).
        max: usize,
    },
    /// Not 3 (JWS) or 5 (JWE) dot-separated segments.
    #[error("token has {found} segments, a {expected} is expected")]
    SegmentCount {
        /// How many segments the token has.
        found: usize,
        /// What was expected, in words (`"JWE needs 5, a JWS 3"`).
        expected: &'static str,
    },
    /// A segment is not canonical unpadded base64url.
    #[error("segment `{segment}` is not canonical unpadded base64url")]
    Base64 {
        /// Which segment: `"header"`, `"iv"`, `"ciphertext"`, `"tag"`, `"payload"` or `"signature"`.
        segment: &'static str,
    },
    /// The protected header is not a JSON object of the expected shape; the parser's message.
    #[error("protected header is not a JSON object: {0}")]
    Header(String),
    /// The header has a parameter next-auth and Auth.js never write (its name).
    #[error("header parameter `{0}` is not one next-auth or Auth.js produces")]
    UnexpectedHeaderParameter(String),
    /// The header has `crit`, which is not supported.
    #[error("`crit` header parameter is not supported")]
    CriticalHeader,
    /// The header asks for a compressed (`zip`) payload.
    #[error("compressed (`zip`) payloads are not accepted")]
    Compressed,
    /// The `alg` is not `dir` nor a signed algorithm configured with a key (its name).
    #[error("algorithm `{0}` is not accepted")]
    UnsupportedAlgorithm(String),
    /// The `enc` is not `A256GCM` / `A256CBC-HS512`, or not one the configured formats use.
    #[error("content encryption `{0}` is not accepted")]
    UnsupportedEncryption(String),
    /// A `dir` JWE with a non-empty encrypted-key segment.
    #[error("`dir` tokens carry no encrypted key, this one does")]
    EncryptedKeyPresent,
    /// The IV's length is wrong for the content encryption.
    #[error("initialization vector has the wrong length")]
    IvLength,
    /// The authentication tag's length is wrong for the content encryption.
    #[error("authentication tag has the wrong length")]
    TagLength,
    /// The token's `kid` matches no key derived from the configured secrets.
    #[error("no configured secret matches the token's `kid`")]
    UnknownKeyId,
    /// No configured secret opens the token (wrong secret, or tampered).
    #[error("decryption failed with every configured secret")]
    DecryptionFailed,
    /// No configured key verifies the signed token's signature.
    #[error("signature is invalid for every configured key")]
    SignatureInvalid,
    /// The payload opened but is not an acceptable claims set.
    #[error("claims are invalid: {0}")]
    Claims(ClaimsError),
    /// `exp` is past, beyond [`CLOCK_TOLERANCE_SECS`](super::CLOCK_TOLERANCE_SECS).
    #[error("token expired")]
    Expired,
    /// `nbf` is in the future, beyond [`CLOCK_TOLERANCE_SECS`](super::CLOCK_TOLERANCE_SECS).
    #[error("token is not valid yet (`nbf`)")]
    NotYetValid,
    /// The decoder has no secret (nor verifying key) for the token's format.
    #[error("no secret or key is configured")]
    NoKey,
}

/// A payload that decrypted (or verified) but is not a JWT claims set next-auth accepts.
///
/// Non-exhaustive: new checks may add variants.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ClaimsError {
    /// The payload is not valid UTF-8.
    #[error("payload is not UTF-8")]
    NotUtf8,
    /// Arrays/objects nest deeper than serde_json's recursion limit (127).
    #[error("payload nests deeper than {MAX_NESTING} levels")]
    TooDeep,
    /// The payload is JSON but not an object.
    #[error("payload is not a JSON object")]
    NotObject,
    /// The payload is not valid JSON; serde_json's message (no payload contents).
    #[error("payload is not valid JSON ({0})")]
    Json(String),
    /// A time claim (`"exp"`, `"nbf"` or `"iat"`) is present but not a number.
    #[error("`{0}` must be a number")]
    NotNumeric(&'static str),
    /// A time claim appears twice in the object.
    #[error("`{0}` appears twice")]
    Duplicate(&'static str),
}

impl From<ClaimsError> for TokenError {
    fn from(err: ClaimsError) -> Self {
        TokenError::Claims(err)
    }
}

#[cfg(test)]
mod tests {
    use super::{ClaimsError, TokenError};

    /// Every variant, by name. `tests/token_fixtures.rs` maps each to a kind by name; it cannot
    /// match exhaustively (the enums are `#[non_exhaustive]`), so the exhaustive matches are here:
    /// a new variant stops this from compiling until it is listed, and the test then checks that
    /// the fixture test names it too.
    const TOKEN_ERRORS: &[&str] = &[
        "Empty",
        "TooLong",
        "SegmentCount",
        "Base64",
        "Header",
        "UnexpectedHeaderParameter",
        "CriticalHeader",
        "Compressed",
        "UnsupportedAlgorithm",
        "UnsupportedEncryption",
        "EncryptedKeyPresent",
        "IvLength",
        "TagLength",
        "UnknownKeyId",
        "DecryptionFailed",
        "SignatureInvalid",
        "Claims",
        "Expired",
        "NotYetValid",
        "NoKey",
    ];
    const CLAIMS_ERRORS: &[&str] = &[
        "NotUtf8",
        "TooDeep",
        "NotObject",
        "Json",
        "NotNumeric",
        "Duplicate",
    ];

    #[allow(dead_code)]
    fn exhaustive(token: &TokenError, claims: &ClaimsError) {
        // Adding a variant? List it above and give it a kind in tests/token_fixtures.rs.
        match token {
            TokenError::Empty
            | TokenError::TooLong { .. }
            | TokenError::SegmentCount { .. }
            | TokenError::Base64 { .. }
            | TokenError::Header(_)
            | TokenError::UnexpectedHeaderParameter(_)
            | TokenError::CriticalHeader
            | TokenError::Compressed
            | TokenError::UnsupportedAlgorithm(_)
            | TokenError::UnsupportedEncryption(_)
            | TokenError::EncryptedKeyPresent
            | TokenError::IvLength
            | TokenError::TagLength
            | TokenError::UnknownKeyId
            | TokenError::DecryptionFailed
            | TokenError::SignatureInvalid
            | TokenError::Claims(_)
            | TokenError::Expired
            | TokenError::NotYetValid
            | TokenError::NoKey => {}
        }
        match claims {
            ClaimsError::NotUtf8
            | ClaimsError::TooDeep
            | ClaimsError::NotObject
            | ClaimsError::Json(_)
            | ClaimsError::NotNumeric(_)
            | ClaimsError::Duplicate(_) => {}
        }
    }

    #[test]
    fn every_variant_has_a_fixture_kind() {
        let fixtures = include_str!("../../tests/token_fixtures.rs");
        for name in TOKEN_ERRORS {
            assert!(
                fixtures.contains(&format!("TokenError::{name}")),
                "tests/token_fixtures.rs gives TokenError::{name} no kind"
            );
        }
        for name in CLAIMS_ERRORS {
            assert!(
                fixtures.contains(&format!("ClaimsError::{name}")),
                "tests/token_fixtures.rs gives ClaimsError::{name} no kind"
            );
        }
    }
}
