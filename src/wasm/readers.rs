//! One [`SessionReader`] per configuration, kept for the life of the wasm instance so HKDF runs
//! once per secret, not once per request. The reader holds every rule; this is only its cache.

use std::cell::RefCell;
use std::rc::Rc;

use crate::reader::{ReaderOptions, SessionEnv, SessionReader};

/// Enough for every realistic app (a few secrets × v4/v5 cookies); a hostile stream of distinct
/// secrets (only possible through user code) just clears the cache.
const MAX_ENTRIES: usize = 32;

/// A built reader and what it was built from.
struct Entry {
    options: ReaderOptions,
    env: SessionEnv,
    host_generation: u32,
    reader: Rc<SessionReader>,
}

impl Entry {
    fn is_for(&self, options: &ReaderOptions, env: &SessionEnv, host_generation: u32) -> bool {
        self.host_generation == host_generation
            && self.env == *env
            && self.options.builds_same_reader(options)
    }
}

thread_local! {
    static READERS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// The reader for `options` under `env`. A hit compares in place (no key is built per
/// request); apps have one or two entries, so a scan beats hashing.
pub fn reader(options: &ReaderOptions, env: &SessionEnv) -> Rc<SessionReader> {
    let host_generation = super::host_aes_gcm::generation();
    READERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(entry) = cache
            .iter()
            .find(|entry| entry.is_for(options, env, host_generation))
        {
            return entry.reader.clone();
        }
        if cache.len() >= MAX_ENTRIES {
            cache.clear();
        }
        let reader = Rc::new(SessionReader::with_host_aes_gcm(
            options,
            env,
            super::host_aes_gcm::host(),
        ));
        cache.push(Entry {
            options: options.clone(),
            env: env.clone(),
            host_generation,
            reader: reader.clone(),
        });
        reader
    })
}
