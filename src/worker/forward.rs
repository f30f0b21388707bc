//! Forwarding to the origin: `UPSTREAM` (a URL, or `service:NAME`, a service binding), or the
//! request's own URL (a Worker on a route reaches its zone's origin that way).
//!
//! Nothing is lost in transit: the method, the headers and the request body's stream go along
//! unchanged, and the origin's response is returned as the runtime hands it over, its body
//! stream included; neither body passes through this module or the wasm memory. Redirects are
//! passed back to the client, not followed. A WebSocket upgrade is a request like any other
//! (guarded, then forwarded with its `Upgrade` header): the origin's 101 response carries the
//! socket (`response.webSocket`), and returning it unchanged proxies the socket both ways.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use web_sys::{Request, Response};

#[cfg(feature = "demo")]
use super::demo;
use super::state::Compiled;
use super::{outbound, respond};
use crate::proxy::{ConfigError, IncomingUrl, ProxyConfig};
use crate::reader::Session;

/// Marks a request this Worker forwarded to its own origin, to detect it coming back.
pub(super) const LOOP_HEADER: &str = "x-nextauth-edge-forwarded";

#[wasm_bindgen]
extern "C" {
    /// A service binding (`env.NAME`): another Worker, reached with its `fetch`.
    pub type Fetcher;
    #[wasm_bindgen(method, catch, js_name = fetch)]
    fn fetch_request(this: &Fetcher, request: &Request) -> Result<Promise, JsValue>;
}

#[wasm_bindgen(
    inline_js = "export function settle(p, f) { return p.then((v) => f(v, true), (e) => f(e, false)); }"
)]
extern "C" {
    /// `promise.then(f(value, true), f(error, false))`: one callback, called exactly once, so its
    /// Rust closure is always freed.
    fn settle(promise: &Promise, then: JsValue) -> Promise;
}

/// How forwarded requests leave the Worker.
pub enum Origin {
    /// The runtime's `fetch`: `UPSTREAM`'s URL, or the request's own.
    Fetch,
    /// `UPSTREAM = "service:NAME"`: `env.NAME.fetch(request)`.
    Service(Fetcher),
}

impl Origin {
    /// The service binding `UPSTREAM` names must be in `env` (a `[[services]]` entry).
    pub fn from_env(config: &ProxyConfig, env: &JsValue) -> Result<Origin, ConfigError> {
        let Some(name) = config.upstream_service() else {
            return Ok(Origin::Fetch);
        };
        let binding = super::property(env, name);
        if !super::property(&binding, "fetch").is_function() {
            return Err(ConfigError {
                setting: "UPSTREAM",
                problem: format!(
                    "names the service binding `{name}`, which this Worker does not have: add \
                     `[[services]]` with `binding = \"{name}\"` and `service = \"<the origin \
                     Worker's name>\"` to wrangler.toml"
                ),
            });
        }
        Ok(Origin::Service(binding.unchecked_into()))
    }

    fn fetch(&self, request: &Request) -> Result<Promise, JsValue> {
        match self {
            Origin::Fetch => {
                let global: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
                Ok(global.fetch_with_request(request))
            }
            Origin::Service(binding) => binding.fetch_request(request),
        }
    }
}

/// The request forwarded: a promise of the origin's response (or this Worker's 502/504 when the
/// origin cannot be reached), or a response at once (the loop guard, the demo's origin page).
/// `guarded`: the gate checked it and let it through, with `session` when it has one.
#[allow(clippy::too_many_arguments)]
pub fn forward(
    compiled: &Compiled,
    config: &ProxyConfig,
    origin: &Origin,
    req: Request,
    url: &IncomingUrl,
    session: Option<&Session>,
    guarded: bool,
    drop_next_url: bool,
) -> Result<JsValue, JsValue> {
    #[cfg(feature = "demo")]
    if config.demo() && config.forwards_to_own_origin() {
        return demo::origin_page(config, &req, url).map(JsValue::from);
    }
    let pass = outbound::Pass {
        guarded,
        session,
        origin: &url.origin,
        drop_next_url,
    };
    let own_origin = config.forwards_to_own_origin();
    if own_origin && req.headers().has(LOOP_HEADER)? {
        console_error!(
            "[nextauth-edge] a forwarded request came back to the Worker: set UPSTREAM to the origin's URL"
        );
        return respond::text(
            508,
            "nextauth-edge: this request looped back to the Worker. Set UPSTREAM to your origin's URL.",
        )
        .map(JsValue::from);
    }
    let target = config.forward_url(url);
    let upstream_request = outbound::upstream_request(config, &req, &target, pass, own_origin)?;
    let private = pass.private(config);
    let compiled = compiled.clone();
    let gate_origin = url.origin.clone();
    let then = move |value: JsValue, ok: bool| -> Result<JsValue, JsValue> {
        let Ok(config) = compiled.as_ref() else {
            unreachable!("only a working configuration forwards");
        };
        if !ok {
            return not_reached(config, &gate_origin, &value).map(JsValue::from);
        }
        // As the runtime handed it over: status, headers, body stream, `webSocket`; a guarded
        // response made private (GUARDED_CACHE).
        let response: Response = value.unchecked_into();
        if private {
            outbound::private_response(response).map(JsValue::from)
        } else {
            Ok(response.into())
        }
    };
    match origin.fetch(&upstream_request) {
        Ok(sent) => Ok(settle(&sent, Closure::once_into_js(then)).into()),
        Err(thrown) => then(thrown, false),
    }
}

/// The origin's fetch failed: 504 when `UPSTREAM_TIMEOUT_MS` ran out, else 502; the log names the
/// origin.
fn not_reached(
    config: &ProxyConfig,
    gate_origin: &str,
    err: &JsValue,
) -> Result<Response, JsValue> {
    let service;
    let origin = match (config.upstream(), config.upstream_service()) {
        (Some(upstream), _) => upstream.origin(),
        (None, Some(name)) => {
            service = format!("service binding {name}");
            &service
        }
        (None, None) => gate_origin,
    };
    let reason = super::js_message(err);
    // `AbortSignal.timeout` rejects the fetch with a DOMException named TimeoutError.
    let timed_out = super::property(err, "name").as_string().as_deref() == Some("TimeoutError");
    if timed_out {
        console_error!(
            "[nextauth-edge] the origin {} did not answer within UPSTREAM_TIMEOUT_MS",
            origin
        );
        return respond::text(
            504,
            "Gateway Timeout: the origin server did not answer in time.",
        );
    }
    console_error!(
        "[nextauth-edge] the origin {} could not be reached: {}",
        origin,
        reason
    );
    respond::text(
        502,
        "Bad Gateway: nextauth-edge could not reach the origin server.",
    )
}
