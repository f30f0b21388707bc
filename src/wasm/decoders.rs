//! One [`SessionDecoder`] per secret list and cookie, kept for the life of the wasm instance so
//! HKDF runs once per secret, not once per request.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::token::SessionDecoder;

/// Enough for every realistic app (a few secrets × v4/v5 cookies); a hostile stream of distinct
/// secrets (only possible through user code) just clears the cache.
const MAX_ENTRIES: usize = 32;

thread_local! {
    static DECODERS: RefCell<HashMap<String, Rc<SessionDecoder>>> = RefCell::new(HashMap::new());
}

/// The decoder for `secrets`, salted for v4 (`v4_salt`) and, when `authjs_salt` is given, also
/// reading Auth.js v5 tokens salted with that cookie name.
pub fn decoder(secrets: &[String], v4_salt: &str, authjs_salt: Option<&str>) -> Rc<SessionDecoder> {
    let mut key = String::with_capacity(64);
    for part in secrets
        .iter()
        .map(String::as_str)
        .chain([v4_salt, authjs_salt.unwrap_or("\u{1}")])
    {
        key.push_str(part);
        key.push('\0');
    }
    DECODERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(found) = cache.get(&key) {
            return found.clone();
        }
        if cache.len() >= MAX_ENTRIES {
            cache.clear();
        }
        let mut builder = SessionDecoder::builder().next_auth_v4_salt(v4_salt);
        for secret in secrets {
            builder = builder.secret(secret);
        }
        if let Some(salt) = authjs_salt {
            builder = builder.authjs_v5(salt);
        }
        let decoder = Rc::new(builder.build());
        cache.insert(key, decoder.clone());
        decoder
    })
}
