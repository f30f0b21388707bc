//! Which cookie holds the session: the name `getToken` looks for.
//!
//! next-auth 4.24.15, `jwt/index.ts`:
//!
//! ```ts
//! secureCookie = process.env.NEXTAUTH_URL?.startsWith("https://") ?? !!process.env.VERCEL,
//! cookieName = secureCookie ? "__Secure-next-auth.session-token" : "next-auth.session-token",
//! ```
//!
//! and `withAuth` calls `getToken({ req, cookieName: options?.cookies?.sessionToken?.name, … })`
//! without a `secureCookie`, so in the middleware the name is always the configured one or the
//! guess from the environment. A wrong guess (an `http://` `NEXTAUTH_URL` behind a TLS proxy, a
//! self-hosted deployment without `NEXTAUTH_URL`) makes `getToken` look for the other cookie and
//! return `null` — the most reported "token is null in production" cause. So the choice carries
//! its reason ([`NameSource`]) for the adapter to log, and [`NameConfig::secure_cookie`] lets a
//! deployment state the answer instead of having it guessed.

use std::borrow::Cow;
use std::fmt;

use crate::token::AUTHJS_SESSION_COOKIE;

/// next-auth v4's session cookie over plain HTTP.
pub const NEXT_AUTH_SESSION_COOKIE: &str = "next-auth.session-token";
/// next-auth v4's session cookie when secure cookies are on.
pub const NEXT_AUTH_SECURE_SESSION_COOKIE: &str = "__Secure-next-auth.session-token";
/// Auth.js v5's session cookie when secure cookies are on (`AUTHJS_SESSION_COOKIE` otherwise).
pub const AUTHJS_SECURE_SESSION_COOKIE: &str = "__Secure-authjs.session-token";

/// What the name is chosen from. Every field mirrors a JavaScript `undefined` with `None`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameConfig<'a> {
    /// `options.cookies.sessionToken.name`. `Some("")` is kept as the empty name, as a JS
    /// default parameter only replaces `undefined`; it then matches only a cookie literally
    /// named `""` (a `=value` pair), so configuration code should refuse it.
    pub cookie_name: Option<&'a str>,
    /// Our addition: the secure-cookie answer stated rather than guessed. next-auth's
    /// `getToken` takes a `secureCookie` parameter, but `withAuth` never passes one.
    pub secure_cookie: Option<bool>,
    /// `process.env.NEXTAUTH_URL`. When set — even to `""` — it alone decides, and `VERCEL` is
    /// not looked at: `?.startsWith()` yields a boolean, never `undefined`, so `??` stops there.
    pub nextauth_url: Option<&'a str>,
    /// `process.env.VERCEL`, read as JS truthiness: any non-empty string (even `"0"`) is true.
    pub vercel: Option<&'a str>,
}

/// Why a session cookie name was chosen.
///
/// Non-exhaustive: it explains a choice (for logs), and new naming rules may add variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameSource {
    /// `cookies.sessionToken.name` was configured; nothing else was consulted.
    Custom,
    /// An explicit `secure_cookie` setting (or [`SessionCookieName::next_auth_v4`]).
    SecureCookieOption {
        /// Whether the `__Secure-` name was chosen.
        secure: bool,
    },
    /// `NEXTAUTH_URL` was set: secure exactly when it starts with `https://` (case-sensitive).
    NextAuthUrl {
        /// Whether the `__Secure-` name was chosen.
        secure: bool,
    },
    /// `NEXTAUTH_URL` unset and `VERCEL` set to a non-empty value: secure.
    Vercel,
    /// Neither `NEXTAUTH_URL` nor a non-empty `VERCEL`: the plain-HTTP name.
    Default,
    /// The Auth.js v5 name, asked for by [`SessionCookieName::auth_js_v5`].
    AuthJsV5 {
        /// Whether the `__Secure-` name was chosen.
        secure: bool,
    },
}

impl fmt::Display for NameSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameSource::Custom => f.write_str("configured cookies.sessionToken.name"),
            NameSource::SecureCookieOption { secure } => {
                write!(f, "explicit secureCookie = {secure}")
            }
            NameSource::NextAuthUrl { secure: true } => {
                f.write_str("NEXTAUTH_URL starts with \"https://\"")
            }
            NameSource::NextAuthUrl { secure: false } => f.write_str(
                "NEXTAUTH_URL is set but does not start with \"https://\" (VERCEL is ignored)",
            ),
            NameSource::Vercel => f.write_str("NEXTAUTH_URL unset, VERCEL set"),
            NameSource::Default => f.write_str("neither NEXTAUTH_URL nor a non-empty VERCEL set"),
            NameSource::AuthJsV5 { secure } => write!(f, "Auth.js v5 name, secure = {secure}"),
        }
    }
}

