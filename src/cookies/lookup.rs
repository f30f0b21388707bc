//! `getToken`'s search for the raw session token: cookie first, then `Authorization: Bearer`.

use std::fmt;

use super::bearer::{parse_bearer, Bearer, BearerProblem};
use super::chunks::{read_session_cookie, SessionCookieError};
use super::name::SessionCookieName;
use super::token::{SessionToken, TokenSource};

/// Why a request carries no session token. Every variant means "no session" — next-auth's
/// `getToken` returns `null` (or fails to decode) in all of them — and exists to be logged.
///
/// Non-exhaustive: new reasons may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoSessionToken {
    /// No session cookie (or an empty one), and no `Authorization: Bearer` header.
    Absent,
    /// The session cookie is there but unusable; the `Authorization` header was not consulted.
    Cookie(SessionCookieError),
    /// No session cookie, and the `Bearer` header gave no token.
    Bearer(BearerProblem),
}

impl fmt::Display for NoSessionToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoSessionToken::Absent => {
                f.write_str("no session cookie and no Authorization: Bearer header")
            }
            NoSessionToken::Cookie(e) => e.fmt(f),
            NoSessionToken::Bearer(p) => write!(f, "no session cookie; {p}"),
        }
    }
}

impl std::error::Error for NoSessionToken {}

/// The raw session token of a request, or why there is none: what next-auth 4.24.15's `getToken`
/// looks at before decoding, in its order.
///
/// 1. The `Cookie` header (`headers.get("cookie")`), parsed like `NextRequest.cookies`, read for
///    `name` and its chunks (see [`super::read_session_cookie`] for where we are stricter).
/// 2. Only if that gave nothing — no cookie, or an empty value — the `Authorization` header
///    (`headers.get("authorization")`), read like `getToken` (see [`super::parse_bearer`]).
///
/// A session cookie that is present but unusable (a gap in the chunks, too long) does *not* fall
/// back to `Bearer`: next-auth would hold a non-empty value there and never look further.
pub fn find_session_token<'a>(
    cookie_header: Option<&'a str>,
    authorization: Option<&'a str>,
    name: &SessionCookieName,
) -> Result<SessionToken<'a>, NoSessionToken> {
    if let Some(header) = cookie_header {
        if let Some(token) =
            read_session_cookie(header, name.as_str()).map_err(NoSessionToken::Cookie)?
        {
            return Ok(token);
        }
    }
    match parse_bearer(authorization) {
        Bearer::Token(value) => Ok(SessionToken::new(value, TokenSource::Bearer)),
        Bearer::NotBearer => Err(NoSessionToken::Absent),
        Bearer::Invalid(problem) => Err(NoSessionToken::Bearer(problem)),
    }
}

