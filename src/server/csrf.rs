//! next-auth's CSRF double-submit check, for state-changing requests authenticated by cookie.
//!
//! next-auth (and Auth.js) set a CSRF cookie holding `token|hash`, where `hash` is
//! `sha256hex(token + secret)` (`createCSRFToken` in `next-auth/core/lib/csrf-token.js`,
//! `@auth/core/lib/actions/callback/oauth/csrf-token.js`), and hand `token` to the page
//! (`getCsrfToken()`, `GET /api/auth/csrf`). A request proves it comes from a page of the app by
//! echoing `token` in a header: another site can make the browser send the cookie, but can
//! neither read it nor forge a `token|hash` pair without the secret.
//!
//! The cookie is `next-auth.csrf-token` (`__Host-next-auth.csrf-token` with secure cookies), or
//! `authjs.csrf-token` / `__Host-authjs.csrf-token` for Auth.js v5. The header is
//! [`CSRF_HEADER`] (`X-CSRF-Token`); [`XSRF_HEADER`] (`X-XSRF-Token`, the name
//! fastapi-nextauth-jwt and Angular use) is accepted too.

use std::fmt;

use http::HeaderMap;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use crate::cookies::{csrf_hash_matches, get_cookie, split_csrf_cookie};
use crate::reader::{is_authjs_salt, SecretChain};

/// The header a page sends the CSRF token in (case-insensitive, as all header names).
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Accepted when [`CSRF_HEADER`] is absent: fastapi-nextauth-jwt's and Angular's name.
pub const XSRF_HEADER: &str = "x-xsrf-token";

/// The outcome of the CSRF check for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsrfCheck {
    /// Not needed: a safe method (`GET`, `HEAD`, `OPTIONS`, `TRACE`), a Bearer token, no valid
    /// session, or the check is turned off ([`NextAuthLayerBuilder::csrf`](super::NextAuthLayerBuilder::csrf)).
    NotRequired,
    /// The header matched a CSRF cookie this app's secret signed.
    Passed,
    /// An unsafe request authenticated by cookie without a valid double submit: refused (403).
    Failed(CsrfFailure),
}

impl CsrfCheck {
    /// Whether a session read from this request may be used.
    pub fn allows(&self) -> bool {
        !matches!(self, CsrfCheck::Failed(_))
    }
}

/// Why a CSRF check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CsrfFailure {
    /// No CSRF cookie in the request.
    MissingCookie,
    /// The CSRF cookie is not `token|hash`.
    MalformedCookie,
    /// The cookie's hash is not `sha256hex(token + secret)` for our secret: not set by this app.
    ForgedCookie,
    /// Neither `X-CSRF-Token` nor `X-XSRF-Token` was sent.
    MissingHeader,
    /// The header does not carry the cookie's token.
    TokenMismatch,
}

impl fmt::Display for CsrfFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CsrfFailure::MissingCookie => "no CSRF cookie",
            CsrfFailure::MalformedCookie => "the CSRF cookie is not `token|hash`",
            CsrfFailure::ForgedCookie => "the CSRF cookie was not signed with this app's secret",
            CsrfFailure::MissingHeader => "no X-CSRF-Token header",
            CsrfFailure::TokenMismatch => "the X-CSRF-Token header does not match the CSRF cookie",
        })
    }
}

