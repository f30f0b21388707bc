//! The signed assertion: a short-lived JWT saying who the user is, which the origin verifies
//! with any JWT library, never with NEXTAUTH_SECRET. Modelled on Cloudflare Access's
//! `Cf-Access-Jwt-Assertion` and Pomerium's `X-Pomerium-Jwt-Assertion`. Two ways to sign it:
//!
//! - `ASSERTION_SECRET` (every build): HS256, a shared secret of its own (at least 32 bytes, not
//!   NEXTAUTH_SECRET or an AUTH_SECRET) that the origin holds too. HMAC-SHA-256 by RustCrypto's
//!   `hmac`/`sha2`, the crates the session decoder already links, so the production Worker stays
//!   within its size budget. Header `alg: HS256`, `typ: JWT`.
//! - `ASSERTION_KEY` (`es256` feature, `WORKER_FEATURES=es256 make worker`): ES256, a P-256
//!   private key, PKCS#8 PEM (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`),
//!   signed by jwt-compact (RFC 6979, no randomness needed). The origin needs only the public key,
//!   published at [`JWKS_PATH`]. Header `alg: ES256`, `typ: JWT`, `kid`: the key's RFC 7638
//!   thumbprint. jwt-compact with p256 adds about 90 KiB gzip to the Worker, which is why the
//!   default build leaves it out.
//!
//! Claims: `iss` (`ASSERTION_ISSUER`, else the gate's origin), `aud` (`ASSERTION_AUDIENCE`, else
//! `UPSTREAM`'s origin, else the gate's origin), `sub`, `email`, `name` when the session has them,
//! `iat`, and `exp = iat + 60`.

use serde_json::{Map, Value};

use crate::token::UnixTime;

/// Where the Worker publishes the ES256 public key.
pub const JWKS_PATH: &str = "/.well-known/nextauth-edge/jwks.json";
/// How long an assertion is valid.
pub const LIFETIME_SECS: i64 = 60;
/// Claims copied from the session when present.
const COPIED: [&str; 3] = ["sub", "email", "name"];

/// Whether the assertion copies the session claim `name` (`sub`, `email`, `name`).
pub fn copies_claim(name: &str) -> bool {
    COPIED.contains(&name)
}
/// The shortest `ASSERTION_SECRET`: HS256's key size (RFC 7518, section 3.2).
pub const MIN_SECRET_BYTES: usize = 32;

/// The settings that sign the assertion, made ready: `ASSERTION_SECRET` (HS256) or
/// `ASSERTION_KEY` (ES256).
pub enum AssertionSigner {
    /// HMAC-SHA-256 with `ASSERTION_SECRET`.
    Hs256(Hs256Signer),
    /// ECDSA P-256 with `ASSERTION_KEY`.
    #[cfg(feature = "es256")]
    Es256(Es256Signer),
}

/// Which key and which algorithm; never the key.
impl std::fmt::Debug for AssertionSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AssertionSigner::Hs256(_) => f.write_str("AssertionSigner(HS256, ASSERTION_SECRET)"),
            #[cfg(feature = "es256")]
            AssertionSigner::Es256(es) => write!(f, "AssertionSigner(ES256, kid {})", es.kid),
        }
    }
}

