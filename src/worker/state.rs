//! The configuration, compiled once per isolate (the matcher, the derived keys) and rebuilt
//! only when the variables change.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::forward::Origin;
use crate::proxy::{ConfigError, ProxyConfig, Vars};

pub type Compiled = Rc<Result<ProxyConfig, ConfigError>>;
pub type ForwardOrigin = Rc<Result<Origin, ConfigError>>;

thread_local! {
    static CACHE: RefCell<Option<(Vars, Compiled)>> = const { RefCell::new(None) };
    /// The `env` object the cache was built from. workerd hands every request of an isolate the
    /// same object, so the variables (a dozen property reads and a JSON.stringify) are read once.
    static LAST_ENV: RefCell<Option<JsValue>> = const { RefCell::new(None) };
    /// Where forwarded requests go (`UPSTREAM`'s service binding looked up in `env`), for the
    /// `env` object and compiled configuration it was found with.
    static ORIGIN: RefCell<Option<(JsValue, Compiled, ForwardOrigin)>> = const { RefCell::new(None) };
}

/// [`Origin::from_env`], once per `env` object and configuration.
pub fn origin(env: &JsValue, compiled: &Compiled, config: &ProxyConfig) -> ForwardOrigin {
    ORIGIN.with(|cache| {
        if let Some((last_env, last_config, origin)) = &*cache.borrow() {
            if Rc::ptr_eq(last_config, compiled) && js_sys::Object::is(last_env, env) {
                return origin.clone();
            }
        }
        let origin = Rc::new(Origin::from_env(config, env));
        *cache.borrow_mut() = Some((env.clone(), compiled.clone(), origin.clone()));
        origin
    })
}

pub fn config(env: &JsValue) -> Compiled {
    let env_value: &JsValue = env;
    let same_env = LAST_ENV.with(|last| {
        last.borrow()
            .as_ref()
            .is_some_and(|last| js_sys::Object::is(last, env_value))
    });
    if same_env {
        if let Some(compiled) = CACHE.with(|cache| cache.borrow().as_ref().map(|(_, c)| c.clone()))
        {
            return compiled;
        }
    }
    LAST_ENV.with(|last| *last.borrow_mut() = Some(env_value.clone()));
    let vars = Vars::from_fn(|name| read_var(env, name));
    CACHE.with(|cache| {
        if let Some((cached_vars, compiled)) = &*cache.borrow() {
            if *cached_vars == vars {
                return compiled.clone();
            }
        }
        let compiled = Rc::new(ProxyConfig::from_vars(&vars).and_then(built_in));
        if let Ok(config) = compiled.as_ref() {
            if config.debug() {
                console_log!(
                    "[nextauth-edge] session cookie `{}` ({}); {:?}",
                    config.cookie_name().as_str(),
                    config.cookie_name().source(),
                    config
                );
            }
        }
        *cache.borrow_mut() = Some((vars, compiled.clone()));
        compiled
    })
}

/// What this build can do: `DEV_DEMO` needs the `demo` feature, which `wrangler deploy`'s build
/// leaves out.
fn built_in(config: ProxyConfig) -> Result<ProxyConfig, ConfigError> {
    if config.demo() && !cfg!(feature = "demo") {
        return Err(ConfigError {
            setting: "DEV_DEMO",
            problem: "is on, but this build has no demo (a `wrangler deploy` build never has): \
                      set DEV_DEMO to \"false\", or for local development build with \
                      `NEXTAUTH_EDGE_WORKER_FEATURES=demo scripts/build-worker.sh` (`make dev` does)"
                .into(),
        });
    }
    Ok(config)
}

/// A string variable or secret as is; a JSON variable (`MATCHER = ["/a"]` in wrangler.toml)
/// as its JSON text.
fn read_var(env: &JsValue, name: &str) -> Option<String> {
    let value = js_sys::Reflect::get(env, &JsValue::from_str(name)).ok()?;
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if let Some(text) = value.as_string() {
        return Some(text);
    }
    js_sys::JSON::stringify(&value).ok()?.as_string()
}
