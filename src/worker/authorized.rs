//! The user's `authorized` callback, `worker/authorized.js`, bundled into the Worker.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Request;

use crate::proxy::IncomingUrl;
use crate::reader::strip_base_path;

#[wasm_bindgen(module = "/worker/authorized.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = authorized)]
    fn user_authorized(params: &JsValue) -> Result<JsValue, JsValue>;
}

/// `authorized({ req, token, env })`, awaited if it returns a promise. `req` carries the
/// canonical URL (`PATH_POLICY`): when it differs from the one asked for, a copy of the
/// request (method and headers, no body) is made with it. `req.nextUrl` is that URL with
/// `BASE_PATH` taken off its `pathname` (and a `basePath` property), as Next hands middleware
/// `req.nextUrl`: a callback ported from next-auth (`req.nextUrl.pathname.startsWith("/admin")`)
/// means the same page behind a basePath. `Ok(None)`: it answered
/// `null`/`undefined` (next-auth then uses `!!token`). `Err`: it threw or rejected; the error's
/// `name` only (its message could quote the token).
pub async fn ask(
    req: &Request,
    url: &IncomingUrl,
    base_path: &str,
    token: &JsValue,
    env: &JsValue,
) -> Result<Option<bool>, String> {
    let href = [url.origin.as_str(), &url.pathname, &url.search].concat();
    let canonical = if req.url() == href {
        None
    } else {
        let init = web_sys::RequestInit::new();
        init.set_method(&req.method());
        init.set_headers(&req.headers());
        Some(Request::new_with_str_and_init(&href, &init).map_err(error_name)?)
    };
    let req = canonical.as_ref().unwrap_or(req);
    let next_url = super::JsUrl::new(&href).map_err(error_name)?;
    next_url.set_pathname(strip_base_path(base_path, &url.pathname));
    let _ = Reflect::set(&next_url, &"basePath".into(), &base_path.into());
    let _ = Reflect::set(req, &"nextUrl".into(), &next_url);
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
