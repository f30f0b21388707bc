//! Forwarding to the origin: `UPSTREAM`, or the request's own URL (a Worker on a route reaches
//! its zone's origin that way). Method, headers and the body stream go along unchanged;
//! redirects are passed back to the client, not followed.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use worker::web_sys::{
    self, AbortSignal, Headers, Request, RequestInit, RequestRedirect, Response,
};

use super::{demo, outbound, respond};
use crate::proxy::{IncomingUrl, ProxyConfig};

/// Marks a request this Worker forwarded to its own origin, to detect it coming back.
const LOOP_HEADER: &str = "x-nextauth-edge-forwarded";

pub async fn forward(
    config: &ProxyConfig,
    req: Request,
    url: &IncomingUrl,
    pass: outbound::Pass<'_>,
) -> Result<Response, JsValue> {
    if config.demo() && config.upstream().is_none() {
        return demo::origin_page(config, &req, url);
    }
    let incoming = req.headers();
    let own_origin = config.upstream().is_none();
    if own_origin && incoming.has(LOOP_HEADER)? {
        worker::console_error!(
            "[nextauth-edge] a forwarded request came back to the Worker: set UPSTREAM to the origin's URL"
        );
        return respond::text(
            508,
            "nextauth-edge: this request looped back to the Worker. Set UPSTREAM to your origin's URL.",
        );
    }
    let headers = Headers::new_with_headers(&incoming)?;
    outbound::request_headers(config, &headers, pass)?;
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
    outbound::request_init(config, &init, pass);
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
    let global: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    match JsFuture::from(global.fetch_with_request(&upstream_request)).await {
        Ok(response) => Ok(response.unchecked_into()),
        Err(err) => {
            let origin = config
                .upstream()
                .map_or(url.origin.as_str(), |upstream| upstream.origin());
            let reason = super::js_message(&err);
            // `AbortSignal.timeout` rejects the fetch with a DOMException named TimeoutError.
            let timed_out =
                super::property(&err, "name").as_string().as_deref() == Some("TimeoutError");
            if timed_out {
                worker::console_error!(
                    "[nextauth-edge] the origin {} did not answer within UPSTREAM_TIMEOUT_MS",
                    origin
                );
                return respond::text(
                    504,
                    "Gateway Timeout: the origin server did not answer in time.",
                );
            }
            worker::console_error!(
                "[nextauth-edge] the origin {} could not be reached: {}",
                origin,
                reason
            );
            respond::text(
                502,
                "Bad Gateway: nextauth-edge could not reach the origin server.",
            )
        }
    }
}
