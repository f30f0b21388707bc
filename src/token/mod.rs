//! Session tokens: read and write the JWTs next-auth v4 and Auth.js v5 put in the session cookie.
//!
//! Pure Rust; no JS, no wasm, no I/O. The clock is a parameter so callers (and tests) decide what
//! "now" is.
//!
//! ```
//! use nextauth_edge::token::{SessionDecoder, TokenEncoder, Secret, UnixTime};
//!
//! let now = UnixTime(1_764_158_400);
//! let claims = serde_json::json!({ "name": "Ada", "role": "admin" });
//! let token = TokenEncoder::next_auth_v4(Secret::new("s3cret"), "")
//!     .encode(claims.as_object().unwrap(), 30 * 24 * 3600, now)
//!     .unwrap();
//!
//! let decoder = SessionDecoder::builder().secret("old-secret").secret("s3cret").build();
//! let session = decoder.decode(&token, now).unwrap();
//! assert_eq!(session.to_map()["role"], "admin");
//! // An hour past `exp` is no session at all.
//! assert!(decoder.decode(&token, UnixTime(now.0 + 30 * 24 * 3600 + 3600)).is_err());
//! ```

pub(crate) mod base64url;
mod claims;
mod compact;
mod decoder;
mod enc;
mod encoder;
mod error;
mod header;
mod keys;
mod signed;

pub use claims::{TimeClaims, UnixTime, CLOCK_TOLERANCE_SECS};
pub use compact::MAX_TOKEN_LEN;
pub use decoder::{SessionClaims, SessionDecoder, SessionDecoderBuilder, TokenFormat};
pub use enc::{HostAesGcm, HostAesGcmKey, SharedHostAesGcm};
pub use encoder::{EncodeError, TokenEncoder};
pub use error::{ClaimsError, TokenError};
pub use keys::Secret;
pub use signed::{KeyError, SignedAlgorithm, VerifyingKey};

/// The default session lifetime of next-auth and Auth.js: 30 days.
pub const DEFAULT_MAX_AGE_SECS: i64 = 30 * 24 * 60 * 60;

/// The default v5 salt and cookie name when none is given.
pub const AUTHJS_SESSION_COOKIE: &str = "authjs.session-token";
