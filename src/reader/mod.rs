//! The one session reader: every rule for finding and opening a request's session lives here.
//!
//! `withAuth`, `getToken`, `decode`, `getServerSession`, the Worker and native Rust servers all
//! read sessions through a [`SessionReader`], built once from options and the environment:
//!
//! | rule | where |
//! | --- | --- |
//! | cookie name, its `__Secure-` guess, and the reason for it | [`SessionReader::cookie_name`] (via [`crate::cookies::SessionCookieName::resolve`]) |
//! | the secret chain: options, `NEXTAUTH_SECRET ?? AUTH_SECRET`, `AUTH_SECRET_1..3` | [`SecretChain`] |
//! | token formats and their salts (v4 salt; Auth.js salt = cookie name) | [`Salt`], [`SessionReader::new`] |
//! | chunks and the `Authorization: Bearer` fallback | [`crate::cookies::find_session_token`], [`ReaderOptions::bearer`] |
//! | `basePath` stripping | [`strip_base_path`] |
//!
//! and one function, [`SessionReader::read`], goes from request parts and the clock to a
//! [`Session`] or a typed [`NoSession`] reason.
//!
//! ```
//! use nextauth_edge::reader::{ReaderOptions, RequestParts, SessionEnv, SessionReader};
//! use nextauth_edge::token::{Secret, TokenEncoder, UnixTime};
//!
//! let now = UnixTime(1_764_158_400);
//! let env = SessionEnv { nextauth_secret: Some(Secret::new("s3cret")), ..SessionEnv::default() };
//! let reader = SessionReader::new(&ReaderOptions::default(), &env);
//! assert_eq!(reader.cookie_name().as_str(), "next-auth.session-token");
//!
//! let claims = serde_json::json!({ "name": "Ada" });
//! let token = TokenEncoder::next_auth_v4(Secret::new("s3cret"), "")
//!     .encode(claims.as_object().unwrap(), 3600, now)
//!     .unwrap();
//! let cookie = format!("next-auth.session-token={token}");
//! let session = reader.read(&RequestParts::cookie(&cookie), now).unwrap();
//! assert_eq!(session.claims.to_map()["name"], "Ada");
//! ```

mod authjs_env;
mod secrets;
#[cfg(test)]
mod tests;

pub use authjs_env::{AuthjsEnv, AuthjsSecret};

use std::fmt;

pub use secrets::{SecretChain, SecretSource};

use crate::cookies::{
    find_session_token, NameConfig, NoSessionToken, SessionCookieName, SessionToken, TokenSource,
};
use crate::token::{
    Secret, SessionClaims, SessionDecoder, SharedHostAesGcm, TokenEncoder, TokenError, UnixTime,
    VerifyingKey,
};

/// The environment variables a session reader consults. `None` is unset; `Some("")` is set but
/// empty, which next-auth treats differently in places (`??` versus truthiness), and so do we.
#[derive(Clone, Default, PartialEq)]
pub struct SessionEnv {
    /// `NEXTAUTH_SECRET`.
    pub nextauth_secret: Option<Secret>,
    /// `AUTH_SECRET` (read by next-auth v4 when `NEXTAUTH_SECRET` is unset, and by Auth.js).
    pub auth_secret: Option<Secret>,
    /// `AUTH_SECRET_1`, `AUTH_SECRET_2`, `AUTH_SECRET_3`: Auth.js's rotation variables.
    pub rotated_secrets: [Option<Secret>; 3],
    /// `NEXTAUTH_URL`: the cookie name's `__Secure-` guess (and, in the gate, the auth path).
    pub nextauth_url: Option<String>,
    /// `VERCEL`: the `__Secure-` guess when `NEXTAUTH_URL` is unset.
    pub vercel: Option<String>,
}

/// Shows which variables are set, never their values.
impl fmt::Debug for SessionEnv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionEnv")
            .field("nextauth_secret", &self.nextauth_secret)
            .field("auth_secret", &self.auth_secret)
            .field("rotated_secrets", &self.rotated_secrets)
            .field("nextauth_url", &self.nextauth_url)
            .field("vercel", &self.vercel)
            .finish()
    }
}

