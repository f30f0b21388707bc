//! The Cloudflare Worker: `withAuth` in front of any origin (`wrangler.toml`, built by
//! scripts/build-worker.sh with `--features worker`, plus `demo,test-instrumentation` for
//! `make dev` and the tests).
//!
//! Per request: configuration from the Worker's variables (compiled once per isolate, see
//! `state`), the `DEV_DEMO` pages when built in and on, then [`ProxyConfig::step`] (matcher,
//! auth routes, secret, session), the user's `worker/authorized.js`, [`Guard::conclude`], and
//! finally a redirect, a 403, or the request forwarded to `UPSTREAM` (a URL or a service
//! binding) / its own origin.
//!
//! Everything that decides lives in the pure layers (`proxy`, `gate`, `matcher`, `cookies`,
//! `token`); this module only moves values between them and the Workers runtime, through
//! web-sys and the few bindings in [`runtime`] (of the `worker` crate, only its start-up glue:
//! see Cargo.toml).
//!
//! [`Guard::conclude`]: crate::gate::Guard::conclude

/// `console.error` with `format!` arguments.
macro_rules! console_error {
    ($($arg:tt)*) => { $crate::worker::runtime::error(&format!($($arg)*)) };
}

/// `console.log` with `format!` arguments.
macro_rules! console_log {
    ($($arg:tt)*) => { $crate::worker::runtime::log(&format!($($arg)*)) };
}

mod authorized;
#[cfg(feature = "demo")]
mod demo;
mod forward;
#[cfg(feature = "test-instrumentation")]
mod live_heap;
mod outbound;
mod respond;
mod runtime;
mod state;

use wasm_bindgen::prelude::*;
use web_sys::{Request, Response};

use crate::gate::Decision;
use crate::proxy::{IncomingUrl, NextUrl, ProxyConfig, Step};
use crate::reader::{NoSession, Session};
use crate::token::UnixTime;

