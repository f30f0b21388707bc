//! Content encryption for `dir` JWEs: one algorithm per file behind one small trait.

mod a256cbc_hs512;
mod a256gcm;
mod host;

pub(crate) use a256cbc_hs512::A256CbcHs512;
pub(crate) use a256gcm::{A256Gcm, GcmKey};
pub use host::{HostAesGcm, HostAesGcmKey, SharedHostAesGcm};

use super::TokenError;

/// The parts of a compact JWE that a content-encryption algorithm works on.
pub(crate) struct Sealed<'a> {
    /// The ASCII of the protected header segment: the additional authenticated data.
    pub aad: &'a [u8],
    pub iv: &'a [u8],
    pub ciphertext: Vec<u8>,
    pub tag: &'a [u8],
}

/// A JWE `enc` algorithm. `decrypt` must check the tag in constant time before releasing plaintext.
///
/// Crate-private: the set of algorithms is what next-auth and Auth.js write, chosen by
/// [`SessionDecoder`](crate::token::SessionDecoder) and [`TokenEncoder`](crate::token::TokenEncoder);
/// the only pluggable piece is the host's AES-GCM ([`HostAesGcm`]).
pub(crate) trait ContentEncryption {
    /// The `enc` header value.
    const NAME: &'static str;
    const KEY_LEN: usize;
    const IV_LEN: usize;
    const TAG_LEN: usize;

    /// The key made ready for use: AES round keys, the GHASH key, a keyed HMAC. Preparing it
    /// costs more than decrypting a typical token in software AES, so it is done once per
    /// derived key and kept (in a `keys::DerivedKey`), never per token.
    type PreparedKey;

    /// `key` is exactly [`Self::KEY_LEN`] bytes: derivation fixes the length.
    fn prepare(key: &[u8]) -> Self::PreparedKey;

    fn decrypt(key: &Self::PreparedKey, sealed: Sealed<'_>) -> Result<Vec<u8>, TokenError>;

    /// Encrypts in place and returns the tag.
    fn encrypt(key: &Self::PreparedKey, iv: &[u8], aad: &[u8], plaintext: &mut Vec<u8>) -> Vec<u8>;
}

/// Length checks shared by every algorithm, done before any cryptography.
pub(crate) fn check_lengths<E: ContentEncryption>(sealed: &Sealed<'_>) -> Result<(), TokenError> {
    if sealed.iv.len() != E::IV_LEN {
        return Err(TokenError::IvLength);
    }
    if sealed.tag.len() != E::TAG_LEN {
        return Err(TokenError::TagLength);
    }
    Ok(())
}
