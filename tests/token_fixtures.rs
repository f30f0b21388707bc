//! Every token in `tests/fixtures/tokens.json` was minted (or hand-crafted) with the real npm
//! packages by `tests/fixtures-gen/mint-tokens.mjs`, which also recorded the real library's verdict
//! at a frozen clock. We must agree with each verdict, except where the fixture says `strict`
//! (next-auth accepts a token it never produces; we refuse it on purpose) or `ours` (a documented
//! improvement, such as trying every secret of a rotation list).

use nextauth_edge::token::{
    ClaimsError, SessionClaims, SessionDecoder, SessionDecoderBuilder, SharedHostAesGcm,
    TokenError, UnixTime, MAX_TOKEN_LEN,
};
#[cfg(feature = "signed-all")]
use nextauth_edge::token::{SignedAlgorithm, VerifyingKey};
use serde_json::Value;
use std::collections::BTreeMap;

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
                    let by_pem = case["name"].as_str().unwrap_or("").len().is_multiple_of(2);
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

/// Our error kind as a stable name: the variant (and for `Claims`, the inner variant), never the
/// Display text. A new variant must be placed in `SAME_REASON` by hand. The error enums are
/// `#[non_exhaustive]`, so this match needs a `_` arm; the exhaustive check lives in the unit
/// test `token::error::tests::every_variant_has_a_fixture_kind`, which fails to compile on a new
/// variant and checks that each one is named here.
fn kind(err: &TokenError) -> &'static str {
    match err {
        TokenError::Empty => "Empty",
        TokenError::TooLong { .. } => "TooLong",
        TokenError::SegmentCount { .. } => "SegmentCount",
        TokenError::Base64 { .. } => "Base64",
        TokenError::Header(_) => "Header",
        TokenError::UnexpectedHeaderParameter(_) => "UnexpectedHeaderParameter",
        TokenError::CriticalHeader => "CriticalHeader",
        TokenError::Compressed => "Compressed",
        TokenError::UnsupportedAlgorithm(_) => "UnsupportedAlgorithm",
        TokenError::UnsupportedEncryption(_) => "UnsupportedEncryption",
        TokenError::EncryptedKeyPresent => "EncryptedKeyPresent",
        TokenError::IvLength => "IvLength",
        TokenError::TagLength => "TagLength",
        TokenError::UnknownKeyId => "UnknownKeyId",
        TokenError::DecryptionFailed => "DecryptionFailed",
        TokenError::SignatureInvalid => "SignatureInvalid",
        TokenError::Expired => "Expired",
        TokenError::NotYetValid => "NotYetValid",
        TokenError::NoKey => "NoKey",
        TokenError::Claims(claims) => match claims {
            ClaimsError::NotUtf8 => "Claims(NotUtf8)",
            ClaimsError::TooDeep => "Claims(TooDeep)",
            ClaimsError::NotObject => "Claims(NotObject)",
            ClaimsError::Json(_) => "Claims(Json)",
            ClaimsError::NotNumeric(_) => "Claims(NotNumeric)",
            ClaimsError::Duplicate(_) => "Claims(Duplicate)",
            other => panic!("new ClaimsError variant {other:?}: give it a kind here"),
        },
        other => panic!("new TokenError variant {other:?}: give it a kind here"),
    }
}

