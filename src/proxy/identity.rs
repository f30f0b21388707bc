//! Who the user is, told to the origin, and nothing a client can fake.
//!
//! - `IDENTITY_HEADERS`: the session claims a request let through with a valid session carries
//!   as headers. The default is oauth2-proxy's (`X-Auth-Request-User` = `sub`,
//!   `X-Auth-Request-Email` = `email`, `X-Auth-Request-Preferred-Username` = `name`); a JSON
//!   object `{"Header-Name": "claim"}` replaces it (`{}`: none).
//! - Every header the gate may set — the configured names, the assertion header, and any
//!   `X-Auth-Request-*` — is removed from every incoming request before anything is forwarded,
//!   guarded or not, signed in or not ([`IdentityConfig::is_identity_header`]).
//! - `FORWARD_SESSION_COOKIE = "false"` removes the session cookie and its chunks from the
//!   forwarded `Cookie` header, for origins that trust only the headers.
//!
//! Values are the claim's text (numbers and booleans as JSON writes them, arrays joined with
//! `,`); bytes a header cannot carry faithfully (controls, non-ASCII, `%`, leading or trailing
//! spaces) are percent-encoded as UTF-8, so `decodeURIComponent` gives back the claim. A value
//! longer than [`MAX_VALUE_LEN`] or a claim that is an object or `null` sends no header.

use serde_json::{Map, Value};

use super::ConfigError;
use crate::cookies::header::{RawPairs, RawValue};
use crate::cookies::{
    is_session_cookie, AUTHJS_SECURE_SESSION_COOKIE, NEXT_AUTH_SECURE_SESSION_COOKIE,
    NEXT_AUTH_SESSION_COOKIE,
};
use crate::token::AUTHJS_SESSION_COOKIE;

/// oauth2-proxy's names, and the claims next-auth puts in a session.
pub const DEFAULT_IDENTITY_HEADERS: [(&str, &str); 3] = [
    ("x-auth-request-user", "sub"),
    ("x-auth-request-email", "email"),
    ("x-auth-request-preferred-username", "name"),
];

/// Where the signed assertion goes (Cloudflare Access: `Cf-Access-Jwt-Assertion`; Pomerium:
/// `X-Pomerium-Jwt-Assertion`).
pub const ASSERTION_HEADER: &str = "x-auth-request-jwt-assertion";

/// Removed from every request whatever the mapping: oauth2-proxy's family of headers (lower
/// case, as the Workers runtime lists header names).
pub const RESERVED_PREFIX: &str = "x-auth-request-";

/// The longest header value sent (encoded).
pub const MAX_VALUE_LEN: usize = 4096;

/// Headers a mapping may not name: the request's framing, routing and credentials.
const FORBIDDEN: [&str; 16] = [
    "host",
    "cookie",
    "authorization",
    "proxy-authorization",
    "content-length",
    "content-type",
    "content-encoding",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "te",
    "trailer",
    "upgrade",
    "expect",
    "forwarded",
    "x-nextauth-edge-forwarded",
];

/// `IDENTITY_HEADERS` and `FORWARD_SESSION_COOKIE`: what the origin learns about the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityConfig {
    /// Lower-case header name and the claim it carries.
    headers: Vec<(String, String)>,
    forward_session_cookie: bool,
}

impl Default for IdentityConfig {
    fn default() -> Self {
        IdentityConfig {
            headers: DEFAULT_IDENTITY_HEADERS
                .iter()
                .map(|(h, c)| ((*h).to_owned(), (*c).to_owned()))
                .collect(),
            forward_session_cookie: true,
        }
    }
}

fn token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

