//! Every token in `tests/fixtures/tokens.json` was minted (or hand-crafted) with the real npm
//! packages by `tests/fixtures-gen/mint-tokens.mjs`, which also recorded the real library's verdict
//! at a frozen clock. We must agree with each verdict, except where the fixture says `strict`
//! (next-auth accepts a token it never produces; we refuse it on purpose) or `ours` (a documented
//! improvement, such as trying every secret of a rotation list).

use nextauth_edge::token::{
    ClaimsError, SessionDecoder, SessionDecoderBuilder, SharedHostAesGcm, TokenError, UnixTime,
};
#[cfg(feature = "signed-all")]
use nextauth_edge::token::{SignedAlgorithm, VerifyingKey};
use serde_json::Value;

/// The fixture cases this build can check: signed-JWT cases need `--features signed-all`
/// (`make test` passes it; a plain `cargo test` still checks every v4 and v5 case).
fn fixtures() -> Value {
    let text = include_str!("fixtures/tokens.json");
    let mut all: Value = serde_json::from_str(text).expect("fixtures parse");
    if !cfg!(feature = "signed-all") {
        let cases = all["cases"].as_array_mut().expect("cases");
        cases.retain(|case| case["format"] != "signed");
        println!("signed-JWT fixtures skipped: build without --features signed-all");
    }
    all
}

fn decoder_for(case: &Value) -> SessionDecoder {
    configured(case, SessionDecoder::builder()).build()
}

/// `builder` set up with the case's secrets, salt and format.
fn configured(case: &Value, mut builder: SessionDecoderBuilder) -> SessionDecoderBuilder {
    match &case["secret"] {
        Value::String(secret) => builder = builder.secret(secret),
        Value::Array(list) => {
            for secret in list {
                builder = builder.secret(secret.as_str().expect("secret strings"));
            }
        }
        _ => {}
    }
    let salt = case["salt"].as_str().unwrap_or("");
    match case["format"].as_str().expect("format") {
        "v4" => builder = builder.next_auth_v4_salt(salt),
        "v5" => builder = builder.without_next_auth_v4().authjs_v5(salt),
        #[cfg(feature = "signed-all")]
        "signed" => {
            let alg =
                SignedAlgorithm::from_name(case["alg"].as_str().expect("alg")).expect("known alg");
            let key = match alg {
                SignedAlgorithm::Hs256 | SignedAlgorithm::Hs384 | SignedAlgorithm::Hs512 => {
                    VerifyingKey::Hmac(alg)
                }
                _ => {
                    // Alternate PEM and JWK so both parsers are exercised on every algorithm.
                    let by_pem = case["name"].as_str().unwrap_or("").len() % 2 == 0;
                    if by_pem {
                        VerifyingKey::from_pem(alg, case["public_key_pem"].as_str().expect("pem"))
                    } else {
                        VerifyingKey::from_jwk(alg, &case["public_jwk"].to_string())
                    }
                    .expect("fixture key parses")
                }
            };
            builder = builder.without_next_auth_v4().verifying_key(key);
        }
        other => panic!("unknown format {other}"),
    }
    builder
}

#[test]
fn every_fixture_matches_the_real_library_or_a_documented_difference() {
    let fixtures = fixtures();
    let now = UnixTime(fixtures["now"].as_i64().expect("now"));
    let cases = fixtures["cases"].as_array().expect("cases");
    assert!(cases.len() >= 100, "fixture set shrank to {}", cases.len());
    let (mut agreed, mut strict, mut ours) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let token = case["token"].as_str().expect("token");
        let real_ok = case["verdict"]["ok"].as_bool().expect("verdict.ok");
        let result = decoder_for(case).decode(token, now);
        let outcome = match (&result, real_ok, case.get("strict"), case.get("ours")) {
            (Err(_), true, Some(_), _) => {
                strict += 1;
                continue;
            }
            (Ok(_), _, _, Some(expected)) if expected == "accept" => {
                ours += 1;
                continue;
            }
            (Ok(claims), true, None, _) => {
                let ours: Value = serde_json::from_str(claims.json()).expect("json");
                if ours == case["verdict"]["payload"] {
                    agreed += 1;
                    continue;
                }
                format!("payload differs: {ours} vs {}", case["verdict"]["payload"])
            }
            (Err(_), false, _, None) => {
                agreed += 1;
                continue;
            }
            (result, real_ok, strict, ours) => {
                format!("ours {result:?}, real ok={real_ok}, strict={strict:?}, ours={ours:?}")
            }
        };
        failures.push(format!("{name}: {outcome}"));
    }
    println!("{agreed} agreed with the real library, {strict} strict refusals, {ours} documented improvements");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        strict >= 5,
        "the strict cases vanished from the fixtures ({strict})"
    );
}

