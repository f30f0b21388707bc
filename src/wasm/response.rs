//! Responses as standard Fetch `Response` objects, which Next.js middleware and Workers both take.

use serde_json::json;
use wasm_bindgen::JsValue;

use super::js;

/// `new Response(body, { status, headers })`. The init object is built by one `JSON.parse` of
/// text made here: on the signed-out path a property-by-property build was a tenth of the time
/// spent in the boundary.
fn response(status: u16, body: &JsValue, headers: serde_json::Value) -> Result<JsValue, JsValue> {
    let init = json!({ "status": status, "headers": headers }).to_string();
    let init = js_sys::JSON::parse(&init)?;
    js::JsResponse::new(body, &init).map(Into::into)
}

/// `NextResponse.redirect(url)`: 307 with `Location`.
pub fn redirect(location: &str) -> Result<JsValue, JsValue> {
    response(307, &JsValue::NULL, json!({ "Location": location }))
}

pub fn forbidden() -> Result<JsValue, JsValue> {
    response(
        403,
        &JsValue::from_str("Forbidden"),
        json!({ "Content-Type": "text/plain; charset=utf-8" }),
    )
}