/// The session cookie name `getToken` would look for, and why.
///
/// `Display` renders a one-line explanation for a debug log, e.g.
/// `"__Secure-next-auth.session-token" (NEXTAUTH_URL starts with "https://")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionCookieName {
    name: Cow<'static, str>,
    source: NameSource,
}

impl SessionCookieName {
    /// The name next-auth 4.24.15's `withAuth` would use, with our `secure_cookie` override.
    ///
    /// Precedence: `cookie_name`, then `secure_cookie`, then `NEXTAUTH_URL`, then `VERCEL`.
    pub fn resolve(config: &NameConfig<'_>) -> SessionCookieName {
        if let Some(name) = config.cookie_name {
            return SessionCookieName::custom(name.to_owned());
        }
        let (secure, source) = match (config.secure_cookie, config.nextauth_url) {
            (Some(secure), _) => (secure, NameSource::SecureCookieOption { secure }),
            (None, Some(url)) => {
                let secure = url.starts_with("https://");
                (secure, NameSource::NextAuthUrl { secure })
            }
            (None, None) => match config.vercel {
                Some(v) if !v.is_empty() => (true, NameSource::Vercel),
                _ => (false, NameSource::Default),
            },
        };
        SessionCookieName {
            name: Cow::Borrowed(v4_name(secure)),
            source,
        }
    }

    /// next-auth v4's default name, secure or not, stated explicitly.
    pub fn next_auth_v4(secure: bool) -> SessionCookieName {
        SessionCookieName {
            name: Cow::Borrowed(v4_name(secure)),
            source: NameSource::SecureCookieOption { secure },
        }
    }

    /// Auth.js v5's default name (`authjs.session-token`, `__Secure-` prefixed when secure), for
    /// gates that must also accept sessions minted after a migration. v5's own `getToken`
    /// defaults `secureCookie` to `false` rather than guessing from the environment.
    pub fn auth_js_v5(secure: bool) -> SessionCookieName {
        let name = if secure {
            AUTHJS_SECURE_SESSION_COOKIE
        } else {
            AUTHJS_SESSION_COOKIE
        };
        SessionCookieName {
            name: Cow::Borrowed(name),
            source: NameSource::AuthJsV5 { secure },
        }
    }

    /// A configured `cookies.sessionToken.name`.
    pub fn custom(name: impl Into<String>) -> SessionCookieName {
        SessionCookieName {
            name: Cow::Owned(name.into()),
            source: NameSource::Custom,
        }
    }

    /// The cookie name (chunks are this plus `.0`, `.1`, …).
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// Why this name was chosen.
    pub fn source(&self) -> NameSource {
        self.source
    }

    /// Whether the name carries the `__Secure-` prefix, i.e. browsers only store it over HTTPS.
    pub fn is_secure_prefixed(&self) -> bool {
        self.name.starts_with("__Secure-")
    }
}

impl fmt::Display for SessionCookieName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} ({})", self.as_str(), self.source)
    }
}

