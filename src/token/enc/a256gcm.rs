//! `A256GCM`: what next-auth v4 always writes (and Auth.js when configured so).

use std::sync::OnceLock;

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes256Gcm, Key, Nonce, Tag};
use zeroize::Zeroizing;

use super::host::{HostAesGcmKey, SharedHostAesGcm};
use super::{check_lengths, ContentEncryption, Sealed};
use crate::token::TokenError;

/// `A256GCM` content encryption (AES-256-GCM, 96-bit IV, 128-bit tag).
pub(crate) struct A256Gcm;

/// A prepared AES-256-GCM key. When the decoder has a host AES-GCM that took the key, the host
/// opens every token (see [`super::host`]); otherwise the software cipher state (round keys and
/// GHASH key, boxed: a few hundred bytes) is built on first use and kept. Built lazily so that a
/// Node process, where the host decrypts, never compiles nor runs the software key schedule.
/// Encryption always runs in software.
pub(crate) struct GcmKey {
    key: Zeroizing<[u8; 32]>,
    software: OnceLock<Box<Aes256Gcm>>,
    host: Option<Box<dyn HostAesGcmKey>>,
}

impl GcmKey {
    /// `key` for software and, if `host` imports it, for the host too.
    pub fn with_host(key: &[u8], host: Option<&SharedHostAesGcm>) -> Self {
        GcmKey {
            host: host.and_then(|host| host.import_key(key)),
            ..A256Gcm::prepare(key)
        }
    }

    fn software(&self) -> &Aes256Gcm {
        self.software
            .get_or_init(|| Box::new(Aes256Gcm::new(&Key::<Aes256Gcm>::from(*self.key))))
    }
}

impl ContentEncryption for A256Gcm {
    const NAME: &'static str = "A256GCM";
    const KEY_LEN: usize = 32;
    const IV_LEN: usize = 12;
    const TAG_LEN: usize = 16;

    type PreparedKey = GcmKey;

    fn prepare(key: &[u8]) -> Self::PreparedKey {
        GcmKey {
            key: Zeroizing::new(
                key.try_into()
                    .expect("A256GCM keys are 32 bytes by derivation"),
            ),
            software: OnceLock::new(),
            host: None,
        }
    }

    fn decrypt(key: &Self::PreparedKey, sealed: Sealed<'_>) -> Result<Vec<u8>, TokenError> {
        check_lengths::<Self>(&sealed)?;
        if let Some(host) = &key.host {
            let mut buffer = sealed.ciphertext;
            return match host.open(sealed.iv, sealed.aad, &mut buffer, sealed.tag) {
                true => Ok(buffer),
                false => Err(TokenError::DecryptionFailed),
            };
        }
        let cipher = key.software();
        let nonce = Nonce::try_from(sealed.iv).map_err(|_| TokenError::IvLength)?;
        let tag = Tag::try_from(sealed.tag).map_err(|_| TokenError::TagLength)?;
        let mut buffer = sealed.ciphertext;
        cipher
            .decrypt_inout_detached(&nonce, sealed.aad, buffer.as_mut_slice().into(), &tag)
            .map_err(|_| TokenError::DecryptionFailed)?;
        Ok(buffer)
    }

    fn encrypt(key: &Self::PreparedKey, iv: &[u8], aad: &[u8], plaintext: &mut Vec<u8>) -> Vec<u8> {
        let nonce = Nonce::try_from(iv).expect("IVs are drawn at 12 bytes");
        key.software()
            .encrypt_inout_detached(&nonce, aad, plaintext.as_mut_slice().into())
            .expect("session payloads are far below GCM's 64 GiB limit")
            .to_vec()
    }
}