#[wasm_bindgen]
extern "C" {
    /// The runtime's WHATWG `URL` (the `url` crate would add its IDNA tables to the module).
    #[wasm_bindgen(js_name = URL)]
    type JsUrl;
    #[wasm_bindgen(constructor, js_class = "URL", catch)]
    fn new(url: &str) -> Result<JsUrl, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn origin(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    fn pathname(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    fn search(this: &JsUrl) -> String;
    #[wasm_bindgen(method, setter)]
    fn set_pathname(this: &JsUrl, pathname: &str);
    #[cfg(feature = "demo")]
    #[wasm_bindgen(method, getter)]
    fn host(this: &JsUrl) -> String;
}

/// The module's `fetch` export; worker-build's shim calls it as `fetch(request, env, ctx)`.
#[wasm_bindgen]
pub async fn fetch(req: Request, env: JsValue, _ctx: JsValue) -> Result<Response, JsValue> {
    match handle(req, &env).await {
        Ok(response) => Ok(response),
        Err(err) => {
            // Only runtime failures land here (a Response that could not be built).
            console_error!("[nextauth-edge] internal error: {}", js_message(&err));
            respond::text(500, "nextauth-edge: internal error")
        }
    }
}

/// `value[name]`, `undefined` for a primitive. Only objects are asked: `Reflect.get` on a primitive
/// throws, and that exception, caught across the boundary, left one externref slot behind per call
/// (one per request when `authorized` returns a boolean; found by the load test's live counts).
pub(crate) fn property(value: &JsValue, name: &str) -> JsValue {
    if !value.is_object() && !value.is_function() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// An error's `message`, or the thrown value if it is a string.
pub(crate) fn js_message(err: &JsValue) -> String {
    property(err, "message")
        .as_string()
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

pub(crate) fn now_millis() -> f64 {
    js_sys::Date::now()
}

pub(crate) fn now() -> UnixTime {
    UnixTime::from_millis(now_millis())
}

async fn handle(req: Request, env: &JsValue) -> Result<Response, JsValue> {
    let config = state::config(env);
    let config = match config.as_ref() {
        Ok(config) => config,
        Err(err) => return respond::config_error(err),
    };
    let origin = match forward::Origin::from_env(config, env) {
        Ok(origin) => origin,
        Err(err) => return respond::config_error(&err),
    };
    let Ok(url) = JsUrl::new(&req.url()) else {
        return respond::text(400, "Bad Request");
    };
    let incoming = IncomingUrl {
        origin: url.origin(),
        pathname: url.pathname(),
        search: url.search(),
    };
    // PATH_POLICY: from here on, the canonical URL is what is matched, what authorized.js sees
    // and what the origin receives.
    let incoming = match config.canonical(&incoming) {
        Ok(canonical) => canonical,
        Err(bad) => {
            debug(
                config,
                &req,
                &incoming,
                "refused: ambiguous or malformed path (400)",
            );
            return respond::text(400, bad.message());
        }
    };

    if let Some(response) = outbound::jwks(config, &incoming.pathname)? {
        return Ok(response);
    }

    #[cfg(feature = "demo")]
    if config.demo() {
        let host = url.host();
        if !crate::proxy::demo::is_loopback(&host) {
            return respond::config_error(&crate::proxy::ConfigError {
                setting: "DEV_DEMO",
                problem: format!(
                    "is for local development and only answers on localhost; refused for a request to {}",
                    host.chars().take(100).collect::<String>()
                ),
            });
        }
        if let Some(response) = demo::route(config, &req, &incoming).await? {
            return Ok(response);
        }
    }

    let headers = req.headers();
    let cookie = headers.get("cookie").ok().flatten();
    let authorization = headers.get("authorization").ok().flatten();
    // What the gate judges: for a Next.js origin, the page a data/RSC/image URL is for.
    let judged = config.judged_url(&incoming);
    let step = match config.step(&judged, cookie.as_deref(), authorization.as_deref(), now()) {
        Ok(step) => step,
        Err(err) => return respond::config_error(&err),
    };
    // Asked only for a request that is let through (an authorized.js call when it names a
    // guarded page).
    let next_url_dropped = || {
        drops_next_url(
            config,
            &req,
            &incoming,
            cookie.as_deref(),
            authorization.as_deref(),
            env,
        )
    };
    match step {
        Step::Forward => {
            debug(config, &req, &incoming, "not guarded, forwarded");
            let pass = outbound::Pass {
                origin: &incoming.origin,
                drop_next_url: next_url_dropped().await,
                ..outbound::Pass::default()
            };
            forward::forward(config, &origin, req, &incoming, pass).await
        }
        Step::NoSecret(location) => {
            console_error!(
                "[next-auth][error][NO_SECRET] \nhttps://next-auth.js.org/errors#no_secret"
            );
            respond::redirect(307, &location, &[])
        }
        Step::Check { guard, session } => {
            let token = token_value(&session);
            let answer = match authorized::ask(&req, &judged, config.base_path(), &token, env).await
            {
                Ok(answer) => answer,
                Err(thrown) => {
                    console_error!(
                        "[nextauth-edge] worker/authorized.js threw ({}); answered 500, nothing let through",
                        thrown
                    );
                    return respond::text(
                        500,
                        "nextauth-edge: the authorization check failed, so the request was not let through.",
                    );
                }
            };
            match guard.conclude(answer, session.is_ok()) {
                Decision::Allow => {
                    debug(config, &req, &incoming, "authorized, forwarded");
                    let pass = outbound::Pass {
                        guarded: true,
                        session: session.as_ref().ok(),
                        origin: &incoming.origin,
                        drop_next_url: next_url_dropped().await,
                    };
                    let response = forward::forward(config, &origin, req, &incoming, pass).await?;
                    outbound::response(config, response, pass)
                }
                Decision::Redirect(location) => {
                    debug(config, &req, &incoming, "not authorized, sent to sign-in");
                    // A Pages Router data request (`x-nextjs-data`) follows `x-nextjs-redirect`
                    // instead of `Location`, as Next's adapter answers it (a cross-origin
                    // Location would end in a CORS error for the client router).
                    let target = if config.nextjs_origin()
                        && headers.has("x-nextjs-data").unwrap_or(false)
                    {
                        let relative = location
                            .strip_prefix(incoming.origin.as_str())
                            .filter(|rest| rest.starts_with('/'))
                            .unwrap_or(&location);
                        ("x-nextjs-redirect", relative)
                    } else {
                        ("location", location.as_str())
                    };
                    #[allow(unused_mut)]
                    let mut response_headers = vec![target, ("cache-control", "no-store")];
                    // With DEBUG in a test-instrumentation build, the wasm memory's size, the
                    // live Rust heap and the live JS handles ride along, so a load test can see
                    // that nothing accumulates per request (tests/worker/load.test.mjs).
                    #[cfg(feature = "test-instrumentation")]
                    let sizes = config.debug().then(live_heap::debug_headers);
                    #[cfg(feature = "test-instrumentation")]
                    response_headers.extend(
                        sizes
                            .iter()
                            .flatten()
                            .map(|(name, value)| (*name, value.as_str())),
                    );
                    respond::build(307, None, &response_headers)
                }
                Decision::Refuse(_) => {
                    debug(config, &req, &incoming, "signed in but refused: 403");
                    respond::text(403, "Forbidden")
                }
            }
        }
    }
}

/// The session's claims as the `token` `worker/authorized.js` receives (`null` without one).
fn token_value(session: &Result<Session, NoSession>) -> JsValue {
    match session {
        Ok(session) => js_sys::JSON::parse(session.claims.json()).unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    }
}

/// Whether a request let through must lose its `Next-Url` header ([`ProxyConfig::next_url`]):
/// when the header is not a path, or names a guarded page this request could not pass the gate
/// for (no session, or `authorized.js` says no or throws). Dropping it only costs Next's
/// intercepting route; the requested page itself was checked.
async fn drops_next_url(
    config: &ProxyConfig,
    req: &Request,
    url: &IncomingUrl,
    cookie: Option<&str>,
    authorization: Option<&str>,
    env: &JsValue,
) -> bool {
    let Some(header) = req.headers().get("next-url").ok().flatten() else {
        return false;
    };
    let page = match config.next_url(url, &header) {
        NextUrl::Check(page) => page,
        NextUrl::Forward => return false,
        _ => return true,
    };
    match config.step(&page, cookie, authorization, now()) {
        Ok(Step::Forward) => false,
        Ok(Step::Check { guard, session }) => {
            let token = token_value(&session);
            match authorized::ask(req, &page, config.base_path(), &token, env).await {
                Ok(answer) => !matches!(guard.conclude(answer, session.is_ok()), Decision::Allow),
                Err(_) => true,
            }
        }
        _ => true,
    }
}

/// `DEBUG=true`: one line per guarded decision (method, path, outcome; never a token).
fn debug(config: &ProxyConfig, req: &Request, url: &IncomingUrl, outcome: &str) {
    if config.debug() {
        console_log!(
            "[nextauth-edge] {} {} {}",
            req.method(),
            url.pathname,
            outcome
        );
    }
}
