//! The CSRF cookie's value, as next-auth v4 (`createCSRFToken`) and Auth.js (`createCSRFToken` in
//! `@auth/core/lib/actions/callback/oauth/csrf-token.js`) both write it: `token|hash`, where
//! `hash` is the lowercase hex SHA-256 of the token followed by the secret. The one home of that
//! rule: the tower layer's double-submit check (`server`) and the Auth.js v5 middleware (`v5`)
//! both use it.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `token|hash` split at the first `|` (what `cookieValue.split("|")` yields as its first two
/// parts), or `None` without a `|`.
///
/// ```
/// use nextauth_edge::cookies::split_csrf_cookie;
///
/// assert_eq!(split_csrf_cookie("abc|0f"), Some(("abc", "0f")));
/// assert_eq!(split_csrf_cookie("abc"), None);
/// ```
pub fn split_csrf_cookie(value: &str) -> Option<(&str, &str)> {
    let mut parts = value.split('|');
    Some((parts.next()?, parts.next()?))
}

/// The hash half for `token` under `secret`: lowercase hex SHA-256 of `token` then `secret`.
fn csrf_hash(token: &str, secret: &[u8]) -> [u8; 64] {
    let digest = Sha256::new()
        .chain_update(token.as_bytes())
        .chain_update(secret)
        .finalize();
    let mut hex = [0u8; 64];
    for (i, byte) in digest.iter().enumerate() {
        hex[2 * i] = HEX[usize::from(byte >> 4)];
        hex[2 * i + 1] = HEX[usize::from(byte & 0xf)];
    }
    hex
}

/// Whether `hash` is the hash of `token` under `secret`, compared in constant time.
///
/// ```
/// use nextauth_edge::cookies::csrf_hash_matches;
///
/// // sha256("abc"), as `createHash("sha256").update("a" + "bc").digest("hex")` writes it.
/// let hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
/// assert!(csrf_hash_matches("a", b"bc", hash));
/// assert!(!csrf_hash_matches("a", b"bd", hash));
/// ```
pub fn csrf_hash_matches(token: &str, secret: &[u8], hash: &str) -> bool {
    bool::from(csrf_hash(token, secret)[..].ct_eq(hash.as_bytes()))
}

/// A new CSRF cookie value for `secret`: 32 random bytes as hex (`randomString(32)`), `|`, its
/// hash. `None` when the platform has no random numbers.
///
/// ```
/// use nextauth_edge::cookies::{csrf_hash_matches, mint_csrf_cookie, split_csrf_cookie};
///
/// let value = mint_csrf_cookie(b"s3cret").unwrap();
/// let (token, hash) = split_csrf_cookie(&value).unwrap();
/// assert!(csrf_hash_matches(token, b"s3cret", hash));
/// ```
pub fn mint_csrf_cookie(secret: &[u8]) -> Option<String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).ok()?;
    let mut token = String::with_capacity(64);
    for byte in bytes {
        token.push(char::from(HEX[usize::from(byte >> 4)]));
        token.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    let hash = csrf_hash(&token, secret);
    let hash = std::str::from_utf8(&hash).ok()?;
    Some(format!("{token}|{hash}"))
}
