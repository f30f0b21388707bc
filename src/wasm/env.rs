//! next-auth reads `process.env` at call time; Workers pass bindings as the fetch handler's
//! second argument instead. Both feed the same [`GateEnv`].

use wasm_bindgen::JsValue;

use super::js;
use crate::gate::GateEnv;

const KEYS: [&str; 4] = ["NEXTAUTH_SECRET", "AUTH_SECRET", "NEXTAUTH_URL", "VERCEL"];

/// `process.env` where it exists, overridden by string properties of `bindings` (a Workers
/// `env`). A NextFetchEvent has none of these keys, so passing it here is harmless.
pub fn read(bindings: &JsValue) -> GateEnv {
    let process_env = js::get(&js::get(&js_sys::global(), "process"), "env");
    let [nextauth_secret, auth_secret, nextauth_url, vercel] =
        KEYS.map(|key| js::get_string(bindings, key).or_else(|| js::get_string(&process_env, key)));
    GateEnv {
        nextauth_secret,
        auth_secret,
        nextauth_url,
        vercel,
    }
}
