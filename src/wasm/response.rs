//! Responses as standard Fetch `Response` objects, which Next.js middleware and Workers both take.

use wasm_bindgen::JsValue;

use super::js;

/// `new Response(body, { status, headers })`, the init object built by one `JSON.parse` of text
/// made here (one boundary crossing instead of one per property).
fn response(status: u16, body: &JsValue, header: (&str, &str)) -> Result<JsValue, JsValue> {
    // Serializing a &str cannot fail.
    let value = serde_json::to_string(header.1).unwrap_or_default();
    let init = format!(
        r#"{{"status":{status},"headers":{{"{}":{value}}}}}"#,
        header.0
    );
    let init = js_sys::JSON::parse(&init)?;
    js::JsResponse::new(body, &init).map(Into::into)
}

/// `NextResponse.redirect(url)`: 307 with `Location`.
pub fn redirect(location: &str) -> Result<JsValue, JsValue> {
    response(307, &JsValue::NULL, ("Location", location))
}

pub fn forbidden() -> Result<JsValue, JsValue> {
    response(
        403,
        &JsValue::from_str("Forbidden"),
        ("Content-Type", "text/plain; charset=utf-8"),
    )
}
