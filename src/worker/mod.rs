//! The Cloudflare Worker: `withAuth` in front of any origin (`wrangler.toml`, built by
//! worker-build with `--features worker`).
//!
//! Per request: configuration from the Worker's variables (compiled once per isolate, see
//! [`state`]), the `DEV_DEMO` pages when on, then [`ProxyConfig::step`] (matcher, auth routes,
//! secret, session), the user's `worker/authorized.js`, [`Guard::conclude`], and finally a
//! redirect, a 403, or the request forwarded to `UPSTREAM` / its own origin.
//!
//! Everything that decides lives in the pure layers (`proxy`, `gate`, `matcher`, `cookies`,
//! `token`); this module only moves values between them and the Workers runtime.
//!
//! [`Guard::conclude`]: crate::gate::Guard::conclude

mod authorized;
mod demo;
mod forward;
mod live_heap;
mod outbound;
mod respond;
mod state;

use wasm_bindgen::JsValue;
use worker::{event, web_sys, Context, Env, Url};

use crate::gate::Decision;
use crate::proxy::{IncomingUrl, ProxyConfig, Step};
use crate::token::UnixTime;

#[event(fetch)]
async fn fetch(
    req: web_sys::Request,
    env: Env,
    _ctx: Context,
) -> worker::Result<web_sys::Response> {
    match handle(req, &env).await {
        Ok(response) => Ok(response),
        Err(err) => {
            // Only runtime failures land here (a Response that could not be built).
            worker::console_error!("[nextauth-edge] internal error: {}", js_message(&err));
            respond::text(500, "nextauth-edge: internal error").map_err(to_worker_error)
        }
    }
}

fn to_worker_error(err: JsValue) -> worker::Error {
    worker::Error::JsError(
        err.as_string()
            .unwrap_or_else(|| "failed to build a response".into()),
    )
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

async fn handle(req: web_sys::Request, env: &Env) -> Result<web_sys::Response, JsValue> {
    let config = state::config(env);
    let config = match config.as_ref() {
        Ok(config) => config,
        Err(err) => return respond::config_error(err),
    };
    let href = req.url();
    let Ok(url) = Url::parse(&href) else {
        return respond::text(400, "Bad Request");
    };
    let incoming = IncomingUrl {
        origin: url.origin().ascii_serialization(),
        pathname: url.path().to_owned(),
        search: match url.query() {
            Some(query) if !query.is_empty() => format!("?{query}"),
            _ => String::new(),
        },
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

    if config.demo() {
        let host = url.host_str().unwrap_or_default();
        if !crate::proxy::demo::is_loopback(host) {
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
    let step = match config.step(
        &incoming,
        cookie.as_deref(),
        authorization.as_deref(),
        now(),
    ) {
        Ok(step) => step,
        Err(err) => return respond::config_error(&err),
    };
    match step {
        Step::Forward => {
            debug(config, &req, &incoming, "not guarded, forwarded");
            let pass = outbound::Pass {
                origin: &incoming.origin,
                ..outbound::Pass::default()
            };
            forward::forward(config, req, &incoming, pass).await
        }
        Step::NoSecret(location) => {
            worker::console_error!(
                "[next-auth][error][NO_SECRET] \nhttps://next-auth.js.org/errors#no_secret"
            );
            respond::redirect(307, &location, &[])
        }
        Step::Check { guard, session } => {
            let token = match &session {
                Ok(session) => js_sys::JSON::parse(session.claims.json()).unwrap_or(JsValue::NULL),
                Err(_) => JsValue::NULL,
            };
            let answer = match authorized::ask(&req, &incoming, &token, env).await {
                Ok(answer) => answer,
                Err(thrown) => {
                    worker::console_error!(
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
                    };
                    let response = forward::forward(config, req, &incoming, pass).await?;
                    outbound::response(config, response, pass)
                }
                Decision::Redirect(location) => {
                    debug(config, &req, &incoming, "not authorized, sent to sign-in");
                    // With DEBUG, the wasm memory's size, the live Rust heap and the live JS
                    // handles ride along, so a load test can see that nothing accumulates per
                    // request (tests/worker/load.test.mjs).
                    let sizes = config.debug().then(|| {
                        [
                            wasm_memory_bytes(),
                            live_heap::live_bytes().to_string(),
                            wasm_bindgen::externref_heap_live_count().to_string(),
                        ]
                    });
                    let extra: Vec<(&str, &str)> = match &sizes {
                        Some([memory, live, handles]) => vec![
                            ("x-nextauth-edge-wasm-memory", memory.as_str()),
                            ("x-nextauth-edge-live-heap", live.as_str()),
                            ("x-nextauth-edge-live-handles", handles.as_str()),
                        ],
                        None => Vec::new(),
                    };
                    respond::redirect(307, &location, &extra)
                }
                Decision::Refuse(_) => {
                    debug(config, &req, &incoming, "signed in but refused: 403");
                    respond::text(403, "Forbidden")
                }
            }
        }
    }
}

/// The wasm linear memory's size in bytes: where every Rust allocation lives.
fn wasm_memory_bytes() -> String {
    use wasm_bindgen::JsCast;
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length()
        .to_string()
}

/// `DEBUG=true`: one line per guarded decision (method, path, outcome; never a token).
fn debug(config: &ProxyConfig, req: &web_sys::Request, url: &IncomingUrl, outcome: &str) {
    if config.debug() {
        worker::console_log!(
            "[nextauth-edge] {} {} {}",
            req.method(),
            url.pathname,
            outcome
        );
    }
}
