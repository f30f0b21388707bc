//! The gate as a standalone reverse proxy (the Cloudflare Worker's pure half): configuration
//! from string variables, which requests are guarded, the session they carry, and where an
//! authorized request is forwarded. No I/O and no JS here; `src/worker` does the fetching and
//! calls the user's `authorized` callback between [`ProxyConfig::step`] and
//! [`Guard::conclude`](crate::gate::Guard::conclude).
//!
//! ```
//! use nextauth_edge::proxy::{IncomingUrl, ProxyConfig, Step, Vars};
//! use nextauth_edge::token::UnixTime;
//!
//! let vars = Vars::from_fn(|name| match name {
//!     "NEXTAUTH_SECRET" => Some("s3cret".into()),
//!     "MATCHER" => Some(r#"["/dashboard/:path*"]"#.into()),
//!     "UPSTREAM" => Some("https://origin.internal".into()),
//!     _ => None,
//! });
//! let config = ProxyConfig::from_vars(&vars).unwrap();
//! let url = IncomingUrl::new("https://app.example", "/dashboard", "?tab=2");
//! let Ok(Step::Check { guard, session }) = config.step(&url, None, None, UnixTime(0)) else { panic!() };
//! assert!(session.is_err()); // no cookie: signed out
//! assert_eq!(
//!     guard.sign_in_location(),
//!     "https://app.example/api/auth/signin?callbackUrl=%2Fdashboard%3Ftab%3D2"
//! );
//! assert_eq!(config.forward_url(&url), "https://origin.internal/dashboard?tab=2");
//! assert!(matches!(config.step(&IncomingUrl::new("https://app.example", "/", ""), None, None, UnixTime(0)), Ok(Step::Forward)));
//! ```

pub mod assertion;
pub mod cache;
#[cfg(any(feature = "demo", test))]
pub mod demo;
pub mod identity;
pub mod next_routes;
pub mod path;
mod upstream;

use std::borrow::Cow;

use thiserror::Error;

use crate::cookies::SessionCookieName;
use crate::gate::{self, GateEnv, GateOptions, Guard, OnUnauthorized, RequestUrl, Route};
use crate::matcher::Matcher;
use crate::reader::{
    strip_base_path, EnvNeeds, NoSession, ReaderOptions, RequestParts, Session, SessionEnv,
    SessionReader,
};
use crate::token::UnixTime;

pub use cache::GuardedCache;
pub use identity::IdentityConfig;
pub use path::{BadPath, PathPolicy};
pub use upstream::Upstream;

/// Every variable the proxy reads, in a fixed order (the order of [`Vars`]).
pub const VAR_NAMES: [&str; 27] = [
    "NEXTAUTH_SECRET",
    "AUTH_SECRET",
    "AUTH_SECRET_1",
    "AUTH_SECRET_2",
    "AUTH_SECRET_3",
    "NEXTAUTH_URL",
    "UPSTREAM",
    "UPSTREAM_TIMEOUT_MS",
    "MATCHER",
    "BASE_PATH",
    "SIGN_IN_PAGE",
    "ERROR_PAGE",
    "SESSION_COOKIE",
    "SECURE_COOKIE",
    "ON_UNAUTHORIZED",
    "DEV_DEMO",
    "DEBUG",
    "PATH_POLICY",
    "IDENTITY_HEADERS",
    "FORWARD_SESSION_COOKIE",
    "GUARDED_CACHE",
    "ASSERTION_KEY",
    "ASSERTION_SECRET",
    "ASSERTION_ISSUER",
    "ASSERTION_AUDIENCE",
    "NEXTJS_ORIGIN",
    "NEXT_LOCALES",
];

/// The values of [`VAR_NAMES`] as read from the environment (`None`: unset). Comparing two
/// `Vars` tells whether a cached [`ProxyConfig`] is still the right one.
#[derive(Clone, PartialEq, Eq)]
pub struct Vars(Vec<Option<String>>);