/// Why a setting cannot sign: the variable to fix and what is wrong (never its value).
pub type SettingProblem = (&'static str, String);

impl AssertionSigner {
    /// From `ASSERTION_KEY` / `ASSERTION_SECRET` (set and not blank), checked against the session
    /// secrets (`NEXTAUTH_SECRET`, `AUTH_SECRET`, ...). `None`: neither is set.
    pub fn from_settings(
        key: Option<&str>,
        secret: Option<&str>,
        session_secrets: &[&str],
    ) -> Result<Option<Self>, SettingProblem> {
        match (key, secret) {
            (None, None) => Ok(None),
            (Some(_), Some(_)) => Err((
                "ASSERTION_KEY",
                "and ASSERTION_SECRET are both set: choose one (ASSERTION_KEY for ES256, \
                 ASSERTION_SECRET for HS256)"
                    .into(),
            )),
            (None, Some(secret)) => Hs256Signer::new(secret, session_secrets)
                .map(|hs| Some(AssertionSigner::Hs256(hs)))
                .map_err(|problem| ("ASSERTION_SECRET", problem)),
            (Some(pem), None) => es256(pem)
                .map(Some)
                .map_err(|problem| ("ASSERTION_KEY", problem)),
        }
    }

    /// The JWS `alg`: `"HS256"` or `"ES256"`.
    pub fn algorithm(&self) -> &'static str {
        match self {
            AssertionSigner::Hs256(_) => "HS256",
            #[cfg(feature = "es256")]
            AssertionSigner::Es256(_) => "ES256",
        }
    }

    /// `{"keys": [the public JWK]}` for ES256; `None` for HS256 (a shared secret is never
    /// published).
    pub fn jwks(&self) -> Option<&str> {
        match self {
            AssertionSigner::Hs256(_) => None,
            #[cfg(feature = "es256")]
            AssertionSigner::Es256(es) => Some(&es.jwks),
        }
    }

    /// The assertion for a session's claims.
    pub fn sign(
        &self,
        session: &Map<String, Value>,
        issuer: &str,
        audience: &str,
        now: UnixTime,
    ) -> String {
        let claims = claims(session, issuer, audience, now);
        match self {
            AssertionSigner::Hs256(hs) => hs.sign(&claims),
            #[cfg(feature = "es256")]
            AssertionSigner::Es256(es) => es.sign(claims),
        }
    }
}

fn claims(
    session: &Map<String, Value>,
    issuer: &str,
    audience: &str,
    now: UnixTime,
) -> Map<String, Value> {
    let mut claims = Map::new();
    claims.insert("iss".into(), issuer.into());
    claims.insert("aud".into(), audience.into());
    for name in COPIED {
        if let Some(value @ (Value::String(_) | Value::Number(_))) = session.get(name) {
            claims.insert(name.into(), value.clone());
        }
    }
    claims.insert("iat".into(), now.0.into());
    claims.insert("exp".into(), (now.0 + LIFETIME_SECS).into());
    claims
}

/// `ASSERTION_SECRET`'s HMAC key.
pub struct Hs256Signer {
    mac: hmac::Hmac<sha2::Sha256>,
}

impl Hs256Signer {
    fn new(secret: &str, session_secrets: &[&str]) -> Result<Self, String> {
        use hmac::KeyInit;
        if secret.starts_with("-----BEGIN") {
            return Err(
                "holds a PEM key: an ES256 private key goes in ASSERTION_KEY \
                        (and needs a Worker built with the `es256` feature)"
                    .into(),
            );
        }
        if secret.len() < MIN_SECRET_BYTES {
            return Err(format!(
                "must be at least {MIN_SECRET_BYTES} bytes of random text \
                 (`openssl rand -base64 32`)"
            ));
        }
        if session_secrets.contains(&secret) {
            return Err(
                "must not be the session secret (NEXTAUTH_SECRET / AUTH_SECRET): \
                        whoever holds it could mint session cookies; use a separate random secret"
                    .into(),
            );
        }
        let mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes())
            .map_err(|_| "cannot key HMAC-SHA-256".to_owned())?;
        Ok(Hs256Signer { mac })
    }

    /// `base64url(header).base64url(claims).base64url(HMAC-SHA-256)`: the JWS compact
    /// serialization (RFC 7515); the MAC is RustCrypto's.
    fn sign(&self, claims: &Map<String, Value>) -> String {
        use hmac::Mac;
        // {"alg":"HS256","typ":"JWT"}
        const HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
        let mut token = String::with_capacity(256);
        token.push_str(HEADER);
        token.push('.');
        // Serializing a JSON map cannot fail.
        let payload = serde_json::to_vec(claims).unwrap_or_default();
        crate::token::base64url::encode_into(&payload, &mut token);
        let mut mac = self.mac.clone();
        mac.update(token.as_bytes());
        let tag = mac.finalize().into_bytes();
        token.push('.');
        crate::token::base64url::encode_into(&tag, &mut token);
        token
    }
}

