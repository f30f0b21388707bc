//! The Worker's own responses.

use wasm_bindgen::JsValue;
use web_sys::{Headers, Response, ResponseInit};

use crate::proxy::ConfigError;

fn build(status: u16, body: Option<&str>, headers: &[(&str, &str)]) -> Result<Response, JsValue> {
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