/// When the real library refuses a token, why, in its words, and the kinds of ours that give the
/// same reason. The class is what the generator records in `verdict.error_class`: jose's `code`
/// (next-auth's and @auth/core's `decode` let jose's errors through unwrapped), jsonwebtoken's
/// error constructor, `Error` for @auth/core's own `throw new Error(..)`, `null` when `decode`
/// returned null. Where one class covers reasons we tell apart, a fragment of the message
/// (`verdict.error`) picks the entry; `""` matches any message. The first matching entry applies.
const SAME_REASON: &[(&str, &str, &[&str])] = &[
    // next-auth and @auth/core return null for an empty token.
    ("null", "", &["Empty"]),
    // The key does not open the token. jose learns it by failing the AEAD; we often know
    // sooner: a `kid` no secret has, or a tag shorter than 16 bytes (Node's decipher takes a
    // truncated GCM tag, then fails it).
    (
        "ERR_JWE_DECRYPTION_FAILED",
        "",
        &["DecryptionFailed", "UnknownKeyId", "TagLength"],
    ),
    ("Error", "no matching decryption secret", &["UnknownKeyId"]),
    // Not five segments. Three are a JWS to us, refused for its `alg` by a JWE-only decoder.
    (
        "ERR_JWE_INVALID",
        "Invalid Compact JWE",
        &["SegmentCount", "UnsupportedAlgorithm"],
    ),
    (
        "ERR_JWE_INVALID",
        "Protected Header is invalid",
        &["Header", "Base64"],
    ),
    ("ERR_JWE_INVALID", "JOSE Header missing", &["Header"]),
    ("ERR_JWE_INVALID", "Initialization Vector", &["IvLength"]),
    ("ERR_JWE_INVALID", "Authentication Tag", &["TagLength"]),
    (
        "ERR_JWE_INVALID",
        "unexpected JWE Encrypted Key",
        &["EncryptedKeyPresent"],
    ),
    // The token's `enc` needs a key of another size than the one derived for it: no key we hold
    // fits (a v5 token with its `kid` under a v4-only decoder; an `enc` we do not take).
    (
        "ERR_JWE_INVALID",
        "Content Encryption Key length",
        &["UnknownKeyId", "UnsupportedEncryption"],
    ),
    ("ERR_JWE_INVALID", "base64url decode", &["Base64"]),
    ("ERR_JWE_INVALID", "\"crit\"", &["CriticalHeader"]),
    // jose bounds PBES2's `p2c`; we refuse the member outright.
    ("ERR_JWE_INVALID", "\"p2c\"", &["UnexpectedHeaderParameter"]),
    (
        "ERR_JOSE_NOT_SUPPORTED",
        "Extension Header Parameter",
        &["CriticalHeader"],
    ),
    (
        "ERR_JOSE_ALG_NOT_ALLOWED",
        "\"alg\"",
        &["UnsupportedAlgorithm"],
    ),
    (
        "ERR_JOSE_ALG_NOT_ALLOWED",
        "\"enc\"",
        &["UnsupportedEncryption"],
    ),
    ("ERR_JWT_EXPIRED", "", &["Expired"]),
    (
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
        "\"nbf\" claim timestamp",
        &["NotYetValid"],
    ),
    (
        "ERR_JWT_CLAIM_VALIDATION_FAILED",
        "must be a number",
        &["Claims(NotNumeric)"],
    ),
    // jose's JSON.parse failing and a non-object both read "must be a top-level JSON object".
    (
        "ERR_JWT_INVALID",
        "top-level JSON object",
        &["Claims(NotObject)", "Claims(Json)", "Claims(NotUtf8)"],
    ),
    (
        "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
        "",
        &["SignatureInvalid"],
    ),
    ("TokenExpiredError", "", &["Expired"]),
    ("NotBeforeError", "", &["NotYetValid"]),
    (
        "JsonWebTokenError",
        "invalid signature",
        &["SignatureInvalid"],
    ),
    // `alg: none`, and an `alg` the verifier was not given.
    (
        "JsonWebTokenError",
        "jwt signature is required",
        &["UnsupportedAlgorithm"],
    ),
    (
        "JsonWebTokenError",
        "invalid algorithm",
        &["UnsupportedAlgorithm"],
    ),
    // Not three segments: a five-segment JWE to us, refused for its `enc` by a JWS-only decoder.
    (
        "JsonWebTokenError",
        "jwt malformed",
        &["SegmentCount", "UnsupportedEncryption"],
    ),
    // A PEM public key as the HMAC secret: jsonwebtoken refuses the key, we never key HMAC with
    // it, so no signature can verify.
    (
        "JsonWebTokenError",
        "secretOrPublicKey must be a symmetric key",
        &["SignatureInvalid", "NoKey"],
    ),
];

