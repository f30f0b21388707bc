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
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, RequestRedirect, Response};

#[cfg(feature = "demo")]
use super::demo;
use super::respond;
use crate::proxy::{ConfigError, IncomingUrl, ProxyConfig};

/// Marks a request this Worker forwarded to its own origin, to detect it coming back.
const LOOP_HEADER: &str = "x-nextauth-edge-forwarded";

#[wasm_bindgen]
extern "C" {
    /// A service binding (`env.NAME`): another Worker, reached with its `fetch`.
    pub type Fetcher;
    #[wasm_bindgen(method, catch, js_name = fetch)]
    fn fetch_request(this: &Fetcher, request: &Request) -> Result<Promise, JsValue>;
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

pub async fn forward(
    config: &ProxyConfig,
    origin: &Origin,
    req: Request,
    url: &IncomingUrl,
) -> Result<Response, JsValue> {
    #[cfg(feature = "demo")]
    if config.demo() && config.forwards_to_own_origin() {
        return demo::origin_page(config, &req, url);
    }
    let incoming = req.headers();
    let own_origin = config.forwards_to_own_origin();
    if own_origin && incoming.has(LOOP_HEADER)? {
        console_error!(
            "[nextauth-edge] a forwarded request came back to the Worker: set UPSTREAM to the origin's URL"
        );
        return respond::text(
            508,
            "nextauth-edge: this request looped back to the Worker. Set UPSTREAM to your origin's URL.",
        );
    }
    let headers = Headers::new_with_headers(&incoming)?;
    // The upstream's own host goes in `Host`; the one the client asked for is passed on
    // (overwriting whatever the client claimed).
    headers.delete("host")?;
    let (proto, host) = url.origin.split_once("://").unwrap_or(("https", ""));
    headers.set("x-forwarded-host", host)?;
    headers.set("x-forwarded-proto", proto)?;
    if own_origin {
        headers.set(LOOP_HEADER, "1")?;
    }
    let init = RequestInit::new();
    let method = req.method();
    init.set_method(&method);
    init.set_headers(&headers);
    init.set_redirect(RequestRedirect::Manual);
    if let Some(ms) = config.upstream_timeout_ms() {
        init.set_signal(Some(&AbortSignal::timeout_with_u32(ms)));
    }
    if method != "GET" && method != "HEAD" {
        if let Some(body) = req.body() {
            init.set_body(&body);
        }
    }
    let target = config.forward_url(url);
    let upstream_request = Request::new_with_str_and_init(&target, &init)?;
    let sent = match origin.fetch(&upstream_request) {
        Ok(promise) => JsFuture::from(promise).await,
        Err(thrown) => Err(thrown),
    };
    match sent {
        // As the runtime handed it over: status, headers, body stream, `webSocket`.
        Ok(response) => Ok(response.unchecked_into()),
        Err(err) => not_reached(config, url, &err),
    }
}

/// The origin's fetch failed: 504 when `UPSTREAM_TIMEOUT_MS` ran out, else 502; the log names the
/// origin.
fn not_reached(
    config: &ProxyConfig,
    url: &IncomingUrl,
    err: &JsValue,
) -> Result<Response, JsValue> {
    let service;
    let origin = match (config.upstream(), config.upstream_service()) {
        (Some(upstream), _) => upstream.origin(),
        (None, Some(name)) => {
            service = format!("service binding {name}");
            &service
        }
        (None, None) => url.origin.as_str(),
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
