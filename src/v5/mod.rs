//! next-auth@5 (Auth.js) middleware decisions, without JS: what `auth` does around the user's
//! callbacks. The wasm adapter (`src/wasm/v5.rs`) only moves values across the boundary.
//!
//! On every request next-auth@5's `auth` runs @auth/core's `Auth()` with the `session` action
//! (next-auth `lib/index.js` `handleAuth` → `getSession`):
//!
//! 1. the action URL: `AUTH_URL ?? NEXTAUTH_URL`'s origin, else `x-forwarded-proto ?? "https"` and
//!    `x-forwarded-host ?? host`, then `/<basePath>/session` ([`base_path`]);
//! 2. `assertConfig`: an untrusted host ([`crate::reader::AuthjsEnv::trust_host`]) or no secret
//!    is a `500`, so no session and no cookies; so is an `authjs.callback-url` cookie that is
//!    not an http(s) URL;
//! 3. `init`: a CSRF cookie is minted unless the request carries a valid one ([`csrf_is_valid`],
//!    [`mint_csrf`]), and the callback-URL cookie is (re)set to `callbacks.redirect`'s answer
//!    for the cookie, or the origin (the user's callback is JS, so the whole step is in
//!    `pkg/v5.mjs`);
//! 4. the session: decode, `callbacks.jwt`, `callbacks.session`, re-encode with a fresh
//!    `exp`/`iat`/`jti`, and the chunked session cookies; always, on every request (Auth.js's
//!    `updateAge` applies to database sessions only);
//! 5. `callbacks.authorized({ request, auth })` and what its answer does ([`Outcome`]).

#[cfg(test)]
mod tests;

use crate::cookies::{csrf_hash_matches, mint_csrf_cookie, split_csrf_cookie};

/// next-auth@5's default `basePath` (other Auth.js integrations use `/auth`).
pub const DEFAULT_BASE_PATH: &str = "/api/auth";

/// The `basePath` after next-auth@5's `setEnvDefaults`: `config.basePath ||` the env URL's
/// pathname when it is not `/` (`env_url_pathname` is `None` when the URL is unset or does not
/// parse), `||` `/api/auth`.
pub fn base_path(config: Option<&str>, env_url_pathname: Option<&str>) -> String {
    match config.filter(|p| !p.is_empty()) {
        Some(path) => path.to_owned(),
        None => match env_url_pathname.filter(|p| *p != "/" && !p.is_empty()) {
            Some(path) => path.to_owned(),
            None => DEFAULT_BASE_PATH.to_owned(),
        },
    }
}

/// The session action's pathname as `createActionURL` builds it (`basePath` without its outer
/// slashes, then `/session`), and whether @auth/core's `parseActionAndProviderId` then finds the
/// `session` action in it (`^<basePath>(.+)`). When it does not, `Auth()` answers `400` and the
/// request has no session.
pub fn session_action_parses(base_path: &str) -> bool {
    let trimmed = base_path.trim_start_matches('/');
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    let pathname = if base_path.is_empty() {
        "/session".to_owned()
    } else {
        format!("/{trimmed}/session")
    };
    let Some(rest) = pathname.strip_prefix(base_path) else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    let mut parts = rest.split('/').filter(|s| !s.is_empty());
    parts.next() == Some("session") && parts.next().is_none()
}

/// `pages.signIn ?? `${basePath}/signin``.
pub fn sign_in_page(pages_sign_in: Option<&str>, base_path: &str) -> String {
    match pages_sign_in {
        Some(page) => page.to_owned(),
        None => format!("{base_path}/signin"),
    }
}

/// The names of the cookies `Auth()` reads and writes, for one secure-cookie answer
/// (`config.useSecureCookies ?? actionUrl.protocol === "https:"`), with `config.cookies`'s
/// names where given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieNames {
    /// `authjs.session-token` (`__Secure-` prefixed when secure).
    pub session: String,
    /// `authjs.callback-url` (`__Secure-` prefixed when secure).
    pub callback_url: String,
    /// `authjs.csrf-token` (`__Host-` prefixed when secure).
    pub csrf: String,
}

impl CookieNames {
    /// The default names, each replaced by its configured name when there is one.
    pub fn new(
        secure: bool,
        session: Option<String>,
        callback_url: Option<String>,
        csrf: Option<String>,
    ) -> Self {
        let prefix = if secure { "__Secure-" } else { "" };
        let host = if secure { "__Host-" } else { "" };
        CookieNames {
            session: session.unwrap_or_else(|| format!("{prefix}authjs.session-token")),
            callback_url: callback_url.unwrap_or_else(|| format!("{prefix}authjs.callback-url")),
            csrf: csrf.unwrap_or_else(|| format!("{host}authjs.csrf-token")),
        }
    }
}

/// Whether a CSRF cookie's value (`token|hash`) was made with `secret_text` (`String(secret)`):
/// then `Auth()` keeps it; otherwise it mints a new one ([`crate::cookies::csrf_hash_matches`]).
pub fn csrf_is_valid(cookie_value: &str, secret_text: &str) -> bool {
    split_csrf_cookie(cookie_value)
        .is_some_and(|(token, hash)| csrf_hash_matches(token, secret_text.as_bytes(), hash))
}

/// A new CSRF cookie value for `secret_text` ([`crate::cookies::mint_csrf_cookie`]). `None` when
/// the platform has no random numbers.
pub fn mint_csrf(secret_text: &str) -> Option<String> {
    mint_csrf_cookie(secret_text.as_bytes())
}

/// What `callbacks.authorized` answered (after `await`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// No `authorized` callback: next-auth@5 starts from `authorized = true`.
    NoCallback,
    /// A `Response` (`instanceof Response`).
    Response,
    /// Any other value, by its truthiness (`undefined` and `null` are falsy: a redirect).
    Truthy(bool),
}

/// What the middleware answers with (each also carries the `Auth()` cookies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `NextResponse.next()`.
    Next,
    /// The `Response` `authorized` returned, as is (next-auth@5's loop guard only resets its
    /// local `authorized` flag, which nothing reads afterwards).
    AuthorizedResponse,
    /// Call the wrapped function with `req.auth` set, whatever `authorized` said (a `false` does
    /// not stop it); its answer, or `NextResponse.next()` for `null`/`undefined`.
    Wrapped,
    /// `NextResponse.redirect` to the sign-in page with `callbackUrl`.
    SignIn,
}

/// next-auth@5's `handleAuth` after `authorized`: a `Response` wins; else a wrapped function runs;
/// else a falsy answer redirects to the sign-in page, except on the sign-in page itself
/// (`request.nextUrl.pathname === signInPage`).
pub fn outcome(answer: Answer, wrapped: bool, pathname: &str, sign_in_page: &str) -> Outcome {
    match answer {
        Answer::Response => Outcome::AuthorizedResponse,
        _ if wrapped => Outcome::Wrapped,
        Answer::Truthy(false) if pathname != sign_in_page => Outcome::SignIn,
        _ => Outcome::Next,
    }
}
