//! The `Authorization: Bearer` fallback of `getToken`.
//!
//! next-auth 4.24.15, `jwt/index.ts`, reached only when the session cookie gave nothing (JS
//! falsiness: no cookie, or an empty value):
//!
//! ```ts
//! if (!token && authorizationHeader?.split(" ")[0] === "Bearer") {
//!   const urlEncodedToken = authorizationHeader.split(" ")[1]
//!   try {
//!     token = decodeURIComponent(urlEncodedToken)
//!   } catch {
//!     // Malformed percent-encoding makes the Bearer token invalid
//!     return null
//!   }
//! }
//! if (!token) return null
//! ```
//!
//! Reproduced field for field: the scheme is the text before the *first* space and must be
//! exactly `Bearer` (case-sensitive; a tab is not a separator); the token is the text between the
//! first and second space, anything after a second space is ignored. The `try`/`catch` is in
//! 4.24.15 (older releases let the `URIError` escape the middleware, GHSA-xmf8-cvqr-rfgj); either
//! way the answer is "no token".

use std::borrow::Cow;
use std::fmt;

use super::percent::decode_uri_component;
use crate::token::MAX_TOKEN_LEN;

/// What the `Authorization` header holds, as far as `getToken` is concerned.
#[derive(Clone, PartialEq, Eq)]
pub enum Bearer<'a> {
    /// No header, or its first space-separated field is not exactly `Bearer`: not consulted.
    NotBearer,
    /// The decoded token. Never empty; borrowed unless it had `%` escapes.
    Token(Cow<'a, str>),
    /// The header claims `Bearer` but yields no usable token.
    Invalid(BearerProblem),
}

/// Why a `Bearer` header gave no token.
///
/// Non-exhaustive: new checks may add variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BearerProblem {
    /// Exactly `"Bearer"`: `split(" ")[1]` is `undefined`, and `decodeURIComponent(undefined)`
    /// is the *string* `"undefined"`, which next-auth hands to `decode`. That can never be a
    /// JWE or JWS (it has no dots), so it always ends as "no session"; we stop here instead of
    /// passing the literal on. (A `Headers` object trims `"Bearer "` to `"Bearer"`, so that
    /// header lands here too in next-auth.)
    Undefined,
    /// The token field is empty (`"Bearer  x"`, an untrimmed `"Bearer "`): `""` is falsy.
    Empty,
    /// `decodeURIComponent` throws: a bad `%` escape or invalid UTF-8. next-auth returns `null`.
    Malformed,
    /// Longer than [`MAX_TOKEN_LEN`] once decoded. next-auth would try to decrypt it; our token
    /// decoder refuses it anyway, so it is refused here before going further.
    TooLong {
        /// The decoded token's length in bytes.
        len: usize,
    },
}

impl fmt::Display for BearerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BearerProblem::Undefined => f.write_str("\"Bearer\" with no token"),
            BearerProblem::Empty => f.write_str("empty Bearer token"),
            BearerProblem::Malformed => f.write_str("Bearer token has malformed percent-encoding"),
            BearerProblem::TooLong { len } => {
                write!(f, "Bearer token is {len} bytes, over {MAX_TOKEN_LEN}")
            }
        }
    }
}

impl fmt::Debug for Bearer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bearer::NotBearer => f.write_str("NotBearer"),
            Bearer::Token(t) => write!(f, "Token(<{} bytes>)", t.len()),
            Bearer::Invalid(p) => f.debug_tuple("Invalid").field(p).finish(),
        }
    }
}