/// The variables that are set, with every secret's value redacted.
impl std::fmt::Debug for Vars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in VAR_NAMES.iter().zip(&self.0) {
            match value {
                Some(_) if name.contains("SECRET") || name.ends_with("_KEY") => {
                    map.entry(name, &"<redacted>")
                }
                Some(value) => map.entry(name, value),
                None => continue,
            };
        }
        map.finish()
    }
}

impl Vars {
    /// Reads every variable of [`VAR_NAMES`] through `get`.
    pub fn from_fn(mut get: impl FnMut(&str) -> Option<String>) -> Vars {
        Vars(VAR_NAMES.iter().map(|name| get(name)).collect())
    }

    /// A variable's value as given (`None`: unset or not one of [`VAR_NAMES`]).
    pub fn get(&self, name: &str) -> Option<&str> {
        let index = VAR_NAMES.iter().position(|n| *n == name)?;
        self.0.get(index)?.as_deref()
    }

    /// Set and not blank.
    fn value(&self, name: &str) -> Option<&str> {
        self.get(name).map(str::trim).filter(|v| !v.is_empty())
    }
}

/// A setting that makes the proxy unusable. The message names the variable and never
/// contains a secret.
///
/// Non-exhaustive: built only by [`ProxyConfig::from_vars`]; more detail may be added.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{setting}: {problem}")]
#[non_exhaustive]
pub struct ConfigError {
    /// The variable to fix, one of [`VAR_NAMES`] (e.g. `"MATCHER"`).
    pub setting: &'static str,
    /// What is wrong with it, in words.
    pub problem: String,
}

impl ConfigError {
    fn new(setting: &'static str, problem: impl Into<String>) -> Self {
        ConfigError {
            setting,
            problem: problem.into(),
        }
    }

    /// The gate's own configuration errors, renamed to the variables that caused them.
    fn from_gate(err: gate::ConfigError) -> Self {
        let setting = match err {
            gate::ConfigError::NextAuthUrl => "NEXTAUTH_URL",
            gate::ConfigError::Page("error") => "ERROR_PAGE",
            gate::ConfigError::Page(_) => "SIGN_IN_PAGE",
        };
        let problem = match err {
            gate::ConfigError::NextAuthUrl => "not a valid URL".to_owned(),
            gate::ConfigError::Page(_) => {
                "must be a path on this site (`/login`) or an http(s) URL".to_owned()
            }
        };
        ConfigError::new(setting, problem)
    }
}

/// The request URL's parts: `origin` (`https://host[:port]`), `pathname` (percent-encoded, with
/// `basePath`), `search` (`""` or `?…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingUrl {
    /// `https://host[:port]`, no trailing slash.
    pub origin: String,
    /// The path, percent-encoded, with `basePath` still on it.
    pub pathname: String,
    /// `""` or `?…`.
    pub search: String,
}

impl IncomingUrl {
    /// Copies the three parts.
    pub fn new(origin: &str, pathname: &str, search: &str) -> Self {
        IncomingUrl {
            origin: origin.to_owned(),
            pathname: pathname.to_owned(),
            search: search.to_owned(),
        }
    }
}

/// What a Next.js origin may do with a request's `Next-Url` header, and so what the gate does
/// with it ([`ProxyConfig::next_url`]).
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NextUrl {
    /// No Next.js origin, or the page it names is not guarded: forward the header as sent.
    Forward,
    /// Not a path Next could match: drop the header (it only ever selects an intercepting route).
    Drop,
    /// The header names this guarded page: Next renders that page's intercepting route for the
    /// request, so the header is forwarded only when the gate lets this page through too.
    Check(IncomingUrl),
}

/// What to do with a request before the user's callback runs.
#[derive(Debug)]
pub enum Step<'a> {
    /// Not guarded (excluded by `MATCHER`, or an auth route, the sign-in or error page,
    /// `/_next`, `/favicon.ico`): forward it.
    Forward,
    /// No secret configured: log `NO_SECRET` and redirect (307) here, like next-auth.
    NoSecret(String),
    /// Guarded: ask `authorized` with this session (or why there is none), then
    /// [`Guard::conclude`].
    Check {
        /// The decision still to be concluded.
        guard: Guard<'a>,
        /// The request's session, or why it has none.
        session: Result<Session, NoSession>,
    },
}