/// [`find_session_token`] without the reason.
pub fn session_token<'a>(
    cookie_header: Option<&'a str>,
    authorization: Option<&'a str>,
    name: &SessionCookieName,
) -> Option<SessionToken<'a>> {
    find_session_token(cookie_header, authorization, name).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4() -> SessionCookieName {
        SessionCookieName::next_auth_v4(false)
    }

    fn find(
        cookie: Option<&str>,
        auth: Option<&str>,
    ) -> Result<(String, TokenSource), NoSessionToken> {
        find_session_token(cookie, auth, &v4()).map(|t| (t.as_str().to_owned(), t.source()))
    }

    #[test]
    fn cookie_wins_over_bearer() {
        assert_eq!(
            find(Some("next-auth.session-token=C"), Some("Bearer B")),
            Ok(("C".into(), TokenSource::Cookie))
        );
    }

    #[test]
    fn bearer_when_no_cookie() {
        assert_eq!(
            find(None, Some("Bearer B")),
            Ok(("B".into(), TokenSource::Bearer))
        );
        assert_eq!(
            find(Some("other=1"), Some("Bearer B")),
            Ok(("B".into(), TokenSource::Bearer))
        );
        assert_eq!(
            find(Some(""), Some("Bearer B")),
            Ok(("B".into(), TokenSource::Bearer))
        );
    }

    #[test]
    fn empty_cookie_falls_back_to_bearer() {
        assert_eq!(
            find(Some("next-auth.session-token="), Some("Bearer tok")),
            Ok(("tok".into(), TokenSource::Bearer))
        );
        assert_eq!(
            find(
                Some("next-auth.session-token.0=; next-auth.session-token.1="),
                Some("Bearer tok")
            ),
            Ok(("tok".into(), TokenSource::Bearer))
        );
    }

    #[test]
    fn flag_cookie_blocks_bearer() {
        // `next-auth.session-token` alone is the cookie "true": truthy, so next-auth never
        // looks at Authorization (and then fails to decode "true").
        assert_eq!(
            find(Some("next-auth.session-token"), Some("Bearer tok")),
            Ok(("true".into(), TokenSource::Cookie))
        );
    }

    #[test]
    fn broken_chunks_do_not_fall_back() {
        assert_eq!(
            find(
                Some("next-auth.session-token.0=A; next-auth.session-token.2=C"),
                Some("Bearer tok")
            ),
            Err(NoSessionToken::Cookie(SessionCookieError::ChunkGap {
                missing: 1,
                highest: 2
            }))
        );
    }

    #[test]
    fn undecodable_cookie_is_absent_and_falls_back() {
        // parseCookie drops the cookie, so there is no cookie value at all.
        assert_eq!(
            find(Some("next-auth.session-token=%ZZ"), Some("Bearer tok")),
            Ok(("tok".into(), TokenSource::Bearer))
        );
    }

    #[test]
    fn foreign_prefixed_cookie_falls_back() {
        // Deliberate difference: next-auth would take "x" as the token and never consult
        // Authorization; we ignore the foreign cookie.
        assert_eq!(
            find(Some("next-auth.session-token-foo=x"), Some("Bearer tok")),
            Ok(("tok".into(), TokenSource::Bearer))
        );
    }

    #[test]
    fn nothing_at_all() {
        assert_eq!(find(None, None), Err(NoSessionToken::Absent));
        assert_eq!(
            find(Some("a=1"), Some("Basic x")),
            Err(NoSessionToken::Absent)
        );
        assert!(session_token(None, None, &v4()).is_none());
    }

    #[test]
    fn bearer_problems_are_reported() {
        assert_eq!(
            find(None, Some("Bearer")),
            Err(NoSessionToken::Bearer(BearerProblem::Undefined))
        );
        assert_eq!(
            find(None, Some("Bearer  x")),
            Err(NoSessionToken::Bearer(BearerProblem::Empty))
        );
        assert_eq!(
            find(None, Some("Bearer %ZZ")),
            Err(NoSessionToken::Bearer(BearerProblem::Malformed))
        );
        assert_eq!(find(None, Some("bearer x")), Err(NoSessionToken::Absent));
    }

    #[test]
    fn uses_the_chosen_name() {
        let header = "__Secure-next-auth.session-token=SEC; next-auth.session-token=PLAIN";
        let secure = SessionCookieName::next_auth_v4(true);
        assert_eq!(
            session_token(Some(header), None, &secure).unwrap().as_str(),
            "SEC"
        );
        assert_eq!(
            session_token(Some(header), None, &v4()).unwrap().as_str(),
            "PLAIN"
        );
        let v5 = SessionCookieName::auth_js_v5(false);
        assert!(session_token(Some(header), None, &v5).is_none());
        let custom = SessionCookieName::custom("my.session");
        assert_eq!(
            session_token(Some("my.session.0=a; my.session.1=b"), None, &custom)
                .unwrap()
                .source(),
            TokenSource::Chunks { count: 2 }
        );
    }

    #[test]
    fn megabyte_header_with_the_cookie_last() {
        let mut header = "junk=".to_owned() + &"x".repeat(1 << 20);
        header.push_str("; next-auth.session-token=T");
        let started = std::time::Instant::now();
        let t = session_token(Some(&header), None, &v4()).unwrap();
        assert_eq!((t.as_str(), t.source()), ("T", TokenSource::Cookie));
        assert!(t.is_borrowed());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn into_owned_outlives_the_header() {
        let owned = {
            let header = String::from("next-auth.session-token=T");
            session_token(Some(&header), None, &v4())
                .unwrap()
                .into_owned()
        };
        assert_eq!(owned.as_str(), "T");
        assert!(!owned.is_borrowed());
        assert_eq!(owned.into_string(), "T");
    }

    #[test]
    fn debug_and_display_never_show_the_token() {
        let t = session_token(Some("next-auth.session-token=s3cret"), None, &v4()).unwrap();
        let shown = format!("{t:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("len: 6"), "{shown}");
        assert_eq!(
            TokenSource::Chunks { count: 3 }.to_string(),
            "3 session cookie chunks"
        );
        assert_eq!(
            NoSessionToken::Bearer(BearerProblem::Malformed).to_string(),
            "no session cookie; Bearer token has malformed percent-encoding"
        );
    }
}
