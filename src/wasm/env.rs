//! next-auth reads `process.env` at call time; Workers pass bindings as the fetch handler's
//! second argument instead. Both feed the same [`GateEnv`].

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use super::js;
use crate::gate::{auth_path_from_pathname, nextauth_url_with_scheme, ConfigError, GateEnv};
use crate::reader::SessionEnv;

pub use crate::reader::EnvNeeds as Needs;

/// `process.env` where it exists, overridden by string properties of `bindings` (a Workers
/// `env`). A fetch event (anything with `waitUntil`) is not bindings and is not read.
pub fn read(bindings: &JsValue, needs: Needs) -> GateEnv {
    let bindings = (bindings.is_object() && js::get_function(bindings, "waitUntil").is_none())
        .then_some(bindings);
    let process_env = process_env();
    let var = |name: &'static str| {
        bindings
            .and_then(|bindings| js::get_string(bindings, name))
            .or_else(|| js::get_string(&process_env, name))
    };
    let session = SessionEnv::read(needs, var);
    let nextauth_url = session.nextauth_url.as_deref();
    let auth_path = nextauth_url
        .filter(|url| !url.is_empty())
        .map(exact_auth_path);
    GateEnv { session, auth_path }
}

/// `globalThis.process.env`, looked up once: its identity does not change, its values may.
fn process_env() -> JsValue {
    thread_local! {
        static PROCESS_ENV: JsValue = js::get(&js::get(&js_sys::global(), "process"), "env");
    }
    PROCESS_ENV.with(JsValue::clone)
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
    js::get(&process_env(), "AUTH_TRUST_HOST").is_truthy()
}
