//! The user's `authorized` callback, `worker/authorized.js`, bundled into the Worker.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Request;

#[wasm_bindgen(module = "/worker/authorized.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = authorized)]
    fn user_authorized(params: &JsValue) -> Result<JsValue, JsValue>;
}

/// `authorized({ req, token, env })`, awaited if it returns a promise. `Ok(None)`: it answered
/// `null`/`undefined` (next-auth then uses `!!token`). `Err`: it threw or rejected; the error's
/// `name` only (its message could quote the token).
pub async fn ask(req: &Request, token: &JsValue, env: &JsValue) -> Result<Option<bool>, String> {
    let params = Object::new();
    for (key, value) in [("req", req.as_ref()), ("token", token), ("env", env)] {
        // Defining a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&params, &JsValue::from_str(key), value);
    }
    let returned = user_authorized(&params).map_err(error_name)?;
    let value = if super::property(&returned, "then").is_function() {
        JsFuture::from(Promise::resolve(&returned))
            .await
            .map_err(error_name)?
    } else {
        returned
    };
    Ok((!value.is_null() && !value.is_undefined()).then(|| value.is_truthy()))
}

fn error_name(thrown: JsValue) -> String {
    let name = super::property(&thrown, "name").as_string().filter(|name| {
        !name.is_empty() && name.len() <= 40 && name.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    name.unwrap_or_else(|| "a value that is not an Error".into())
}
