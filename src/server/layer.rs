//! The tower layer: one [`SessionReader`] built at startup, one read per request, the outcome left
//! in the request's extensions as a [`RequestSession`].

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::header::{AUTHORIZATION, COOKIE};
use http::{HeaderMap, Method, Request};
use thiserror::Error;
use tower::{Layer, Service};

use super::csrf::{csrf_cookie_name, CsrfCheck, CsrfRule};
use crate::cookies::{NameConfig, SessionCookieName, TokenSource};
use crate::gate::{self, ConfigError, GateEnv, GateOptions, RequestUrl, Route};
use crate::reader::{
    strip_base_path, NoSession, ReaderOptions, RequestParts, Salt, Session, SessionEnv,
    SessionReader,
};
use crate::token::{Secret, UnixTime, VerifyingKey};

/// Where "now" comes from: the system clock unless a test freezes it.
pub type Clock = Arc<dyn Fn() -> UnixTime + Send + Sync>;

/// Reads the NextAuth session of every request once and leaves a [`RequestSession`] in its
/// extensions. Never rejects a request itself: the extractors (or a handler reading the
/// extension) decide. Never logs: no token, no secret, no claim reaches a log from here.
///
/// Cheap to clone (one `Arc`).
#[derive(Clone)]
pub struct NextAuthLayer {
    shared: Arc<Shared>,
}

/// The service [`NextAuthLayer`] wraps around an inner service.
#[derive(Clone)]
pub struct NextAuthService<S> {
    inner: S,
    shared: Arc<Shared>,
}

pub(crate) struct Shared {
    pub(crate) reader: SessionReader,
    csrf: Option<CsrfRule>,
    pub(crate) sign_in: Option<SignIn>,
    clock: Clock,
}

/// Pages mode: a missing session is a 307 to sign-in, as `withAuth` sends it.
pub(crate) struct SignIn {
    pub(crate) origin: String,
    pub(crate) base_path: String,
    pub(crate) options: GateOptions,
    pub(crate) env: GateEnv,
}

/// Why a layer could not be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BuildError {
    /// Neither `secret` nor `NEXTAUTH_SECRET`, `AUTH_SECRET`, `AUTH_SECRET_1..3` is set (or all
    /// are empty): next-auth's `NO_SECRET`. Refused at startup rather than per request.
    #[error("no secret: set NEXTAUTH_SECRET or AUTH_SECRET (next-auth's NO_SECRET)")]
    NoSecret,
    /// The sign-in redirect's origin is not `http(s)://host[:port]`.
    #[error("the sign-in origin must be http(s)://host[:port], without a path")]
    Origin,
    /// `NEXTAUTH_URL` or a page setting the redirect needs is unusable.
    #[error(transparent)]
    Gate(#[from] ConfigError),
}

impl NextAuthLayer {
    /// A layer configured from the environment, like next-auth: `NEXTAUTH_SECRET` (else
    /// `AUTH_SECRET`) with Auth.js's `AUTH_SECRET_1..3`, `NEXTAUTH_URL` (or `VERCEL`) for the
    /// `__Secure-` cookie name, Bearer tokens accepted, CSRF checked, 401 for a missing session.
    pub fn from_env() -> Result<NextAuthLayer, BuildError> {
        NextAuthLayer::builder().build()
    }

    /// A builder starting from the environment ([`SessionEnv::from_env`]).
    pub fn builder() -> NextAuthLayerBuilder {
        let mut builder = NextAuthLayerBuilder::with_env(SessionEnv::from_env());
        builder.auth_url = std::env::var("AUTH_URL").ok();
        builder
    }

    /// The reader every request goes through (its cookie name says which cookie is read, and why).
    pub fn reader(&self) -> &SessionReader {
        &self.shared.reader
    }

    /// The CSRF cookie checked for unsafe requests, `None` when the check is off.
    pub fn csrf_cookie_name(&self) -> Option<&str> {
        self.shared.csrf.as_ref().map(CsrfRule::cookie_name)
    }

    /// The session of one request: what the service puts in the extensions. For servers that
    /// are not tower services.
    pub fn inspect<B>(&self, request: &Request<B>) -> RequestSession {
        Shared::inspect(&self.shared, request.method(), request.headers())
    }
}

