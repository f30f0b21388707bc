//! next-auth@5's `NextAuth(config).auth` as middleware / Next 16 `proxy`. `pkg/v5.mjs` calls the
//! user's callbacks and builds the `Response`s; every rule (environment, secrets, cookie names,
//! CSRF, decode, re-encode, chunking, what `authorized`'s answer does) is decided here, through
//! [`crate::v5`] and the session reader. The split keeps the wasm module small: JS glue costs
//! nothing in the module's size budget, and each request crosses the boundary a few times only.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::{js, readers};
use crate::cookies::{is_session_cookie, CookieJar};
use crate::reader::{AuthjsSecret, ReaderOptions, RequestParts, SessionEnv, SessionReader};
use crate::session::{authjs_session_cookies, Expiry, SetCookie};
use crate::token::{Secret, TokenEncoder, UnixTime, DEFAULT_MAX_AGE_SECS};
use crate::v5::{self as rules, Answer, CookieNames, Outcome};

fn nullish(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

fn truthy_unless_nullish(value: &JsValue) -> Option<bool> {
    (!nullish(value)).then(|| value.is_truthy())
}

fn cookie_settings(cookies: &JsValue, which: &'static str) -> (Option<String>, Option<bool>) {
    let entry = js::get(cookies, which);
    (
        js::get_string(&entry, "name"),
        js::get(&js::get(&entry, "options"), "secure").as_bool(),
    )
}

fn seconds(value: &JsValue) -> Option<i64> {
    value.as_f64().filter(|s| s.is_finite()).map(|s| s as i64)
}

/// One `NextAuth(config)`: the config's settings after next-auth@5's `setEnvDefaults`, which
/// reads the environment once, when `NextAuth` is called (`env` is `process.env`).
#[wasm_bindgen(js_name = AuthjsCore)]
pub struct AuthjsCore {
    base_path: String,
    sign_in_page: String,
    trust_host: bool,
    secrets: Vec<Secret>,
    secret_text: String,
    secret_value: JsValue,
    session_max_age: i64,
    jwt_max_age: i64,
    use_secure_cookies: Option<bool>,
    session_cookie: (Option<String>, Option<bool>),
    callback_cookie: (Option<String>, Option<bool>),
    csrf_cookie: (Option<String>, Option<bool>),
}

#[wasm_bindgen(js_class = AuthjsCore)]
impl AuthjsCore {
    /// `env_url_pathname`: `new URL(AUTH_URL ?? NEXTAUTH_URL).pathname`, when that parses.
    #[wasm_bindgen(constructor)]
    pub fn new(
        config: &JsValue,
        env: &JsValue,
        env_url_pathname: Option<String>,
    ) -> Result<AuthjsCore, JsValue> {
        let env = SessionEnv::read_authjs(|name| js::get_string(env, name));
        let secret_js = js::get(config, "secret");
        let secret = if nullish(&secret_js) {
            AuthjsSecret::Absent
        } else if let Some(text) = secret_js.as_string() {
            AuthjsSecret::One(text)
        } else if Array::is_array(&secret_js) {
            let list: Array = secret_js.clone().unchecked_into();
            AuthjsSecret::List(
                list.iter()
                    .map(|v| v.as_string().unwrap_or_default())
                    .collect(),
            )
        } else {
            AuthjsSecret::Other
        };
        let (secrets, secret_text) = env.secrets(&secret);
        // What `config.secret` is after setEnvDefaults (a custom jwt.encode/decode sees it): a
        // non-empty string stays a string; anything else became the list.
        let current = match &secret {
            AuthjsSecret::One(text) => Some(text.clone()),
            AuthjsSecret::Absent => env.auth_secret.clone().or(env.nextauth_secret.clone()),
            _ => None,
        };
        let secret_value = match current.filter(|s| !s.is_empty()) {
            Some(text) => JsValue::from_str(&text),
            None if matches!(&secret, AuthjsSecret::List(l) if !l.is_empty()) => secret_js,
            None => secrets
                .iter()
                .map(|s| JsValue::from_str(&String::from_utf8_lossy(s.as_bytes())))
                .collect::<Array>()
                .into(),
        };
        let base_path = rules::base_path(
            js::get_string(config, "basePath").as_deref(),
            env_url_pathname.as_deref(),
        );
        let session_max_age = seconds(&js::get(&js::get(config, "session"), "maxAge"))
            .unwrap_or(DEFAULT_MAX_AGE_SECS);
        let cookies = js::get(config, "cookies");
        Ok(AuthjsCore {
            sign_in_page: rules::sign_in_page(
                js::get_string(&js::get(config, "pages"), "signIn").as_deref(),
                &base_path,
            ),
            base_path,
            trust_host: env.trust_host(truthy_unless_nullish(&js::get(config, "trustHost"))),
            secrets,
            secret_text,
            secret_value,
            jwt_max_age: seconds(&js::get(&js::get(config, "jwt"), "maxAge"))
                .unwrap_or(session_max_age),
            session_max_age,
            use_secure_cookies: truthy_unless_nullish(&js::get(config, "useSecureCookies")),
            session_cookie: cookie_settings(&cookies, "sessionToken"),
            callback_cookie: cookie_settings(&cookies, "callbackUrl"),
            csrf_cookie: cookie_settings(&cookies, "csrfToken"),
        })
    }

    /// `config.secret` after setEnvDefaults, for a custom `jwt.encode`/`jwt.decode`.
    #[wasm_bindgen(getter)]
    pub fn secret(&self) -> JsValue {
        self.secret_value.clone()
    }

    /// `session.maxAge` in seconds (the cookie's and the session's `expires`).
    #[wasm_bindgen(getter, js_name = sessionMaxAge)]
    pub fn session_max_age(&self) -> f64 {
        self.session_max_age as f64
    }

    /// `jwt.maxAge ?? session.maxAge`: what a custom `jwt.encode` is handed.
    #[wasm_bindgen(getter, js_name = jwtMaxAge)]
    pub fn jwt_max_age(&self) -> f64 {
        self.jwt_max_age as f64
    }

    /// `Auth()` up to the session: `[error, secure, sessionCookie, callbackCookie, csrfSetCookie]`.
    /// `error` names the @auth/core error that makes it answer without a session and without
    /// cookies (`UntrustedHost`, `MissingSecret`, `UnknownAction`), or is `undefined`.
    /// `callbackCookie` is the request's callback-URL cookie's value, for JS to check and hand
    /// to `callbacks.redirect`; `csrfSetCookie` the new CSRF cookie, unless the request's is valid.
    pub fn prelude(&self, cookie: Option<String>, action_origin: &str) -> Array {
        let out = Array::new();
        let action_url = || {
            let base = self.base_path.trim_matches('/');
            format!("{action_origin}/{base}/session")
        };
        let error = if !self.trust_host {
            Some(format!(
                "UntrustedHost: Host must be trusted. URL was: {}",
                action_url()
            ))
        } else if self.secrets.is_empty() {
            Some("MissingSecret: Please define a `secret`".to_owned())
        } else if !rules::session_action_parses(&self.base_path) {
            Some(format!(
                "UnknownAction: Cannot parse action at {}",
                action_url()
            ))
        } else {
            None
        };
        if let Some(error) = error {
            out.push(&JsValue::from_str(&error));
            return out;
        }
        out.push(&JsValue::UNDEFINED);
        let secure = self.secure(action_origin);
        let names = self.names(secure);
        out.push(&JsValue::from_bool(secure));
        out.push(&JsValue::from_str(&names.session));
        let jar = CookieJar::parse(cookie.as_deref().unwrap_or(""));
        let callback = jar.get(&names.callback_url).filter(|v| !v.is_empty());
        out.push(&callback.map_or(JsValue::UNDEFINED, JsValue::from_str));
        let csrf_ok = jar
            .get(&names.csrf)
            .filter(|v| !v.is_empty())
            .is_some_and(|v| rules::csrf_is_valid(v, &self.secret_text));
        let csrf = match csrf_ok {
            true => None,
            false => rules::mint_csrf(&self.secret_text).map(|value| {
                SetCookie::session(&names.csrf, &value, self.csrf_cookie.1.unwrap_or(secure))
                    .to_string()
            }),
        };
        out.push(&csrf.map_or(JsValue::UNDEFINED, |c| JsValue::from_str(&c)));
        out
    }

    /// The callback-URL `Set-Cookie` for `url` (`callbacks.redirect`'s answer).
    #[wasm_bindgen(js_name = callbackSetCookie)]
    pub fn callback_set_cookie(&self, url: &str, secure: bool) -> String {
        let name = self.names(secure).callback_url;
        SetCookie::session(&name, url, self.callback_cookie.1.unwrap_or(secure)).to_string()
    }

    /// The request's session token (chunks joined), `undefined` when there is no session cookie.
    #[wasm_bindgen(js_name = rawToken)]
    pub fn raw_token(&self, cookie: Option<String>, secure: bool) -> Option<String> {
        let header = cookie.unwrap_or_default();
        let reader = self.reader(secure);
        if present(&header, reader.cookie_name().as_str()).is_empty() {
            return None;
        }
        // A chunk gap is a token Auth.js cannot decode either.
        Some(
            reader
                .raw_token(&RequestParts::cookie(&header))
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
        )
    }

    /// The session token's payload as JSON text; throws when it does not decode (Auth.js's
    /// `JWTSessionError`: the cookies are then cleared, see [`Self::clean`]).
    pub fn decode(&self, token: &str, secure: bool, now_ms: f64) -> Result<String, JsValue> {
        self.reader(secure)
            .decode(token, UnixTime::from_millis(now_ms))
            .map(|claims| claims.into_json())
            .map_err(|e| js::error(&e.to_string()))
    }

    /// The re-encrypted token for `token_json` (the `jwt` callback's answer), with the
    /// `Set-Cookie` values that carry it (chunked, stale chunks cleared).
    pub fn issue(
        &self,
        token_json: &str,
        cookie: Option<String>,
        secure: bool,
        now_ms: f64,
    ) -> Result<Array, JsValue> {
        let claims: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(token_json).map_err(|e| js::error(&e.to_string()))?;
        let token = self
            .encoder(secure)
            .ok_or_else(|| js::error("MissingSecret"))?
            .encode(&claims, self.jwt_max_age, UnixTime::from_millis(now_ms))
            .map_err(|e| js::error(&e.to_string()))?;
        Ok(self.chunk(&token, cookie, secure, now_ms))
    }

    /// The `Set-Cookie` values for a token made by a custom `jwt.encode`.
    pub fn chunk(&self, token: &str, cookie: Option<String>, secure: bool, now_ms: f64) -> Array {
        let header = cookie.unwrap_or_default();
        let name = self.names(secure).session;
        let expiry = Expiry::after(now_ms, self.session_max_age);
        authjs_session_cookies(
            &name,
            token,
            &expiry,
            self.session_cookie.1.unwrap_or(secure),
            &present(&header, &name)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        )
        .iter()
        .map(|c| JsValue::from_str(c))
        .collect()
    }

    /// The clearing `Set-Cookie` values for every session cookie the request carries.
    pub fn clean(&self, cookie: Option<String>, secure: bool) -> Array {
        let header = cookie.unwrap_or_default();
        let name = self.names(secure).session;
        let secure_attribute = self.session_cookie.1.unwrap_or(secure);
        present(&header, &name)
            .iter()
            .map(|n| {
                JsValue::from_str(
                    &SetCookie::session(n, "", secure_attribute)
                        .max_age_zero()
                        .to_string(),
                )
            })
            .collect()
    }

    /// What the middleware answers after `authorized`: 0 `NextResponse.next()`, 1 the Response
    /// `authorized` returned, 2 the wrapped function's answer, 3 the sign-in redirect.
    /// `answer`: 0 no callback, 1 a Response, 2 falsy, 3 truthy.
    pub fn outcome(&self, answer: u8, wrapped: bool, pathname: &str) -> u8 {
        let answer = match answer {
            0 => Answer::NoCallback,
            1 => Answer::Response,
            n => Answer::Truthy(n == 3),
        };
        match rules::outcome(answer, wrapped, pathname, &self.sign_in_page) {
            Outcome::Next => 0,
            Outcome::AuthorizedResponse => 1,
            Outcome::Wrapped => 2,
            Outcome::SignIn => 3,
        }
    }

    /// The session cookie's name (a custom `jwt.encode`/`decode` gets it as `salt`).
    #[wasm_bindgen(js_name = sessionCookieName)]
    pub fn session_cookie_name(&self, secure: bool) -> String {
        self.names(secure).session
    }

    /// `pages.signIn ?? `${basePath}/signin``.
    #[wasm_bindgen(getter, js_name = signInPage)]
    pub fn sign_in_page(&self) -> String {
        self.sign_in_page.clone()
    }
}

impl AuthjsCore {
    fn secure(&self, action_origin: &str) -> bool {
        self.use_secure_cookies
            .unwrap_or_else(|| action_origin.starts_with("https://"))
    }

    fn names(&self, secure: bool) -> CookieNames {
        CookieNames::new(
            secure,
            self.session_cookie.0.clone(),
            self.callback_cookie.0.clone(),
            self.csrf_cookie.0.clone(),
        )
    }

    /// The reader's encoder, kept while the secret and cookie name stay the same: deriving the
    /// key and its `kid` thumbprint once, not per request.
    fn encoder(&self, secure: bool) -> Option<Rc<TokenEncoder>> {
        type Cached = (Secret, String, Rc<TokenEncoder>);
        thread_local! {
            static ENCODER: RefCell<Option<Cached>> = const { RefCell::new(None) };
        }
        let secret = self.secrets.first()?;
        let salt = self.names(secure).session;
        ENCODER.with(|cache| {
            if let Some((s, n, encoder)) = &*cache.borrow() {
                if s == secret && *n == salt {
                    return Some(encoder.clone());
                }
            }
            let encoder = Rc::new(self.reader(secure).encoder()?);
            *cache.borrow_mut() = Some((secret.clone(), salt, encoder.clone()));
            Some(encoder)
        })
    }

    fn reader(&self, secure: bool) -> Rc<SessionReader> {
        readers::reader(
            &ReaderOptions {
                secret: Some(self.secrets.clone()),
                cookie_name: Some(self.names(secure).session),
                secure_cookie: Some(secure),
                bearer: false,
                authjs_only: true,
                ..ReaderOptions::default()
            },
            &SessionEnv::default(),
        )
    }
}

/// The request's session cookies (the name or its chunks) with a value, in header order.
fn present(header: &str, name: &str) -> Vec<String> {
    CookieJar::parse(header)
        .iter()
        .filter(|(n, v)| !v.is_empty() && is_session_cookie(name, n))
        .map(|(n, _)| n.to_owned())
        .collect()
}
