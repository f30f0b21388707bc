//! Cookie and Authorization headers through parsing, chunk reassembly and the Bearer fallback.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nextauth_edge::cookies::{session_token, CookieJar, SessionCookieName};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (cookie, authorization) = text.split_once('\n').unwrap_or((&text, ""));
    let jar = CookieJar::parse(cookie);
    for (name, _) in jar.iter() {
        let _ = jar.get(name);
    }
    for name in [SessionCookieName::next_auth_v4(false), SessionCookieName::auth_js_v5(true)] {
        let _ = jar.session_cookie(name.as_str());
        let _ = session_token(Some(cookie), Some(authorization), &name);
    }
});
