//! next-auth@5's `NextAuth(config).auth` as middleware / Next 16 `proxy`: the bare export
//! `auth(req, ev)` and the wrapper `auth((req) => …)` with `req.auth`. The decisions are in
//! [`crate::v5`] and the session reader; this moves JS values and calls the user's callbacks.

use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::{js, readers, session};
use crate::cookies::{is_session_cookie, CookieJar};
use crate::reader::{AuthjsEnv, AuthjsSecret, ReaderOptions, RequestParts, SessionEnv};
use crate::session::{authjs_session_cookies, default_session, Expiry, SetCookie};
use crate::token::{Secret, DEFAULT_MAX_AGE_SECS};
use crate::v5::{self as rules, Answer, CookieNames, Outcome};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = URL)]
    type BaseUrl;
    #[wasm_bindgen(constructor, js_class = "URL", catch)]
    fn new(url: &str, base: &JsValue) -> Result<BaseUrl, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn protocol(this: &BaseUrl) -> String;
    #[wasm_bindgen(method, getter)]
    fn origin(this: &BaseUrl) -> String;
    #[wasm_bindgen(method, getter)]
    fn pathname(this: &BaseUrl) -> String;
    #[wasm_bindgen(method, getter)]
    fn href(this: &BaseUrl) -> String;
}

const NOT_MIDDLEWARE: &str = "nextauth-edge/v5: `auth` here is the middleware / proxy: call it as \
`auth(req, ev)` (export { auth as middleware }) or `auth((req) => …)`. For `await auth()` in Server \
Components and route handlers on Node, use next-auth's own `auth`.";

/// A `config` as `NextAuth` reads it, after next-auth@5's `setEnvDefaults`.
struct Config {
    callbacks: JsValue,
    authorized: Option<Function>,
    jwt_callback: Option<Function>,
    session_callback: Option<Function>,
    redirect_callback: Option<Function>,
    events_session: Option<(JsValue, Function)>,
    jwt: JsValue,
    jwt_encode: Option<Function>,
    jwt_decode: Option<Function>,
    sign_in_page: Option<String>,
    session_max_age: i64,
    jwt_max_age: i64,
    base_path: String,
    trust_host: bool,
    secrets: Vec<Secret>,
    /// `String(config.secret)`: what the CSRF hash is salted with.
    secret_text: String,
    /// `config.secret` as a custom `jwt.encode`/`decode` sees it.
    secret_value: JsValue,
    use_secure_cookies: Option<bool>,
    session_cookie: (Option<String>, Option<bool>),
    callback_cookie: (Option<String>, Option<bool>),
    csrf_cookie: (Option<String>, Option<bool>),
}