#[cfg(not(feature = "es256"))]
fn es256(_pem: &str) -> Result<AssertionSigner, String> {
    Err(
        "is set (an ES256 private key), but this Worker was built without ES256 signing (the \
         `es256` cargo feature, left out of the default build for size): deploy with \
         `WORKER_FEATURES=es256 npx wrangler deploy` (or `WORKER_FEATURES=es256 make worker`), or \
         sign with HS256 instead: unset ASSERTION_KEY and set ASSERTION_SECRET"
            .into(),
    )
}

#[cfg(feature = "es256")]
fn es256(pem: &str) -> Result<AssertionSigner, String> {
    Es256Signer::from_pem(pem).map(AssertionSigner::Es256)
}

/// `ASSERTION_KEY` made ready to sign: the ES256 key, its RFC 7638 thumbprint (`kid`) and JWKS.
#[cfg(feature = "es256")]
pub struct Es256Signer {
    key: p256::ecdsa::SigningKey,
    kid: String,
    jwks: String,
}

#[cfg(feature = "es256")]
impl Es256Signer {
    /// A PKCS#8 PEM P-256 private key.
    pub fn from_pem(pem: &str) -> Result<Self, String> {
        use jwt_compact::jwk::JsonWebKey;
        use p256::pkcs8::DecodePrivateKey;
        use sha2::{Digest, Sha256};
        let key = p256::ecdsa::SigningKey::from_pkcs8_pem(pem.trim()).map_err(|_| {
            "must be a P-256 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)".to_owned()
        })?;
        let verifying = *key.verifying_key();
        let public = JsonWebKey::from(&verifying);
        // RFC 7638: SHA-256 of the required members, sorted, no whitespace (jwt-compact's Display).
        let kid = crate::token::base64url::encode(&Sha256::digest(public.to_string().as_bytes()));
        let mut jwk: Map<String, Value> =
            serde_json::from_value(serde_json::to_value(&public).unwrap_or_default())
                .unwrap_or_default();
        jwk.insert("kid".into(), Value::String(kid.clone()));
        jwk.insert("alg".into(), Value::String("ES256".into()));
        jwk.insert("use".into(), Value::String("sig".into()));
        let jwks = serde_json::json!({ "keys": [jwk] }).to_string();
        Ok(Es256Signer { key, kid, jwks })
    }

    /// The key's RFC 7638 thumbprint, the assertion's `kid`.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    fn sign(&self, claims: Map<String, Value>) -> String {
        use jwt_compact::alg::Es256;
        use jwt_compact::{AlgorithmExt, Claims, Header};
        let header = Header::empty()
            .with_key_id(self.kid.clone())
            .with_token_type("JWT");
        // Serializing a JSON map and signing with a valid key cannot fail.
        Es256
            .token(&header, &Claims::new(claims), &self.key)
            .unwrap_or_default()
    }
}

/// What an origin checks an assertion with.
#[cfg(feature = "signed")]
#[derive(Clone, Copy)]
pub enum AssertionKey<'a> {
    /// HS256: the `ASSERTION_SECRET` the gate has too.
    Secret(&'a str),
    /// ES256: a public key of the gate's JWK Set (`es256` feature).
    PublicKey(&'a crate::token::VerifyingKey),
}

#[cfg(feature = "signed")]
impl std::fmt::Debug for AssertionKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AssertionKey::Secret(_) => f.write_str("AssertionKey::Secret(<redacted>)"),
            AssertionKey::PublicKey(key) => {
                f.debug_tuple("AssertionKey::PublicKey").field(key).finish()
            }
        }
    }
}

