//! Native floor for `make bench`: `SessionDecoder::decode` on the same tokens the Node side decodes.
//!
//! `bench/run.mjs` mints the tokens with the real `next-auth/jwt` and passes their file in
//! `NEXTAUTH_EDGE_BENCH_TOKENS`, so all three columns of the table decode identical bytes. Run
//! alone (`cargo bench --bench decode`), it mints equivalent tokens with our own encoder.
//! The decoder is built once, as the wasm side caches it per secret: a warm decode runs no HKDF.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use nextauth_edge::token::{Secret, SessionDecoder, TokenEncoder, UnixTime};
use serde_json::{json, Value};

struct Tokens {
    secret: String,
    /// (criterion id, token)
    cases: Vec<(String, String)>,
}

fn tokens() -> Tokens {
    if let Ok(path) = std::env::var("NEXTAUTH_EDGE_BENCH_TOKENS") {
        let text = std::fs::read_to_string(&path).expect("NEXTAUTH_EDGE_BENCH_TOKENS is readable");
        let file: Value = serde_json::from_str(&text).expect("tokens file is JSON");
        let cases = ["typical", "large"]
            .iter()
            .map(|id| {
                let token = file["tokens"][id].as_str().expect("token string");
                (id.to_string(), token.to_owned())
            })
            .collect();
        let secret = file["secret"].as_str().expect("secret").to_owned();
        return Tokens { secret, cases };
    }
    let secret = "bench-secret-0123456789abcdef0123456789abcdef".to_owned();
    let encoder = TokenEncoder::next_auth_v4(Secret::new(&secret), "");
    let typical = json!({
        "name": "Ada Lovelace", "email": "ada@example.com",
        "picture": "https://avatars.example.com/u/42?v=4", "sub": "42",
    });
    let large = json!({ "name": "Ada", "sub": "42", "blob": "x".repeat(2100) });
    let cases = [("typical", typical), ("large", large)]
        .into_iter()
        .map(|(id, claims)| {
            let claims = claims.as_object().expect("object").clone();
            let token = encoder
                .encode(&claims, 30 * 24 * 3600, UnixTime::now())
                .expect("encode");
            (id.to_owned(), token)
        })
        .collect();
    Tokens { secret, cases }
}

fn decode(c: &mut Criterion) {
    let Tokens { secret, cases } = tokens();
    let decoder = SessionDecoder::builder().secret(&secret).build();
    let now = UnixTime::now();
    let mut group = c.benchmark_group("decode");
    for (id, token) in &cases {
        // Fail loudly on a token we can't read: timing an error path would be a wrong floor.
        decoder.decode(token, now).expect("bench token decodes");
        group.bench_function(id.as_str(), |b| {
            b.iter(|| decoder.decode(black_box(token), now).expect("decodes"))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // Short windows keep `make bench` within its budget; µs-scale work needs no more.
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50);
    targets = decode
}
criterion_main!(benches);
