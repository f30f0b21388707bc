//! `A256CBC-HS512` (RFC 7518 §5.2.5): Auth.js v5's default. AES-256-CBC for secrecy and
//! HMAC-SHA-512 truncated to 32 bytes over `aad || iv || ciphertext || aad_bits` for integrity.
//! The MAC is verified, in constant time, before any decryption.

use aes::Aes256;
use cbc::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use hmac::{Hmac, Mac};
use sha2::Sha512;

use super::{check_lengths, ContentEncryption, Sealed};
use crate::token::TokenError;

pub struct A256CbcHs512;

fn mac(mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Hmac<Sha512> {
    let mut mac = Hmac::<Sha512>::new_from_slice(mac_key).expect("HMAC takes keys of any length");
    let aad_bits = (aad.len() as u64) * 8;
    mac.update(aad);
    mac.update(iv);
    mac.update(ciphertext);
    mac.update(&aad_bits.to_be_bytes());
    mac
}

impl ContentEncryption for A256CbcHs512 {
    const NAME: &'static str = "A256CBC-HS512";
    const KEY_LEN: usize = 64;
    const IV_LEN: usize = 16;
    const TAG_LEN: usize = 32;

    fn decrypt(key: &[u8], sealed: Sealed<'_>) -> Result<Vec<u8>, TokenError> {
        check_lengths::<Self>(key, &sealed)?;
        let (mac_key, enc_key) = key.split_at(32);
        mac(mac_key, sealed.aad, sealed.iv, &sealed.ciphertext)
            .verify_truncated_left(sealed.tag)
            .map_err(|_| TokenError::DecryptionFailed)?;
        cbc::Decryptor::<Aes256>::new_from_slices(enc_key, sealed.iv)
            .map_err(|_| TokenError::IvLength)?
            .decrypt_padded_vec_mut::<Pkcs7>(&sealed.ciphertext)
            .map_err(|_| TokenError::DecryptionFailed)
    }

    fn encrypt(key: &[u8], iv: &[u8], aad: &[u8], plaintext: &mut Vec<u8>) -> Vec<u8> {
        let (mac_key, enc_key) = key.split_at(32);
        *plaintext = cbc::Encryptor::<Aes256>::new_from_slices(enc_key, iv)
            .expect("key and IV lengths are fixed by the format")
            .encrypt_padded_vec_mut::<Pkcs7>(plaintext);
        let tag = mac(mac_key, aad, iv, plaintext).finalize().into_bytes();
        tag[..Self::TAG_LEN].to_vec()
    }
}
