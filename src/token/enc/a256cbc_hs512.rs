//! `A256CBC-HS512` (RFC 7518 §5.2.5): Auth.js v5's default. AES-256-CBC for secrecy and
//! HMAC-SHA-512 truncated to 32 bytes over `aad || iv || ciphertext || aad_bits` for integrity.
//! The MAC is verified, in constant time, before any decryption.

use aes::Aes256;
use cbc::cipher::{block_padding::Pkcs7, BlockModeDecrypt, BlockModeEncrypt, InnerIvInit};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha512;

use super::{check_lengths, ContentEncryption, Sealed};
use crate::token::TokenError;

/// `A256CBC-HS512` content encryption (RFC 7518 §5.2.5).
pub(crate) struct A256CbcHs512;

/// The two halves of the 64-byte key, ready: a keyed HMAC (cloned per token, so its inner and
/// outer pads are hashed once) and the AES-256 key schedule.
#[derive(Clone)]
pub(crate) struct CbcHs512Key {
    mac: Hmac<Sha512>,
    aes: Aes256,
}

impl CbcHs512Key {
    fn mac(&self, aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Hmac<Sha512> {
        let mut mac = self.mac.clone();
        let aad_bits = (aad.len() as u64) * 8;
        mac.update(aad);
        mac.update(iv);
        mac.update(ciphertext);
        mac.update(&aad_bits.to_be_bytes());
        mac
    }
}

impl ContentEncryption for A256CbcHs512 {
    const NAME: &'static str = "A256CBC-HS512";
    const KEY_LEN: usize = 64;
    const IV_LEN: usize = 16;
    const TAG_LEN: usize = 32;

    type PreparedKey = Box<CbcHs512Key>;

    fn prepare(key: &[u8]) -> Self::PreparedKey {
        let (mac_key, enc_key) = key.split_at(32);
        Box::new(CbcHs512Key {
            mac: Hmac::<Sha512>::new_from_slice(mac_key).expect("HMAC takes keys of any length"),
            aes: Aes256::new_from_slice(enc_key).expect("the AES half is 32 bytes by derivation"),
        })
    }

    fn decrypt(key: &Self::PreparedKey, sealed: Sealed<'_>) -> Result<Vec<u8>, TokenError> {
        check_lengths::<Self>(&sealed)?;
        key.mac(sealed.aad, sealed.iv, &sealed.ciphertext)
            .verify_truncated_left(sealed.tag)
            .map_err(|_| TokenError::DecryptionFailed)?;
        cbc::Decryptor::<Aes256>::inner_iv_slice_init(key.aes.clone(), sealed.iv)
            .map_err(|_| TokenError::IvLength)?
            .decrypt_padded_vec::<Pkcs7>(&sealed.ciphertext)
            .map_err(|_| TokenError::DecryptionFailed)
    }

    fn encrypt(key: &Self::PreparedKey, iv: &[u8], aad: &[u8], plaintext: &mut Vec<u8>) -> Vec<u8> {
        *plaintext = cbc::Encryptor::<Aes256>::inner_iv_slice_init(key.aes.clone(), iv)
            .expect("IVs are drawn at 16 bytes")
            .encrypt_padded_vec::<Pkcs7>(plaintext);
        let tag = key.mac(aad, iv, plaintext).finalize().into_bytes();
        tag[..Self::TAG_LEN].to_vec()
    }
}