/// Which variables [`SessionEnv::read`] consults: reading one is dear in some runtimes (Node's
/// `process.env`), and most requests need few.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvNeeds {
    /// The secrets: unless `options.secret` is given.
    pub secrets: bool,
    /// Auth.js's rotation variables `AUTH_SECRET_1..3` (with `secrets`): a hot path may leave
    /// them for when they can change the answer (no other secret, or a token the others do not
    /// open), as `withAuth` does.
    pub rotation: bool,
    /// `VERCEL`: only to guess the cookie prefix when `NEXTAUTH_URL` is unset and no cookie
    /// name or secure-cookie answer is configured.
    pub vercel: bool,
}

impl EnvNeeds {
    /// Every variable.
    pub const ALL: EnvNeeds = EnvNeeds {
        secrets: true,
        rotation: true,
        vercel: true,
    };
}

impl SessionEnv {
    /// The variables from `var` (the runtime's environment: `process.env`, Worker bindings,
    /// `std::env`), only those `needs` asks for. `AUTH_SECRET` is read only when
    /// `NEXTAUTH_SECRET` is unset (`??`), `VERCEL` only when `NEXTAUTH_URL` is.
    pub fn read(needs: EnvNeeds, mut var: impl FnMut(&'static str) -> Option<String>) -> Self {
        let mut secret = |name: &'static str| match needs.secrets {
            true => var(name).map(Secret::new),
            false => None,
        };
        let nextauth_secret = secret("NEXTAUTH_SECRET");
        let auth_secret = match nextauth_secret {
            None => secret("AUTH_SECRET"),
            Some(_) => None,
        };
        let rotated_secrets = match needs.rotation {
            true => [
                secret("AUTH_SECRET_1"),
                secret("AUTH_SECRET_2"),
                secret("AUTH_SECRET_3"),
            ],
            false => [None, None, None],
        };
        let nextauth_url = var("NEXTAUTH_URL");
        let vercel = match (needs.vercel, &nextauth_url) {
            (true, None) => var("VERCEL"),
            _ => None,
        };
        SessionEnv {
            nextauth_secret,
            auth_secret,
            rotated_secrets,
            nextauth_url,
            vercel,
        }
    }

    /// [`Self::read`] over this process's environment (native servers; the wasm adapters pass
    /// what their host gives). A value that is not valid Unicode counts as unset.
    pub fn from_env() -> Self {
        Self::read(EnvNeeds::ALL, |name| std::env::var(name).ok())
    }
}

/// Which salt tokens are derived with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Salt {
    /// next-auth v4's `""` for v4 tokens, and the session cookie's name for Auth.js v5 tokens
    /// (Auth.js salts with the cookie name).
    #[default]
    Default,
    /// An explicit `salt` (`getToken({ salt })`, `decode({ salt })`): used for both formats, as
    /// next-auth's `decode` uses it for v4 tokens and `@auth/core`'s for v5 tokens.
    Explicit(String),
}

/// What a caller configures; everything else comes from [`SessionEnv`].
#[derive(Clone)]
pub struct ReaderOptions {
    /// `secret` from the options (a list rotates); wins over the environment.
    pub secret: Option<Vec<Secret>>,
    /// `cookies.sessionToken.name` / `cookieName`.
    pub cookie_name: Option<String>,
    /// An explicit secure-cookie answer instead of the guess from `NEXTAUTH_URL`/`VERCEL`.
    pub secure_cookie: Option<bool>,
    /// The key-derivation salt.
    pub salt: Salt,
    /// Whether an `Authorization: Bearer` token counts when there is no session cookie
    /// (`getToken` and `withAuth`: yes; `getServerSession` reads cookies only).
    pub bearer: bool,
    /// Keys for signed JWTs (HMAC keys use the secrets).
    pub verifying_keys: Vec<VerifyingKey>,
    /// Read (and write) Auth.js v5 tokens only, as `@auth/core`'s `decode` does: the v5
    /// `auth` middleware. A next-auth v4 token in the cookie is then no session.
    pub authjs_only: bool,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions {
            secret: None,
            cookie_name: None,
            secure_cookie: None,
            salt: Salt::Default,
            bearer: true,
            verifying_keys: Vec::new(),
            authjs_only: false,
        }
    }
}

