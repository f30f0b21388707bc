//! next-auth reads `process.env` at call time; Workers pass bindings as the fetch handler's
//! second argument instead. Both feed the same [`GateEnv`].

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use super::js;
use crate::gate::{auth_path_from_pathname, nextauth_url_with_scheme, ConfigError, GateEnv};
use crate::reader::SessionEnv;
use crate::token::Secret;

/// What the gate will consult, so the rest is never read: `process.env` reads are among the
/// dearest property reads in Node, and most requests need two of them.
#[derive(Clone, Copy)]
pub struct Needs {
    /// `NEXTAUTH_SECRET`/`AUTH_SECRET`/`AUTH_SECRET_1..3`: unless `options.secret` is given.
    pub secrets: bool,
    /// `VERCEL`: only to guess the cookie prefix when `NEXTAUTH_URL` is unset and no cookie name
    /// or `secureCookie` is given.
    pub vercel: bool,
}

impl Needs {
    pub const ALL: Needs = Needs {
        secrets: true,
        vercel: true,
    };
}

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
    let secret = |name: &'static str| var(name).map(Secret::new);
    let nextauth_url = var("NEXTAUTH_URL");
    // `NEXTAUTH_SECRET ?? AUTH_SECRET`: the second is read only when the first is unset.
    let nextauth_secret = needs.secrets.then(|| secret("NEXTAUTH_SECRET")).flatten();
    let auth_secret = (needs.secrets && nextauth_secret.is_none())
        .then(|| secret("AUTH_SECRET"))
        .flatten();
    let rotated_secrets = match needs.secrets {
        true => [
            secret("AUTH_SECRET_1"),
            secret("AUTH_SECRET_2"),
            secret("AUTH_SECRET_3"),
        ],
        false => [None, None, None],
    };
    let vercel = (needs.vercel && nextauth_url.is_none())
        .then(|| var("VERCEL"))
        .flatten();
    let auth_path = nextauth_url
        .as_deref()
        .filter(|url| !url.is_empty())
        .map(exact_auth_path);
    GateEnv {
        session: SessionEnv {
            nextauth_secret,
            auth_secret,
            rotated_secrets,
            nextauth_url,
            vercel,
        },
        auth_path,
    }
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