fn v4_name(secure: bool) -> &'static str {
    if secure {
        NEXT_AUTH_SECURE_SESSION_COOKIE
    } else {
        NEXT_AUTH_SESSION_COOKIE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(config: NameConfig<'_>) -> (String, NameSource) {
        let n = SessionCookieName::resolve(&config);
        (n.as_str().to_owned(), n.source())
    }

    #[test]
    fn nothing_set_is_the_plain_name() {
        assert_eq!(
            resolve(NameConfig::default()),
            (NEXT_AUTH_SESSION_COOKIE.into(), NameSource::Default)
        );
    }

    #[test]
    fn https_nextauth_url_is_secure() {
        let c = NameConfig {
            nextauth_url: Some("https://app.example.com"),
            ..NameConfig::default()
        };
        assert_eq!(
            resolve(c),
            (
                NEXT_AUTH_SECURE_SESSION_COOKIE.into(),
                NameSource::NextAuthUrl { secure: true }
            )
        );
    }

    #[test]
    fn http_nextauth_url_is_not_secure_even_on_vercel() {
        let c = NameConfig {
            nextauth_url: Some("http://localhost:3000"),
            vercel: Some("1"),
            ..NameConfig::default()
        };
        assert_eq!(
            resolve(c),
            (
                NEXT_AUTH_SESSION_COOKIE.into(),
                NameSource::NextAuthUrl { secure: false }
            )
        );
    }

    #[test]
    fn empty_nextauth_url_still_shadows_vercel() {
        // "".startsWith("https://") is false, not undefined, so `??` never reaches VERCEL.
        let c = NameConfig {
            nextauth_url: Some(""),
            vercel: Some("1"),
            ..NameConfig::default()
        };
        assert_eq!(
            resolve(c),
            (
                NEXT_AUTH_SESSION_COOKIE.into(),
                NameSource::NextAuthUrl { secure: false }
            )
        );
    }

    #[test]
    fn scheme_check_is_case_sensitive_and_exact() {
        for url in [
            "HTTPS://app.example.com",
            " https://x",
            "https:/x",
            "https:",
        ] {
            let c = NameConfig {
                nextauth_url: Some(url),
                ..NameConfig::default()
            };
            assert_eq!(resolve(c).0, NEXT_AUTH_SESSION_COOKIE, "{url:?}");
        }
    }

    #[test]
    fn vercel_is_js_truthiness() {
        for (v, secure) in [
            (Some("1"), true),
            (Some("0"), true),
            (Some(""), false),
            (None, false),
        ] {
            let c = NameConfig {
                vercel: v,
                ..NameConfig::default()
            };
            let expected = if secure {
                (NEXT_AUTH_SECURE_SESSION_COOKIE.into(), NameSource::Vercel)
            } else {
                (NEXT_AUTH_SESSION_COOKIE.into(), NameSource::Default)
            };
            assert_eq!(resolve(c), expected, "{v:?}");
        }
    }

    #[test]
    fn explicit_secure_cookie_overrides_the_guess() {
        let c = NameConfig {
            secure_cookie: Some(false),
            nextauth_url: Some("https://app.example.com"),
            vercel: Some("1"),
            ..NameConfig::default()
        };
        assert_eq!(
            resolve(c),
            (
                NEXT_AUTH_SESSION_COOKIE.into(),
                NameSource::SecureCookieOption { secure: false }
            )
        );
        let c = NameConfig {
            secure_cookie: Some(true),
            ..NameConfig::default()
        };
        assert_eq!(resolve(c).0, NEXT_AUTH_SECURE_SESSION_COOKIE);
    }

    #[test]
    fn custom_name_wins_over_everything() {
        let c = NameConfig {
            cookie_name: Some("my-app.session"),
            secure_cookie: Some(true),
            nextauth_url: Some("https://app.example.com"),
            vercel: Some("1"),
        };
        assert_eq!(resolve(c), ("my-app.session".into(), NameSource::Custom));
    }

    #[test]
    fn empty_custom_name_is_kept() {
        let c = NameConfig {
            cookie_name: Some(""),
            ..NameConfig::default()
        };
        assert_eq!(resolve(c), (String::new(), NameSource::Custom));
    }

    #[test]
    fn auth_js_v5_names() {
        assert_eq!(
            SessionCookieName::auth_js_v5(false).as_str(),
            "authjs.session-token"
        );
        let secure = SessionCookieName::auth_js_v5(true);
        assert_eq!(secure.as_str(), "__Secure-authjs.session-token");
        assert_eq!(secure.source(), NameSource::AuthJsV5 { secure: true });
        assert!(secure.is_secure_prefixed());
    }

    #[test]
    fn next_auth_v4_constructor() {
        let n = SessionCookieName::next_auth_v4(true);
        assert_eq!(n.as_str(), NEXT_AUTH_SECURE_SESSION_COOKIE);
        assert!(n.is_secure_prefixed());
        assert!(!SessionCookieName::next_auth_v4(false).is_secure_prefixed());
    }

    #[test]
    fn display_explains_the_choice() {
        let c = NameConfig {
            nextauth_url: Some("https://x"),
            ..NameConfig::default()
        };
        assert_eq!(
            SessionCookieName::resolve(&c).to_string(),
            "\"__Secure-next-auth.session-token\" (NEXTAUTH_URL starts with \"https://\")"
        );
        let c = NameConfig {
            nextauth_url: Some("http://x"),
            vercel: Some("1"),
            ..NameConfig::default()
        };
        assert!(SessionCookieName::resolve(&c)
            .to_string()
            .contains("VERCEL is ignored"));
        assert_eq!(
            SessionCookieName::resolve(&NameConfig::default()).to_string(),
            "\"next-auth.session-token\" (neither NEXTAUTH_URL nor a non-empty VERCEL set)"
        );
    }
}
