//! `NextAuthMiddlewareOptions` (plus our opt-in extras) read once from the JS object.

use std::rc::Rc;

use js_sys::{Array, Function};
use wasm_bindgen::{JsCast, JsValue};

use super::js;
use crate::gate::{GateOptions, OnUnauthorized};
use crate::reader::ReaderOptions;
use crate::token::Secret;

/// Options for one `withAuth(...)` call, parsed when the middleware is created so requests
/// don't walk the JS object again.
pub struct MiddlewareOptions {
    pub gate: GateOptions,
    /// The session reader's settings (secret, cookie name, salt); the environment completes them.
    pub reader: ReaderOptions,
    /// The raw `secret` option, handed unchanged to a user `jwt.decode`.
    pub secret_value: JsValue,
    pub base_path: Option<String>,
    pub authorized: Option<(JsValue, Function)>,
    pub decode: Option<Function>,
    pub on_unauthorized: Option<Function>,
    pub debug: bool,
    /// How long an async `authorized`/`decode`/`onUnauthorized` may stay pending (ms; 0 = forever).
    pub callback_timeout_ms: f64,
}

/// next-auth waits forever for a callback; a stuck request is worse than a clear error.
const DEFAULT_CALLBACK_TIMEOUT_MS: f64 = 10_000.0;

impl MiddlewareOptions {
    pub fn parse(options: &JsValue) -> Result<Self, JsValue> {
        let pages = js::get(options, "pages");
        let callbacks = js::get(options, "callbacks");
        let jwt = js::get(options, "jwt");
        let secret_value = js::get(options, "secret");
        let (on_unauthorized, on_unauthorized_fn) =
            parse_on_unauthorized(&js::get(options, "onUnauthorized"))?;
        Ok(MiddlewareOptions {
            gate: GateOptions {
                sign_in_page: js::get_string(&pages, "signIn"),
                error_page: js::get_string(&pages, "error"),
                on_unauthorized,
            },
            reader: ReaderOptions {
                secret: secret_list(&secret_value)?,
                cookie_name: js::get_string(
                    &js::get(&js::get(options, "cookies"), "sessionToken"),
                    "name",
                ),
                secure_cookie: js::get(options, "secureCookie").as_bool(),
                ..ReaderOptions::default()
            },
            secret_value,
            base_path: js::get_string(options, "basePath"),
            authorized: js::get_function(&callbacks, "authorized").map(|f| (callbacks, f)),
            decode: js::get_function(&jwt, "decode"),
            on_unauthorized: on_unauthorized_fn,
            debug: js::get(options, "debug").is_truthy(),
            callback_timeout_ms: js::get(options, "callbackTimeoutMs")
                .as_f64()
                .filter(|ms| ms.is_finite() && *ms >= 0.0)
                .unwrap_or(DEFAULT_CALLBACK_TIMEOUT_MS),
        })
    }
}

impl MiddlewareOptions {
    /// `withAuth(req, second)`: `second` is options, or (the one-line drop-in) the fetch event,
    /// which next-auth also reads as options and finds none in. Events and `undefined` share one
    /// parsed set of defaults instead of walking the event on every request. The flag says
    /// whether `second` is options (not an event, `undefined` or `null`).
    pub fn for_request_form(second: &JsValue) -> Result<(Rc<Self>, bool), JsValue> {
        thread_local! {
            static DEFAULTS: Rc<MiddlewareOptions> = Rc::new(
                MiddlewareOptions::parse(&JsValue::UNDEFINED).expect("undefined options always parse"),
            );
        }
        if second.is_undefined()
            || second.is_null()
            || js::get_function(second, "waitUntil").is_some()
        {
            return Ok((DEFAULTS.with(Rc::clone), false));
        }
        Ok((Rc::new(MiddlewareOptions::parse(second)?), true))
    }

    /// `getToken`'s flat parameters mapped onto the middleware's option shape.
    #[cfg(feature = "js-api")]
    pub fn for_get_token(params: &JsValue) -> Result<Self, JsValue> {
        let mut options = MiddlewareOptions::parse(&JsValue::UNDEFINED)?;
        options.secret_value = js::get(params, "secret");
        options.reader = ReaderOptions {
            secret: secret_list(&options.secret_value)?,
            cookie_name: js::get_string(params, "cookieName"),
            secure_cookie: js::get(params, "secureCookie").as_bool(),
            salt: salt(params),
            ..ReaderOptions::default()
        };
        options.decode = js::get_function(params, "decode");
        Ok(options)
    }
}

/// `salt`: explicit when given (both formats use it), next-auth's default otherwise.
#[cfg(feature = "js-api")]
pub fn salt(params: &JsValue) -> crate::reader::Salt {
    use crate::reader::Salt;
    js::get_string(params, "salt").map_or(Salt::Default, Salt::Explicit)
}

/// `secret`: a string, or (our extension, and Auth.js's) a list for rotation. `undefined`/`null`
/// defer to the environment, exactly like next-auth's `??`.
pub fn secret_list(value: &JsValue) -> Result<Option<Vec<Secret>>, JsValue> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    if let Some(secret) = value.as_string() {
        return Ok(Some(vec![Secret::new(secret)]));
    }
    if let Some(list) = value.dyn_ref::<Array>() {
        let secrets: Option<Vec<Secret>> = list
            .iter()
            .map(|item| item.as_string().map(Secret::new))
            .collect();
        return secrets.map(Some).ok_or_else(|| {
            js::error("nextauth-edge: `secret` must be a string or an array of strings")
        });
    }
    Err(js::error(
        "nextauth-edge: `secret` must be a string or an array of strings",
    ))
}

fn parse_on_unauthorized(value: &JsValue) -> Result<(OnUnauthorized, Option<Function>), JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok((OnUnauthorized::Redirect, None));
    }
    if let Some(function) = value.dyn_ref::<Function>() {
        return Ok((OnUnauthorized::Custom, Some(function.clone())));
    }
    match value.as_string().as_deref() {
        Some("redirect") => Ok((OnUnauthorized::Redirect, None)),
        Some("forbidden") => Ok((OnUnauthorized::Forbidden, None)),
        _ => Err(js::error(
            "nextauth-edge: `onUnauthorized` must be \"redirect\", \"forbidden\" or a function",
        )),
    }
}
