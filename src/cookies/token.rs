//! A raw session token and where it was found: what [`super::chunks`] assembles and
//! [`super::lookup`] returns (its own module, so neither depends on the other for it).

use std::borrow::Cow;
use std::fmt;

/// Where a session token was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// The session cookie itself, unchunked.
    Cookie,
    /// `count` chunks, `<name>.0` to `<name>.{count - 1}`, joined.
    Chunks {
        /// How many chunks were joined (at least 1).
        count: usize,
    },
    /// The `Authorization: Bearer` header (no usable cookie was sent).
    Bearer,
}

impl fmt::Display for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TokenSource::Cookie => f.write_str("session cookie"),
            TokenSource::Chunks { count } => write!(f, "{count} session cookie chunks"),
            TokenSource::Bearer => f.write_str("Authorization: Bearer header"),
        }
    }
}

/// A raw session token (still encrypted or signed), and where it came from.
///
/// Never empty and never longer than [`crate::token::MAX_TOKEN_LEN`]. Borrowed from the request
/// header when it came from one cookie or a Bearer header without `%` escapes; `Debug` shows its
/// length only, so it cannot end up in a log by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken<'a> {
    value: Cow<'a, str>,
    source: TokenSource,
}

impl<'a> SessionToken<'a> {
    pub(crate) fn new(value: Cow<'a, str>, source: TokenSource) -> Self {
        SessionToken { value, source }
    }

    /// The token, ready for [`crate::token::SessionDecoder::decode`].
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Where it was found.
    pub fn source(&self) -> TokenSource {
        self.source
    }

    /// Whether the token points into the request header rather than a copy.
    pub fn is_borrowed(&self) -> bool {
        matches!(self.value, Cow::Borrowed(_))
    }

    /// Detaches the token from the request headers.
    pub fn into_owned(self) -> SessionToken<'static> {
        SessionToken {
            value: Cow::Owned(self.value.into_owned()),
            source: self.source,
        }
    }

    /// The token as a `String`.
    pub fn into_string(self) -> String {
        self.value.into_owned()
    }
}

impl fmt::Debug for SessionToken<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionToken")
            .field("source", &self.source)
            .field("len", &self.value.len())
            .finish_non_exhaustive()
    }
}