/// The proxy's configuration, parsed and compiled once per set of [`Vars`].
pub struct ProxyConfig {
    gate: GateOptions,
    env: GateEnv,
    base_path: String,
    reader: SessionReader,
    matcher: Option<Matcher>,
    upstream: Option<Upstream>,
    upstream_service: Option<String>,
    upstream_timeout_ms: Option<u32>,
    path_policy: PathPolicy,
    identity: IdentityConfig,
    guarded_cache: GuardedCache,
    assertion: Option<assertion::AssertionSigner>,
    assertion_issuer: Option<String>,
    assertion_audience: Option<String>,
    demo: bool,
    debug: bool,
    /// `NEXTJS_ORIGIN` (default on): read data, RSC and image URLs as the Next.js page they are
    /// for ([`next_routes`]).
    nextjs_origin: bool,
    /// `NEXT_LOCALES`: the origin's `i18n.locales`; a path's leading locale comes off before
    /// matching, as Next's router serves `/fr/admin` as `/admin`.
    next_locales: Vec<String>,
}

/// Without the secret or the decoder's keys.
impl std::fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("base_path", &self.base_path)
            .field("auth_path", &self.auth_path())
            .field("reader", &self.reader)
            .field(
                "matcher",
                &self.matcher.as_ref().map(|m| m.regexes().count()),
            )
            .field("upstream", &self.upstream)
            .field("upstream_service", &self.upstream_service)
            .field("upstream_timeout_ms", &self.upstream_timeout_ms)
            .field("path_policy", &self.path_policy)
            .field("identity", &self.identity)
            .field("guarded_cache", &self.guarded_cache)
            .field("demo", &self.demo)
            .finish_non_exhaustive()
    }
}

fn flag(vars: &Vars, name: &'static str) -> Result<bool, ConfigError> {
    match vars.value(name).map(str::to_ascii_lowercase).as_deref() {
        None | Some("false" | "0" | "no" | "off") => Ok(false),
        Some("true" | "1" | "yes" | "on") => Ok(true),
        Some(_) => Err(ConfigError::new(name, "must be \"true\" or \"false\"")),
    }
}

/// `UPSTREAM_TIMEOUT_MS`: how long the origin may take to start answering. Unset: no limit of
/// ours (Cloudflare answers 524 after 100 s).
fn upstream_timeout_ms(vars: &Vars) -> Result<Option<u32>, ConfigError> {
    let Some(value) = vars.value("UPSTREAM_TIMEOUT_MS") else {
        return Ok(None);
    };
    match value.parse::<u32>() {
        Ok(ms @ 1..=600_000) => Ok(Some(ms)),
        _ => Err(ConfigError::new(
            "UPSTREAM_TIMEOUT_MS",
            "must be a whole number of milliseconds from 1 to 600000",
        )),
    }
}