/// The `SAME_REASON` entry for a refusal by the real library, by position.
fn same_reason(class: &str, message: &str) -> Option<usize> {
    SAME_REASON
        .iter()
        .position(|(c, fragment, _)| *c == class && message.contains(fragment))
}

/// What one fixture says must happen.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Category {
    /// The real library accepts; so do we, with the same payload.
    BothAccept,
    /// The real library refuses; so do we, for the same reason (`SAME_REASON`), or for the reason
    /// the fixture's `expect` names (a README strictness row that applies first).
    BothRefuse,
    /// The real library accepts a token its encoder never writes; we refuse it with `expect`.
    Strict,
    /// A documented improvement: the real library refuses, we accept with `ours_payload`.
    Ours,
}

fn category(case: &Value) -> Category {
    let real_ok = case["verdict"]["ok"].as_bool().expect("verdict.ok");
    match (real_ok, case.get("strict"), case.get("ours")) {
        (_, _, Some(_)) => Category::Ours,
        (true, Some(_), None) => Category::Strict,
        (true, None, None) => Category::BothAccept,
        (false, _, None) => Category::BothRefuse,
    }
}

/// Checks one fixture; `Err` says how we differ. `Ok` carries a label for the summary.
fn check(case: &Value, result: &Result<SessionClaims, TokenError>) -> Result<String, String> {
    let verdict = &case["verdict"];
    let expect = case
        .get("expect")
        .map(|e| e.as_str().expect("expect is a kind name"));
    let payload_of = |claims: &SessionClaims| -> Value {
        serde_json::from_str(claims.json()).expect("our payload is JSON")
    };
    match category(case) {
        Category::Strict => {
            if case.get("strict").is_some() && expect.is_none() {
                return Err("strict row without `expect`".into());
            }
            let expect = expect.unwrap_or_default();
            match result {
                Err(err) if kind(err) == expect => Ok(format!("strict {expect}")),
                Err(err) => Err(format!(
                    "refused with {} ({err}), expected {expect}",
                    kind(err)
                )),
                Ok(_) => Err(format!("accepted, expected {expect}")),
            }
        }
        Category::Ours => match (case["ours"].as_str(), result) {
            (Some("accept"), Ok(claims)) if payload_of(claims) == case["ours_payload"] => {
                Ok("ours: accept".into())
            }
            (Some("accept"), Ok(claims)) => Err(format!(
                "payload differs: ours {} vs {}",
                payload_of(claims),
                case["ours_payload"]
            )),
            (ours, result) => Err(format!("ours={ours:?}, got {result:?}")),
        },
        Category::BothAccept => match result {
            Ok(claims) if expect.is_none() && payload_of(claims) == verdict["payload"] => {
                Ok("both accept".into())
            }
            Ok(claims) if expect.is_none() => Err(format!(
                "payload differs: ours {} vs real {}",
                payload_of(claims),
                verdict["payload"]
            )),
            Ok(_) => Err(format!("accepted, but the fixture expects {expect:?}")),
            Err(err) => Err(format!("refused with {} ({err}); real accepts", kind(err))),
        },
        Category::BothRefuse => {
            let class = verdict["error_class"]
                .as_str()
                .expect("verdict.error_class");
            let message = verdict["error"].as_str().expect("verdict.error");
            let err = match result {
                Ok(_) => return Err(format!("accepted; real refuses with {class}: {message}")),
                Err(err) => err,
            };
            let ours = kind(err);
            let same = same_reason(class, message).map(|i| SAME_REASON[i].2);
            match (expect, same) {
                (Some(expect), _) if ours != expect => {
                    Err(format!("refused with {ours} ({err}), expected {expect}"))
                }
                (_, Some(kinds)) if kinds.contains(&ours) => Ok(format!("refuse {class}")),
                // The fixture names the README row that refuses it first, before the check
                // the real library failed it on (a padded header: jose fails the AAD).
                (Some(_), _) => Ok(format!(
                    "refuse {class}, ours {ours} by README row {}",
                    case["readme_row"]
                        .as_str()
                        .expect("an `expect` names its README row")
                )),
                (None, Some(kinds)) => Err(format!(
                    "refused with {ours} ({err}); real refuses with {class} ({message}), \
                     which SAME_REASON pairs with {kinds:?}"
                )),
                (None, None) => Err(format!(
                    "real error {class} ({message}) has no SAME_REASON entry; ours {ours}"
                )),
            }
        }
    }
}

