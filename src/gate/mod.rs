//! The decision `withAuth` makes for one request, as pure functions of the request's URL parts,
//! the options, the environment and (through the token layer) the clock.
//!
//! The check runs in two steps because the middle of it, the user's `authorized` callback,
//! belongs to the caller (JS in the wasm adapter, a closure for native servers):
//!
//! ```
//! use nextauth_edge::gate::{route, Route, GateOptions, GateEnv, RequestUrl, Decision};
//!
//! let url = RequestUrl { origin: "https://app.example", base_path: "", pathname: "/dashboard", search: "?tab=1" };
//! let (options, env) = (GateOptions::default(), GateEnv::default());
//! // `has_secret` comes from the session reader (`SessionReader::has_secret`).
//! let Route::Guarded(guard) = route(&url, &options, &env, true).unwrap() else { panic!() };
//! // No cookie, no `authorized` callback: `!!token` is false, so off to sign-in.
//! let Decision::Redirect(location) = guard.conclude(None, false) else { panic!() };
//! assert_eq!(location, "https://app.example/api/auth/signin?callbackUrl=%2Fdashboard%3Ftab%3D1");
//! ```

mod location;
mod nextauth_url;

use std::borrow::Cow;

use thiserror::Error;

use crate::reader::SessionEnv;

pub use nextauth_url::{auth_path, auth_path_from_pathname, nextauth_url_with_scheme};

/// The parts of the request URL next-auth reads from `req.nextUrl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestUrl<'a> {
    /// `https://host[:port]`, no trailing slash.
    pub origin: &'a str,
    /// Next.js `basePath` (`""` when none).
    pub base_path: &'a str,
    /// The path without `basePath`, percent-encoded as a URL parser leaves it.
    pub pathname: &'a str,
    /// `""` or `?…`.
    pub search: &'a str,
}

/// What a signed-in user whom `authorized` refuses gets. next-auth always redirects to sign-in,
/// which loops for a user who is signed in but lacks a role (nextauthjs/next-auth#4090).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OnUnauthorized {
    /// next-auth's behaviour: 307 to the sign-in page (the default).
    #[default]
    Redirect,
    /// A plain 403.
    Forbidden,
    /// The adapter calls the user's function to build the response.
    Custom,
}

/// The gate's own settings (secrets and the cookie belong to the session reader).
#[derive(Debug, Clone, Default)]
pub struct GateOptions {
    /// `pages.signIn`, default `/api/auth/signin`.
    pub sign_in_page: Option<String>,
    /// `pages.error`, default `/api/auth/error`.
    pub error_page: Option<String>,
    /// What a signed-in user whom `authorized` refuses gets.
    pub on_unauthorized: OnUnauthorized,
}

/// The environment the gate consults: the session reader's variables, plus the auth route
/// prefix derived from `NEXTAUTH_URL`.
#[derive(Debug, Clone, Default)]
pub struct GateEnv {
    /// The variables the session reader consults (secrets, `NEXTAUTH_URL`, `VERCEL`).
    pub session: SessionEnv,
    /// The auth route prefix already derived from `NEXTAUTH_URL` by an exact WHATWG URL parser
    /// (the wasm adapter uses JS `URL`). `None`: the gate derives it with [`auth_path`].
    pub auth_path: Option<Result<String, ConfigError>>,
}

impl GateEnv {
    /// The auth route prefix: the one resolved by the adapter, else [`auth_path`]'s.
    pub fn resolved_auth_path(&self) -> Result<Cow<'_, str>, ConfigError> {
        match &self.auth_path {
            Some(Ok(resolved)) => Ok(Cow::Borrowed(resolved)),
            Some(Err(err)) => Err(err.clone()),
            None => auth_path(self.session.nextauth_url.as_deref()).map(Cow::Owned),
        }
    }
}

/// A setting that makes the gate unusable, named so the message can say which one to fix.
///
/// Non-exhaustive: new settings may add variants.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// `NEXTAUTH_URL` is set but does not parse as a URL.
    #[error("NEXTAUTH_URL is not a valid URL")]
    NextAuthUrl,
    /// `pages.signIn` or `pages.error` is neither a path nor an http(s) URL (`"signIn"` or
    /// `"error"`).
    #[error("`pages.{0}` must be a path starting with `/` or an http(s) URL")]
    Page(&'static str),
}

/// Where the request goes before any token is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route<'a> {
    /// Auth routes, the sign-in and error pages, `/_next` and `/favicon.ico`: not guarded.
    PassThrough,
    /// No secret anywhere: log `NO_SECRET` and redirect (307) here, with `error=Configuration`.
    NoSecret {
        /// The error page's URL, with `?error=Configuration`.
        location: String,
    },
    /// Guarded: read the token, ask `authorized`, then [`Guard::conclude`].
    Guarded(Guard<'a>),
}

