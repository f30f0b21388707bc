//! The few JS APIs the adapter touches, bound by duck type so NextRequest, workerd's Request
//! and Node's undici Request all fit.

use std::cell::RefCell;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The runtime's global `Request` class (next-auth tests `args[0] instanceof Request`).
    #[wasm_bindgen(js_name = Request)]
    pub type JsRequest;

    #[wasm_bindgen(js_name = Response)]
    pub type JsResponse;
    #[wasm_bindgen(constructor, js_class = "Response", catch)]
    pub fn new(body: &JsValue, init: &JsValue) -> Result<JsResponse, JsValue>;

    #[wasm_bindgen(js_name = URL)]
    pub type JsUrl;
    #[wasm_bindgen(constructor, js_class = "URL", catch)]
    pub fn new(url: &str) -> Result<JsUrl, JsValue>;
    #[wasm_bindgen(method, getter)]
    pub fn pathname(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn search(this: &JsUrl) -> String;
    #[wasm_bindgen(method, getter)]
    pub fn origin(this: &JsUrl) -> String;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &JsValue, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);

    /// Anything with Request's shape. Typed getters cost one boundary crossing each, where a
    /// `Reflect.get` plus a string check costs three.
    pub type RequestLike;
    #[wasm_bindgen(method, getter, catch, js_name = nextUrl)]
    pub fn next_url(this: &RequestLike) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn headers(this: &RequestLike) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn url(this: &RequestLike) -> Result<Option<String>, JsValue>;

    /// `req.nextUrl` (Next.js's NextURL).
    pub type NextUrlLike;
    #[wasm_bindgen(method, getter, catch)]
    pub fn origin(this: &NextUrlLike) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = basePath)]
    pub fn base_path(this: &NextUrlLike) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn pathname(this: &NextUrlLike) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    pub fn search(this: &NextUrlLike) -> Result<Option<String>, JsValue>;

    /// A Fetch `Headers` (or anything with its `get`).
    pub type HeadersLike;
    #[wasm_bindgen(method, catch, js_name = get)]
    fn get_header(this: &HeadersLike, name: &JsValue) -> Result<JsValue, JsValue>;

    /// The runtime's `TextEncoder`: its `encodeInto` copies a string into wasm memory natively.
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(
        this: &TextEncoder,
        source: &js_sys::JsString,
        dest: &mut [u8],
    ) -> EncodeIntoResult;
    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodeIntoResult) -> u32;

    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub fn console_error2(first: &str, second: &str);
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    pub fn console_error(message: &str);
    #[wasm_bindgen(js_namespace = console, js_name = debug)]
    pub fn console_debug(message: &str);
}

