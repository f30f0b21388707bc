//! The wasm-bindgen surface: `withAuth` in every call form of `next-auth/middleware`, and
//! `getToken` / `decode` / `encode` with `next-auth/jwt`'s shapes. Everything that decides lives
//! in `gate`, `cookies` and `token`; this layer only moves values across the JS boundary.
//!
//! Without the `js-api` feature the module exports `withAuth` alone: the npm package's
//! `nextauth-edge/middleware`, what a middleware file needs, in a module a cold start compiles
//! faster. The same code answers in both builds; only the other exports are left out.

mod env;
mod host_aes_gcm;
mod js;
#[cfg(feature = "js-api")]
mod jwt;
mod middleware;
mod options;
mod readers;
mod response;
#[cfg(feature = "js-api")]
mod server_session;
mod session;
#[cfg(feature = "js-api")]
mod v5;

use std::rc::Rc;

use js_sys::{Function, Promise};
use std::future::Future;
use std::task::{Context, Poll, Waker};
use wasm_bindgen::prelude::*;

use wasm_bindgen_futures::future_to_promise;

use options::MiddlewareOptions;

#[cfg(feature = "js-api")]
pub use jwt::{decode, encode, get_token};

/// A Rust panic would leave the instance unusable; report it clearly if one ever happens.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        js::console_error(&format!(
            "[nextauth-edge] internal error (please report): {info}"
        ));
    }));
}

/// `withAuth(...)`, exactly as `next-auth/middleware` dispatches on its arguments:
/// a `Request` first runs the check now (a second argument that is a fetch event is not options);
/// a function first wraps that middleware; anything else is options.
#[wasm_bindgen(js_name = withAuth)]
pub fn with_auth(first: JsValue, second: JsValue) -> Result<JsValue, JsValue> {
    if first.is_undefined() || first.is_instance_of::<js::JsRequest>() {
        // Checking a request never throws synchronously: a bad option rejects the promise.
        let (options, second_is_options) = match MiddlewareOptions::for_request_form(&second) {
            Ok(parsed) => parsed,
            Err(error) => return Ok(Promise::reject(&error).into()),
        };
        // Options (never a fetch event here) are also read as bindings, like any object that
        // is not an event.
        let is_bindings = second_is_options && second.is_object();
        let promise = run(async move {
            middleware::handle(
                first,
                second,
                JsValue::UNDEFINED,
                &options,
                None,
                is_bindings,
            )
            .await
        });
        return Ok(promise.into());
    }
    let (middleware, options) = match first.dyn_into::<Function>() {
        Ok(middleware) => (Some(middleware), MiddlewareOptions::parse(&second)?),
        Err(options) => (None, MiddlewareOptions::parse(&options)?),
    };
    let shared = Rc::new((options, middleware));
    let handler = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> Promise>::new(
        move |req: JsValue, event: JsValue, extra: JsValue| {
            let shared = shared.clone();
            run(async move {
                let (options, middleware) = &*shared;
                let is_bindings = env::bindings(&event).is_some();
                middleware::handle(req, event, extra, options, middleware.as_ref(), is_bindings)
                    .await
            })
        },
    );
    // The returned function lives as long as the module that exported it.
    Ok(handler.into_js_value())
}

/// Runs `future` up to its first real suspension right now. A request that needs no async user
/// callback (no cookie, no `authorized`, a sync callback) finishes here and costs one settled
/// promise instead of a trip through the executor's microtask queue. Anything still pending is
/// handed to the executor, whose first poll registers the real waker (`JsFuture` re-registers
/// on every poll), so nothing is lost.
fn run(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    let mut future = Box::pin(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(Ok(value)) => Promise::resolve(&value),
        Poll::Ready(Err(error)) => Promise::reject(&error),
        Poll::Pending => future_to_promise(future),
    }
}