/// Verifies an assertion as an origin would, with our crate's decoder (jwt-compact): the
/// algorithm `key` is for only, not expired, this issuer and audience. Returns its claims.
#[cfg(feature = "signed")]
pub fn verify(
    token: &str,
    key: AssertionKey<'_>,
    issuer: &str,
    audience: &str,
    now: UnixTime,
) -> Result<Map<String, Value>, String> {
    let builder = crate::token::SessionDecoder::builder();
    let builder = match key {
        AssertionKey::PublicKey(key) => builder.verifying_key(key.clone()),
        AssertionKey::Secret(secret) => {
            builder
                .secret(secret)
                .verifying_key(crate::token::VerifyingKey::Hmac(
                    crate::token::SignedAlgorithm::Hs256,
                ))
        }
    };
    let claims = builder
        .build()
        .decode(token, now)
        .map_err(|err| err.to_string())?
        .to_map();
    if claims.get("iss").and_then(Value::as_str) != Some(issuer) {
        return Err("wrong issuer".into());
    }
    let aud_ok = match claims.get("aud") {
        Some(Value::String(aud)) => aud == audience,
        Some(Value::Array(auds)) => auds.iter().any(|a| a.as_str() == Some(audience)),
        _ => false,
    };
    if !aud_ok {
        return Err("wrong audience".into());
    }
    if claims.get("exp").and_then(Value::as_i64).is_none() {
        return Err("no expiry".into());
    }
    Ok(claims)
}

#[cfg(all(test, feature = "signed"))]
mod tests {
    use super::*;

    /// A throwaway HS256 secret (32 bytes).
    const TEST_SECRET: &str = "assertion-test-secret-0123456789abcdef";

    #[cfg(feature = "es256")]
    // A throwaway test key (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256).
    pub(crate) const TEST_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgd0c4k+XKWN32DGhH
/KDyo8OVlsHh4uTJyP3+CeLtM6uhRANCAAQjE69zOcn2oipcqjET1G9vWUqdkq+a
ik2wLVzmgck1eL6mmlEb0Q/cI0oTCII1/6KlJcDTFs85a9IACZncRua3
-----END PRIVATE KEY-----";

    fn header(token: &str) -> Value {
        serde_json::from_slice(
            &base64::Engine::decode(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                token.split('.').next().unwrap(),
            )
            .unwrap(),
        )
        .unwrap()
    }