/// Reads an `Authorization` header value (`headers.get("authorization")`) like `getToken` does.
pub fn parse_bearer(authorization: Option<&str>) -> Bearer<'_> {
    let Some(header) = authorization else {
        return Bearer::NotBearer;
    };
    let (scheme, rest) = match header.split_once(' ') {
        Some((scheme, rest)) => (scheme, Some(rest)),
        None => (header, None),
    };
    if scheme != "Bearer" {
        return Bearer::NotBearer;
    }
    let Some(rest) = rest else {
        return Bearer::Invalid(BearerProblem::Undefined);
    };
    let field = rest.split_once(' ').map_or(rest, |(field, _)| field);
    if field.is_empty() {
        return Bearer::Invalid(BearerProblem::Empty);
    }
    match decode_uri_component(field) {
        // A non-empty field never decodes to "": every escape yields at least one byte.
        Some(token) if token.len() > MAX_TOKEN_LEN => {
            Bearer::Invalid(BearerProblem::TooLong { len: token.len() })
        }
        Some(token) if !token.is_empty() => Bearer::Token(token),
        Some(_) => Bearer::Invalid(BearerProblem::Empty),
        None => Bearer::Invalid(BearerProblem::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(h: &str) -> Option<String> {
        match parse_bearer(Some(h)) {
            Bearer::Token(t) => Some(t.into_owned()),
            _ => None,
        }
    }

    #[test]
    fn plain_token() {
        assert_eq!(token("Bearer abc.def.ghi").as_deref(), Some("abc.def.ghi"));
        assert!(matches!(
            parse_bearer(Some("Bearer abc")),
            Bearer::Token(Cow::Borrowed("abc"))
        ));
    }

    #[test]
    fn no_header_or_other_scheme_is_not_consulted() {
        for h in [
            "",
            "bearer x",
            "BEARER x",
            "Basic dXNlcg==",
            "Bearerx",
            "Bearer\tx",
            " Bearer x",
            "Token x",
        ] {
            assert_eq!(parse_bearer(Some(h)), Bearer::NotBearer, "{h:?}");
        }
        assert_eq!(parse_bearer(None), Bearer::NotBearer);
    }

    #[test]
    fn bare_bearer_is_the_undefined_quirk() {
        assert_eq!(
            parse_bearer(Some("Bearer")),
            Bearer::Invalid(BearerProblem::Undefined)
        );
    }

    #[test]
    fn empty_token_field() {
        for h in ["Bearer ", "Bearer  x", "Bearer  "] {
            assert_eq!(
                parse_bearer(Some(h)),
                Bearer::Invalid(BearerProblem::Empty),
                "{h:?}"
            );
        }
    }

    #[test]
    fn only_the_second_field_counts() {
        assert_eq!(token("Bearer x y").as_deref(), Some("x"));
        assert_eq!(token("Bearer x  y z").as_deref(), Some("x"));
        // A tab is not a separator for split(" ").
        assert_eq!(token("Bearer x\ty").as_deref(), Some("x\ty"));
    }

    #[test]
    fn percent_decoded() {
        assert_eq!(token("Bearer a%2Eb").as_deref(), Some("a.b"));
        assert_eq!(token("Bearer %E2%82%AC").as_deref(), Some("€"));
        assert_eq!(token("Bearer a%20b").as_deref(), Some("a b"));
        assert_eq!(token("Bearer a+b").as_deref(), Some("a+b"));
    }

    #[test]
    fn malformed_encoding_is_no_token() {
        for h in [
            "Bearer %ZZ",
            "Bearer %",
            "Bearer abc%2",
            "Bearer %C3",
            "Bearer %ED%A0%80",
        ] {
            assert_eq!(
                parse_bearer(Some(h)),
                Bearer::Invalid(BearerProblem::Malformed),
                "{h:?}"
            );
        }
    }

    #[test]
    fn too_long_is_refused() {
        let h = format!("Bearer {}", "a".repeat(MAX_TOKEN_LEN + 1));
        assert_eq!(
            parse_bearer(Some(&h)),
            Bearer::Invalid(BearerProblem::TooLong {
                len: MAX_TOKEN_LEN + 1
            })
        );
        let h = format!("Bearer {}", "a".repeat(MAX_TOKEN_LEN));
        assert!(matches!(parse_bearer(Some(&h)), Bearer::Token(_)));
        // Escapes shrink: 3 × MAX input bytes of `%41` decode to exactly MAX.
        let h = format!("Bearer {}", "%41".repeat(MAX_TOKEN_LEN));
        assert!(matches!(parse_bearer(Some(&h)), Bearer::Token(_)));
    }

    #[test]
    fn debug_redacts_the_token() {
        let shown = format!("{:?}", parse_bearer(Some("Bearer s3cret")));
        assert!(!shown.contains("s3cret"), "{shown}");
        assert_eq!(shown, "Token(<6 bytes>)");
    }
}
