//! Signed JWTs (JWS), for apps whose custom `jwt.encode` signs instead of encrypts. Verification
//! is jwt-compact's; this file decides which algorithms and keys are allowed. An algorithm is
//! accepted only when the caller configured a key for it: the token's `alg` never picks the key
//! type, so `none`, HS256-with-a-public-key and similar confusions have nothing to match.

//!
//! Verification needs the `signed` cargo feature (jwt-compact); without it every signed token is
//! refused as an unsupported algorithm, which keeps the npm package's wasm small.

#[cfg(feature = "signed")]
use jwt_compact::alg::{Hs256, Hs256Key, Hs384, Hs384Key, Hs512, Hs512Key};
#[cfg(feature = "signed")]
use jwt_compact::{Algorithm, AlgorithmExt};
#[cfg(feature = "signed")]
use serde::de::IgnoredAny;
use thiserror::Error;

#[cfg(feature = "signed")]
use super::base64url;
use super::compact::UntrustedToken;
use super::keys::Secret;
use super::TokenError;

/// A JWS `alg` this crate can verify, given a key for it (HMAC always; the others with their
/// cargo feature: `rs256`, `es256`, `eddsa`).
///
/// Non-exhaustive: more algorithms may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignedAlgorithm {
    /// `HS256`: HMAC-SHA-256 keyed with the decoder's secrets.
    Hs256,
    /// `HS384`: HMAC-SHA-384 keyed with the decoder's secrets.
    Hs384,
    /// `HS512`: HMAC-SHA-512 keyed with the decoder's secrets.
    Hs512,
    /// `RS256`: RSASSA-PKCS1-v1_5 with SHA-256 (`rs256` feature).
    Rs256,
    /// `ES256`: ECDSA on P-256 with SHA-256 (`es256` feature).
    Es256,
    /// `EdDSA` with Ed25519 (`eddsa` feature).
    EdDsa,
}

impl SignedAlgorithm {
    /// The algorithm named by a JWS `alg` header value (`"HS256"`, `"EdDSA"`, ...), case-sensitive;
    /// `None` for any other name.
    ///
    /// ```
    /// use nextauth_edge::token::SignedAlgorithm;
    ///
    /// assert_eq!(SignedAlgorithm::from_name("ES256"), Some(SignedAlgorithm::Es256));
    /// assert_eq!(SignedAlgorithm::Es256.name(), "ES256");
    /// assert_eq!(SignedAlgorithm::from_name("none"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "HS256" => SignedAlgorithm::Hs256,
            "HS384" => SignedAlgorithm::Hs384,
            "HS512" => SignedAlgorithm::Hs512,
            "RS256" => SignedAlgorithm::Rs256,
            "ES256" => SignedAlgorithm::Es256,
            "EdDSA" => SignedAlgorithm::EdDsa,
            _ => return None,
        })
    }

    /// The JWS `alg` header value.
    pub fn name(self) -> &'static str {
        match self {
            SignedAlgorithm::Hs256 => "HS256",
            SignedAlgorithm::Hs384 => "HS384",
            SignedAlgorithm::Hs512 => "HS512",
            SignedAlgorithm::Rs256 => "RS256",
            SignedAlgorithm::Es256 => "ES256",
            SignedAlgorithm::EdDsa => "EdDSA",
        }
    }
}