/// A JS string for a property name, made once per instance: turning UTF-8 into a JS string is
/// the dearest part of a property read across the boundary, and the hot path reads a dozen.
/// Each name's string lives as long as the instance (a few dozen literals), so it is handed out
/// by reference: no externref clone per read, and no borrow held while JS runs (a getter may
/// re-enter the module).
pub fn key(name: &'static str) -> &'static JsValue {
    type Interned = (*const u8, usize, &'static JsValue);
    thread_local! {
        static KEYS: RefCell<Vec<Interned>> = const { RefCell::new(Vec::new()) };
    }
    // Names are string literals: their address identifies them, and a scan of a few dozen
    // addresses beats hashing.
    let id = (name.as_ptr(), name.len());
    KEYS.with(|keys| {
        let found = keys
            .borrow()
            .iter()
            .find(|(ptr, len, _)| (*ptr, *len) == id)
            .map(|(_, _, value)| *value);
        found.unwrap_or_else(|| {
            let value: &'static JsValue = Box::leak(Box::new(JsValue::from_str(name)));
            keys.borrow_mut().push((id.0, id.1, value));
            value
        })
    })
}

/// `object[key]`, `undefined` when `object` is not an object or the getter throws.
pub fn get(object: &JsValue, name: &'static str) -> JsValue {
    if !object.is_object() && !object.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(object, key(name)).unwrap_or(JsValue::UNDEFINED)
}

/// `object[key]` when it is a string.
pub fn get_string(object: &JsValue, name: &'static str) -> Option<String> {
    string(&get(object, name))
}

/// `value` as a Rust string when it is a JS string. Tokens, cookies and URLs are ASCII: those are
/// copied by the runtime's native `TextEncoder.encodeInto` straight into a buffer of the right
/// size, ~10x faster on a 3 KB cookie than wasm-bindgen's per-character copy, which remains the
/// path for anything else.
pub fn string(value: &JsValue) -> Option<String> {
    thread_local! {
        static ENCODER: TextEncoder = TextEncoder::new();
    }
    let text = value.dyn_ref::<js_sys::JsString>()?;
    let len = text.length() as usize;
    let mut bytes = vec![0u8; len];
    // All `len` UTF-16 units read into `len` bytes means each took one byte: all ASCII.
    let read = ENCODER.with(|encoder| encoder.encode_into(text, &mut bytes).read());
    if read as usize == len {
        // ASCII is UTF-8; the check costs little next to the copy it replaces.
        return String::from_utf8(bytes).ok();
    }
    value.as_string()
}

pub fn get_function(object: &JsValue, name: &'static str) -> Option<Function> {
    get(object, name).dyn_into::<Function>().ok()
}

/// `request.headers`, `undefined` if there is none.
fn request_headers(request: &JsValue) -> JsValue {
    if !request.is_object() {
        return JsValue::UNDEFINED;
    }
    request
        .unchecked_ref::<RequestLike>()
        .headers()
        .unwrap_or(JsValue::UNDEFINED)
}

/// A request's headers, read by name: a Fetch `Headers` through its `get`, anything else (Node's
/// `IncomingMessage` has a plain object, some tests too) by property.
///
/// Which one is settled once per request, and without calling a `get` that may not exist: a
/// failed call would throw, and an exception caught across the boundary from an import that
/// returns a JS value leaves that value's externref slot behind (wasm-bindgen 0.2.130): one slot
/// per request for every Node `req`.
pub struct RequestHeaders {
    headers: JsValue,
    fetch: bool,
}

impl RequestHeaders {
    pub fn of(request: &JsValue) -> Self {
        let headers = request_headers(request);
        // A Fetch `Request` (NextRequest included) always has a `Headers`: one check, no lookup.
        let fetch =
            request.is_instance_of::<JsRequest>() || get_function(&headers, "get").is_some();
        RequestHeaders { headers, fetch }
    }

    pub fn get(&self, name: &'static str) -> Option<String> {
        if !self.fetch {
            return get_string(&self.headers, name);
        }
        match self
            .headers
            .unchecked_ref::<HeadersLike>()
            .get_header(key(name))
        {
            Ok(value) => string(&value),
            Err(_) => None,
        }
    }
}

pub fn object(entries: &[(&'static str, &JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in entries {
        // Setting a data property on a fresh object cannot fail.
        let _ = Reflect::set(&object, key(name), value);
    }
    object
}

/// Awaits `value` if it is a thenable, like `await` does in JS.
pub async fn settle(value: JsValue) -> Result<JsValue, JsValue> {
    if get_function(&value, "then").is_some() {
        JsFuture::from(Promise::resolve(&value)).await
    } else {
        Ok(value)
    }
}

/// [`settle`], but a promise still pending after `timeout_ms` rejects with an error naming
/// `what`: a user callback that never settles must not hold the request forever. `0` waits forever.
pub async fn settle_within(
    value: JsValue,
    timeout_ms: f64,
    what: &str,
) -> Result<JsValue, JsValue> {
    if timeout_ms <= 0.0 || get_function(&value, "then").is_none() {
        return settle(value).await;
    }
    let what = what.to_owned();
    let mut reject_timeout = None;
    let timeout = Promise::new(&mut |_resolve, reject| reject_timeout = Some(reject));
    // Owned here and dropped below: a closure handed to JS for good (`once_into_js`) would leak
    // with every timer that is cleared instead of fired.
    let fire = Closure::once(move || {
        if let Some(reject) = reject_timeout {
            // JS formats the number: Rust's float `Display` would add ~12 KB to the module.
            let ms = String::from(
                js_sys::Number::from(timeout_ms)
                    .to_string_with_radix(10)
                    .unwrap_or_default(),
            );
            let message = format!("nextauth-edge: {what} did not settle within {ms} ms");
            let _ = reject.call1(&JsValue::UNDEFINED, &error(&message));
        }
    });
    let timer = set_timeout(fire.as_ref(), timeout_ms);
    let race = Promise::race(&js_sys::Array::of2(&Promise::resolve(&value), &timeout));
    let result = JsFuture::from(race).await;
    clear_timeout(&timer);
    drop(fire);
    result
}

pub fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}