    /// Signs, then checks with our verifier: valid, and refused when tampered, expired, for
    /// another audience or issuer, or (`wrong`) under another key.
    fn round_trip(
        signer: &AssertionSigner,
        key: AssertionKey<'_>,
        wrong: AssertionKey<'_>,
    ) -> String {
        let session: Map<String, Value> = serde_json::from_str(
            r#"{"sub":"u-1","email":"a@example.com","name":"Ada","role":"admin","picture":null}"#,
        )
        .unwrap();
        let now = UnixTime(1_764_158_400);
        let (gate, origin) = ("https://gate.example", "https://origin.example");
        let token = signer.sign(&session, gate, origin, now);
        let claims = verify(&token, key, gate, origin, now).unwrap();
        assert_eq!(claims["sub"], "u-1");
        assert_eq!(claims["email"], "a@example.com");
        assert_eq!(claims["exp"], now.0 + 60);
        assert!(claims.get("role").is_none());
        assert_eq!(header(&token)["alg"], signer.algorithm());
        assert_eq!(header(&token)["typ"], "JWT");

        assert!(verify(&token, key, gate, "https://other.example", now).is_err());
        assert!(verify(&token, key, "https://evil.example", origin, now).is_err());
        assert!(verify(&token, key, gate, origin, UnixTime(now.0 + 61 + 15)).is_err());
        assert!(verify(&token, wrong, gate, origin, now).is_err());
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        parts[1] = crate::token::base64url::encode(br#"{"iss":"https://gate.example","aud":"https://origin.example","sub":"admin","iat":1764158400,"exp":1764158460}"#);
        assert!(verify(&parts.join("."), key, gate, origin, now).is_err());
        token
    }

    #[test]
    fn hs256_assertions_verify_and_are_refused_when_tampered_expired_or_for_another_audience() {
        let signer = AssertionSigner::from_settings(None, Some(TEST_SECRET), &[])
            .unwrap()
            .unwrap();
        assert_eq!(signer.algorithm(), "HS256");
        assert!(
            signer.jwks().is_none(),
            "a shared secret is never published"
        );
        let other = "another-assertion-secret-0123456789abcdef";
        let token = round_trip(
            &signer,
            AssertionKey::Secret(TEST_SECRET),
            AssertionKey::Secret(other),
        );
        // The MAC is HMAC-SHA-256 over `header.payload` (checked against the `hmac` crate here,
        // and against jose in tests/worker/identity.test.mjs).
        use hmac::{KeyInit, Mac};
        let (signed, tag) = token.rsplit_once('.').unwrap();
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(TEST_SECRET.as_bytes()).unwrap();
        mac.update(signed.as_bytes());
        mac.verify_slice(&crate::token::base64url::decode(tag, "signature").unwrap())
            .unwrap();
    }

    #[test]
    fn bad_settings_are_refused_naming_the_setting() {
        let setting = |key, secret, session: &[&str]| {
            AssertionSigner::from_settings(key, secret, session)
                .map(|_| ())
                .unwrap_err()
                .0
        };
        assert_eq!(setting(None, Some("short"), &[]), "ASSERTION_SECRET");
        assert_eq!(
            setting(None, Some(TEST_SECRET), &[TEST_SECRET]),
            "ASSERTION_SECRET"
        );
        assert_eq!(
            setting(
                None,
                Some("-----BEGIN PRIVATE KEY-----\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
                &[]
            ),
            "ASSERTION_SECRET"
        );
        assert_eq!(setting(Some("k"), Some(TEST_SECRET), &[]), "ASSERTION_KEY");
        assert_eq!(setting(Some("not a key"), None, &[]), "ASSERTION_KEY");
        assert_eq!(
            setting(
                Some("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"),
                None,
                &[]
            ),
            "ASSERTION_KEY"
        );
        assert!(AssertionSigner::from_settings(None, None, &[])
            .unwrap()
            .is_none());
        // The error never quotes the secret.
        let (_, problem) = AssertionSigner::from_settings(None, Some(TEST_SECRET), &[TEST_SECRET])
            .map(|_| ())
            .unwrap_err();
        assert!(!problem.contains(TEST_SECRET));
        let debug = format!(
            "{:?}",
            AssertionSigner::from_settings(None, Some(TEST_SECRET), &[]).unwrap()
        );
        assert!(!debug.contains(TEST_SECRET), "{debug}");
    }

    #[cfg(feature = "es256")]
    #[test]
    fn es256_assertions_verify_and_are_refused_when_tampered_expired_or_for_another_audience() {
        use crate::token::{SignedAlgorithm, VerifyingKey};
        let public_key = |signer: &AssertionSigner| {
            let jwks: Value = serde_json::from_str(signer.jwks().unwrap()).unwrap();
            VerifyingKey::from_jwk(SignedAlgorithm::Es256, &jwks["keys"][0].to_string()).unwrap()
        };
        let signer = AssertionSigner::from_settings(Some(TEST_KEY), None, &[])
            .unwrap()
            .unwrap();
        assert_eq!(signer.algorithm(), "ES256");
        let key = public_key(&signer);
        let other = p256::ecdsa::SigningKey::from_slice(&[7; 32]).unwrap();
        let other_jwk = jwt_compact::jwk::JsonWebKey::from(other.verifying_key()).to_string();
        let other = VerifyingKey::from_jwk(SignedAlgorithm::Es256, &other_jwk).unwrap();
        let token = round_trip(
            &signer,
            AssertionKey::PublicKey(&key),
            AssertionKey::PublicKey(&other),
        );
        let AssertionSigner::Es256(es) = &signer else {
            unreachable!()
        };
        assert_eq!(header(&token)["kid"], es.kid());
        let again = AssertionSigner::from_settings(Some(TEST_KEY), None, &[])
            .unwrap()
            .unwrap();
        let AssertionSigner::Es256(again) = again else {
            unreachable!()
        };
        assert_eq!(again.kid(), es.kid(), "the kid is the key's thumbprint");
    }
}
