//! The user's `authorized` callback, `worker/authorized.js`, bundled into the Worker.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Request;

use crate::proxy::IncomingUrl;
use crate::reader::strip_base_path;

#[wasm_bindgen(
    inline_js = "export function params(req, token, env, basePath, pathname) {
  Object.defineProperty(req, 'nextUrl', {
    configurable: true,
    get() {
      const url = new URL(this.url);
      url.pathname = pathname;
      url.basePath = basePath;
      Object.defineProperty(this, 'nextUrl', { configurable: true, value: url });
      return url;
    },
  });
  return { req, token, env };
}"
)]
extern "C" {
    /// `{ req, token, env }`, in one call into JS, with `req.nextUrl` defined (built when read).
    fn params(
        req: &Request,
        token: &JsValue,
        env: &JsValue,
        base_path: &str,
        pathname: &str,
    ) -> JsValue;
}

#[wasm_bindgen(module = "/worker/authorized.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = authorized)]
    fn user_authorized(params: &JsValue) -> Result<JsValue, JsValue>;
}

/// What `authorized` answered.
pub enum Answer {
    /// At once: `None` for `null`/`undefined` (next-auth then uses `!!token`).
    Now(Option<bool>),
    /// A promise (or another thenable): [`settled`] awaits it.
    Later(Promise),
}

/// `authorized({ req, token, env })`. `req` carries the canonical URL (`PATH_POLICY`): when it
/// differs from the one asked for (`req_url`, the request's `url`), a copy of the request
/// (method and headers, no body) is made with it. `req.nextUrl` is that URL with `BASE_PATH`
/// taken off its `pathname` (and a `basePath` property), as Next hands middleware `req.nextUrl`:
/// a callback ported from next-auth (`req.nextUrl.pathname.startsWith("/admin")`) means the same
/// page behind a basePath. `Err`: it threw; the error's `name` only (its message could quote the
/// token).
pub fn ask(
    req: &Request,
    req_url: &str,
    url: &IncomingUrl,
    base_path: &str,
    token: &JsValue,
    env: &JsValue,
) -> Result<Answer, String> {
    let href = [url.origin.as_str(), &url.pathname, &url.search].concat();
    let canonical = if req_url == href {
        None
    } else {
        let init = web_sys::RequestInit::new();
        init.set_method(&req.method());
        init.set_headers(&req.headers());
        Some(Request::new_with_str_and_init(&href, &init).map_err(error_name)?)
    };
    let req = canonical.as_ref().unwrap_or(req);
    let params = params(
        req,
        token,
        env,
        base_path,
        strip_base_path(base_path, &url.pathname),
    );
    let returned = user_authorized(&params).map_err(error_name)?;
    if super::property(&returned, "then").is_function() {
        return Ok(Answer::Later(Promise::resolve(&returned)));
    }
    Ok(Answer::Now(answer(&returned)))
}

/// A promise `authorized` returned, awaited: its answer, or `Err` when it rejected.
pub async fn settled(promise: Promise) -> Result<Option<bool>, String> {
    let value = JsFuture::from(promise).await.map_err(error_name)?;
    Ok(answer(&value))
}

fn answer(value: &JsValue) -> Option<bool> {
    (!value.is_null() && !value.is_undefined()).then(|| value.is_truthy())
}

fn error_name(thrown: JsValue) -> String {
    let name = super::property(&thrown, "name").as_string().filter(|name| {
        !name.is_empty() && name.len() <= 40 && name.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    name.unwrap_or_else(|| "a value that is not an Error".into())
}
