//! One [`SessionDecoder`] per secret list and cookie, kept for the life of the wasm instance so
//! HKDF runs once per secret, not once per request.

use std::cell::RefCell;
use std::rc::Rc;

use crate::token::SessionDecoder;

/// Enough for every realistic app (a few secrets × v4/v5 cookies); a hostile stream of distinct
/// secrets (only possible through user code) just clears the cache.
const MAX_ENTRIES: usize = 32;

/// A built decoder and what it was built for.
struct Entry {
    secrets: Vec<String>,
    v4_salt: String,
    authjs_salt: Option<String>,
    decoder: Rc<SessionDecoder>,
}

impl Entry {
    fn is_for(&self, secrets: &[String], v4_salt: &str, authjs_salt: Option<&str>) -> bool {
        self.secrets == secrets
            && self.v4_salt == v4_salt
            && self.authjs_salt.as_deref() == authjs_salt
    }
}

thread_local! {
    static DECODERS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// The decoder for `secrets`, salted for v4 (`v4_salt`) and, when `authjs_salt` is given, also
/// reading Auth.js v5 tokens salted with that cookie name. A hit compares in place (no key is
/// built per request); apps have one or two entries, so a scan beats hashing.
pub fn decoder(secrets: &[String], v4_salt: &str, authjs_salt: Option<&str>) -> Rc<SessionDecoder> {
    DECODERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(entry) = cache
            .iter()
            .find(|entry| entry.is_for(secrets, v4_salt, authjs_salt))
        {
            return entry.decoder.clone();
        }
        if cache.len() >= MAX_ENTRIES {
            cache.clear();
        }
        let mut builder = SessionDecoder::builder().next_auth_v4_salt(v4_salt);
        if let Some(host) = super::host_aes_gcm::host() {
            builder = builder.host_aes_gcm(host);
        }
        for secret in secrets {
            builder = builder.secret(secret);
        }
        if let Some(salt) = authjs_salt {
            builder = builder.authjs_v5(salt);
        }
        let decoder = Rc::new(builder.build());
        cache.push(Entry {
            secrets: secrets.to_vec(),
            v4_salt: v4_salt.to_owned(),
            authjs_salt: authjs_salt.map(str::to_owned),
            decoder: decoder.clone(),
        });
        decoder
    })
}

/// Forgets every decoder (their keys were prepared for a host AES-GCM that has changed).
pub fn clear() {
    DECODERS.with(|cache| cache.borrow_mut().clear());
}
