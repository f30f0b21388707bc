//! Finding the session token in a request: the cookie side of next-auth's `getToken`.
//!
//! Pure Rust over header *values* (what `headers.get("cookie")` and
//! `headers.get("authorization")` return); the adapter supplies them and the environment.
//! Matches next-auth 4.24.15 running on Next.js's edge `NextRequest` (whose cookies come from
//! `@edge-runtime/cookies`), except where noted — every difference is on the side of refusing a
//! malformed request, and is documented where it is made:
//!
//! | step | module | next-auth | here |
//! | --- | --- | --- | --- |
//! | parse `Cookie` | [`CookieJar`], [`get_cookie`] | `parseCookie` | same, incl. `"true"` flags, skipped bad escapes, `Map` duplicate order |
//! | percent-decoding | [`decode_uri_component`] | `decodeURIComponent` | same: `None` where JS throws |
//! | cookie name | [`SessionCookieName`] | custom, else guessed from `NEXTAUTH_URL` / `VERCEL` | same, plus an explicit `secure_cookie`, plus the reason for logs |
//! | chunks | [`read_session_cookie`] | joins every cookie *starting with* the name | exact name or `<name>.<n>`, contiguous, capped |
//! | `Authorization` | [`parse_bearer`] | `split(" ")[1]`, `decodeURIComponent` | same; `"Bearer"` alone is no token instead of the string `"undefined"` |
//!
//! Every input may be hostile: nothing here panics on input, allocates per cookie when there is
//! nothing to decode, or does more than `O(n log n)` work in the header length.
//!
//! ```
//! use nextauth_edge::cookies::{find_session_token, NameConfig, SessionCookieName, TokenSource};
//!
//! let name = SessionCookieName::resolve(&NameConfig {
//!     nextauth_url: Some("https://app.example.com"),
//!     ..NameConfig::default()
//! });
//! assert_eq!(name.as_str(), "__Secure-next-auth.session-token");
//!
//! let cookie = "theme=dark; __Secure-next-auth.session-token.1=DEF; \
//!               __Secure-next-auth.session-token.0=ABC";
//! let token = find_session_token(Some(cookie), None, &name).unwrap();
//! assert_eq!(token.as_str(), "ABCDEF");
//! assert_eq!(token.source(), TokenSource::Chunks { count: 2 });
//!
//! // No cookie: the Authorization header is the fallback.
//! let token = find_session_token(Some("theme=dark"), Some("Bearer xyz"), &name).unwrap();
//! assert_eq!(token.source(), TokenSource::Bearer);
//! ```

mod bearer;
mod chunks;
mod csrf;
pub(crate) mod header;
mod lookup;
mod name;
mod percent;
mod token;

pub use bearer::{parse_bearer, Bearer, BearerProblem};
pub use chunks::{is_session_cookie, read_session_cookie, SessionCookieError, MAX_CHUNKS};
pub use csrf::{csrf_hash_matches, mint_csrf_cookie, split_csrf_cookie};
pub use header::{get_cookie, CookieJar};
pub use lookup::{find_session_token, session_token, NoSessionToken};
pub use name::{
    NameConfig, NameSource, SessionCookieName, AUTHJS_SECURE_SESSION_COOKIE,
    NEXT_AUTH_SECURE_SESSION_COOKIE, NEXT_AUTH_SESSION_COOKIE,
};
pub use percent::decode_uri_component;
pub use token::{SessionToken, TokenSource};
