//! `A256GCM`: what next-auth v4 always writes (and Auth.js when configured so).

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce, Tag};

use super::{check_lengths, ContentEncryption, Sealed};
use crate::token::TokenError;

pub struct A256Gcm;

impl ContentEncryption for A256Gcm {
    const NAME: &'static str = "A256GCM";
    const KEY_LEN: usize = 32;
    const IV_LEN: usize = 12;
    const TAG_LEN: usize = 16;

    fn decrypt(key: &[u8], sealed: Sealed<'_>) -> Result<Vec<u8>, TokenError> {
        check_lengths::<Self>(key, &sealed)?;
        let cipher = Aes256Gcm::new_from_slice(key).map_err(|_| TokenError::DecryptionFailed)?;
        let mut buffer = sealed.ciphertext;
        cipher
            .decrypt_in_place_detached(
                Nonce::from_slice(sealed.iv),
                sealed.aad,
                &mut buffer,
                Tag::from_slice(sealed.tag),
            )
            .map_err(|_| TokenError::DecryptionFailed)?;
        Ok(buffer)
    }

    fn encrypt(key: &[u8], iv: &[u8], aad: &[u8], plaintext: &mut Vec<u8>) -> Vec<u8> {
        let cipher =
            Aes256Gcm::new_from_slice(key).expect("A256GCM keys are 32 bytes by derivation");
        cipher
            .encrypt_in_place_detached(Nonce::from_slice(iv), aad, plaintext)
            .expect("session payloads are far below GCM's 64 GiB limit")
            .to_vec()
    }
}
