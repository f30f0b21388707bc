//! Any string through every decoder configuration: it must return, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nextauth_edge::token::{SessionDecoder, SignedAlgorithm, UnixTime, VerifyingKey};
use std::sync::OnceLock;

fn decoder() -> &'static SessionDecoder {
    static DECODER: OnceLock<SessionDecoder> = OnceLock::new();
    DECODER.get_or_init(|| {
        SessionDecoder::builder()
            .secret("fuzz-secret")
            .secret("second")
            .authjs_v5("authjs.session-token")
            .verifying_key(VerifyingKey::Hmac(SignedAlgorithm::Hs256))
            .build()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else { return };
    let _ = decoder().decode(token, UnixTime(1_764_158_400));
});