impl IdentityConfig {
    /// `IDENTITY_HEADERS` (JSON text) and `FORWARD_SESSION_COOKIE` (already a flag).
    pub fn new(mapping: Option<&str>, forward_session_cookie: bool) -> Result<Self, ConfigError> {
        let mut config = IdentityConfig {
            forward_session_cookie,
            ..IdentityConfig::default()
        };
        let Some(mapping) = mapping else {
            return Ok(config);
        };
        let fail = |problem: String| ConfigError::new("IDENTITY_HEADERS", problem);
        let object: Map<String, Value> = serde_json::from_str(mapping).map_err(|_| {
            fail(r#"must be a JSON object of header names to claim names, like {"X-User-Role": "role"}"#.into())
        })?;
        config.headers.clear();
        for (name, claim) in object {
            let Value::String(claim) = claim else {
                return Err(fail(format!("`{name}`: the claim must be a string")));
            };
            let lower = name.to_ascii_lowercase();
            if name.is_empty() || name.len() > 100 || !name.bytes().all(token_char) {
                return Err(fail(format!("`{}` is not a header name", shorten(&name))));
            }
            let forbidden = FORBIDDEN.contains(&lower.as_str())
                || lower.starts_with("x-forwarded-")
                || lower.starts_with("content-")
                || (lower.starts_with("cf-") && !lower.starts_with("cf-access-"))
                || lower == ASSERTION_HEADER;
            if forbidden {
                return Err(fail(format!("`{name}` is a header the gate may not set")));
            }
            if claim.is_empty() {
                return Err(fail(format!("`{name}`: the claim name is empty")));
            }
            if config.headers.iter().any(|(h, _)| *h == lower) {
                return Err(fail(format!("`{name}` is named twice")));
            }
            config.headers.push((lower, claim));
        }
        Ok(config)
    }

    /// The header names this configuration sets (lower case), and the claims they carry.
    pub fn mapping(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(h, c)| (h.as_str(), c.as_str()))
    }

    /// Whether the session cookie (and its chunks) goes to the origin.
    pub fn forward_session_cookie(&self) -> bool {
        self.forward_session_cookie
    }

    /// Whether an incoming header must be removed before forwarding: one the gate may set, which
    /// is any name under [`RESERVED_PREFIX`] (the assertion header's too) or a mapped name. The
    /// Worker applies exactly this: the prefix on the names a request has, the mapped names by
    /// name.
    pub fn is_identity_header(&self, name: &str) -> bool {
        name.get(..RESERVED_PREFIX.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(RESERVED_PREFIX))
            || self
                .headers
                .iter()
                .any(|(h, _)| h.eq_ignore_ascii_case(name))
    }

    /// The headers for a session's claims (the JSON object the token carried).
    pub fn headers_for(&self, claims: &Map<String, Value>) -> Vec<(&str, String)> {
        self.headers
            .iter()
            .filter_map(|(name, claim)| {
                let value = header_value(claims.get(claim)?)?;
                Some((name.as_str(), value))
            })
            .collect()
    }

    /// The `Cookie` header without the session cookie (any name the reader may read, and their
    /// chunks); `None` when nothing is left. `cookie_name`: the configured or chosen name.
    pub fn strip_session_cookie(cookie_header: &str, cookie_name: &str) -> Option<String> {
        let names = [
            cookie_name,
            NEXT_AUTH_SESSION_COOKIE,
            NEXT_AUTH_SECURE_SESSION_COOKIE,
            AUTHJS_SESSION_COOKIE,
            AUTHJS_SECURE_SESSION_COOKIE,
        ];
        // Split as the gate reads the header (`RawPairs`, Next's `split(/; */)`), so what is
        // removed is exactly what the gate would take for the session cookie.
        let mut kept = String::new();
        for pair in RawPairs::new(cookie_header) {
            if names
                .iter()
                .any(|session| is_session_cookie(session, pair.name))
            {
                continue;
            }
            if !kept.is_empty() {
                kept.push_str("; ");
            }
            kept.push_str(pair.name);
            if let RawValue::Encoded(value) = pair.value {
                kept.push('=');
                kept.push_str(value);
            }
        }
        (!kept.is_empty()).then_some(kept)
    }
}

/// A claim as a header value, or `None` when it is not text-like or too long.
pub fn header_value(claim: &Value) -> Option<String> {
    let text = match claim {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => {
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect();
            parts?.join(",")
        }
        Value::Null | Value::Object(_) => return None,
    };
    let encoded = encode_value(&text);
    (encoded.len() <= MAX_VALUE_LEN).then_some(encoded)
}

/// Visible ASCII and inner spaces as they are; everything else (and `%`, and a space at either
/// end, which a header would lose) as `%XX` of UTF-8.
fn encode_value(text: &str) -> String {
    let first = usize::from(text.starts_with(' '));
    let last = usize::from(text.len() > 1 && text.ends_with(' '));
    let mut out = String::with_capacity(text.len());
    out.push_str(&"%20".repeat(first));
    crate::form::percent_encode(&text[first..text.len() - last], b"%", &mut out);
    out.push_str(&"%20".repeat(last));
    out
}

