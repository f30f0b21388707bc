//! `getServerSession` with the JWT strategy, minus the JS callbacks: the default session object,
//! the rolling expiry, and the `Set-Cookie` headers that re-issue (and chunk) the session cookie.
//!
//! next-auth v4 (`core/routes/session.ts`) re-encodes the token on every session read, with
//! `expires = now + session.maxAge`, chunks it into 3933-character cookies and clears every
//! chunk the request carried that the new token no longer needs.
//!
//! ```
//! use nextauth_edge::session::{default_session, Expiry, session_cookies};
//!
//! let claims = serde_json::json!({ "name": "Ada", "email": "ada@example.com", "picture": null });
//! let expiry = Expiry::after(1_764_158_400_000.0, 30 * 24 * 3600);
//! let session = default_session(claims.as_object().unwrap(), &expiry);
//! assert_eq!(session["expires"], "2025-12-26T12:00:00.000Z");
//! let headers = session_cookies("next-auth.session-token", "tok", &expiry, false, &[]);
//! assert_eq!(headers, ["next-auth.session-token=tok; Path=/; Expires=Fri, 26 Dec 2025 12:00:00 GMT; HttpOnly; SameSite=Lax"]);
//! ```

mod set_cookie;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Map, Value};

pub use set_cookie::SetCookie;

use crate::cookies::is_session_cookie;

/// next-auth v4's chunk size: 4096 bytes allowed per cookie minus 163 for name and attributes.
pub const CHUNK_SIZE: usize = 4096 - 163;

/// Auth.js v5's chunk size (@auth/core `lib/utils/cookie.js`): 4096 minus an estimated 160.
pub const AUTHJS_CHUNK_SIZE: usize = 4096 - 160;

/// The new expiry of a session read at `now`: `fromDate(session.maxAge)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Expiry {
    at: SystemTime,
}

impl Expiry {
    /// `now_ms` is `Date.now()`; `max_age_secs` is `session.maxAge`.
    pub fn after(now_ms: f64, max_age_secs: i64) -> Self {
        let millis = now_ms + (max_age_secs as f64) * 1000.0;
        let millis = if millis.is_finite() && millis > 0.0 {
            millis as u64
        } else {
            0
        };
        Expiry {
            at: UNIX_EPOCH + Duration::from_millis(millis),
        }
    }

    /// `Date.prototype.toISOString()`: `2025-12-26T12:00:00.000Z`.
    pub fn iso(&self) -> String {
        humantime::format_rfc3339_millis(self.at).to_string()
    }

    /// `Date.prototype.toUTCString()`, as the `Expires` cookie attribute carries it.
    pub fn http_date(&self) -> String {
        httpdate::fmt_http_date(self.at)
    }
}

/// next-auth's default session (before `callbacks.session`): `user` from the token's `name`,
/// `email` and `picture`, and the new expiry. Absent claims stay absent, as `undefined` does in
/// `JSON.stringify`.
pub fn default_session(claims: &Map<String, Value>, expiry: &Expiry) -> Value {
    let mut user = Map::new();
    for (from, to) in [("name", "name"), ("email", "email"), ("picture", "image")] {
        if let Some(value) = claims.get(from) {
            user.insert(to.to_owned(), value.clone());
        }
    }
    json!({ "user": user, "expires": expiry.iso() })
}

/// The `Set-Cookie` values that re-issue `token` under `name`: one cookie, or chunks `name.0…`
/// when it is longer than [`CHUNK_SIZE`]; plus a clearing cookie for every session cookie in
/// `present` (the names the request carried) that the new set does not overwrite.
pub fn session_cookies(
    name: &str,
    token: &str,
    expiry: &Expiry,
    secure: bool,
    present: &[&str],
) -> Vec<String> {
    chunked_session_cookies(CHUNK_SIZE, name, token, expiry, secure, present)
}

/// [`session_cookies`] as Auth.js v5 writes them: chunks of [`AUTHJS_CHUNK_SIZE`]. `present`
/// should list only the request's session cookies with a non-empty value (Auth.js's
/// `SessionStore` skips empty ones).
pub fn authjs_session_cookies(
    name: &str,
    token: &str,
    expiry: &Expiry,
    secure: bool,
    present: &[&str],
) -> Vec<String> {
    chunked_session_cookies(AUTHJS_CHUNK_SIZE, name, token, expiry, secure, present)
}

fn chunked_session_cookies(
    chunk_size: usize,
    name: &str,
    token: &str,
    expiry: &Expiry,
    secure: bool,
    present: &[&str],
) -> Vec<String> {
    let chunks: Vec<(String, &str)> = if token.len() <= chunk_size {
        vec![(name.to_owned(), token)]
    } else {
        // Tokens are base64url and dots: ASCII, so byte chunks are character chunks.
        token
            .as_bytes()
            .chunks(chunk_size)
            .enumerate()
            .map(|(i, chunk)| {
                (
                    format!("{name}.{i}"),
                    std::str::from_utf8(chunk).unwrap_or_default(),
                )
            })
            .collect()
    };
    // next-auth's order: the request's session cookies first (cleared, or overwritten in place),
    // then new names.
    let mut out = Vec::new();
    for present_name in present.iter().filter(|n| is_session_cookie(name, n)) {
        match chunks
            .iter()
            .find(|(chunk_name, _)| chunk_name == present_name)
        {
            Some((chunk_name, value)) => out.push(
                SetCookie::session(chunk_name, value, secure)
                    .expires(expiry)
                    .to_string(),
            ),
            None => out.push(
                SetCookie::session(present_name, "", secure)
                    .max_age_zero()
                    .to_string(),
            ),
        }
    }
    for (chunk_name, value) in &chunks {
        if !present.contains(&chunk_name.as_str()) {
            out.push(
                SetCookie::session(chunk_name, value, secure)
                    .expires(expiry)
                    .to_string(),
            );
        }
    }
    out
}

/// The clearing cookies next-auth sends when the session cookie is invalid.
pub fn clearing_cookies(name: &str, secure: bool, present: &[&str]) -> Vec<String> {
    present
        .iter()
        .filter(|n| is_session_cookie(name, n))
        .map(|n| SetCookie::session(n, "", secure).max_age_zero().to_string())
        .collect()
}

#[cfg(test)]
mod tests;