/// A guarded request whose session still has to be read and judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard<'a> {
    /// Checked in [`route`], built only for a redirect: most guarded requests are let through.
    sign_in: location::PageTarget<'a>,
    url: RequestUrl<'a>,
    on_unauthorized: OnUnauthorized,
}

/// The end of the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Continue (or run the wrapped middleware).
    Allow,
    /// 307 to this sign-in URL (with `callbackUrl`).
    Redirect(String),
    /// 403, or the user's `onUnauthorized` response: a signed-in user was refused.
    Refuse(OnUnauthorized),
}

/// next-auth's sign-in page when `pages.signIn` is not set.
pub const DEFAULT_SIGN_IN: &str = "/api/auth/signin";
/// next-auth's error page when `pages.error` is not set.
pub const DEFAULT_ERROR: &str = "/api/auth/error";
const PUBLIC_PREFIXES: [&str; 2] = ["/_next", "/favicon.ico"];

/// Steps 1–3 of next-auth's `handleMiddleware`: pass-through paths and the secret.
/// `has_secret` is the session reader's answer ([`crate::reader::SessionReader::has_secret`]).
pub fn route<'a>(
    url: &RequestUrl<'a>,
    options: &'a GateOptions,
    env: &GateEnv,
    has_secret: bool,
) -> Result<Route<'a>, ConfigError> {
    if passes_through(url, options, env)? {
        return Ok(Route::PassThrough);
    }
    guarded_route(url, options, has_secret)
}

/// Step 1 alone: an auth route, the sign-in or error page, `/_next` or `/favicon.ico`.
pub fn passes_through(
    url: &RequestUrl<'_>,
    options: &GateOptions,
    env: &GateEnv,
) -> Result<bool, ConfigError> {
    let sign_in = options.sign_in_page.as_deref().unwrap_or(DEFAULT_SIGN_IN);
    let error = options.error_page.as_deref().unwrap_or(DEFAULT_ERROR);
    let auth_path = env.resolved_auth_path()?;
    Ok(concat_starts_with(url.base_path, url.pathname, &auth_path)
        || url.pathname == sign_in
        || url.pathname == error
        || PUBLIC_PREFIXES
            .iter()
            .any(|prefix| url.pathname.starts_with(prefix)))
}

/// Whether `a + b` starts with `prefix`, without building `a + b`.
fn concat_starts_with(a: &str, b: &str, prefix: &str) -> bool {
    match prefix.strip_prefix(a) {
        Some(rest) => b.starts_with(rest),
        None => a.starts_with(prefix),
    }
}

/// [`route`] for a request already known to be guarded (a proxy guards a path that some origin
/// reads as guarded even when its own spelling would pass through): the secret, then the guard.
pub fn guarded_route<'a>(
    url: &RequestUrl<'a>,
    options: &'a GateOptions,
    has_secret: bool,
) -> Result<Route<'a>, ConfigError> {
    let sign_in = options.sign_in_page.as_deref().unwrap_or(DEFAULT_SIGN_IN);
    let error = options.error_page.as_deref().unwrap_or(DEFAULT_ERROR);
    if !has_secret {
        let error_page = location::page_target(url.base_path, error, "error")?;
        let location = location::page_url(url, &error_page, "error", "Configuration");
        return Ok(Route::NoSecret { location });
    }
    Ok(Route::Guarded(Guard {
        sign_in: location::page_target(url.base_path, sign_in, "signIn")?,
        url: *url,
        on_unauthorized: options.on_unauthorized,
    }))
}

/// `callbackUrl` must stay a path on this origin. A request for `//evil.example/x` (or
/// `/\\evil.example`) has that pathname, and as a URL reference it names another host: a sign-in
/// page that follows it would redirect off-site. next-auth passes it through; we collapse the
/// leading slashes and backslashes to one `/`.
fn same_origin_path(path: String) -> String {
    let rest = path.trim_start_matches(['/', '\\']);
    if rest.len() + 1 >= path.len() {
        return path;
    }
    format!("/{rest}")
}

impl Guard<'_> {
    /// Step 5–6: `answer` is the `authorized` callback's result reduced to JS truthiness, or
    /// `None` when there is no callback or it returned `null`/`undefined` (then `!!token` decides).
    pub fn conclude(&self, answer: Option<bool>, has_token: bool) -> Decision {
        if answer.unwrap_or(has_token) {
            return Decision::Allow;
        }
        match (has_token, self.on_unauthorized) {
            (true, refusal @ (OnUnauthorized::Forbidden | OnUnauthorized::Custom)) => {
                Decision::Refuse(refusal)
            }
            _ => Decision::Redirect(self.sign_in_location()),
        }
    }

    /// The sign-in page with `callbackUrl` set to this request.
    pub fn sign_in_location(&self) -> String {
        let url = &self.url;
        let callback_url = same_origin_path([url.base_path, url.pathname, url.search].concat());
        location::page_url(url, &self.sign_in, "callbackUrl", &callback_url)
    }
}

#[cfg(test)]
mod tests;
