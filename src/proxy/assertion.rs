//! The signed assertion: a short-lived ES256 JWT saying who the user is, which the origin
//! verifies with any JWT library and the gate's public key (its JWKS), never NEXTAUTH_SECRET.
//! Modelled on Cloudflare Access's `Cf-Access-Jwt-Assertion` and Pomerium's
//! `X-Pomerium-Jwt-Assertion`.
//!
//! - `ASSERTION_KEY`: a P-256 private key, PKCS#8 PEM (`openssl genpkey -algorithm EC -pkeyopt
//!   ec_paramgen_curve:P-256`); a secret (`wrangler secret put ASSERTION_KEY`).
//! - Header `alg: ES256`, `typ: JWT`, `kid`: the key's RFC 7638 thumbprint.
//! - Claims: `iss` (`ASSERTION_ISSUER`, else the gate's origin), `aud` (`ASSERTION_AUDIENCE`,
//!   else `UPSTREAM`'s origin, else the gate's origin), `sub`, `email`, `name` when the session
//!   has them, `iat`, and `exp = iat + 60`.
//! - The public key is published at [`JWKS_PATH`].
//!
//! Signing goes through jwt-compact (`es256` feature); RFC 6979 signatures need no randomness.

use jwt_compact::alg::Es256;
use jwt_compact::jwk::JsonWebKey;
use jwt_compact::{AlgorithmExt, Claims, Header};
use p256::pkcs8::DecodePrivateKey;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::token::{SessionDecoder, UnixTime, VerifyingKey};

/// Where the Worker publishes the assertion key.
pub const JWKS_PATH: &str = "/.well-known/nextauth-edge/jwks.json";
/// How long an assertion is valid.
pub const LIFETIME_SECS: i64 = 60;
/// Claims copied from the session when present.
const COPIED: [&str; 3] = ["sub", "email", "name"];

/// `ASSERTION_KEY` made ready to sign: the ES256 key and its RFC 7638 thumbprint (`kid`).
pub struct AssertionSigner {
    key: p256::ecdsa::SigningKey,
    kid: String,
    jwks: String,
}

impl std::fmt::Debug for AssertionSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AssertionSigner")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl AssertionSigner {
    /// A PKCS#8 PEM P-256 private key.
    pub fn from_pem(pem: &str) -> Result<Self, String> {
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
        Ok(AssertionSigner { key, kid, jwks })
    }

    /// `{"keys": [the public JWK]}`.
    pub fn jwks(&self) -> &str {
        &self.jwks
    }

    /// The key's RFC 7638 thumbprint, the assertion's `kid`.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The assertion for a session's claims.
    pub fn sign(
        &self,
        session: &Map<String, Value>,
        issuer: &str,
        audience: &str,
        now: UnixTime,
    ) -> String {
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
        let header = Header::empty()
            .with_key_id(self.kid.clone())
            .with_token_type("JWT");
        // Serializing a JSON map and signing with a valid key cannot fail.
        Es256
            .token(&header, &Claims::new(claims), &self.key)
            .unwrap_or_default()
    }
}

/// Verifies an assertion as an origin would: ES256 with `key`, not expired, this issuer and
/// audience. Returns its claims.
pub fn verify(
    token: &str,
    key: &VerifyingKey,
    issuer: &str,
    audience: &str,
    now: UnixTime,
) -> Result<Map<String, Value>, String> {
    let claims = SessionDecoder::builder()
        .verifying_key(key.clone())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::SignedAlgorithm;

    // A throwaway test key (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256).
    pub(crate) const TEST_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgd0c4k+XKWN32DGhH
/KDyo8OVlsHh4uTJyP3+CeLtM6uhRANCAAQjE69zOcn2oipcqjET1G9vWUqdkq+a
ik2wLVzmgck1eL6mmlEb0Q/cI0oTCII1/6KlJcDTFs85a9IACZncRua3
-----END PRIVATE KEY-----";

    fn public_key(signer: &AssertionSigner) -> VerifyingKey {
        let jwks: Value = serde_json::from_str(signer.jwks()).unwrap();
        VerifyingKey::from_jwk(SignedAlgorithm::Es256, &jwks["keys"][0].to_string()).unwrap()
    }

    #[test]
    fn assertions_verify_and_are_refused_when_tampered_expired_or_for_another_audience() {
        let signer = AssertionSigner::from_pem(TEST_KEY).unwrap();
        let key = public_key(&signer);
        let session: Map<String, Value> = serde_json::from_str(
            r#"{"sub":"u-1","email":"a@example.com","name":"Ada","role":"admin","picture":null}"#,
        )
        .unwrap();
        let now = UnixTime(1_764_158_400);
        let token = signer.sign(
            &session,
            "https://gate.example",
            "https://origin.example",
            now,
        );
        let claims = verify(
            &token,
            &key,
            "https://gate.example",
            "https://origin.example",
            now,
        )
        .unwrap();
        assert_eq!(claims["sub"], "u-1");
        assert_eq!(claims["email"], "a@example.com");
        assert_eq!(claims["exp"], now.0 + 60);
        assert!(claims.get("role").is_none());
        let header: Value = serde_json::from_slice(
            &base64::Engine::decode(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                token.split('.').next().unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(header["alg"], "ES256");
        assert_eq!(header["kid"], signer.kid());

        assert!(verify(
            &token,
            &key,
            "https://gate.example",
            "https://other.example",
            now
        )
        .is_err());
        assert!(verify(
            &token,
            &key,
            "https://evil.example",
            "https://origin.example",
            now
        )
        .is_err());
        assert!(verify(
            &token,
            &key,
            "https://gate.example",
            "https://origin.example",
            UnixTime(now.0 + 61 + 15)
        )
        .is_err());
        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        parts[1] = crate::token::base64url::encode(br#"{"iss":"https://gate.example","aud":"https://origin.example","sub":"admin","iat":1764158400,"exp":1764158460}"#);
        assert!(verify(
            &parts.join("."),
            &key,
            "https://gate.example",
            "https://origin.example",
            now
        )
        .is_err());
        let other = AssertionSigner::from_pem(TEST_KEY)
            .unwrap()
            .kid()
            .to_owned();
        assert_eq!(other, signer.kid(), "the kid is the key's thumbprint");
    }

    #[test]
    fn bad_keys_are_refused() {
        assert!(AssertionSigner::from_pem("not a key").is_err());
        assert!(AssertionSigner::from_pem(
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"
        )
        .is_err());
    }
}