impl ReaderOptions {
    /// Whether a reader built from `other` (under the same environment) would be this one's
    /// twin: what a cache of readers compares. Every field is named, so a new option cannot be
    /// forgotten; options with verifying keys (which cannot be compared) never match.
    pub fn builds_same_reader(&self, other: &ReaderOptions) -> bool {
        let ReaderOptions {
            secret,
            cookie_name,
            secure_cookie,
            salt,
            bearer,
            verifying_keys,
            authjs_only,
        } = self;
        *secret == other.secret
            && *cookie_name == other.cookie_name
            && *secure_cookie == other.secure_cookie
            && *salt == other.salt
            && *bearer == other.bearer
            && *authjs_only == other.authjs_only
            && verifying_keys.is_empty()
            && other.verifying_keys.is_empty()
    }
}

/// Shows the settings, never the secrets.
impl fmt::Debug for ReaderOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReaderOptions")
            .field("secret", &self.secret)
            .field("cookie_name", &self.cookie_name)
            .field("secure_cookie", &self.secure_cookie)
            .field("salt", &self.salt)
            .field("bearer", &self.bearer)
            .field("verifying_keys", &self.verifying_keys.len())
            .field("authjs_only", &self.authjs_only)
            .finish()
    }
}

/// The request headers a session is read from (the values of `Cookie` and `Authorization`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestParts<'a> {
    /// The `Cookie` header's value.
    pub cookie: Option<&'a str>,
    /// The `Authorization` header's value.
    pub authorization: Option<&'a str>,
}

impl<'a> RequestParts<'a> {
    /// A request with only a `Cookie` header.
    pub fn cookie(cookie: &'a str) -> Self {
        RequestParts {
            cookie: Some(cookie),
            authorization: None,
        }
    }
}

/// Where a reader gets the two request headers it reads. `authorization` is asked for only when
/// the request has no session cookie, so an adapter whose header reads are dear (a JS `Headers`)
/// can read it lazily.
pub trait SessionHeaders {
    /// The `Cookie` header's value.
    fn cookie(&self) -> Option<&str>;
    /// The `Authorization` header's value.
    fn authorization(&self) -> Option<&str>;
}

impl SessionHeaders for RequestParts<'_> {
    fn cookie(&self) -> Option<&str> {
        self.cookie
    }

    fn authorization(&self) -> Option<&str> {
        self.authorization
    }
}

/// A valid session: its claims, and where its token was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The checked claims (format, time claims, the payload as JSON text).
    pub claims: SessionClaims,
    /// The cookie, its chunks, or the `Authorization` header.
    pub source: TokenSource,
}

/// Why a request has no session. Every variant means "signed out"; they exist to be logged.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoSession {
    /// No secret is configured (next-auth's `NO_SECRET`).
    NoSecret,
    /// No token in the request, or an unusable session cookie.
    NoToken(NoSessionToken),
    /// A token was found but refused.
    Invalid {
        /// Where the refused token was found.
        source: TokenSource,
        /// Why it was refused.
        error: TokenError,
    },
}

impl fmt::Display for NoSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoSession::NoSecret => f.write_str("no secret is configured"),
            NoSession::NoToken(reason) => reason.fmt(f),
            NoSession::Invalid { source, error } => write!(f, "{source} refused: {error}"),
        }
    }
}

impl std::error::Error for NoSession {}

/// Reads sessions for one configuration. Build once, read many: derived keys are kept.
pub struct SessionReader {
    cookie_name: SessionCookieName,
    secrets: SecretChain,
    decoder: SessionDecoder,
    salt: Salt,
    bearer: bool,
    authjs_only: bool,
}

