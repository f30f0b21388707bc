//! AES-256-GCM from the host, for runtimes where it is much faster than software AES.
//!
//! wasm has no AES instructions, so this crate's AES-GCM runs bitsliced in software there: about
//! 20 ns per byte. Node's `node:crypto` (OpenSSL, AES-NI) opens the same token in ~1 ns per byte
//! plus a fixed ~3 µs per call, which pays off from a few hundred bytes on. The npm package's
//! Node entries plug it in; edge runtimes (no synchronous host AES) and native Rust (RustCrypto
//! detects AES-NI itself) keep the software path.

use std::sync::Arc;

/// Imports derived keys into the host. Called once per derived key, never per token.
///
/// Implement it (with [`HostAesGcmKey`]) to open `A256GCM` tokens with a faster AES than this
/// crate's software one, and hand it to
/// [`SessionDecoderBuilder::host_aes_gcm`](crate::token::SessionDecoderBuilder::host_aes_gcm)
/// or [`SessionReader::with_host_aes_gcm`](crate::reader::SessionReader::with_host_aes_gcm) as a
/// [`SharedHostAesGcm`]. Only decryption goes through the host; encryption stays in software.
pub trait HostAesGcm: Send + Sync {
    /// `key` is 32 bytes. `None` keeps this key on the software path.
    fn import_key(&self, key: &[u8]) -> Option<Box<dyn HostAesGcmKey>>;
}

/// One AES-256-GCM key held by the host.
pub trait HostAesGcmKey: Send + Sync {
    /// Checks `tag` over `aad` and `data` and only then decrypts `data` in place. `false` for a
    /// wrong tag or any host failure: the token is refused either way.
    fn open(&self, iv: &[u8], aad: &[u8], data: &mut [u8], tag: &[u8]) -> bool;
}

/// The host provider a decoder was built with, if any (cheap to clone into every key ring).
pub type SharedHostAesGcm = Arc<dyn HostAesGcm>;
