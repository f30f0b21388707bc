//! Why a token was refused. Every variant means "no session" to the gate; the variants exist so
//! logs, tests and library users can tell a tampered token from an expired one.

use thiserror::Error;

use super::claims::MAX_NESTING;

/// A token that is not a valid session token. Never carries token contents or key material.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TokenError {
    #[error("token is empty")]
    Empty,
    #[error("token is {len} bytes, over the {max}-byte limit")]
    TooLong { len: usize, max: usize },
    #[error("token has {found} segments, a {expected} is expected")]
    SegmentCount {
        found: usize,
        expected: &'static str,
    },
    #[error("segment `{segment}` is not canonical unpadded base64url")]
    Base64 { segment: &'static str },
    #[error("protected header is not a JSON object: {0}")]
    Header(String),
    #[error("header parameter `{0}` is not one next-auth or Auth.js produces")]
    UnexpectedHeaderParameter(String),
    #[error("`crit` header parameter is not supported")]
    CriticalHeader,
    #[error("compressed (`zip`) payloads are not accepted")]
    Compressed,
    #[error("algorithm `{0}` is not accepted")]
    UnsupportedAlgorithm(String),
    #[error("content encryption `{0}` is not accepted")]
    UnsupportedEncryption(String),
    #[error("`dir` tokens carry no encrypted key, this one does")]
    EncryptedKeyPresent,
    #[error("initialization vector has the wrong length")]
    IvLength,
    #[error("authentication tag has the wrong length")]
    TagLength,
    #[error("no configured secret matches the token's `kid`")]
    UnknownKeyId,
    #[error("decryption failed with every configured secret")]
    DecryptionFailed,
    #[error("signature is invalid for every configured key")]
    SignatureInvalid,
    #[error("claims are invalid: {0}")]
    Claims(ClaimsError),
    #[error("token expired")]
    Expired,
    #[error("token is not valid yet (`nbf`)")]
    NotYetValid,
    #[error("no secret or key is configured")]
    NoKey,
}

/// A payload that decrypted (or verified) but is not a JWT claims set next-auth accepts.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClaimsError {
    #[error("payload is not UTF-8")]
    NotUtf8,
    #[error("payload nests deeper than {MAX_NESTING} levels")]
    TooDeep,
    #[error("payload is not a JSON object")]
    NotObject,
    #[error("payload is not valid JSON ({0})")]
    Json(String),
    #[error("`{0}` must be a number")]
    NotNumeric(&'static str),
    #[error("`{0}` appears twice")]
    Duplicate(&'static str),
}

impl From<ClaimsError> for TokenError {
    fn from(err: ClaimsError) -> Self {
        TokenError::Claims(err)
    }
}