/// Shows the configuration, never a secret or key.
impl fmt::Debug for SessionReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionReader")
            .field("cookie_name", &self.cookie_name)
            .field("secrets", &self.secrets)
            .field("salt", &self.salt)
            .field("bearer", &self.bearer)
            .finish_non_exhaustive()
    }
}

impl NoSession {
    /// Whether another secret could have opened the token (it failed to decrypt, or its `kid`
    /// named no configured secret): the one case where more secrets change the answer.
    pub fn wants_another_secret(&self) -> bool {
        matches!(
            self,
            NoSession::NoSecret
                | NoSession::Invalid {
                    error: TokenError::DecryptionFailed | TokenError::UnknownKeyId,
                    ..
                }
        )
    }
}

impl SessionReader {
    /// A reader with software AES.
    pub fn new(options: &ReaderOptions, env: &SessionEnv) -> SessionReader {
        Self::with_host_aes_gcm(options, env, None)
    }

    /// A reader that opens AES-GCM tokens with the host's AES (see
    /// [`HostAesGcm`](crate::token::HostAesGcm)) when `host` is given.
    pub fn with_host_aes_gcm(
        options: &ReaderOptions,
        env: &SessionEnv,
        host: Option<SharedHostAesGcm>,
    ) -> SessionReader {
        let cookie_name = SessionCookieName::resolve(&NameConfig {
            cookie_name: options.cookie_name.as_deref(),
            secure_cookie: options.secure_cookie,
            nextauth_url: env.nextauth_url.as_deref(),
            vercel: env.vercel.as_deref(),
        });
        let secrets = SecretChain::resolve(options.secret.as_deref(), env);
        let (v4_salt, v5_salt) = match &options.salt {
            Salt::Default => ("", cookie_name.as_str()),
            Salt::Explicit(salt) => (salt.as_str(), salt.as_str()),
        };
        // v4 with its salt; Auth.js v5 salted with the cookie name (or the explicit salt) when
        // the token's header says v5 (`kid`, `A256CBC-HS512`), or when the name itself is an
        // Auth.js name (then a `kid`-less `A256GCM` token may be either).
        let builder = SessionDecoder::builder().next_auth_v4_salt(v4_salt);
        let mut builder = if options.authjs_only {
            builder.without_next_auth_v4().authjs_v5(v5_salt)
        } else if is_authjs_salt(v5_salt) {
            builder.authjs_v5(v5_salt)
        } else {
            builder.authjs_v5_marked(v5_salt)
        };
        if let Some(host) = host {
            builder = builder.host_aes_gcm(host);
        }
        for secret in secrets.decoding() {
            builder = builder.secret(secret.as_bytes());
        }
        for key in &options.verifying_keys {
            builder = builder.verifying_key(key.clone());
        }
        SessionReader {
            cookie_name,
            secrets,
            decoder: builder.build(),
            salt: options.salt.clone(),
            bearer: options.bearer,
            authjs_only: options.authjs_only,
        }
    }

    /// The session cookie's name and why it was chosen.
    pub fn cookie_name(&self) -> &SessionCookieName {
        &self.cookie_name
    }

    /// The secrets tokens are accepted under, and where they came from.
    pub fn secrets(&self) -> &SecretChain {
        &self.secrets
    }

    /// Whether a usable secret is configured (next-auth answers `NO_SECRET` otherwise).
    pub fn has_secret(&self) -> bool {
        self.secrets.is_usable()
    }

