//! Responses as standard Fetch `Response` objects, which Next.js middleware and Workers both take.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::js;

#[wasm_bindgen]
extern "C" {
    /// The `{ Location }` record of the redirect's init: a plain object of ours, so setting its
    /// one property cannot throw (no catch wrapper).
    type RedirectHeaders;
    #[wasm_bindgen(method, setter = Location)]
    fn set_location(this: &RedirectHeaders, location: &str);
}

/// One `{ status, headers }` init per kind of response, built once per instance. `new Response`
/// copies what it reads from the init and keeps nothing of it, so the redirect's init is reused
/// with only its `Location` changed: per redirect, one property set and the constructor, where
/// building the init cost a `JSON.parse` of text formatted here (~1/4 of a signed-out request).
struct Inits {
    redirect: Object,
    redirect_headers: RedirectHeaders,
    forbidden: Object,
}

thread_local! {
    static INITS: Inits = {
        let redirect_headers = Object::new();
        let forbidden_headers = js::object(&[(
            "Content-Type",
            &JsValue::from_str("text/plain; charset=utf-8"),
        )]);
        Inits {
            redirect: init(307, &redirect_headers),
            redirect_headers: redirect_headers.unchecked_into(),
            forbidden: init(403, &forbidden_headers),
        }
    };
}

fn init(status: u16, headers: &Object) -> Object {
    js::object(&[
        ("status", &JsValue::from(status)),
        ("headers", headers.as_ref()),
    ])
}

/// `NextResponse.redirect(url)`: 307 with `Location`.
pub fn redirect(location: &str) -> Result<JsValue, JsValue> {
    INITS.with(|inits| {
        inits.redirect_headers.set_location(location);
        js::JsResponse::new(&JsValue::NULL, &inits.redirect).map(Into::into)
    })
}

pub fn forbidden() -> Result<JsValue, JsValue> {
    INITS.with(|inits| {
        js::JsResponse::new(&JsValue::from_str("Forbidden"), &inits.forbidden).map(Into::into)
    })
}