/// Why a public key could not be made into a [`VerifyingKey`]. Never carries key material.
///
/// Non-exhaustive: new key forms may add variants.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The algorithm's cargo feature is off in this build (the algorithm's name).
    #[error("{0} is not compiled into this build (enable the cargo feature)")]
    NotCompiledIn(&'static str),
    /// An HMAC algorithm was given a key to parse: HMAC uses the decoder's secrets (its name).
    #[error("{0} keys are the configured secrets; there is nothing to parse")]
    HmacTakesSecrets(&'static str),
    /// The text is not a valid public key for the algorithm.
    #[error("the key is not a valid {alg} public key in {form}")]
    Invalid {
        /// The algorithm's name, e.g. `"ES256"`.
        alg: &'static str,
        /// The key's form: `"PEM"` or `"JWK"`.
        form: &'static str,
    },
}

/// A key that a signed token may be verified with. HMAC entries enable an algorithm keyed with
/// the decoder's secrets (the raw bytes, as `jsonwebtoken.sign(token, secret)` uses them).
///
/// Build one with [`from_pem`](Self::from_pem) or [`from_jwk`](Self::from_jwk) and pass it to
/// [`SessionDecoderBuilder::verifying_key`](super::SessionDecoderBuilder::verifying_key). Which
/// variants exist depends on the cargo features (`es256`, `rs256`, `eddsa`); the enum is
/// non-exhaustive for that reason and because more algorithms may be added.
///
/// ```
/// use nextauth_edge::token::{SessionDecoder, SignedAlgorithm, VerifyingKey};
///
/// // Accept HS256 tokens signed with the secret, as a custom `jwt.encode` would write them.
/// let decoder = SessionDecoder::builder()
///     .secret("s3cret")
///     .verifying_key(VerifyingKey::Hmac(SignedAlgorithm::Hs256))
///     .build();
/// # let _ = decoder;
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum VerifyingKey {
    /// An HMAC algorithm (`HS256`/`HS384`/`HS512`), keyed with the decoder's secrets. Needs the
    /// `signed` feature to verify anything.
    Hmac(SignedAlgorithm),
    /// A P-256 public key for `ES256`.
    #[cfg(feature = "es256")]
    Es256(Box<<jwt_compact::alg::Es256 as Algorithm>::VerifyingKey>),
    /// An RSA public key for `RS256`.
    #[cfg(feature = "rs256")]
    Rs256(Box<jwt_compact::alg::RsaPublicKey>),
    /// An Ed25519 public key for `EdDSA`.
    #[cfg(feature = "eddsa")]
    EdDsa(Box<ed25519_compact::PublicKey>),
}

impl std::fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "VerifyingKey({})", self.algorithm().name())
    }
}

impl VerifyingKey {
    /// The algorithm this key verifies.
    pub fn algorithm(&self) -> SignedAlgorithm {
        match self {
            VerifyingKey::Hmac(alg) => *alg,
            #[cfg(feature = "es256")]
            VerifyingKey::Es256(_) => SignedAlgorithm::Es256,
            #[cfg(feature = "rs256")]
            VerifyingKey::Rs256(_) => SignedAlgorithm::Rs256,
            #[cfg(feature = "eddsa")]
            VerifyingKey::EdDsa(_) => SignedAlgorithm::EdDsa,
        }
    }

    /// Parses an SPKI PEM (`-----BEGIN PUBLIC KEY-----`) for `alg`.
    pub fn from_pem(alg: SignedAlgorithm, pem: &str) -> Result<Self, KeyError> {
        let invalid = KeyError::Invalid {
            alg: alg.name(),
            form: "PEM",
        };
        let _ = (pem, &invalid);
        match alg {
            SignedAlgorithm::Hs256 | SignedAlgorithm::Hs384 | SignedAlgorithm::Hs512 => {
                Err(KeyError::HmacTakesSecrets(alg.name()))
            }
            #[cfg(feature = "es256")]
            SignedAlgorithm::Es256 => {
                use p256::pkcs8::DecodePublicKey;
                p256::ecdsa::VerifyingKey::from_public_key_pem(pem)
                    .map(|key| VerifyingKey::Es256(Box::new(key)))
                    .map_err(|_| invalid)
            }
            #[cfg(feature = "rs256")]
            SignedAlgorithm::Rs256 => {
                use rsa::pkcs8::DecodePublicKey;
                rsa::RsaPublicKey::from_public_key_pem(pem)
                    .map(|key| VerifyingKey::Rs256(Box::new(key)))
                    .map_err(|_| invalid)
            }
            #[cfg(feature = "eddsa")]
            SignedAlgorithm::EdDsa => ed25519_compact::PublicKey::from_pem(pem)
                .map(|key| VerifyingKey::EdDsa(Box::new(key)))
                .map_err(|_| invalid),
            #[allow(unreachable_patterns)]
            other => Err(KeyError::NotCompiledIn(other.name())),
        }
    }