fn nullish(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

fn truthy_unless_nullish(value: &JsValue) -> Option<bool> {
    (!nullish(value)).then(|| value.is_truthy())
}

fn process_env() -> JsValue {
    thread_local! {
        static ENV: JsValue = js::get(&js::get(&js_sys::global(), "process"), "env");
    }
    ENV.with(JsValue::clone)
}

fn env_var(name: &'static str) -> Option<String> {
    js::get_string(&process_env(), name)
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

impl Config {
    fn parse(config: &JsValue) -> Result<Config, JsValue> {
        let providers = js::get(config, "providers");
        if !Array::is_array(&providers) {
            // next-auth@5's setEnvDefaults runs `config.providers.map(…)`: a TypeError too.
            return Err(js_sys::TypeError::new(
                "nextauth-edge/v5: config.providers must be an array (next-auth@5 throws on it too): \
                 put `providers: []` in auth.config.ts and the real providers in auth.ts",
            )
            .into());
        }
        let env = SessionEnv::read_authjs(env_var);
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
        let secret_value = match &secret {
            AuthjsSecret::One(text) if !text.is_empty() => JsValue::from_str(text),
            AuthjsSecret::List(list) if !list.is_empty() => secret_js.clone(),
            AuthjsSecret::Absent if secrets.len() == 1 && env_current_secret(&env).is_some() => {
                JsValue::from_str(&env_current_secret(&env).unwrap_or_default())
            }
            _ => secrets
                .iter()
                .map(|s| JsValue::from_str(&String::from_utf8_lossy(s.as_bytes())))
                .collect::<Array>()
                .into(),
        };
        let env_url_pathname = env
            .url()
            .and_then(|url| BaseUrl::new(url, &JsValue::UNDEFINED).ok())
            .map(|url| url.pathname());
        let base_path = rules::base_path(
            js::get_string(config, "basePath").as_deref(),
            env_url_pathname.as_deref(),
        );
        let trust_host = env.trust_host(truthy_unless_nullish(&js::get(config, "trustHost")));
        let callbacks = js::get(config, "callbacks");
        let session_options = js::get(config, "session");
        let jwt = js::get(config, "jwt");
        let session_max_age =
            seconds(&js::get(&session_options, "maxAge")).unwrap_or(DEFAULT_MAX_AGE_SECS);
        let events = js::get(config, "events");
        let cookies = js::get(config, "cookies");
        Ok(Config {
            authorized: js::get_function(&callbacks, "authorized"),
            jwt_callback: js::get_function(&callbacks, "jwt"),
            session_callback: js::get_function(&callbacks, "session"),
            redirect_callback: js::get_function(&callbacks, "redirect"),
            events_session: js::get_function(&events, "session").map(|f| (events.clone(), f)),
            callbacks,
            jwt_encode: js::get_function(&jwt, "encode"),
            jwt_decode: js::get_function(&jwt, "decode"),
            jwt_max_age: seconds(&js::get(&jwt, "maxAge")).unwrap_or(session_max_age),
            jwt,
            sign_in_page: js::get_string(&js::get(config, "pages"), "signIn"),
            session_max_age,
            base_path,
            trust_host,
            secrets,
            secret_text,
            secret_value,
            use_secure_cookies: truthy_unless_nullish(&js::get(config, "useSecureCookies")),
            session_cookie: cookie_settings(&cookies, "sessionToken"),
            callback_cookie: cookie_settings(&cookies, "callbackUrl"),
            csrf_cookie: cookie_settings(&cookies, "csrfToken"),
        })
    }
}

/// `AUTH_SECRET ?? NEXTAUTH_SECRET` when non-empty: `config.secret` stays that string.
fn env_current_secret(env: &AuthjsEnv) -> Option<String> {
    env.auth_secret
        .clone()
        .or_else(|| env.nextauth_secret.clone())
        .filter(|s| !s.is_empty())
}

/// A config object, or a function of the request returning one (next-auth@5's lazy init).
enum Source {
    Ready(Rc<Config>),
    Lazy(Function),
}

impl Source {
    async fn config(&self, req: &JsValue) -> Result<Rc<Config>, JsValue> {
        match self {
            Source::Ready(config) => Ok(config.clone()),
            Source::Lazy(function) => {
                let value = js::settle(function.call1(&JsValue::UNDEFINED, req)?).await?;
                Config::parse(&value).map(Rc::new)
            }
        }
    }
}

/// `NextAuth(config)`'s `auth`, returned to `pkg/v5.mjs`, which adds next-auth@5's other members.
#[wasm_bindgen(js_name = __authjsAuth)]
pub fn authjs_auth(config: JsValue) -> Result<JsValue, JsValue> {
    let source = match config.dyn_ref::<Function>() {
        Some(function) => Source::Lazy(function.clone()),
        None => Source::Ready(Rc::new(Config::parse(&config)?)),
    };
    let source = Rc::new(source);
    let auth = Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(
        move |first: JsValue, second: JsValue| {
            if first.is_instance_of::<js::JsRequest>() {
                let source = source.clone();
                return Ok(super::run(async move {
                    let config = source.config(&first).await?;
                    handle(first, second, &config, None).await
                })
                .into());
            }
            if let Some(wrapped) = first.dyn_ref::<Function>() {
                let wrapped = wrapped.clone();
                let source = source.clone();
                let handler = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(
                    move |req: JsValue, ev: JsValue| {
                        let source = source.clone();
                        let wrapped = wrapped.clone();
                        super::run(async move {
                            let config = source.config(&req).await?;
                            handle(req, ev, &config, Some(&wrapped)).await
                        })
                    },
                );
                return Ok(handler.into_js_value());
            }
            Ok(Promise::reject(&js::error(NOT_MIDDLEWARE)).into())
        },
    );
    Ok(auth.into_js_value())
}

fn log_auth_error(name: &str, message: &str) {
    js::console_error(&format!("[auth][error] {name}: {message}"));
}

/// What `getSession` produced: the session (JSON text, or a JS value from the callbacks) and the
/// `Set-Cookie` values.
struct SessionResult {
    auth: Auth,
    cookies: Vec<String>,
}

enum Auth {
    Null,
    Json(String),
    Value(JsValue),
}

impl Auth {
    fn to_js(&self) -> Result<JsValue, JsValue> {
        match self {
            Auth::Null => Ok(JsValue::NULL),
            Auth::Json(json) => js_sys::JSON::parse(json),
            // `response.json()` of the body: a JSON round trip.
            Auth::Value(value) => match js_sys::JSON::stringify(value)?.as_string() {
                Some(json) => js_sys::JSON::parse(&json),
                None => Ok(JsValue::NULL),
            },
        }
    }
}

async fn handle(
    req: JsValue,
    ev: JsValue,
    config: &Config,
    wrapped: Option<&Function>,
) -> Result<JsValue, JsValue> {
    let env_url = env_var("AUTH_URL")
        .or_else(|| env_var("NEXTAUTH_URL"))
        .filter(|u| !u.is_empty());
    // reqWithEnvURL parses it first: an invalid URL rejects, as in next-auth.
    let env_url = match env_url {
        Some(url) => Some(BaseUrl::new(&url, &JsValue::UNDEFINED)?),
        None => None,
    };
    let session = get_session(&req, env_url.as_ref(), config).await?;

    let needs_request = config.authorized.is_some() || wrapped.is_some();
    let request = match (&env_url, needs_request) {
        (Some(url), true) => with_env_origin(&req, &url.origin())?,
        _ => req.clone(),
    };
    let auth = if needs_request {
        session.auth.to_js()?
    } else {
        JsValue::NULL
    };
    let mut authorized_value = JsValue::UNDEFINED;
    let answer = match &config.authorized {
        Some(authorized) => {
            let params = js::object(&[("request", &request), ("auth", &auth)]);
            authorized_value = js::settle(authorized.call1(&config.callbacks, &params)?).await?;
            if authorized_value.is_instance_of::<js::JsResponse>() {
                Answer::Response
            } else {
                Answer::Truthy(authorized_value.is_truthy())
            }
        }
        None => Answer::NoCallback,
    };
    let next_url = js::get(&request, "nextUrl");
    let pathname = js::get_string(&next_url, "pathname").unwrap_or_default();
    let sign_in_page = rules::sign_in_page(config.sign_in_page.as_deref(), &config.base_path);
    let response = match rules::outcome(answer, wrapped.is_some(), &pathname, &sign_in_page) {
        Outcome::AuthorizedResponse => {
            let headers = js::RequestHeaders::of(&authorized_value);
            if let Some(location) = headers.get("location") {
                // isSameAuthAction's `new URL(redirect)`: a relative Location throws.
                BaseUrl::new(&location, &JsValue::UNDEFINED)?;
            }
            rewrap(&authorized_value)?
        }
        Outcome::Wrapped => {
            Reflect::set(&request, js::key("auth"), &auth)?;
            let returned = wrapped
                .map(|f| f.call2(&JsValue::UNDEFINED, &request, &ev))
                .unwrap_or(Ok(JsValue::UNDEFINED))?;
            let returned = js::settle(returned).await?;
            if nullish(&returned) {
                next_response()?
            } else {
                rewrap(&returned)?
            }
        }
        Outcome::SignIn => {
            let location = sign_in_url(&next_url, &sign_in_page)?;
            response_with(307, &[("Location", &location)])?
        }
        Outcome::Next => next_response()?,
    };
    let headers = js::get(&response, "headers");
    if let Some(append) = js::get_function(&headers, "append") {
        for cookie in &session.cookies {
            append.call2(&headers, js::key("set-cookie"), &JsValue::from_str(cookie))?;
        }
    }
    Ok(response)
}

/// `new NextRequest(href.replace(origin, envOrigin), req)`, with the request's own class.
fn with_env_origin(req: &JsValue, env_origin: &str) -> Result<JsValue, JsValue> {
    let next_url = js::get(req, "nextUrl");
    let href = js::get_string(&next_url, "href").unwrap_or_default();
    let origin = js::get_string(&next_url, "origin").unwrap_or_default();
    let url = rules::replace_origin(&href, &origin, env_origin);
    let class: Function = js::get(req, "constructor").dyn_into()?;
    Reflect::construct(&class, &Array::of2(&JsValue::from_str(&url), req))
}

/// `request.nextUrl.clone()` with the sign-in page as pathname and `callbackUrl` set to the
/// request's href, as `NextResponse.redirect` serializes it.
fn sign_in_url(next_url: &JsValue, sign_in_page: &str) -> Result<String, JsValue> {
    let href = js::get(next_url, "href");
    let clone = js::get_function(next_url, "clone")
        .ok_or_else(|| {
            js::error("nextauth-edge/v5: the request has no nextUrl (not a NextRequest)")
        })?
        .call0(next_url)?;
    Reflect::set(
        &clone,
        js::key("pathname"),
        &JsValue::from_str(sign_in_page),
    )?;
    let params = js::get(&clone, "searchParams");
    if let Some(set) = js::get_function(&params, "set") {
        set.call2(&params, js::key("callbackUrl"), &href)?;
    }
    let text = js::get_string(&clone, "href").unwrap_or_default();
    // NextResponse.redirect: `String(new URL(String(url)))`.
    Ok(BaseUrl::new(&text, &JsValue::UNDEFINED)?.href())
}

fn response_with(status: u16, headers: &[(&str, &str)]) -> Result<JsValue, JsValue> {
    let list = Array::new();
    for (name, value) in headers {
        list.push(&Array::of2(
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        ));
    }
    let init = js::object(&[
        ("status", &JsValue::from_f64(f64::from(status))),
        ("headers", &list),
    ]);
    js::JsResponse::new(&JsValue::NULL, &init).map(Into::into)
}

/// `NextResponse.next()`.
fn next_response() -> Result<JsValue, JsValue> {
    response_with(200, &[("x-middleware-next", "1")])
}

/// `new Response(response?.body, response)`.
fn rewrap(response: &JsValue) -> Result<JsValue, JsValue> {
    let body = js::get(response, "body");
    js::JsResponse::new(&body, response).map(Into::into)
}

/// @auth/core's `Auth()` for the `session` action, as next-auth@5's `getSession` runs it.
async fn get_session(
    req: &JsValue,
    env_url: Option<&BaseUrl>,
    config: &Config,
) -> Result<SessionResult, JsValue> {
    let headers = js::RequestHeaders::of(req);
    let action_origin = match env_url {
        Some(url) => url.origin(),
        None => {
            let host = headers
                .get("x-forwarded-host")
                .or_else(|| headers.get("host"))
                .unwrap_or_else(|| "null".to_owned());
            let proto = headers
                .get("x-forwarded-proto")
                .unwrap_or_else(|| "https".to_owned());
            let colon = if proto.ends_with(':') { "" } else { ":" };
            BaseUrl::new(&format!("{proto}{colon}//{host}"), &JsValue::UNDEFINED)?.origin()
        }
    };
    let none = || SessionResult {
        auth: Auth::Null,
        cookies: Vec::new(),
    };
    let action_url = || {
        let base = config.base_path.trim_matches('/');
        format!("{action_origin}/{base}/session")
    };
    if !config.trust_host {
        log_auth_error(
            "UntrustedHost",
            &format!("Host must be trusted. URL was: {}", action_url()),
        );
        return Ok(none());
    }
    if config.secrets.is_empty() {
        log_auth_error("MissingSecret", "Please define a `secret`");
        return Ok(none());
    }
    if !rules::session_action_parses(&config.base_path) {
        log_auth_error("UnknownAction", "Cannot parse action");
        return Ok(none());
    }
    let secure = config
        .use_secure_cookies
        .unwrap_or_else(|| action_origin.starts_with("https://"));
    let names = CookieNames::new(
        secure,
        config.session_cookie.0.clone(),
        config.callback_cookie.0.clone(),
        config.csrf_cookie.0.clone(),
    );
    let header_values = session::HeaderValues::of(req);
    let cookie_header = header_values.parts().cookie.unwrap_or("").to_owned();
    let jar = CookieJar::parse(&cookie_header);
    let callback_cookie = jar
        .get(&names.callback_url)
        .filter(|v| !v.is_empty())
        .map(str::to_owned);
    if let Some(value) = &callback_cookie {
        let base = if value.starts_with('/') {
            JsValue::from_str(&action_origin)
        } else {
            JsValue::UNDEFINED
        };
        let valid = BaseUrl::new(value, &base)
            .map(|u| {
                let p = u.protocol();
                p.starts_with("http:") || p.starts_with("https:")
            })
            .unwrap_or(false);
        if !valid {
            log_auth_error(
                "InvalidCallbackUrl",
                &format!("Invalid callback URL. Received: {value}"),
            );
            return Ok(none());
        }
    }

    let mut cookies = Vec::new();
    // init: the CSRF cookie, unless the request has a valid one.
    let csrf_secure = config.csrf_cookie.1.unwrap_or(secure);
    let csrf_ok = jar
        .get(&names.csrf)
        .filter(|v| !v.is_empty())
        .is_some_and(|v| rules::csrf_is_valid(v, &config.secret_text));
    if !csrf_ok {
        let value = rules::mint_csrf(&config.secret_text)
            .ok_or_else(|| js::error("nextauth-edge/v5: no random numbers"))?;
        cookies.push(SetCookie::session(&names.csrf, &value, csrf_secure).to_string());
    }
    // init: the callback URL, from the cookie through callbacks.redirect, or the origin.
    let callback_url = match &callback_cookie {
        None => action_origin.clone(),
        Some(value) => match &config.redirect_callback {
            Some(redirect) => {
                let params = js::object(&[
                    ("url", &JsValue::from_str(value)),
                    ("baseUrl", &JsValue::from_str(&action_origin)),
                ]);
                let answer = js::settle(redirect.call1(&config.callbacks, &params)?).await;
                match answer.ok().and_then(|a| a.as_string()) {
                    Some(url) => url,
                    None => {
                        log_auth_error("CallbackRouteError", "callbacks.redirect failed");
                        return Ok(none());
                    }
                }
            }
            None => {
                let origin = BaseUrl::new(value, &JsValue::UNDEFINED)
                    .ok()
                    .map(|u| u.origin());
                match rules::default_redirect(value, &action_origin, origin.as_deref()) {
                    Some(url) => url,
                    None => return Ok(none()),
                }
            }
        },
    };
    if callback_cookie.as_deref() != Some(callback_url.as_str()) {
        let callback_secure = config.callback_cookie.1.unwrap_or(secure);
        cookies.push(
            SetCookie::session(&names.callback_url, &callback_url, callback_secure).to_string(),
        );
    }

    // The session.
    let session_secure = config.session_cookie.1.unwrap_or(secure);
    let present: Vec<&str> = jar
        .iter()
        .filter(|(name, value)| !value.is_empty() && is_session_cookie(&names.session, name))
        .map(|(name, _)| name)
        .collect();
    if present.is_empty() {
        return Ok(SessionResult {
            auth: Auth::Null,
            cookies,
        });
    }
    let clean = |mut cookies: Vec<String>| {
        for name in &present {
            cookies.push(
                SetCookie::session(name, "", session_secure)
                    .max_age_zero()
                    .to_string(),
            );
        }
        SessionResult {
            auth: Auth::Null,
            cookies,
        }
    };
    let reader = readers::reader(
        &ReaderOptions {
            secret: Some(config.secrets.clone()),
            cookie_name: Some(names.session.clone()),
            secure_cookie: Some(secure),
            bearer: false,
            authjs_only: true,
            ..ReaderOptions::default()
        },
        &SessionEnv::default(),
    );
    let parts = RequestParts::cookie(&cookie_header);
    let Ok(raw) = reader.raw_token(&parts) else {
        log_auth_error("JWTSessionError", "Invalid JWT");
        return Ok(clean(cookies));
    };
    let now_ms = js_sys::Date::now();
    let result: Result<Option<(Auth, Vec<String>)>, JsValue> = async {
        // Decode: the reader, or the user's jwt.decode.
        let mut token_json: Option<String> = None;
        let mut token_js = JsValue::UNDEFINED;
        match &config.jwt_decode {
            Some(decode) => {
                let params = jwt_params(
                    config,
                    &[("token", &JsValue::from_str(raw.as_str()))],
                    &names.session,
                );
                token_js = js::settle(decode.call1(&config.jwt, &params)?).await?;
                if !token_js.is_truthy() {
                    return Err(js::error("Invalid JWT"));
                }
            }
            None => {
                let claims = reader
                    .decode(raw.as_str(), session::now())
                    .map_err(|e| js::error(&e.to_string()))?;
                token_json = Some(claims.into_json());
            }
        }
        if let Some(jwt_callback) = &config.jwt_callback {
            if let Some(json) = token_json.take() {
                token_js = js_sys::JSON::parse(&json)?;
            }
            let params = js::object(&[("token", &token_js), ("session", &JsValue::UNDEFINED)]);
            token_js = js::settle(jwt_callback.call1(&config.callbacks, &params)?).await?;
            if token_js.is_null() {
                return Ok(None);
            }
        }
        let claims: serde_json::Map<String, serde_json::Value> = match &token_json {
            Some(json) => serde_json::from_str(json).map_err(|e| js::error(&e.to_string()))?,
            None => {
                let json = js_sys::JSON::stringify(&token_js)?
                    .as_string()
                    .ok_or_else(|| js::error("token is not an object"))?;
                serde_json::from_str(&json).map_err(|e| js::error(&e.to_string()))?
            }
        };
        let expiry = Expiry::after(now_ms, config.session_max_age);
        let default = default_session(&claims, &expiry).to_string();
        let auth = match &config.session_callback {
            None if token_json.is_some() => Auth::Json(default),
            _ => {
                if token_js.is_undefined() {
                    if let Some(json) = &token_json {
                        token_js = js_sys::JSON::parse(json)?;
                    }
                }
                let session_js = js_sys::JSON::parse(&default)?;
                let custom = match &config.session_callback {
                    Some(callback) => {
                        let params = js::object(&[("session", &session_js), ("token", &token_js)]);
                        js::settle(callback.call1(&config.callbacks, &params)?).await?
                    }
                    None => JsValue::UNDEFINED,
                };
                let result = if nullish(&custom) { session_js } else { custom };
                let merged = Object::new();
                Reflect::set(&merged, js::key("user"), &token_js)?;
                Object::assign(&merged, &Object::from(result));
                Auth::Value(merged.into())
            }
        };
        let new_token = match &config.jwt_encode {
            Some(encode) => {
                let token_value = if token_js.is_undefined() {
                    js_sys::JSON::parse(token_json.as_deref().unwrap_or("{}"))?
                } else {
                    token_js.clone()
                };
                let params = jwt_params(config, &[("token", &token_value)], &names.session);
                js::settle(encode.call1(&config.jwt, &params)?)
                    .await?
                    .as_string()
                    .ok_or_else(|| js::error("jwt.encode must return a string"))?
            }
            None => reader
                .encoder()
                .ok_or_else(|| js::error("no secret"))?
                .encode(&claims, config.jwt_max_age, session::now())
                .map_err(|e| js::error(&e.to_string()))?,
        };
        if let Some((events, on_session)) = &config.events_session {
            let session_value = auth.to_js()?;
            let token_value = if token_js.is_undefined() {
                js_sys::JSON::parse(token_json.as_deref().unwrap_or("{}"))?
            } else {
                token_js.clone()
            };
            let params = js::object(&[("session", &session_value), ("token", &token_value)]);
            let _ = events;
            if let Ok(returned) = on_session.call1(&JsValue::UNDEFINED, &params) {
                if js::settle(returned).await.is_err() {
                    log_auth_error("EventError", "events.session threw");
                }
            } else {
                log_auth_error("EventError", "events.session threw");
            }
        }
        let cookies = authjs_session_cookies(
            &names.session,
            &new_token,
            &expiry,
            session_secure,
            &present,
        );
        Ok(Some((auth, cookies)))
    }
    .await;
    match result {
        Ok(Some((auth, session_cookies))) => {
            cookies.extend(session_cookies);
            Ok(SessionResult { auth, cookies })
        }
        Ok(None) => Ok(clean(cookies)),
        Err(_) => {
            log_auth_error(
                "JWTSessionError",
                "Read more at https://errors.authjs.dev#jwtsessionerror",
            );
            Ok(clean(cookies))
        }
    }
}

/// `{ ...jwt, <extra>, salt }` as @auth/core hands a custom `jwt.encode`/`decode`.
fn jwt_params(config: &Config, extra: &[(&'static str, &JsValue)], salt: &str) -> Object {
    let params = Object::new();
    let _ = Reflect::set(&params, js::key("secret"), &config.secret_value);
    let _ = Reflect::set(
        &params,
        js::key("maxAge"),
        &JsValue::from_f64(config.jwt_max_age as f64),
    );
    if config.jwt.is_object() {
        Object::assign(&params, config.jwt.unchecked_ref::<Object>());
    }
    for (name, value) in extra {
        let _ = Reflect::set(&params, js::key(name), value);
    }
    let _ = Reflect::set(&params, js::key("salt"), &JsValue::from_str(salt));
    params
}