    /// The request's raw session token (cookie or chunks, else Bearer when allowed), undecoded:
    /// `getToken({ raw: true })`, and what a custom `jwt.decode` is handed.
    pub fn raw_token<'a, H: SessionHeaders + ?Sized>(
        &self,
        headers: &'a H,
    ) -> Result<SessionToken<'a>, NoSessionToken> {
        // `find_session_token` consults `Authorization` only when the cookies give no token
        // (`Absent`); asking it in a second step keeps the header unread on most requests.
        match find_session_token(headers.cookie(), None, &self.cookie_name) {
            Err(NoSessionToken::Absent) if self.bearer => {
                find_session_token(None, headers.authorization(), &self.cookie_name)
            }
            found => found,
        }
    }

    /// Opens a token with this reader's secrets, formats and salts.
    pub fn decode(&self, token: &str, now: UnixTime) -> Result<SessionClaims, TokenError> {
        if !self.has_secret() {
            return Err(TokenError::NoKey);
        }
        self.decoder.decode(token, now)
    }

    /// The request's session at `now`, or why there is none.
    pub fn read<H: SessionHeaders + ?Sized>(
        &self,
        headers: &H,
        now: UnixTime,
    ) -> Result<Session, NoSession> {
        self.read_at(headers, || now)
    }

    /// [`Self::read`], asking `now` for the time only when there is a token to check: reading
    /// the clock is a host call in wasm, wasted on a request without a session.
    pub fn read_at<H: SessionHeaders + ?Sized>(
        &self,
        headers: &H,
        now: impl FnOnce() -> UnixTime,
    ) -> Result<Session, NoSession> {
        if !self.has_secret() {
            return Err(NoSession::NoSecret);
        }
        let token = self.raw_token(headers).map_err(NoSession::NoToken)?;
        let source = token.source();
        match self.decoder.decode(token.as_str(), now()) {
            Ok(claims) => Ok(Session { claims, source }),
            Err(error) => Err(NoSession::Invalid { source, error }),
        }
    }

    /// An encoder writing tokens this reader (and the real library) reads back: Auth.js v5 when
    /// the salt is an Auth.js cookie name (`…authjs.session-token`), next-auth v4 otherwise; with
    /// the chain's encoding secret. `None` without a usable secret.
    pub fn encoder(&self) -> Option<TokenEncoder> {
        let secret = self.secrets.encoding()?.clone();
        Some(match &self.salt {
            Salt::Explicit(salt) if self.authjs_only => TokenEncoder::authjs_v5(secret, salt),
            Salt::Default if self.authjs_only => {
                TokenEncoder::authjs_v5(secret, self.cookie_name.as_str())
            }
            Salt::Explicit(salt) if is_authjs_salt(salt) => TokenEncoder::authjs_v5(secret, salt),
            Salt::Explicit(salt) => TokenEncoder::next_auth_v4(secret, salt),
            Salt::Default if is_authjs_salt(self.cookie_name.as_str()) => {
                TokenEncoder::authjs_v5(secret, self.cookie_name.as_str())
            }
            Salt::Default => TokenEncoder::next_auth_v4(secret, ""),
        })
    }
}

/// Whether `salt` names an Auth.js session cookie (`authjs.session-token`, `__Secure-…`, and the
/// `__Host-` spelling): tokens salted with it are Auth.js v5 tokens.
pub fn is_authjs_salt(salt: &str) -> bool {
    salt.ends_with(crate::token::AUTHJS_SESSION_COOKIE)
}

/// getServerSession's secure-cookie rule (next-auth's `useSecureCookies ??
/// parseUrl(origin).base.startsWith("https://")`): an explicit answer wins; a bare host counts as
/// `https://` (next-auth's `parseUrl` prefixes it); no origin at all is next-auth's default
/// `http://localhost:3000`.
pub fn secure_cookies_for_origin(explicit: Option<bool>, origin: Option<&str>) -> bool {
    if let Some(explicit) = explicit {
        return explicit;
    }
    match origin {
        Some(url) if url.starts_with("http") => url.starts_with("https://"),
        Some(_) => true,
        None => false,
    }
}

/// `pathname` without `base_path`, as Next.js's `NextURL` strips it: only a whole leading
/// segment run matches (`/docs` strips `/docs` and `/docs/x`, not `/docsx`); `/docs` alone
/// becomes `/`; a path outside the base path is left whole.
pub fn strip_base_path<'a>(base_path: &str, pathname: &'a str) -> &'a str {
    if base_path.is_empty() {
        return pathname;
    }
    match pathname.strip_prefix(base_path) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        _ => pathname,
    }
}
