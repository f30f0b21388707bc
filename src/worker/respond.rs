//! The Worker's own responses.

use wasm_bindgen::prelude::*;
use web_sys::{Headers, Response, ResponseInit};

use crate::proxy::ConfigError;

#[wasm_bindgen(inline_js = "export function respond(status, body, packed) {
  const headers = new Headers();
  const parts = packed.split('\\n');
  for (let i = 0; i + 1 < parts.length; i += 2) headers.append(parts[i], parts[i + 1]);
  return new Response(body, { status, headers });
}
export function redirect_no_store(status, location) {
  return new Response(null, { status, headers: { location, 'cache-control': 'no-store' } });
}")]
extern "C" {
    /// A redirect's `new Response(null, …)` with `Location` and `Cache-Control: no-store`: the
    /// headers an object literal of one shape, one string passed. Every signed-out request
    /// ends here, so it skips [`build`]'s packing.
    #[wasm_bindgen(catch)]
    fn redirect_no_store(status: u16, location: &str) -> Result<Response, JsValue>;
    /// `new Response(body, { status, headers })`, the headers `name\nvalue\n...` in one string:
    /// one call into JS instead of one per header.
    #[wasm_bindgen(catch)]
    fn respond(status: u16, body: Option<&str>, packed: &str) -> Result<Response, JsValue>;
}

pub fn build(
    status: u16,
    body: Option<&str>,
    headers: &[(&str, &str)],
) -> Result<Response, JsValue> {
    // A newline cannot be in a header name or value (Headers refuses it); should one come, the
    // headers go one by one and the runtime refuses it as before.
    if !headers
        .iter()
        .any(|(name, value)| name.contains('\n') || value.contains('\n'))
    {
        let mut packed = String::with_capacity(256);
        for (name, value) in headers {
            packed.push_str(name);
            packed.push('\n');
            packed.push_str(value);
            packed.push('\n');
        }
        return respond(status, body, &packed);
    }
    let h = Headers::new()?;
    for (name, value) in headers {
        h.append(name, value)?;
    }
    let init = ResponseInit::new();
    init.set_status(status);
    init.set_headers(&h);
    Response::new_with_opt_str_and_init(body, &init)
}

pub fn text(status: u16, body: &str) -> Result<Response, JsValue> {
    build(
        status,
        Some(body),
        &[
            ("content-type", "text/plain; charset=utf-8"),
            ("cache-control", "no-store"),
        ],
    )
}

/// The demo's pages.
#[cfg(feature = "demo")]
pub fn html(status: u16, body: &str, extra: &[(&str, &str)]) -> Result<Response, JsValue> {
    let mut headers = vec![
        ("content-type", "text/html; charset=utf-8"),
        ("cache-control", "no-store"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        (
            "content-security-policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        ),
    ];
    headers.extend_from_slice(extra);
    build(status, Some(body), &headers)
}

/// A redirect with extra headers (`set-cookie` may repeat).
pub fn redirect(status: u16, location: &str, extra: &[(&str, &str)]) -> Result<Response, JsValue> {
    if extra.is_empty() {
        return redirect_no_store(status, location);
    }
    let mut headers = vec![("location", location), ("cache-control", "no-store")];
    headers.extend_from_slice(extra);
    build(status, None, &headers)
}

/// 500 naming the setting; the log line has the whole message (which may quote the setting's
/// value, never a secret).
pub fn config_error(err: &ConfigError) -> Result<Response, JsValue> {
    console_error!("[nextauth-edge] configuration error: {}", err);
    text(
        500,
        &format!(
            "nextauth-edge: configuration error in {}. The Worker's log says what to fix.",
            err.setting
        ),
    )
}