#[test]
fn every_fixture_matches_the_real_library_or_a_documented_difference() {
    let fixtures = fixtures();
    let now = UnixTime(fixtures["now"].as_i64().expect("now"));
    let cases = fixtures["cases"].as_array().expect("cases");
    assert!(cases.len() >= 100, "fixture set shrank to {}", cases.len());
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let token = case["token"].as_str().expect("token");
        let result = decoder_for(case).decode(token, now);
        match check(case, &result) {
            Ok(label) => *tally.entry(label).or_default() += 1,
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    println!("{} fixtures:", cases.len());
    for (label, count) in &tally {
        println!("  {count:4}  {label}");
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let strict: usize = tally
        .iter()
        .filter(|(label, _)| label.starts_with("strict "))
        .map(|(_, count)| count)
        .sum();
    assert!(
        strict >= 20,
        "the strict cases vanished from the fixtures ({strict})"
    );
}

/// Every `SAME_REASON` entry pairs a class some fixture really has with kinds `kind` can return;
/// an entry no fixture reaches would be a claim nothing checks.
#[test]
fn every_same_reason_entry_is_used() {
    let fixtures = fixtures();
    let mut used = vec![false; SAME_REASON.len()];
    for case in fixtures["cases"].as_array().expect("cases") {
        let verdict = &case["verdict"];
        if category(case) != Category::BothRefuse {
            continue;
        }
        let class = verdict["error_class"]
            .as_str()
            .expect("verdict.error_class");
        let message = verdict["error"].as_str().expect("verdict.error");
        if let Some(i) = same_reason(class, message) {
            used[i] = true;
        }
    }
    let unused: Vec<_> = SAME_REASON
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(entry, _)| format!("{entry:?}"))
        .collect();
    // Without `signed-all` the jsonwebtoken and jwtVerify fixtures are left out.
    let signed_only = |entry: &String| {
        [
            "JsonWebTokenError",
            "TokenExpiredError",
            "NotBeforeError",
            "ERR_JWS_",
        ]
        .iter()
        .any(|class| entry.contains(class))
    };
    let unused: Vec<_> = unused
        .into_iter()
        .filter(|entry| cfg!(feature = "signed-all") || !signed_only(entry))
        .collect();
    assert!(
        unused.is_empty(),
        "SAME_REASON entries no fixture uses: {unused:#?}"
    );
}

/// The rows of README's "Where we are stricter than next-auth, and why": the id fixtures give in
/// `readme_row`, a phrase of the row's first cell, and which fixtures the row's claim needs.
const README_ROWS: &[(&str, &str, &[Category])] = &[
    (
        "agility",
        "`A256GCMKW`",
        &[Category::Strict, Category::BothRefuse],
    ),
    (
        "pbes2",
        "`PBES2-HS256+A128KW`",
        &[Category::Strict, Category::BothRefuse],
    ),
    ("zip", "`zip: \"DEF\"`", &[Category::Strict]),
    // A JWE with `crit`: next-auth and @auth/core refuse it too; jsonwebtoken accepts a JWS.
    (
        "crit",
        "`crit` in the protected header",
        &[Category::BothRefuse, Category::Strict],
    ),
    (
        "header-members",
        "unknown header members",
        &[Category::Strict],
    ),
    (
        "base64",
        "base64 with",
        &[Category::Strict, Category::BothRefuse],
    ),
    (
        "too-long",
        "over 400 KiB",
        &[Category::Strict, Category::BothAccept],
    ),
    ("duplicate-claims", "duplicate `exp`", &[Category::Strict]),
    ("number-overflow", "`1e309`", &[Category::Strict]),
    ("nesting", "deeper than 127", &[Category::Strict]),
    ("v5-no-kid-rotation", "without `kid`", &[Category::Ours]),
    (
        "hs256-pem-secret",
        "PEM public key",
        &[Category::BothRefuse],
    ),
];

/// The first cells of the README table, in order.
fn readme_strictness_rows() -> Vec<String> {
    let readme = include_str!("../README.md");
    let section = readme
        .split("\n## ")
        .find(|section| section.starts_with("Where we are stricter than next-auth"))
        .expect("README section");
    section
        .lines()
        .filter(|line| line.starts_with('|'))
        .skip(2) // the header and the |---| line
        .map(|line| {
            line.split('|')
                .nth(1)
                .expect("a first cell")
                .trim()
                .to_owned()
        })
        .collect()
}

/// Every row of the README table has the fixtures its claim needs (all fixtures, whatever the
/// features: this reads the recorded verdicts; the test above decodes them).
#[test]
fn every_readme_strictness_row_has_fixtures() {
    let rows = readme_strictness_rows();
    assert_eq!(rows.len(), README_ROWS.len(), "README rows: {rows:#?}");
    for row in &rows {
        let ids: Vec<_> = README_ROWS
            .iter()
            .filter(|(_, phrase, _)| row.contains(phrase))
            .map(|(id, ..)| id)
            .collect();
        assert_eq!(ids.len(), 1, "README row {row:?} matches {ids:?}");
    }
    let all: Value = serde_json::from_str(include_str!("fixtures/tokens.json")).expect("json");
    let cases = all["cases"].as_array().expect("cases");
    let ids: Vec<_> = README_ROWS.iter().map(|(id, ..)| *id).collect();
    for case in cases {
        if let Some(id) = case.get("readme_row") {
            let id = id.as_str().expect("readme_row");
            assert!(
                ids.contains(&id),
                "{}: unknown README row {id}",
                case["name"]
            );
        }
    }
    for (id, _, needs) in README_ROWS {
        for need in *needs {
            let names: Vec<_> = cases
                .iter()
                .filter(|case| case["readme_row"] == *id && category(case) == *need)
                .map(|case| case["name"].as_str().expect("name"))
                .collect();
            assert!(!names.is_empty(), "README row {id}: no {need:?} fixture");
            println!("{id:20} {need:?}: {}", names.join(", "));
        }
    }
    // Every strict fixture is one of the README's rows.
    for case in cases.iter().filter(|c| category(c) == Category::Strict) {
        assert!(
            case.get("readme_row").is_some(),
            "{}: strict without a README row",
            case["name"]
        );
    }
}

/// The length fixtures sit on either side of `MAX_TOKEN_LEN`, so they pin the bound itself.
#[test]
fn length_fixtures_straddle_the_bound() {
    let all: Value = serde_json::from_str(include_str!("fixtures/tokens.json")).expect("json");
    let mut seen = (false, false);
    for case in all["cases"].as_array().expect("cases") {
        if case["readme_row"] != "too-long" {
            continue;
        }
        let len = case["token"].as_str().expect("token").len();
        assert!(len.abs_diff(MAX_TOKEN_LEN) <= 4, "{}: {len}", case["name"]);
        if case["expect"] == "TooLong" {
            assert!(len > MAX_TOKEN_LEN, "{}: {len}", case["name"]);
            seen.0 = true;
        } else {
            assert!(len <= MAX_TOKEN_LEN, "{}: {len}", case["name"]);
            seen.1 = true;
        }
    }
    assert_eq!(seen, (true, true));
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
