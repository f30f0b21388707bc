//! The gate's routing and redirect building for arbitrary paths, queries, pages and NEXTAUTH_URL.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nextauth_edge::gate::{route, GateEnv, GateOptions, RequestUrl, Route};
use nextauth_edge::reader::SessionEnv;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}');
    let mut next = || parts.next().unwrap_or("").to_owned();
    let (pathname, search, base_path, page, nextauth_url) = (next(), next(), next(), next(), next());
    let url = RequestUrl { origin: "https://app.example", base_path: &base_path, pathname: &pathname, search: &search };
    let options = GateOptions { sign_in_page: Some(page), ..GateOptions::default() };
    let env = GateEnv {
        session: SessionEnv { nextauth_url: (!nextauth_url.is_empty()).then_some(nextauth_url), ..SessionEnv::default() },
        ..GateEnv::default()
    };
    if let Ok(Route::Guarded(guard)) = route(&url, &options, &env, true) {
        let location = guard.sign_in_location();
        // The callbackUrl is form-encoded: no raw control characters can reach `Location`.
        assert!(!location.bytes().any(|b| b < 0x20 || b == 0x7f), "control byte in Location");
        let _ = guard.conclude(Some(false), true);
    }
});
