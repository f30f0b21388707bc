//! Next.js matcher sources (compiled to our linear-time regex engine) against arbitrary paths:
//! compiling and matching must return, never panic, whatever the pattern.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nextauth_edge::matcher::{JsRegex, Matcher};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (pattern, path) = text.split_once('\n').unwrap_or((&text, "/dashboard/x"));
    if let Ok(matcher) = Matcher::parse(pattern, "") {
        let _ = matcher.matches(path);
    }
    if let Ok(regex) = JsRegex::new(pattern) {
        let _ = regex.is_match(path);
    }
});
