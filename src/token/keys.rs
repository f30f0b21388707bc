//! Content-encryption keys derived from the user's secret, the way next-auth and Auth.js do it,
//! and cached so that a warm decode runs no HKDF.

use std::sync::OnceLock;

use hkdf::Hkdf;
use sha2::{Digest, Sha256, Sha512};
use zeroize::Zeroizing;

use super::base64url;
use super::enc::{A256CbcHs512, A256Gcm, ContentEncryption, GcmKey, Sealed, SharedHostAesGcm};
use super::TokenError;

/// One `NEXTAUTH_SECRET`. Held as UTF-8 bytes (what `@panva/hkdf` feeds to HKDF) and wiped on drop.
#[derive(Clone)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// A secret from its text (or raw bytes), copied into memory that is wiped on drop.
    pub fn new(secret: impl AsRef<[u8]>) -> Self {
        Secret(Zeroizing::new(secret.as_ref().to_vec()))
    }

    /// The secret's bytes, as fed to HKDF (and to HMAC for signed tokens).
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether the secret is `""` (next-auth counts an empty secret as none).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Compares the bytes, to tell whether a cached configuration is still the right one.
impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Secret {}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// A derived symmetric key, prepared for its algorithm, and its RFC 7638 thumbprint (Auth.js
/// puts it in `kid`), computed on first use: next-auth v4 tokens never need it.
pub(crate) struct DerivedKey {
    pub content_key: ContentKey,
    bytes: Zeroizing<Vec<u8>>,
    kid: OnceLock<String>,
}

impl DerivedKey {
    pub fn kid(&self) -> &str {
        self.kid.get_or_init(|| oct_thumbprint(&self.bytes))
    }
}

/// A derived key made ready for the one content encryption its derivation is for.
pub(crate) enum ContentKey {
    A256Gcm(<A256Gcm as ContentEncryption>::PreparedKey),
    A256CbcHs512(<A256CbcHs512 as ContentEncryption>::PreparedKey),
}

impl ContentKey {
    pub fn decrypt(&self, sealed: Sealed<'_>) -> Result<Vec<u8>, TokenError> {
        match self {
            ContentKey::A256Gcm(key) => A256Gcm::decrypt(key, sealed),
            ContentKey::A256CbcHs512(key) => A256CbcHs512::decrypt(key, sealed),
        }
    }
}

/// Which derivation: the HKDF `info` string and output length differ per format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Derivation {
    /// next-auth v4: 32 bytes, info `NextAuth.js Generated Encryption Key[ (salt)]`.
    NextAuthV4,
    /// Auth.js v5 with `A256CBC-HS512`: 64 bytes, info `Auth.js Generated Encryption Key (salt)`.
    AuthJsCbc,
    /// Auth.js v5 with `A256GCM`: 32 bytes, same info as above.
    AuthJsGcm,
}

impl Derivation {
    fn info(self, salt: &str) -> String {
        match self {
            Derivation::NextAuthV4 if salt.is_empty() => {
                "NextAuth.js Generated Encryption Key".into()
            }
            Derivation::NextAuthV4 => format!("NextAuth.js Generated Encryption Key ({salt})"),
            Derivation::AuthJsCbc | Derivation::AuthJsGcm => {
                format!("Auth.js Generated Encryption Key ({salt})")
            }
        }
    }

    /// The key length of the content encryption this derivation is for.
    fn len(self) -> usize {
        match self {
            Derivation::AuthJsCbc => A256CbcHs512::KEY_LEN,
            Derivation::NextAuthV4 | Derivation::AuthJsGcm => A256Gcm::KEY_LEN,
        }
    }

