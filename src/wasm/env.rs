//! next-auth reads `process.env` at call time; Workers pass bindings as the fetch handler's
//! second argument instead. Both feed the same [`GateEnv`].

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::js;
use crate::gate::{auth_path_from_pathname, nextauth_url_with_scheme, ConfigError, GateEnv};
use crate::reader::SessionEnv;

pub use crate::reader::EnvNeeds as Needs;

/// `process.env` where it exists, overridden by string properties of `bindings` (a Workers
/// `env`). A fetch event (anything with `waitUntil`) is not bindings and is not read.
#[cfg(feature = "js-api")]
pub fn read(bindings: &JsValue, needs: Needs) -> Rc<GateEnv> {
    read_with(self::bindings(bindings), needs)
}

/// `value` if it is bindings: an object that is not a fetch event.
pub fn bindings(value: &JsValue) -> Option<&JsValue> {
    (value.is_object() && js::get_function(value, "waitUntil").is_none()).then_some(value)
}

/// [`read`] with the bindings already told apart from a fetch event (`None`: `process.env` only).
pub fn read_with(bindings: Option<&JsValue>, needs: Needs) -> Rc<GateEnv> {
    PROCESS_ENV.with(|process_env| match (bindings, process_env) {
        (None, Some(process_env)) => from_process_env(process_env, needs),
        _ => {
            let var = |name: &'static str| {
                bindings
                    .and_then(|bindings| string_var(bindings, name))
                    .or_else(|| process_env.as_ref().and_then(|env| string_var(env, name)))
            };
            Rc::new(gate_env(SessionEnv::read(needs, var)))
        }
    })
}

fn gate_env(session: SessionEnv) -> GateEnv {
    let auth_path = session
        .nextauth_url
        .as_deref()
        .filter(|url| !url.is_empty())
        .map(exact_auth_path);
    GateEnv { session, auth_path }
}

/// One reading of `process.env`: the JS values each variable had, in the order they were read,
/// and what they made.
struct Reading {
    needs: Needs,
    values: Vec<(&'static str, JsValue)>,
    env: Rc<GateEnv>,
}

thread_local! {
    /// The last [`Reading`] per `needs` (a handful at most).
    static READINGS: RefCell<Vec<Reading>> = const { RefCell::new(Vec::new()) };
}

/// The variables are read on every call, as next-auth reads them; when each is still the value
/// (`===`) it was last time, the same variables were consulted and the answer is the one built
/// then. A hit costs one property read and one comparison per variable, instead of copying each
/// value into wasm and rebuilding the secrets; any change is seen on the next call.
fn from_process_env(process_env: &JsValue, needs: Needs) -> Rc<GateEnv> {
    // Taken out while JS runs (a getter on `process.env` could call back into this module).
    let last = READINGS.with(|readings| {
        let mut readings = readings.borrow_mut();
        let at = readings.iter().position(|reading| reading.needs == needs)?;
        Some(readings.swap_remove(at))
    });
    if let Some(last) = last {
        let unchanged = last
            .values
            .iter()
            .all(|(name, value)| raw_var(process_env, name) == *value);
        let env = unchanged.then(|| last.env.clone());
        READINGS.with(|readings| readings.borrow_mut().push(last));
        if let Some(env) = env {
            return env;
        }
    }
    let mut values = Vec::new();
    let session = SessionEnv::read(needs, |name| {
        let value = raw_var(process_env, name);
        let text = value.as_string();
        values.push((name, value));
        text
    });
    let env = Rc::new(gate_env(session));
    READINGS.with(|readings| {
        let mut readings = readings.borrow_mut();
        readings.retain(|reading| reading.needs != needs);
        readings.push(Reading {
            needs,
            values,
            env: env.clone(),
        });
    });
    env
}

/// `object[name]`; `object` is an object. A throwing getter reads as `undefined`.
fn raw_var(object: &JsValue, name: &'static str) -> JsValue {
    js_sys::Reflect::get(object, js::key(name)).unwrap_or(JsValue::UNDEFINED)
}

thread_local! {
    /// `globalThis.process.env` if it is an object, looked up once: its identity does not
    /// change, its values may (they are read per call, as next-auth does).
    static PROCESS_ENV: Option<JsValue> = {
        let env = js::get(&js::get(&js_sys::global(), "process"), "env");
        env.is_object().then_some(env)
    };
}

/// `object[name]` when it is a string; `object` is an object. Values of variables are short: one
/// `as_string` copies them with fewer boundary crossings than [`js::string`]'s `encodeInto`
/// route (four), which pays off on long values such as cookies.
fn string_var(object: &JsValue, name: &'static str) -> Option<String> {
    raw_var(object, name).as_string()
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
#[cfg(feature = "js-api")]
pub fn trust_host() -> bool {
    PROCESS_ENV.with(|env| {
        env.as_ref()
            .is_some_and(|env| js::get(env, "AUTH_TRUST_HOST").is_truthy())
    })
}
