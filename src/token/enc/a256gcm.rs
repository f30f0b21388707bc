//! `A256GCM`: what next-auth v4 always writes (and Auth.js when configured so).

use aes_gcm::aead::{AeadInOut, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce, Tag};

use super::{check_lengths, ContentEncryption, Sealed};
use crate::token::TokenError;

pub struct A256Gcm;

impl ContentEncryption for A256Gcm {
    const NAME: &'static str = "A256GCM";
    const KEY_LEN: usize = 32;
    const IV_LEN: usize = 12;
    const TAG_LEN: usize = 16;

    /// Boxed: the software AES key schedule and GHASH state are a few hundred bytes.
    type PreparedKey = Box<Aes256Gcm>;

    fn prepare(key: &[u8]) -> Self::PreparedKey {
        Box::new(Aes256Gcm::new_from_slice(key).expect("A256GCM keys are 32 bytes by derivation"))
    }

    fn decrypt(cipher: &Self::PreparedKey, sealed: Sealed<'_>) -> Result<Vec<u8>, TokenError> {
        check_lengths::<Self>(&sealed)?;
        let nonce = Nonce::try_from(sealed.iv).map_err(|_| TokenError::IvLength)?;
        let tag = Tag::try_from(sealed.tag).map_err(|_| TokenError::TagLength)?;
        let mut buffer = sealed.ciphertext;
        cipher
            .decrypt_inout_detached(&nonce, sealed.aad, buffer.as_mut_slice().into(), &tag)
            .map_err(|_| TokenError::DecryptionFailed)?;
        Ok(buffer)
    }

    fn encrypt(
        cipher: &Self::PreparedKey,
        iv: &[u8],
        aad: &[u8],
        plaintext: &mut Vec<u8>,
    ) -> Vec<u8> {
        let nonce = Nonce::try_from(iv).expect("IVs are drawn at 12 bytes");
        cipher
            .encrypt_inout_detached(&nonce, aad, plaintext.as_mut_slice().into())
            .expect("session payloads are far below GCM's 64 GiB limit")
            .to_vec()
    }
}