    /// Runs HKDF for `secret` and `salt`, with AES-GCM keys also imported into `host` (see
    /// [`HostAesGcm`](super::HostAesGcm)).
    pub fn derive_with_host(
        self,
        secret: &Secret,
        salt: &str,
        host: Option<&SharedHostAesGcm>,
    ) -> DerivedKey {
        let mut okm = Zeroizing::new(vec![0u8; self.len()]);
        Hkdf::<Sha256>::new(Some(salt.as_bytes()), secret.as_bytes())
            .expand(self.info(salt).as_bytes(), &mut okm)
            .expect("32 and 64 bytes are far below HKDF-SHA256's 8160-byte limit");
        let content_key = match self {
            Derivation::AuthJsCbc => ContentKey::A256CbcHs512(A256CbcHs512::prepare(&okm)),
            Derivation::NextAuthV4 | Derivation::AuthJsGcm => {
                ContentKey::A256Gcm(GcmKey::with_host(&okm, host))
            }
        };
        DerivedKey {
            content_key,
            bytes: okm,
            kid: OnceLock::new(),
        }
    }
}

/// RFC 7638 thumbprint of a symmetric JWK. Auth.js hashes with `sha${key bits}`: SHA-256 for its
/// 32-byte keys, SHA-512 for its 64-byte ones.
fn oct_thumbprint(key: &[u8]) -> String {
    let canonical = format!(r#"{{"k":"{}","kty":"oct"}}"#, base64url::encode(key));
    if key.len() >= 64 {
        base64url::encode(&Sha512::digest(canonical.as_bytes()))
    } else {
        base64url::encode(&Sha256::digest(canonical.as_bytes()))
    }
}

/// All keys one secret can yield for one salt, each derived on first use and then kept.
pub(crate) struct SecretKeys {
    secret: Secret,
    salt: String,
    host: Option<SharedHostAesGcm>,
    v4: OnceLock<DerivedKey>,
    authjs_cbc: OnceLock<DerivedKey>,
    authjs_gcm: OnceLock<DerivedKey>,
}

impl SecretKeys {
    pub fn new(secret: Secret, salt: &str) -> Self {
        Self::with_host(secret, salt, None)
    }

    pub fn with_host(secret: Secret, salt: &str, host: Option<SharedHostAesGcm>) -> Self {
        SecretKeys {
            secret,
            salt: salt.to_owned(),
            host,
            v4: OnceLock::new(),
            authjs_cbc: OnceLock::new(),
            authjs_gcm: OnceLock::new(),
        }
    }

    pub fn get(&self, derivation: Derivation) -> &DerivedKey {
        let cell = match derivation {
            Derivation::NextAuthV4 => &self.v4,
            Derivation::AuthJsCbc => &self.authjs_cbc,
            Derivation::AuthJsGcm => &self.authjs_gcm,
        };
        cell.get_or_init(|| {
            derivation.derive_with_host(&self.secret, &self.salt, self.host.as_ref())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_match_next_auth_and_authjs() {
        assert_eq!(
            Derivation::NextAuthV4.info(""),
            "NextAuth.js Generated Encryption Key"
        );
        assert_eq!(
            Derivation::NextAuthV4.info("s"),
            "NextAuth.js Generated Encryption Key (s)"
        );
        assert_eq!(
            Derivation::AuthJsCbc.info("authjs.session-token"),
            "Auth.js Generated Encryption Key (authjs.session-token)"
        );
    }

    #[test]
    fn keys_are_derived_once_per_secret_and_derivation() {
        let keys = SecretKeys::new(Secret::new("s3cret"), "");
        let first = keys.get(Derivation::NextAuthV4) as *const DerivedKey;
        assert_eq!(first, keys.get(Derivation::NextAuthV4) as *const DerivedKey);
        assert!(matches!(
            keys.get(Derivation::AuthJsCbc).content_key,
            ContentKey::A256CbcHs512(_)
        ));
        assert!(matches!(
            keys.get(Derivation::AuthJsGcm).content_key,
            ContentKey::A256Gcm(_)
        ));
        assert_eq!(format!("{:?}", Secret::new("s3cret")), "Secret(<redacted>)");
    }
}
