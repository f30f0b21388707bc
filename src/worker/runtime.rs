//! What the Workers runtime and worker-build's shim expect of the module, without the `worker`
//! crate: the `fetch` export (see [`super::fetch`]), `__worker_init_state` (the shim reads and
//! resets it), a panic hook that logs the panic and marks the instance for a fresh start, and
//! `console.log` / `console.error`.
//!
//! The init state and the reinit-on-abort logic follow the `worker` crate 0.8.7's `src/init.rs`
//! (MIT OR Apache-2.0), which worker-build's shim is written against.

use std::panic;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export const state = globalThis.__worker_init_state = { criticalError: false, instanceId: 0 };
")]
extern "C" {
    type InitState;

    #[wasm_bindgen(thread_local_v2, js_name = state)]
    static INIT_STATE: InitState;

    #[wasm_bindgen(method, setter, js_name = criticalError)]
    fn set_critical_error(this: &InitState, val: bool);

    #[wasm_bindgen(method, getter, js_name = instanceId)]
    fn instance_id(this: &InitState) -> u32;

    #[wasm_bindgen(method, setter, js_name = instanceId)]
    fn set_instance_id(this: &InitState, val: u32);
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = log)]
    fn console_log(message: &str);
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// One `console.log` line.
pub fn log(message: &str) {
    console_log(message);
}

/// One `console.error` line.
pub fn error(message: &str) {
    console_error(message);
}

/// A panic (an `unreachable` trap under `panic = "abort"`) leaves the instance unusable: log
/// where it happened, and have the shim build a fresh instance for the next request.
#[wasm_bindgen(start, private)]
fn init() {
    panic::set_hook(Box::new(|info| {
        error(&format!("[nextauth-edge] Critical: Rust panic: {info}"));
        INIT_STATE.with(|s| s.set_critical_error(true));
    }));
    INIT_STATE.with(|s| s.set_instance_id(s.instance_id() + 1));
    wasm_bindgen::handler::set_on_abort(wasm_bindgen::handler::schedule_reinit);
}

#[wasm_bindgen(js_name = "__worker_init_state")]
pub fn worker_init_state() -> JsValue {
    INIT_STATE.with(|s| s.into())
}
