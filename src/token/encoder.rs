//! `TokenEncoder`: writes tokens the real `next-auth/jwt` and `@auth/core/jwt` `decode` accept.

use serde_json::{Map, Value};
use thiserror::Error;

use super::base64url;
use super::claims::UnixTime;
use super::enc::{A256CbcHs512, A256Gcm, ContentEncryption};
use super::keys::{ContentKey, Derivation, Secret, SecretKeys};

/// Why a token could not be written.
///
/// Non-exhaustive: new failure modes may add variants.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The platform random number generator (IV, `jti`) failed.
    #[error("the platform random number generator failed")]
    Random,
    /// The claims could not be serialized to JSON; serde_json's message.
    #[error("claims could not be serialized: {0}")]
    Json(String),
}

/// Encrypts session claims for one secret, salt and format. Keys are derived once per encoder.
///
/// The output is what the real `encode` of `next-auth/jwt` (v4) or `@auth/core/jwt` (v5) writes:
/// a compact `dir` JWE. See the [module example](super) for a round trip through
/// [`SessionDecoder`](super::SessionDecoder).
pub struct TokenEncoder {
    keys: SecretKeys,
    derivation: Derivation,
}

impl TokenEncoder {
    /// next-auth v4's `encode`: `{"alg":"dir","enc":"A256GCM"}`.
    pub fn next_auth_v4(secret: Secret, salt: &str) -> Self {
        TokenEncoder {
            keys: SecretKeys::new(secret, salt),
            derivation: Derivation::NextAuthV4,
        }
    }

    /// Auth.js v5's `encode` (A256CBC-HS512 with a `kid`); `salt` is the session cookie name.
    pub fn authjs_v5(secret: Secret, salt: &str) -> Self {
        TokenEncoder {
            keys: SecretKeys::new(secret, salt),
            derivation: Derivation::AuthJsCbc,
        }
    }

    /// Auth.js v5 with `A256GCM` content encryption.
    pub fn authjs_v5_gcm(secret: Secret, salt: &str) -> Self {
        TokenEncoder {
            keys: SecretKeys::new(secret, salt),
            derivation: Derivation::AuthJsGcm,
        }
    }

    /// Encrypts `{...claims, iat, exp, jti}` like jose's `EncryptJWT` as next-auth drives it:
    /// `iat = now`, `exp = now + max_age`, a fresh UUID v4 `jti`; existing claims keep their place.
    pub fn encode(
        &self,
        claims: &Map<String, Value>,
        max_age_secs: i64,
        now: UnixTime,
    ) -> Result<String, EncodeError> {
        let mut payload = claims.clone();
        payload.insert("iat".into(), now.0.into());
        payload.insert("exp".into(), now.0.saturating_add(max_age_secs).into());
        payload.insert("jti".into(), random_uuid()?.into());
        let mut plaintext =
            serde_json::to_vec(&payload).map_err(|err| EncodeError::Json(err.to_string()))?;

        let key = self.keys.get(self.derivation);
        let header = match self.derivation {
            Derivation::NextAuthV4 => r#"{"alg":"dir","enc":"A256GCM"}"#.to_owned(),
            Derivation::AuthJsCbc => format!(
                r#"{{"alg":"dir","enc":"A256CBC-HS512","kid":"{}"}}"#,
                key.kid()
            ),
            Derivation::AuthJsGcm => {
                format!(r#"{{"alg":"dir","enc":"A256GCM","kid":"{}"}}"#, key.kid())
            }
        };
        let mut token = base64url::encode(header.as_bytes());
        let aad = token.clone();
        let (iv, tag) = match &key.content_key {
            ContentKey::A256CbcHs512(key) => {
                let iv = random_bytes::<{ A256CbcHs512::IV_LEN }>()?;
                let tag = A256CbcHs512::encrypt(key, &iv, aad.as_bytes(), &mut plaintext);
                (iv.to_vec(), tag)
            }
            ContentKey::A256Gcm(key) => {
                let iv = random_bytes::<{ A256Gcm::IV_LEN }>()?;
                let tag = A256Gcm::encrypt(key, &iv, aad.as_bytes(), &mut plaintext);
                (iv.to_vec(), tag)
            }
        };
        token.push_str("..");
        base64url::encode_into(&iv, &mut token);
        token.push('.');
        base64url::encode_into(&plaintext, &mut token);
        token.push('.');
        base64url::encode_into(&tag, &mut token);
        Ok(token)
    }
}

fn random_bytes<const N: usize>() -> Result<[u8; N], EncodeError> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).map_err(|_| EncodeError::Random)?;
    Ok(bytes)
}

fn random_uuid() -> Result<String, EncodeError> {
    let bytes = random_bytes::<16>()?;
    Ok(uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string())
}
