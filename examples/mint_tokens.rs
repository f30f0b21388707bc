//! Mints tokens with our encoder and prints them as JSON for `tests/interop/verify-rust-tokens.mjs`,
//! which decodes each one with the real `next-auth/jwt` and `@auth/core/jwt`.
//!
//! `cargo run --example mint_tokens | node tests/interop/verify-rust-tokens.mjs`

use nextauth_edge::token::{Secret, SessionDecoder, TokenEncoder, UnixTime, AUTHJS_SESSION_COOKIE};
use serde_json::{json, Value};

fn main() {
    let now = UnixTime::now();
    let big = "x🙂\u{2028}é".repeat(800);
    let payloads = [
        json!({}),
        json!({ "name": "Ada Lovelace", "email": "ada@example.com", "picture": null, "sub": "42" }),
        json!({ "nested": { "roles": ["admin", "ops"], "n": [1, 2.5, -3, 9007199254740991_i64] }, "ok": true }),
        json!({ "unicode": "秘密 🔑 \u{2028}\u{2029} \"quoted\" \\ back", "big": big }),
        json!({ "iat": 1, "name": "claims next-auth overwrites keep their place" }),
    ];
    let secrets = ["correct horse battery staple", "sécret-🔑-秘密", "k"];
    let mut cases = Vec::new();
    for (s, secret) in secrets.iter().enumerate() {
        for (p, payload) in payloads.iter().enumerate() {
            let claims = payload.as_object().expect("payloads are objects");
            let mut mint = |format: &str,
                            enc: &str,
                            salt: &str,
                            encoder: TokenEncoder,
                            max_age: i64| {
                let token = encoder.encode(claims, max_age, now).expect("encode");
                // Round-trip through our own decoder too, so the JSON we send is what we read.
                let decoder = match format {
                    "v4" => SessionDecoder::builder()
                        .secret(secret)
                        .next_auth_v4_salt(salt)
                        .build(),
                    _ => SessionDecoder::builder()
                        .secret(secret)
                        .authjs_v5(salt)
                        .build(),
                };
                let decoded: Value =
                    serde_json::from_str(decoder.decode(&token, now).expect("own decode").json())
                        .expect("json");
                cases.push(json!({
                    "name": format!("{format}/{enc}/secret{s}/payload{p}/salt={salt}"),
                    "format": format, "token": token, "secret": secret, "salt": salt, "payload": decoded,
                }));
            };
            mint(
                "v4",
                "A256GCM",
                "",
                TokenEncoder::next_auth_v4(Secret::new(secret), ""),
                2_592_000,
            );
            mint(
                "v4",
                "A256GCM",
                "my-salt",
                TokenEncoder::next_auth_v4(Secret::new(secret), "my-salt"),
                60,
            );
            mint(
                "v5",
                "A256CBC-HS512",
                AUTHJS_SESSION_COOKIE,
                TokenEncoder::authjs_v5(Secret::new(secret), AUTHJS_SESSION_COOKIE),
                3600,
            );
            let secure = "__Secure-authjs.session-token";
            mint(
                "v5",
                "A256GCM",
                secure,
                TokenEncoder::authjs_v5_gcm(Secret::new(secret), secure),
                3600,
            );
        }
    }
    println!("{}", json!({ "cases": cases }));
}