impl fmt::Debug for NextAuthLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NextAuthLayer")
            .field("reader", &self.shared.reader)
            .field("csrf_cookie", &self.csrf_cookie_name())
            .field("sign_in_redirect", &self.shared.sign_in.is_some())
            .finish_non_exhaustive()
    }
}

impl<S> Layer<S> for NextAuthLayer {
    type Service = NextAuthService<S>;

    fn layer(&self, inner: S) -> NextAuthService<S> {
        NextAuthService {
            inner,
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<S, B> Service<Request<B>> for NextAuthService<S>
where
    S: Service<Request<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<B>) -> S::Future {
        let session = Shared::inspect(&self.shared, request.method(), request.headers());
        request.extensions_mut().insert(session);
        self.inner.call(request)
    }
}

impl<S> fmt::Debug for NextAuthService<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NextAuthService").finish_non_exhaustive()
    }
}

impl Shared {
    fn inspect(this: &Arc<Shared>, method: &Method, headers: &HeaderMap) -> RequestSession {
        let cookie = cookie_header(headers);
        let parts = RequestParts {
            cookie: cookie.as_deref(),
            authorization: headers
                .get(AUTHORIZATION)
                .and_then(|value| std::str::from_utf8(value.as_bytes()).ok()),
        };
        let result = this.reader.read(&parts, (this.clock)());
        let csrf = match (&result, &this.csrf) {
            (Ok(session), Some(rule))
                if is_unsafe(method) && session.source != TokenSource::Bearer =>
            {
                rule.check(cookie.as_deref(), headers)
            }
            _ => CsrfCheck::NotRequired,
        };
        RequestSession {
            result,
            csrf,
            shared: Arc::clone(this),
        }
    }
}

/// The `Cookie` header: HTTP/2 may split it into several fields, joined back with `"; "`
/// (RFC 9113 §8.2.3). Values that are not UTF-8 are left out.
fn cookie_header(headers: &HeaderMap) -> Option<Cow<'_, str>> {
    let mut values = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| std::str::from_utf8(value.as_bytes()).ok());
    let first = values.next()?;
    let Some(second) = values.next() else {
        return Some(Cow::Borrowed(first));
    };
    let mut joined = [first, "; ", second].concat();
    for value in values {
        joined.push_str("; ");
        joined.push_str(value);
    }
    Some(Cow::Owned(joined))
}

/// Methods that change state: everything but `GET`, `HEAD`, `OPTIONS` and `TRACE`.
fn is_unsafe(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// What the layer leaves in a request's extensions: the session read once, the CSRF verdict,
/// and what a rejection needs (the sign-in redirect). Extract it with
/// `axum::Extension<RequestSession>` or `request.extensions().get::<RequestSession>()`.
#[derive(Clone)]
pub struct RequestSession {
    result: Result<Session, NoSession>,
    csrf: CsrfCheck,
    pub(crate) shared: Arc<Shared>,
}

impl RequestSession {
    /// The session, or why there is none. A session refused by the CSRF check is still here:
    /// see [`Self::usable_session`].
    pub fn result(&self) -> Result<&Session, &NoSession> {
        self.result.as_ref()
    }

    /// The session, if there is one (CSRF not considered).
    pub fn session(&self) -> Option<&Session> {
        self.result.as_ref().ok()
    }

    /// The CSRF verdict for this request.
    pub fn csrf(&self) -> &CsrfCheck {
        &self.csrf
    }

    /// The session when it may be used: present, and not refused by the CSRF check.
    pub fn usable_session(&self) -> Option<&Session> {
        self.session().filter(|_| self.csrf.allows())
    }

    /// Where a signed-out request to `path_and_query` is sent when the layer redirects to sign-in
    /// (`None` in API mode): `withAuth`'s sign-in URL with `callbackUrl`, built by [`crate::gate`].
    pub fn sign_in_redirect(&self, path: &str, query: Option<&str>) -> Option<String> {
        let sign_in = self.shared.sign_in.as_ref()?;
        let search = query.map(|q| format!("?{q}")).unwrap_or_default();
        let url = RequestUrl {
            origin: &sign_in.origin,
            base_path: &sign_in.base_path,
            pathname: strip_base_path(&sign_in.base_path, path),
            search: &search,
        };
        match gate::route(
            &url,
            &sign_in.options,
            &sign_in.env,
            self.shared.reader.has_secret(),
        ) {
            Ok(Route::Guarded(guard)) => match guard.conclude(None, false) {
                gate::Decision::Redirect(location) => Some(location),
                _ => None,
            },
            Ok(Route::NoSecret { location }) => Some(location),
            // Auth routes and the sign-in page itself: a redirect would loop.
            Ok(Route::PassThrough) | Err(_) => None,
        }
    }
}

/// Shows the outcome, never a token (the claims are shown: they are what handlers see).
impl fmt::Debug for RequestSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestSession")
            .field("result", &self.result)
            .field("csrf", &self.csrf)
            .finish_non_exhaustive()
    }
}

