//! Responses as standard Fetch `Response` objects, which Next.js middleware and Workers both take.

use wasm_bindgen::JsValue;

use super::js;

/// `NextResponse.redirect(url)`: 307 with `Location`.
pub fn redirect(location: &str) -> Result<JsValue, JsValue> {
    let headers = js::object(&[("Location", &JsValue::from_str(location))]);
    let init = js::object(&[("status", &JsValue::from_f64(307.0)), ("headers", &headers)]);
    js::JsResponse::new(&JsValue::NULL, &init).map(Into::into)
}

pub fn forbidden() -> Result<JsValue, JsValue> {
    let headers = js::object(&[(
        "Content-Type",
        &JsValue::from_str("text/plain; charset=utf-8"),
    )]);
    let init = js::object(&[("status", &JsValue::from_f64(403.0)), ("headers", &headers)]);
    js::JsResponse::new(&JsValue::from_str("Forbidden"), &init).map(Into::into)
}
