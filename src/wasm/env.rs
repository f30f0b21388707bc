//! next-auth reads `process.env` at call time; Workers pass bindings as the fetch handler's
//! second argument instead. Both feed the same [`GateEnv`].

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use super::js;
use crate::gate::{auth_path_from_pathname, nextauth_url_with_scheme, ConfigError, GateEnv};

const KEYS: [&str; 4] = ["NEXTAUTH_SECRET", "AUTH_SECRET", "NEXTAUTH_URL", "VERCEL"];

/// `process.env` where it exists, overridden by string properties of `bindings` (a Workers
/// `env`). A NextFetchEvent has none of these keys, so passing it here is harmless.
pub fn read(bindings: &JsValue) -> GateEnv {
    let process_env = js::get(&js::get(&js_sys::global(), "process"), "env");
    let [nextauth_secret, auth_secret, nextauth_url, vercel] =
        KEYS.map(|key| js::get_string(bindings, key).or_else(|| js::get_string(&process_env, key)));
    let auth_path = nextauth_url
        .as_deref()
        .filter(|url| !url.is_empty())
        .map(exact_auth_path);
    GateEnv {
        nextauth_secret,
        auth_secret,
        nextauth_url,
        vercel,
        auth_path,
    }
}

/// The auth path through the runtime's own WHATWG `URL`, exactly as next-auth's `parseUrl`.
/// `NEXTAUTH_URL` rarely changes, so the last answer is kept rather than parsed per request.
fn exact_auth_path(nextauth_url: &str) -> Result<String, ConfigError> {
    thread_local! {
        static LAST: RefCell<Option<(String, Result<String, ConfigError>)>> = const { RefCell::new(None) };
    }
    LAST.with(|last| {
        if let Some((url, path)) = &*last.borrow() {
            if url == nextauth_url {
                return path.clone();
            }
        }
        let path = js::JsUrl::new(&nextauth_url_with_scheme(nextauth_url))
            .map(|url| auth_path_from_pathname(&url.pathname()))
            .map_err(|_| ConfigError::NextAuthUrl);
        *last.borrow_mut() = Some((nextauth_url.to_owned(), path.clone()));
        path
    })
}

/// `AUTH_TRUST_HOST`: next-auth trusts `X-Forwarded-Host` for its own URL when it is set.
pub fn trust_host() -> bool {
    let process_env = js::get(&js::get(&js_sys::global(), "process"), "env");
    js::get(&process_env, "AUTH_TRUST_HOST").is_truthy()
}