/// Configures a [`NextAuthLayer`]. Every setting has next-auth's default; the environment is read
/// once, when the builder is made ([`NextAuthLayer::builder`]) or given ([`Self::with_env`]).
#[must_use]
pub struct NextAuthLayerBuilder {
    options: ReaderOptions,
    env: SessionEnv,
    auth_url: Option<String>,
    authjs: bool,
    csrf: bool,
    csrf_cookie_name: Option<String>,
    sign_in_origin: Option<String>,
    gate: GateOptions,
    base_path: String,
    clock: Clock,
}

impl NextAuthLayerBuilder {
    /// A builder with these environment variables instead of the process's (tests, or
    /// configuration read from elsewhere).
    pub fn with_env(env: SessionEnv) -> NextAuthLayerBuilder {
        NextAuthLayerBuilder {
            options: ReaderOptions::default(),
            env,
            auth_url: None,
            authjs: false,
            csrf: true,
            csrf_cookie_name: None,
            sign_in_origin: None,
            gate: GateOptions::default(),
            base_path: String::new(),
            clock: Arc::new(UnixTime::now),
        }
    }

    /// `secret` in next-auth's options: wins over the environment. Call again to add older
    /// secrets (tried after it; the first one is current).
    pub fn secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.options
            .secret
            .get_or_insert_with(Vec::new)
            .push(Secret::new(secret));
        self
    }

    /// `cookies.sessionToken.name`: the session cookie's name, no guessing.
    pub fn cookie_name(mut self, name: impl Into<String>) -> Self {
        self.options.cookie_name = Some(name.into());
        self
    }

    /// The `__Secure-` answer, stated instead of guessed from `NEXTAUTH_URL` / `VERCEL`.
    pub fn secure_cookie(mut self, secure: bool) -> Self {
        self.options.secure_cookie = Some(secure);
        self
    }

    /// Auth.js v5 (`next-auth@5`) cookies: `authjs.session-token` (`__Secure-` prefixed when
    /// [`Self::secure_cookie`] says so, else when `AUTH_URL`, then `NEXTAUTH_URL`, is `https://`,
    /// else when `VERCEL` is set), `authjs.csrf-token`, tokens salted with the cookie name.
    pub fn authjs(mut self) -> Self {
        self.authjs = true;
        self
    }

    /// An explicit key-derivation salt (rarely needed: the defaults are next-auth's).
    pub fn salt(mut self, salt: impl Into<String>) -> Self {
        self.options.salt = Salt::Explicit(salt.into());
        self
    }

    /// Whether `Authorization: Bearer <token>` counts when there is no session cookie (default:
    /// yes, like `getToken`). Bearer requests are exempt from the CSRF check.
    pub fn bearer(mut self, accept: bool) -> Self {
        self.options.bearer = accept;
        self
    }

    /// A key for signed JWT sessions (a custom `jwt.encode`; needs the `signed` features).
    pub fn verifying_key(mut self, key: VerifyingKey) -> Self {
        self.options.verifying_keys.push(key);
        self
    }

    /// The CSRF double submit for unsafe methods authenticated by cookie (default: on). Turn
    /// it off only when something else protects those requests (a `SameSite=Strict` cookie, an
    /// origin check, or no cookie authentication at all).
    pub fn csrf(mut self, check: bool) -> Self {
        self.csrf = check;
        self
    }

    /// `cookies.csrfToken.name`, when the app renamed it (default: the one paired with the
    /// session cookie, see [`csrf_cookie_name`]).
    pub fn csrf_cookie_name(mut self, name: impl Into<String>) -> Self {
        self.csrf_cookie_name = Some(name.into());
        self
    }

    /// Pages mode: a missing or invalid session is a 307 to the sign-in page with `callbackUrl`,
    /// as `withAuth` redirects, instead of a 401. `origin` is the public origin of the app the
    /// browser is on (`https://app.example.com`): never taken from the request's `Host`.
    pub fn redirect_to_sign_in(mut self, origin: impl Into<String>) -> Self {
        self.sign_in_origin = Some(origin.into());
        self
    }

    /// `pages.signIn` (default `/api/auth/signin`), for [`Self::redirect_to_sign_in`].
    pub fn sign_in_page(mut self, page: impl Into<String>) -> Self {
        self.gate.sign_in_page = Some(page.into());
        self
    }

    /// Next.js `basePath`, for [`Self::redirect_to_sign_in`].
    pub fn base_path(mut self, base_path: impl Into<String>) -> Self {
        self.base_path = base_path.into();
        self
    }

    /// Where "now" comes from (default: the system clock). Tests freeze it.
    pub fn clock(mut self, clock: impl Fn() -> UnixTime + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The layer, or why it cannot work.
    pub fn build(mut self) -> Result<NextAuthLayer, BuildError> {
        if self.authjs && self.options.cookie_name.is_none() {
            let secure = self.options.secure_cookie.unwrap_or_else(|| {
                let nextauth_url = self
                    .auth_url
                    .as_deref()
                    .or(self.env.nextauth_url.as_deref());
                SessionCookieName::resolve(&NameConfig {
                    nextauth_url,
                    vercel: self.env.vercel.as_deref(),
                    ..NameConfig::default()
                })
                .is_secure_prefixed()
            });
            self.options.cookie_name =
                Some(SessionCookieName::auth_js_v5(secure).as_str().to_owned());
        }
        let reader = SessionReader::new(&self.options, &self.env);
        if !reader.has_secret() {
            return Err(BuildError::NoSecret);
        }
        let csrf = self.csrf.then(|| {
            let name = self
                .csrf_cookie_name
                .take()
                .unwrap_or_else(|| csrf_cookie_name(reader.cookie_name().as_str()));
            CsrfRule::new(name, reader.secrets())
        });
        let sign_in = match self.sign_in_origin {
            Some(origin) => Some(sign_in(origin, self.base_path, self.gate, &self.env)?),
            None => None,
        };
        Ok(NextAuthLayer {
            shared: Arc::new(Shared {
                reader,
                csrf,
                sign_in,
                clock: self.clock,
            }),
        })
    }
}

/// The redirect settings, checked once with the gate's own rules.
fn sign_in(
    origin: String,
    base_path: String,
    options: GateOptions,
    env: &SessionEnv,
) -> Result<SignIn, BuildError> {
    let origin = origin.trim_end_matches('/').to_owned();
    let host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))
        .ok_or(BuildError::Origin)?;
    if host.is_empty() || host.contains(['/', '?', '#', '\\', ' ']) {
        return Err(BuildError::Origin);
    }
    let env = GateEnv {
        session: env.clone(),
        auth_path: None,
    };
    let probe = RequestUrl {
        origin: &origin,
        base_path: &base_path,
        pathname: "/",
        search: "",
    };
    gate::route(&probe, &options, &env, true)?;
    Ok(SignIn {
        origin,
        base_path,
        options,
        env,
    })
}

impl fmt::Debug for NextAuthLayerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NextAuthLayerBuilder")
            .field("options", &self.options)
            .field("env", &self.env)
            .field("authjs", &self.authjs)
            .field("csrf", &self.csrf)
            .field("sign_in_origin", &self.sign_in_origin)
            .finish_non_exhaustive()
    }
}
