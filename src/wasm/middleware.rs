//! `handleMiddleware`: one request through the gate, with the user's JS callbacks.

use js_sys::Function;
use wasm_bindgen::JsValue;

use super::options::MiddlewareOptions;
use super::{env, js, readers, response, session};
use crate::gate::{self, Decision, OnUnauthorized, Route};

/// Runs the check for `req`. `Ok(undefined)` means "continue"; a rejected result is what
/// next-auth would throw (a throwing callback, an unusable configuration). `event_is_bindings`:
/// `event` holds Workers-style variables that override `process.env` (see [`env::bindings`]; the
/// caller tells them apart from a fetch event, once).
pub async fn handle(
    req: JsValue,
    event: JsValue,
    extra: JsValue,
    options: &MiddlewareOptions,
    middleware: Option<&Function>,
    event_is_bindings: bool,
) -> Result<JsValue, JsValue> {
    let bindings = event_is_bindings.then_some(&event);
    let needs = env::Needs {
        secrets: options.reader.secret.is_none(),
        // Auth.js's AUTH_SECRET_1..3 are read only when they can change the answer (below):
        // each process.env read costs about half a microsecond in Node, most of them misses.
        rotation: false,
        vercel: options.reader.cookie_name.is_none() && options.reader.secure_cookie.is_none(),
    };
    let env = env::read_with(bindings, needs);
    let url = session::request_url(&req, options.base_path.as_deref())?;
    let request_url = url.as_gate_url();
    let rotated_reader = || {
        let rotated = env::read_with(
            bindings,
            env::Needs {
                rotation: true,
                ..needs
            },
        );
        let any = rotated.session.rotated_secrets.iter().any(Option::is_some);
        any.then(|| readers::reader(&options.reader, &rotated.session))
    };
    let mut reader = readers::reader(&options.reader, &env.session);
    let mut rotation_read = !needs.secrets;
    if !rotation_read && !reader.has_secret() {
        reader = rotated_reader().unwrap_or(reader);
        rotation_read = true;
    }
    let guard = match gate::route(&request_url, &options.gate, &env, reader.has_secret()) {
        Ok(Route::PassThrough) => return Ok(JsValue::UNDEFINED),
        Ok(Route::NoSecret { location }) => {
            js::console_error2(
                "[next-auth][error][NO_SECRET]",
                "\nhttps://next-auth.js.org/errors#no_secret",
            );
            return response::redirect(&location);
        }
        Ok(Route::Guarded(guard)) => guard,
        Err(config) => {
            let message = format!("[nextauth-edge] configuration error: {config}");
            js::console_error(&message);
            return Err(js::error(&message));
        }
    };

    let more_secrets = || (!rotation_read).then(rotated_reader).flatten();
    let token = session::read_token(&req, &reader, options, more_secrets).await?;
    let has_token = token.is_present();
    // Only the callbacks and the wrapped middleware see the token object: without them nothing
    // reads it, and it is not built.
    let token = match options.authorized.is_some()
        || options.on_unauthorized.is_some()
        || middleware.is_some()
    {
        true => token.into_js()?,
        false => JsValue::NULL,
    };
    let answer = match &options.authorized {
        Some((this, authorized)) => {
            let params = js::object(&[("req", &req), ("token", &token)]);
            let returned = authorized
                .call1(this, &params)
                .map_err(log_callback_error("authorized"))?;
            let value = js::settle_within(
                returned,
                options.callback_timeout_ms,
                "callbacks.authorized",
            )
            .await
            .map_err(log_callback_error("authorized"))?;
            (!value.is_null() && !value.is_undefined()).then(|| value.is_truthy())
        }
        None => None,
    };

    match guard.conclude(answer, has_token) {
        Decision::Allow => match middleware {
            Some(middleware) => {
                let nextauth = js::object(&[("token", &token)]);
                js_sys::Reflect::set(&req, js::key("nextauth"), &nextauth)?;
                // Forward the arguments the handler got (trailing `undefined`s dropped).
                let returned = match (event.is_undefined(), extra.is_undefined()) {
                    (true, true) => middleware.call1(&JsValue::UNDEFINED, &req),
                    (_, true) => middleware.call2(&JsValue::UNDEFINED, &req, &event),
                    _ => middleware.call3(&JsValue::UNDEFINED, &req, &event, &extra),
                };
                js::settle(returned?).await
            }
            None => Ok(JsValue::UNDEFINED),
        },
        Decision::Redirect(location) => response::redirect(&location),
        Decision::Refuse(OnUnauthorized::Custom) => match &options.on_unauthorized {
            Some(on_unauthorized) => {
                let params = js::object(&[("req", &req), ("token", &token)]);
                let returned = on_unauthorized
                    .call1(&JsValue::UNDEFINED, &params)
                    .map_err(log_callback_error("onUnauthorized"))?;
                js::settle_within(returned, options.callback_timeout_ms, "onUnauthorized")
                    .await
                    .map_err(log_callback_error("onUnauthorized"))
            }
            None => response::forbidden(),
        },
        Decision::Refuse(_) => response::forbidden(),
    }
}

/// A throwing user callback rejects the middleware's promise, as in next-auth; the log line
/// names the callback and never the token.
fn log_callback_error(callback: &'static str) -> impl Fn(JsValue) -> JsValue {
    move |thrown| {
        js::console_error(&format!(
            "[nextauth-edge] callbacks.{callback} threw; the request was not let through"
        ));
        thrown
    }
}