/// The CSRF cookie next-auth pairs with a session cookie: `authjs.` for an Auth.js session cookie,
/// `next-auth.` otherwise, `__Host-` prefixed when the session cookie is `__Secure-` prefixed.
pub fn csrf_cookie_name(session_cookie: &str) -> String {
    let base = if is_authjs_salt(session_cookie) {
        "authjs.csrf-token"
    } else {
        "next-auth.csrf-token"
    };
    if session_cookie.starts_with("__Secure-") || session_cookie.starts_with("__Host-") {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

/// The configured check: the cookie's name and the secret texts a hash may be made with.
pub(crate) struct CsrfRule {
    cookie_name: String,
    /// next-auth v4 hashes with its one secret; Auth.js with `${options.secret}`, which for its
    /// secret *list* (`AUTH_SECRET_1..3`, `AUTH_SECRET`) is the list joined by `,`. Every single
    /// secret of the chain is accepted, and the joined list when there are several.
    hash_secrets: Vec<Zeroizing<Vec<u8>>>,
}

impl CsrfRule {
    pub(crate) fn new(cookie_name: String, chain: &SecretChain) -> CsrfRule {
        let secrets = chain.decoding();
        let mut hash_secrets: Vec<Zeroizing<Vec<u8>>> = Vec::new();
        if secrets.len() > 1 {
            hash_secrets.push(Zeroizing::new(
                secrets
                    .iter()
                    .map(|s| s.as_bytes())
                    .collect::<Vec<_>>()
                    .join(&b","[..]),
            ));
        }
        hash_secrets.extend(
            secrets
                .iter()
                .map(|s| Zeroizing::new(s.as_bytes().to_vec())),
        );
        CsrfRule {
            cookie_name,
            hash_secrets,
        }
    }

    pub(crate) fn cookie_name(&self) -> &str {
        &self.cookie_name
    }

    /// The double submit: the cookie's hash is ours, and the header carries the cookie's token.
    pub(crate) fn check(&self, cookie_header: Option<&str>, headers: &HeaderMap) -> CsrfCheck {
        match self.verify(cookie_header, headers) {
            Ok(()) => CsrfCheck::Passed,
            Err(failure) => CsrfCheck::Failed(failure),
        }
    }

    fn verify(&self, cookie_header: Option<&str>, headers: &HeaderMap) -> Result<(), CsrfFailure> {
        let value = cookie_header
            .and_then(|header| get_cookie(header, &self.cookie_name))
            .ok_or(CsrfFailure::MissingCookie)?;
        // `const [csrfToken, csrfTokenHash] = cookieValue.split("|")`.
        let (token, hash) = split_csrf_cookie(&value).ok_or(CsrfFailure::MalformedCookie)?;
        if token.is_empty() || hash.len() != 64 {
            return Err(CsrfFailure::MalformedCookie);
        }
        let signed = self
            .hash_secrets
            .iter()
            .any(|secret| csrf_hash_matches(token, secret, hash));
        if !signed {
            return Err(CsrfFailure::ForgedCookie);
        }
        let sent = headers
            .get(CSRF_HEADER)
            .or_else(|| headers.get(XSRF_HEADER))
            .ok_or(CsrfFailure::MissingHeader)?;
        if bool::from(token.as_bytes().ct_eq(sent.as_bytes())) {
            Ok(())
        } else {
            Err(CsrfFailure::TokenMismatch)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_names_follow_the_session_cookie() {
        assert_eq!(
            csrf_cookie_name("next-auth.session-token"),
            "next-auth.csrf-token"
        );
        assert_eq!(
            csrf_cookie_name("__Secure-next-auth.session-token"),
            "__Host-next-auth.csrf-token"
        );
        assert_eq!(
            csrf_cookie_name("authjs.session-token"),
            "authjs.csrf-token"
        );
        assert_eq!(
            csrf_cookie_name("__Secure-authjs.session-token"),
            "__Host-authjs.csrf-token"
        );
        assert_eq!(csrf_cookie_name("my-session"), "next-auth.csrf-token");
    }

    #[test]
    fn known_hash() {
        // printf 'abcsecret' | sha256sum (the hash next-auth's createCSRFToken stores)
        let hash = "a42178b773273f5c9f24387fbea546af537d08b8c06b23631e44878b9ce47f49";
        assert!(csrf_hash_matches("abc", b"secret", hash));
        assert!(!csrf_hash_matches("abd", b"secret", hash));
        assert!(!csrf_hash_matches("abc", b"secret", &hash.to_uppercase()));
        assert!(!csrf_hash_matches("abc", b"secret", &hash[..63]));
    }
}
