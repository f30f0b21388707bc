//! The Workers runtime, as far as this module needs it beyond web-sys: `console.log` /
//! `console.error`. The start-up glue comes from the `worker` crate, linked for it alone: its
//! `__worker_init_state` export (which worker-build's shim reads and resets) and its start
//! function, a panic hook that logs the panic and marks the instance for a fresh start on the
//! next request.

use wasm_bindgen::prelude::*;

// Links the `worker` crate's start-up glue (nothing else of it is used).
use worker as _;

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