/// `NEXT_LOCALES`: a JSON array of the Next.js origin's `i18n.locales` (`["en-US", "fr"]`).
fn next_locales(vars: &Vars) -> Result<Vec<String>, ConfigError> {
    let Some(value) = vars.value("NEXT_LOCALES") else {
        return Ok(Vec::new());
    };
    let problem = "must be a JSON array of locale names, as in next.config.js's i18n.locales (e.g. [\"en-US\", \"fr\"])";
    let locales: Vec<String> =
        serde_json::from_str(value).map_err(|_| ConfigError::new("NEXT_LOCALES", problem))?;
    let valid = |locale: &String| {
        !locale.is_empty()
            && locale.len() <= 35
            && locale
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if locales.is_empty() || !locales.iter().all(valid) {
        return Err(ConfigError::new("NEXT_LOCALES", problem));
    }
    Ok(locales)
}

fn base_path(vars: &Vars) -> Result<String, ConfigError> {
    let Some(base) = vars.value("BASE_PATH") else {
        return Ok(String::new());
    };
    let ok = base.starts_with('/')
        && !base.ends_with('/')
        && base
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%/".contains(&b));
    if !ok {
        return Err(ConfigError::new(
            "BASE_PATH",
            "must look like `/docs`: a leading `/`, no trailing `/`, letters, digits and `-._~%/`",
        ));
    }
    Ok(base.to_owned())
}

impl ProxyConfig {
    /// Parses and compiles the configuration; the error names the variable to fix.
    pub fn from_vars(vars: &Vars) -> Result<ProxyConfig, ConfigError> {
        let base_path = base_path(vars)?;
        // Values as given: `""` is set but empty (next-auth's `??` stops there, then finds no
        // secret). The Worker has no `VERCEL`.
        let session_env = SessionEnv::read(EnvNeeds::ALL, |name| vars.get(name).map(str::to_owned));
        let auth_path =
            gate::auth_path(session_env.nextauth_url.as_deref()).map_err(ConfigError::from_gate)?;
        let env = GateEnv {
            session: session_env,
            auth_path: Some(Ok(auth_path)),
        };
        let on_unauthorized = match vars.value("ON_UNAUTHORIZED") {
            None | Some("redirect") => OnUnauthorized::Redirect,
            Some("forbidden") => OnUnauthorized::Forbidden,
            Some(_) => {
                return Err(ConfigError::new(
                    "ON_UNAUTHORIZED",
                    "must be \"redirect\" (next-auth's behaviour) or \"forbidden\" (403)",
                ))
            }
        };
        let gate = GateOptions {
            sign_in_page: vars.value("SIGN_IN_PAGE").map(str::to_owned),
            error_page: vars.value("ERROR_PAGE").map(str::to_owned),
            on_unauthorized,
        };
        check_pages(&gate, &env, &base_path)?;

        let secure_cookie = match vars.value("SECURE_COOKIE") {
            None => None,
            Some(_) => Some(flag(vars, "SECURE_COOKIE")?),
        };
        let custom_name = vars.value("SESSION_COOKIE");
        if let Some(name) = custom_name {
            let token_char = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
            if !name.bytes().all(token_char) {
                return Err(ConfigError::new(
                    "SESSION_COOKIE",
                    "is not a valid cookie name",
                ));
            }
        }
        let reader = SessionReader::new(
            &ReaderOptions {
                cookie_name: custom_name.map(str::to_owned),
                secure_cookie,
                ..ReaderOptions::default()
            },
            &env.session,
        );

        let matcher = match vars.value("MATCHER") {
            None => None,
            Some(value) => Some(
                Matcher::parse(value, &base_path)
                    .map_err(|err| ConfigError::new("MATCHER", err.to_string()))?,
            ),
        };
        let (upstream, upstream_service) = match vars.value("UPSTREAM") {
            None => (None, None),
            Some(value) => match value.strip_prefix(upstream::SERVICE_PREFIX) {
                Some(binding) => (None, Some(upstream::parse_service(binding))),
                None => (Some(Upstream::parse(value)), None),
            },
        };
        let upstream = upstream
            .transpose()
            .map_err(|problem| ConfigError::new("UPSTREAM", problem))?;
        let upstream_service = upstream_service
            .transpose()
            .map_err(|problem| ConfigError::new("UPSTREAM", problem))?;

        let path_policy = PathPolicy::parse(vars.value("PATH_POLICY")).ok_or_else(|| {
            ConfigError::new(
                "PATH_POLICY",
                "must be \"strict\" (the default), \"guard\" or \"exact\"",
            )
        })?;

        let forward_session_cookie = match vars.value("FORWARD_SESSION_COOKIE") {
            None => true,
            Some(_) => flag(vars, "FORWARD_SESSION_COOKIE")?,
        };
        let identity = IdentityConfig::new(vars.value("IDENTITY_HEADERS"), forward_session_cookie)?;
        let guarded_cache = GuardedCache::parse(vars.value("GUARDED_CACHE")).ok_or_else(|| {
            ConfigError::new(
                "GUARDED_CACHE",
                "must be \"private\" (the default) or \"origin\"",
            )
        })?;

        // The session secrets, which ASSERTION_SECRET must not repeat.
        let session_secrets: Vec<&str> = [
            "NEXTAUTH_SECRET",
            "AUTH_SECRET",
            "AUTH_SECRET_1",
            "AUTH_SECRET_2",
            "AUTH_SECRET_3",
        ]
        .iter()
        .filter_map(|name| vars.value(name))
        .collect();
        let assertion = assertion::AssertionSigner::from_settings(
            vars.value("ASSERTION_KEY"),
            vars.value("ASSERTION_SECRET"),
            &session_secrets,
        )
        .map_err(|(setting, problem)| ConfigError::new(setting, problem))?;
        let url_setting = |name: &'static str| -> Result<Option<String>, ConfigError> {
            match vars.value(name) {
                None => Ok(None),
                Some(v) if v.len() <= 512 && v.bytes().all(|b| b.is_ascii_graphic()) => {
                    Ok(Some(v.to_owned()))
                }
                Some(_) => Err(ConfigError::new(
                    name,
                    "must be a URL or name without spaces",
                )),
            }
        };
        let assertion_issuer = url_setting("ASSERTION_ISSUER")?;
        let assertion_audience = url_setting("ASSERTION_AUDIENCE")?;

        Ok(ProxyConfig {
            gate,
            env,
            base_path,
            reader,
            matcher,
            upstream,
            upstream_service,
            upstream_timeout_ms: upstream_timeout_ms(vars)?,
            path_policy,
            identity,
            guarded_cache,
            assertion,
            assertion_issuer,
            assertion_audience,
            demo: flag(vars, "DEV_DEMO")?,
            debug: flag(vars, "DEBUG")?,
            nextjs_origin: match vars.value("NEXTJS_ORIGIN") {
                None => true,
                Some(_) => flag(vars, "NEXTJS_ORIGIN")?,
            },
            next_locales: next_locales(vars)?,
        })
    }

    /// Whether `MATCHER` selects this path (no `MATCHER`: every path, as in Next.js).
    pub fn matches(&self, pathname: &str) -> bool {
        self.matcher.as_ref().is_none_or(|m| m.matches(pathname))
    }

    /// `IDENTITY_HEADERS` and `FORWARD_SESSION_COOKIE`.
    pub fn identity(&self) -> &IdentityConfig {
        &self.identity
    }

    /// Whether a forwarded request carries the session claim `name`: an `IDENTITY_HEADERS`
    /// mapping names it, or the assertion, when one is signed, copies it. Forwarding needs these
    /// claims only; the rest of the session is never parsed into values.
    pub fn forwards_claim(&self, name: &str) -> bool {
        self.identity.mapping().any(|(_, claim)| claim == name)
            || (self.assertion.is_some() && assertion::copies_claim(name))
    }

    /// The assertion's signer (`ASSERTION_SECRET` or `ASSERTION_KEY`), when one is set.
    pub fn assertion(&self) -> Option<&assertion::AssertionSigner> {
        self.assertion.as_ref()
    }

    /// The assertion's `iss`: `ASSERTION_ISSUER`, else the gate's origin (`origin`, the request's).
    pub fn assertion_issuer<'a>(&'a self, origin: &'a str) -> &'a str {
        self.assertion_issuer.as_deref().unwrap_or(origin)
    }

    /// The assertion's `aud`: `ASSERTION_AUDIENCE`, else `UPSTREAM`'s origin, else the gate's.
    pub fn assertion_audience<'a>(&'a self, origin: &'a str) -> &'a str {
        match (&self.assertion_audience, &self.upstream) {
            (Some(audience), _) => audience,
            (None, Some(upstream)) => upstream.origin(),
            (None, None) => origin,
        }
    }

    /// `GUARDED_CACHE`.
    pub fn guarded_cache(&self) -> GuardedCache {
        self.guarded_cache
    }

    /// `PATH_POLICY`.
    pub fn path_policy(&self) -> PathPolicy {
        self.path_policy
    }

    /// Whether the gate guards this (canonical) pathname: `MATCHER` selects it and it is not an
    /// auth route, the sign-in or error page, `/_next` or `/favicon.ico`.
    pub fn gated(&self, pathname: &str) -> bool {
        if !self.matches(pathname) {
            return false;
        }
        let probe = RequestUrl {
            origin: "",
            base_path: &self.base_path,
            pathname: strip_base_path(&self.base_path, pathname),
            search: "",
        };
        // Fails closed: a gate that cannot tell is guarding.
        !gate::passes_through(&probe, &self.gate, &self.env).unwrap_or(false)
    }

    /// Whether some origin's reading of this canonical pathname (see [`path::readings`]) is
    /// guarded. Paths without `%`, `;` or upper case have no other reading.
    fn some_reading_gated(&self, pathname: &str) -> bool {
        if self.path_policy == PathPolicy::Exact || !has_other_readings(pathname) {
            return false;
        }
        path::readings(pathname).iter().any(|r| self.gated(r))
    }

    /// The URL the gate decides on, `worker/authorized.js` sees and the origin receives, by
    /// `PATH_POLICY` (see [`path`]): `strict` and `guard` canonicalize the path; `strict`
    /// refuses a spelling with several readings when any reading, or the path itself, is
    /// guarded; `exact` leaves the path as parsed.
    pub fn canonical(&self, url: &IncomingUrl) -> Result<IncomingUrl, BadPath> {
        self.canonical_with_verdict(url).map(|(url, _)| url)
    }

    /// [`canonical`](Self::canonical), with what it learnt on the way about the canonical path
    /// (whether it, or another reading of it, is guarded), for [`step_with`](Self::step_with):
    /// the readings are computed once per request.
    pub fn canonical_with_verdict(
        &self,
        url: &IncomingUrl,
    ) -> Result<(IncomingUrl, PathVerdict), BadPath> {
        if self.path_policy == PathPolicy::Exact {
            return Ok((url.clone(), PathVerdict::default()));
        }
        let pathname = path::canonicalize(&url.pathname)?;
        let mut verdict = PathVerdict::default();
        if self.path_policy == PathPolicy::Strict && has_other_readings(&pathname) {
            let readings = path::readings(&pathname);
            let gated = self.gated(&pathname);
            verdict.gated = Some(gated);
            let ambiguous = if gated {
                !readings.structural.is_empty()
            } else {
                let reading_gated = readings.iter().any(|r| self.gated(r));
                verdict.reading_gated = Some(reading_gated);
                reading_gated
            };
            if ambiguous {
                return Err(BadPath::Ambiguous);
            }
        }
        Ok((
            IncomingUrl {
                origin: url.origin.clone(),
                pathname,
                search: url.search.clone(),
            },
            verdict,
        ))
    }

    /// The decision up to the user's callback: `cookie` and `authorization` are the request's
    /// `Cookie` and `Authorization` header values. `url` is the [`canonical`](Self::canonical)
    /// one; a path is guarded when it, or (unless `PATH_POLICY` is `exact`) any origin's
    /// reading of it, is [`gated`](Self::gated).
    pub fn step<'a>(
        &'a self,
        url: &'a IncomingUrl,
        cookie: Option<&str>,
        authorization: Option<&str>,
        now: UnixTime,
    ) -> Result<Step<'a>, ConfigError> {
        self.step_with(url, PathVerdict::default(), cookie, authorization, now)
    }

    /// [`step`](Self::step) reusing what [`canonical_with_verdict`](Self::canonical_with_verdict)
    /// found about `url`'s path (pass [`PathVerdict::default`] for another path).
    pub fn step_with<'a>(
        &'a self,
        url: &'a IncomingUrl,
        verdict: PathVerdict,
        cookie: Option<&str>,
        authorization: Option<&str>,
        now: UnixTime,
    ) -> Result<Step<'a>, ConfigError> {
        let guarded = verdict.gated.unwrap_or_else(|| self.gated(&url.pathname))
            || verdict
                .reading_gated
                .unwrap_or_else(|| self.some_reading_gated(&url.pathname));
        if !guarded {
            return Ok(Step::Forward);
        }
        match self.route(url)? {
            Route::PassThrough => Ok(Step::Forward),
            Route::NoSecret { location } => Ok(Step::NoSecret(location)),
            Route::Guarded(guard) => Ok(Step::Check {
                guard,
                session: self.reader.read(
                    &RequestParts {
                        cookie,
                        authorization,
                    },
                    now,
                ),
            }),
        }
    }

    /// The page a request's `Next-Url` header makes a Next.js origin act on. Next renders an
    /// intercepting route (`app/admin/(..)about`) in place of the requested page when the
    /// header matches the route's source (`/admin` and below, without basePath: its
    /// routes-manifest `has` rewrites, checked in Next 15.5 and 16), for any request, RSC or
    /// not. So `GET /about` with `Next-Url: /admin` renders admin-area content: the header is
    /// judged as the page it names, canonicalized like the request path.
    pub fn next_url(&self, url: &IncomingUrl, header: &str) -> NextUrl {
        if !self.nextjs_origin {
            return NextUrl::Forward;
        }
        let Some(path) = next_routes::next_url_page(header) else {
            return NextUrl::Drop;
        };
        let page = IncomingUrl {
            origin: url.origin.clone(),
            pathname: [self.base_path.as_str(), path].concat(),
            search: String::new(),
        };
        match self.canonical(&page) {
            Err(_) => NextUrl::Drop,
            Ok(page) if self.gated(&page.pathname) || self.some_reading_gated(&page.pathname) => {
                NextUrl::Check(page)
            }
            Ok(_) => NextUrl::Forward,
        }
    }

    /// The gate's route for a guarded URL: its secret check and guard, no session read.
    fn route<'a>(&'a self, url: &'a IncomingUrl) -> Result<Route<'a>, ConfigError> {
        let request_url = RequestUrl {
            origin: &url.origin,
            base_path: &self.base_path,
            pathname: strip_base_path(&self.base_path, &url.pathname),
            search: &url.search,
        };
        gate::guarded_route(&request_url, &self.gate, self.reader.has_secret())
            .map_err(ConfigError::from_gate)
    }

    /// The guard [`step_with`](Self::step_with) gave for `url` (a guarded URL with a secret
    /// configured), rebuilt without reading the session again: for a decision that had to wait
    /// for the user's callback. `None`: not a guard (no secret).
    pub fn guard<'a>(&'a self, url: &'a IncomingUrl) -> Result<Option<Guard<'a>>, ConfigError> {
        Ok(match self.route(url)? {
            Route::Guarded(guard) => Some(guard),
            _ => None,
        })
    }

    /// `NEXTJS_ORIGIN`: data, RSC and image URLs are read as the page they are for.
    pub fn nextjs_origin(&self) -> bool {
        self.nextjs_origin
    }

    /// The URL the gate judges for `url` (already canonical, see [`Self::canonical`]): for a
    /// Next.js origin (`NEXTJS_ORIGIN`, on by default), the page a data, RSC or image URL is
    /// for when that page is guarded, and the search without Next's internal `_rsc` — what
    /// Next's own adapter hands middleware, so `callbackUrl` and `worker/authorized.js` see the
    /// page. The request is still forwarded as asked.
    pub fn judged_url<'u>(&self, url: &'u IncomingUrl) -> Cow<'u, IncomingUrl> {
        if !self.nextjs_origin {
            return Cow::Borrowed(url);
        }
        let pathname = strip_base_path(&self.base_path, &url.pathname);
        let page = next_routes::other_pages(pathname, &url.search, &self.next_locales)
            .into_iter()
            .map(|page| [self.base_path.as_str(), &page].concat())
            .find(|page| self.gated(page));
        let search = next_routes::strip_internal_search(&url.search);
        // `search` borrows `url.search` unchanged, or `""` when `_rsc` was its only parameter.
        if page.is_none() && *search == url.search {
            return Cow::Borrowed(url);
        }
        Cow::Owned(IncomingUrl {
            origin: url.origin.clone(),
            pathname: page.unwrap_or_else(|| url.pathname.clone()),
            search: search.into_owned(),
        })
    }

    /// The session reader (cookie name, secrets, formats) built from the variables.
    pub fn reader(&self) -> &SessionReader {
        &self.reader
    }

    /// Where an authorized (or unguarded) request goes: `UPSTREAM` with the request's path and
    /// query, or the request URL itself (a Worker on a route forwards to its zone's origin; a
    /// service binding gets the URL the client asked for).
    pub fn forward_url(&self, url: &IncomingUrl) -> String {
        match &self.upstream {
            Some(upstream) => upstream.url_for(&url.pathname, &url.search),
            None => [url.origin.as_str(), &url.pathname, &url.search].concat(),
        }
    }

    /// `UPSTREAM`, parsed; `None`: forward to the request's own URL.
    pub fn upstream(&self) -> Option<&Upstream> {
        self.upstream.as_ref()
    }

    /// `UPSTREAM = "service:NAME"`: the service binding (another Worker) requests go to.
    pub fn upstream_service(&self) -> Option<&str> {
        self.upstream_service.as_deref()
    }

    /// Neither a URL nor a service binding: requests go to their own URL.
    pub fn forwards_to_own_origin(&self) -> bool {
        self.upstream.is_none() && self.upstream_service.is_none()
    }

    /// `UPSTREAM_TIMEOUT_MS`: how long, in milliseconds, the origin may take to start
    /// answering. `None`: no limit of ours.
    pub fn upstream_timeout_ms(&self) -> Option<u32> {
        self.upstream_timeout_ms
    }

    /// The session cookie's name and why it was chosen.
    pub fn cookie_name(&self) -> &SessionCookieName {
        self.reader.cookie_name()
    }

    /// `BASE_PATH` (`""` when unset), e.g. `/docs`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// `DEV_DEMO`: the built-in demo origin and sign-in page (local development only).
    pub fn demo(&self) -> bool {
        self.demo
    }

    /// `DEBUG`: log each decision and why (never a secret or a token).
    pub fn debug(&self) -> bool {
        self.debug
    }

    /// The sign-in page's path on this site (`basePath + page`), when it is one.
    pub fn sign_in_path(&self) -> Option<String> {
        let page = self
            .gate
            .sign_in_page
            .as_deref()
            .unwrap_or(gate::DEFAULT_SIGN_IN);
        page.starts_with('/')
            .then(|| [self.base_path.as_str(), page].concat())
    }

    /// The error page's path on this site (`basePath + page`), when it is one.
    pub fn error_path(&self) -> Option<String> {
        let page = self
            .gate
            .error_page
            .as_deref()
            .unwrap_or(gate::DEFAULT_ERROR);
        page.starts_with('/')
            .then(|| [self.base_path.as_str(), page].concat())
    }

    /// The auth routes' prefix (`basePath`-relative, from `NEXTAUTH_URL`).
    pub fn auth_path(&self) -> &str {
        match &self.env.auth_path {
            Some(Ok(path)) => path,
            _ => "/api/auth",
        }
    }
}

/// Whether another origin may read `pathname` differently: it has `%`, `;` or upper case.
fn has_other_readings(pathname: &str) -> bool {
    pathname
        .bytes()
        .any(|b| b == b'%' || b == b';' || b.is_ascii_uppercase())
}

/// What [`ProxyConfig::canonical_with_verdict`] found out about a canonical path: whether it is
/// [`gated`](ProxyConfig::gated), and whether another reading of it is (`None`: not computed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PathVerdict {
    gated: Option<bool>,
    reading_gated: Option<bool>,
}

/// Page settings are checked once, with the gate's own rules, on a probe request that is
/// neither a page nor an auth route (a path no configuration can name: it holds a NUL).
fn check_pages(options: &GateOptions, env: &GateEnv, base_path: &str) -> Result<(), ConfigError> {
    let probe = RequestUrl {
        origin: "https://config.check",
        base_path,
        pathname: "/\u{0}",
        search: "",
    };
    for has_secret in [true, false] {
        gate::route(&probe, options, env, has_secret).map_err(ConfigError::from_gate)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