    /// Parses a public JWK (JSON text) for `alg`.
    pub fn from_jwk(alg: SignedAlgorithm, jwk: &str) -> Result<Self, KeyError> {
        let invalid = KeyError::Invalid {
            alg: alg.name(),
            form: "JWK",
        };
        #[cfg(feature = "signed")]
        let parsed: jwt_compact::jwk::JsonWebKey<'_> =
            serde_json::from_str(jwk).map_err(|_| invalid.clone())?;
        let _ = (jwk, &invalid);
        match alg {
            SignedAlgorithm::Hs256 | SignedAlgorithm::Hs384 | SignedAlgorithm::Hs512 => {
                Err(KeyError::HmacTakesSecrets(alg.name()))
            }
            #[cfg(feature = "es256")]
            SignedAlgorithm::Es256 => {
                <jwt_compact::alg::Es256 as Algorithm>::VerifyingKey::try_from(&parsed)
                    .map(|key| VerifyingKey::Es256(Box::new(key)))
                    .map_err(|_| invalid)
            }
            #[cfg(feature = "rs256")]
            SignedAlgorithm::Rs256 => jwt_compact::alg::RsaPublicKey::try_from(&parsed)
                .map(|key| VerifyingKey::Rs256(Box::new(key)))
                .map_err(|_| invalid),
            #[cfg(feature = "eddsa")]
            SignedAlgorithm::EdDsa => ed25519_compact::PublicKey::try_from(&parsed)
                .map(|key| VerifyingKey::EdDsa(Box::new(key)))
                .map_err(|_| invalid),
            #[allow(unreachable_patterns)]
            other => Err(KeyError::NotCompiledIn(other.name())),
        }
    }
}

/// Without the `signed` feature there is nothing to verify with.
#[cfg(not(feature = "signed"))]
pub(crate) fn verify(
    _token: &UntrustedToken<'_>,
    alg: SignedAlgorithm,
    _secrets: &[Secret],
    _keys: &[VerifyingKey],
) -> Result<Vec<u8>, TokenError> {
    Err(TokenError::UnsupportedAlgorithm(alg.name().to_owned()))
}

/// Verifies `token` as a JWS signed with `alg` and returns its payload bytes.
#[cfg(feature = "signed")]
pub(crate) fn verify(
    token: &UntrustedToken<'_>,
    alg: SignedAlgorithm,
    secrets: &[Secret],
    keys: &[VerifyingKey],
) -> Result<Vec<u8>, TokenError> {
    let enabled: Vec<&VerifyingKey> = keys.iter().filter(|key| key.algorithm() == alg).collect();
    if enabled.is_empty() {
        return Err(TokenError::UnsupportedAlgorithm(alg.name().to_owned()));
    }
    let [_, payload, signature] = token.segments[..] else {
        return Err(TokenError::SegmentCount {
            found: token.segments.len(),
            expected: "a JWS needs 3",
        });
    };
    let payload = base64url::decode(payload, "payload")?;
    base64url::decode(signature, "signature")?;
    let untrusted =
        jwt_compact::UntrustedToken::new(token.raw).map_err(|_| TokenError::SignatureInvalid)?;
    // `jsonwebtoken` refuses a PEM as an HMAC secret; so do we, which closes the classic
    // "HS256 MACed with the RSA public key" confusion even for a misconfigured secret list.
    let secrets: Vec<&Secret> = secrets
        .iter()
        .filter(|secret| !secret.as_bytes().starts_with(b"-----BEGIN"))
        .collect();
    let verified = enabled.iter().any(|key| match key {
        VerifyingKey::Hmac(SignedAlgorithm::Hs256) => secrets
            .iter()
            .any(|s| check(&Hs256, &Hs256Key::new(s.as_bytes()), &untrusted)),
        VerifyingKey::Hmac(SignedAlgorithm::Hs384) => secrets
            .iter()
            .any(|s| check(&Hs384, &Hs384Key::new(s.as_bytes()), &untrusted)),
        VerifyingKey::Hmac(SignedAlgorithm::Hs512) => secrets
            .iter()
            .any(|s| check(&Hs512, &Hs512Key::new(s.as_bytes()), &untrusted)),
        VerifyingKey::Hmac(_) => false,
        #[cfg(feature = "es256")]
        VerifyingKey::Es256(key) => check(&jwt_compact::alg::Es256, key, &untrusted),
        #[cfg(feature = "rs256")]
        VerifyingKey::Rs256(key) => check(&jwt_compact::alg::Rsa::rs256(), key, &untrusted),
        #[cfg(feature = "eddsa")]
        VerifyingKey::EdDsa(key) => check(&jwt_compact::alg::Ed25519, key, &untrusted),
    });
    if verified {
        Ok(payload)
    } else {
        Err(TokenError::SignatureInvalid)
    }
}

#[cfg(feature = "signed")]
fn check<A: Algorithm>(
    alg: &A,
    key: &A::VerifyingKey,
    token: &jwt_compact::UntrustedToken<'_>,
) -> bool {
    alg.validator::<IgnoredAny>(key).validate(token).is_ok()
}