#[test]
fn strict_refusals_name_the_reason() {
    let fixtures = fixtures();
    let now = UnixTime(fixtures["now"].as_i64().expect("now"));
    for case in fixtures["cases"].as_array().expect("cases") {
        if case.get("strict").is_none() {
            continue;
        }
        let err = decoder_for(case)
            .decode(case["token"].as_str().expect("token"), now)
            .expect_err("strict case accepted");
        let name = case["name"].as_str().expect("name");
        let expected_kind = matches!(
            err,
            TokenError::Base64 { .. }
                | TokenError::Compressed
                | TokenError::UnsupportedAlgorithm(_)
                | TokenError::UnsupportedEncryption(_)
                | TokenError::UnexpectedHeaderParameter(_)
                | TokenError::SegmentCount { .. }
                | TokenError::Claims(
                    ClaimsError::Duplicate(_) | ClaimsError::TooDeep | ClaimsError::Json(_)
                )
        );
        assert!(
            expected_kind,
            "{name}: refused for an unexpected reason: {err}"
        );
    }
}

/// A stand-in for node:crypto: RustCrypto's AES-GCM behind the host interface, counting opens.
mod host {
    use aes_gcm::aead::{AeadInOut, KeyInit};
    use aes_gcm::{Aes256Gcm, Nonce, Tag};
    use nextauth_edge::token::{HostAesGcm, HostAesGcmKey};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[derive(Default)]
    pub struct CountingHost {
        pub imports: AtomicUsize,
        pub opens: Arc<AtomicUsize>,
    }

    struct Key(Aes256Gcm, Arc<AtomicUsize>);

    impl HostAesGcm for CountingHost {
        fn import_key(&self, key: &[u8]) -> Option<Box<dyn HostAesGcmKey>> {
            self.imports.fetch_add(1, Ordering::Relaxed);
            let cipher = Aes256Gcm::new_from_slice(key).ok()?;
            Some(Box::new(Key(cipher, self.opens.clone())))
        }
    }

    impl HostAesGcmKey for Key {
        fn open(&self, iv: &[u8], aad: &[u8], data: &mut [u8], tag: &[u8]) -> bool {
            self.1.fetch_add(1, Ordering::Relaxed);
            let (Ok(nonce), Ok(tag)) = (Nonce::try_from(iv), Tag::try_from(tag)) else {
                return false;
            };
            self.0
                .decrypt_inout_detached(&nonce, aad, data.into(), &tag)
                .is_ok()
        }
    }

    /// A host whose every open fails (a broken OpenSSL, a wrong key import).
    pub struct FailingHost;
    struct Refuses;

    impl HostAesGcm for FailingHost {
        fn import_key(&self, _key: &[u8]) -> Option<Box<dyn HostAesGcmKey>> {
            Some(Box::new(Refuses))
        }
    }

    impl HostAesGcmKey for Refuses {
        fn open(&self, _: &[u8], _: &[u8], _: &mut [u8], _: &[u8]) -> bool {
            false
        }
    }
}

/// The npm package opens AES-GCM tokens with node:crypto under Node: through the host interface,
/// every fixture must get exactly the verdict the software path gives, and the host must really
/// be the one opening them.
#[test]
fn host_aes_gcm_gives_every_fixture_the_software_verdict() {
    use std::sync::atomic::Ordering;
    use std::sync::Arc;

    let fixtures = fixtures();
    let now = UnixTime(fixtures["now"].as_i64().expect("now"));
    let host = Arc::new(host::CountingHost::default());
    let mut accepted_gcm = 0;
    for case in fixtures["cases"].as_array().expect("cases") {
        if case["format"] == "signed" {
            continue;
        }
        let token = case["token"].as_str().expect("token");
        let software = decoder_for(case).decode(token, now);
        let hosted = with_host(case, host.clone()).decode(token, now);
        let name = case["name"].as_str().expect("name");
        assert_eq!(
            hosted, software,
            "{name}: host and software verdicts differ"
        );
        if software.is_ok() && token.contains("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NN") {
            accepted_gcm += 1;
        }
    }
    let opens = host.opens.load(Ordering::Relaxed);
    assert!(
        accepted_gcm >= 20,
        "too few A256GCM fixtures ({accepted_gcm})"
    );
    assert!(
        opens >= accepted_gcm,
        "the host opened {opens} of {accepted_gcm} GCM tokens"
    );
    assert!(host.imports.load(Ordering::Relaxed) > 0);

    // A host that refuses everything refuses every GCM token; nothing falls back to software.
    let failing: Arc<host::FailingHost> = Arc::new(host::FailingHost);
    let case = fixtures["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|case| case["format"] == "v4" && case["verdict"]["ok"] == true)
        .expect("a valid v4 fixture");
    let token = case["token"].as_str().expect("token");
    assert!(decoder_for(case).decode(token, now).is_ok());
    assert_eq!(
        with_host(case, failing).decode(token, now),
        Err(TokenError::DecryptionFailed)
    );
}

fn with_host(case: &Value, host: SharedHostAesGcm) -> SessionDecoder {
    configured(case, SessionDecoder::builder().host_aes_gcm(host)).build()
}