fn shorten(text: &str) -> String {
    text.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn defaults_are_oauth2_proxy_names() {
        let config = IdentityConfig::default();
        let headers = config.headers_for(&claims(json!({
            "sub": "u-1", "email": "ada@example.com", "name": "Ada Lovelace", "role": "admin"
        })));
        assert_eq!(
            headers,
            [
                ("x-auth-request-user", "u-1".to_owned()),
                ("x-auth-request-email", "ada@example.com".to_owned()),
                (
                    "x-auth-request-preferred-username",
                    "Ada Lovelace".to_owned()
                ),
            ]
        );
        assert!(config.forward_session_cookie());
    }

    #[test]
    fn values_are_header_safe() {
        assert_eq!(header_value(&json!("Zoë")).unwrap(), "Zo%C3%AB");
        assert_eq!(
            header_value(&json!("a\r\nX-Admin: 1")).unwrap(),
            "a%0D%0AX-Admin: 1"
        );
        assert_eq!(header_value(&json!(" pad ")).unwrap(), "%20pad%20");
        assert_eq!(header_value(&json!("100%")).unwrap(), "100%25");
        assert_eq!(header_value(&json!(42)).unwrap(), "42");
        assert_eq!(header_value(&json!(true)).unwrap(), "true");
        assert_eq!(header_value(&json!(["a", "b", 3])).unwrap(), "a,b,3");
        assert_eq!(header_value(&json!([{"x": 1}])), None);
        assert_eq!(header_value(&json!({"x": 1})), None);
        assert_eq!(header_value(&json!(null)), None);
        assert_eq!(header_value(&json!("x".repeat(MAX_VALUE_LEN + 1))), None);
    }

    #[test]
    fn a_mapping_replaces_the_defaults_and_is_checked() {
        let config = IdentityConfig::new(
            Some(r#"{"X-User-Role": "role", "X-User-Id": "sub"}"#),
            false,
        )
        .unwrap();
        let headers = config.headers_for(&claims(json!({"sub": "7", "role": "admin"})));
        assert_eq!(
            headers,
            [
                ("x-user-role", "admin".to_owned()),
                ("x-user-id", "7".to_owned())
            ]
        );
        assert!(config.is_identity_header("X-User-Role"));
        assert!(config.is_identity_header("x-auth-request-email"));
        assert!(config.is_identity_header("X-Auth-Request-Groups"));
        assert!(config.is_identity_header(ASSERTION_HEADER));
        assert!(ASSERTION_HEADER.starts_with(RESERVED_PREFIX));
        assert!(!config.is_identity_header("x-request-id"));
        assert!(IdentityConfig::new(Some("{}"), true)
            .unwrap()
            .headers
            .is_empty());
        for bad in [
            "[]",
            r#"{"Cookie": "sub"}"#,
            r#"{"X-Forwarded-User": "sub"}"#,
            r#"{"Cf-Connecting-Ip": "sub"}"#,
            r#"{"bad name": "sub"}"#,
            r#"{"X-A": 1}"#,
            r#"{"X-A": ""}"#,
            r#"{"X-A": "a", "x-a": "b"}"#,
            r#"{"X-Auth-Request-Jwt-Assertion": "sub"}"#,
        ] {
            let err = IdentityConfig::new(Some(bad), true).unwrap_err();
            assert_eq!(err.setting, "IDENTITY_HEADERS", "{bad}");
        }
        assert!(IdentityConfig::new(
            Some(r#"{"Cf-Access-Authenticated-User-Email": "email"}"#),
            true
        )
        .is_ok());
    }

    #[test]
    fn the_session_cookie_and_its_chunks_can_be_dropped() {
        let header = "theme=dark; next-auth.session-token.0=a; next-auth.session-token.1=b; __Secure-authjs.session-token=c; next-auth.csrf-token=x";
        assert_eq!(
            IdentityConfig::strip_session_cookie(header, "next-auth.session-token").as_deref(),
            Some("theme=dark; next-auth.csrf-token=x")
        );
        assert_eq!(
            IdentityConfig::strip_session_cookie("my-session=1; a=b", "my-session").as_deref(),
            Some("a=b")
        );
        assert_eq!(
            IdentityConfig::strip_session_cookie(
                "next-auth.session-token=1",
                "next-auth.session-token"
            ),
            None
        );
    }
}
