//! AES-256-GCM from the host runtime, plugged into every decoder when the package's Node entry
//! supplies it (`node:crypto`, see `pkg/node-aes-gcm.cjs`): Node has AES-NI through OpenSSL, wasm
//! only software AES (see `token::enc::host` for the measured trade-off). Other runtimes never
//! call [`use_host_aes_gcm`] and keep the software path.

use std::cell::RefCell;
use std::sync::Arc;

use wasm_bindgen::prelude::*;

use crate::token::{HostAesGcm, HostAesGcmKey, SharedHostAesGcm};

// The wrappers below claim Send + Sync for JS values, which holds only while the module has a
// single thread: a threaded build must not compile rather than share them unsoundly.
#[cfg(target_feature = "atomics")]
compile_error!("host AES-GCM assumes a single-threaded wasm module");

#[wasm_bindgen]
extern "C" {
    /// `{ importKey(bytes) → key | null, open(key, iv, aad, data, tag) → boolean }`.
    pub type JsAesGcm;
    #[wasm_bindgen(method, catch, js_name = importKey)]
    fn import_key(this: &JsAesGcm, key: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn open(
        this: &JsAesGcm,
        key: &JsValue,
        iv: &[u8],
        aad: &[u8],
        data: &mut [u8],
        tag: &[u8],
    ) -> Result<bool, JsValue>;
}

thread_local! {
    static HOST: RefCell<Option<SharedHostAesGcm>> = const { RefCell::new(None) };
    /// Bumped whenever the host changes, so readers built for another host are rebuilt.
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The host AES-GCM readers should use, if the entry file supplied one.
pub fn host() -> Option<SharedHostAesGcm> {
    HOST.with(|host| host.borrow().clone())
}

/// Which host readers are built for now (see [`super::readers`]).
pub fn generation() -> u32 {
    GENERATION.with(std::cell::Cell::get)
}

/// Called once by the Node entries right after instantiation. Not part of the public API.
#[wasm_bindgen(js_name = __useHostAesGcm)]
pub fn use_host_aes_gcm(provider: JsValue) {
    let host: Option<SharedHostAesGcm> = match provider.is_object() {
        true => Some(Arc::new(Provider(provider.unchecked_into()))),
        false => None,
    };
    HOST.with(|slot| *slot.borrow_mut() = host);
    // Readers built before keep the keys they prepared for the previous host.
    GENERATION.with(|generation| generation.set(generation.get().wrapping_add(1)));
}

struct Provider(JsAesGcm);
struct Key {
    provider: JsAesGcm,
    key: JsValue,
}

// SAFETY: wasm32-unknown-unknown without `atomics` (checked above) runs on one thread, so these
// JS handles are never touched from another.
unsafe impl Send for Provider {}
unsafe impl Sync for Provider {}
unsafe impl Send for Key {}
unsafe impl Sync for Key {}

impl HostAesGcm for Provider {
    fn import_key(&self, key: &[u8]) -> Option<Box<dyn HostAesGcmKey>> {
        let handle = self.0.import_key(key).ok()?;
        if handle.is_null() || handle.is_undefined() {
            return None;
        }
        let provider = self.0.clone().unchecked_into();
        Some(Box::new(Key {
            provider,
            key: handle,
        }))
    }
}

impl HostAesGcmKey for Key {
    fn open(&self, iv: &[u8], aad: &[u8], data: &mut [u8], tag: &[u8]) -> bool {
        self.provider
            .open(&self.key, iv, aad, data, tag)
            .unwrap_or(false)
    }
}
