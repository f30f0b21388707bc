//! `SessionDecoder`: from an untrusted cookie value to checked claims, for every configured format.

use serde_json::{Map, Value};

use super::claims::{TimeClaims, UnixTime};
use super::compact::UntrustedToken;
use super::enc::{A256CbcHs512, A256Gcm, ContentEncryption, Sealed, SharedHostAesGcm};
use super::keys::{Derivation, DerivedKey, Secret, SecretKeys};
use super::signed::{SignedAlgorithm, VerifyingKey};
use super::TokenError;

/// Which token format a session was read from.
///
/// Non-exhaustive: formats may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenFormat {
    /// next-auth v4: `dir` + `A256GCM`.
    NextAuthV4,
    /// Auth.js v5: `dir` + `A256CBC-HS512` or `A256GCM`, with a `kid`.
    AuthJsV5,
    /// A signed JWT (JWS) from a custom `jwt.encode`.
    Signed(SignedAlgorithm),
}

/// Claims that passed decryption (or signature verification) and the time checks.
///
/// The payload stays the exact JSON text the token carried, so a JS caller can hand it to
/// `JSON.parse` and see every claim untouched.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionClaims {
    json: String,
    times: TimeClaims,
    format: TokenFormat,
}

impl SessionClaims {
    /// The claims as JSON text (always an object).
    pub fn json(&self) -> &str {
        &self.json
    }

    /// The claims as JSON text, without a copy.
    pub fn into_json(self) -> String {
        self.json
    }

    /// The token's `exp`, `nbf` and `iat`, already checked against the clock.
    pub fn times(&self) -> TimeClaims {
        self.times
    }

    /// The format the token was read from.
    pub fn format(&self) -> TokenFormat {
        self.format
    }

    /// The claims as a map, in the order the token carried them. Decoding checked that the
    /// payload is an object within serde_json's nesting limit, so this cannot fail; an empty map
    /// stands in rather than a panic should that ever change.
    pub fn to_map(&self) -> Map<String, Value> {
        serde_json::from_str(&self.json).unwrap_or_default()
    }

    /// [`to_map`](Self::to_map) with only the claims `keep` names: the others are skipped
    /// while parsing, never built. A claim named twice keeps its last value, as in `to_map`.
    pub fn to_map_of(&self, keep: impl Fn(&str) -> bool) -> Map<String, Value> {
        let mut deserializer = serde_json::Deserializer::from_str(&self.json);
        serde::de::Deserializer::deserialize_map(&mut deserializer, Selected(keep))
            .unwrap_or_default()
    }
}

/// A JSON object's members whose names pass the filter.
struct Selected<F>(F);

impl<'de, F: Fn(&str) -> bool> serde::de::Visitor<'de> for Selected<F> {
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut kept = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            if (self.0)(&name) {
                kept.insert(name, map.next_value::<Value>()?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(kept)
    }
}

/// Decodes session tokens for one set of secrets. Build once (per secret list), reuse for every
/// request: derived keys are computed on first use and kept, so a warm decode runs no HKDF.
///
/// Like jwt-compact's `UntrustedToken` → `Token` flow, [`decode`](Self::decode) goes from an
/// untrusted string to [`SessionClaims`] only after decryption (or signature verification) and
/// the time checks have passed.
///
/// ```
/// use nextauth_edge::token::{SessionDecoder, Secret, TokenEncoder, TokenFormat, UnixTime};
///
/// let now = UnixTime(1_764_158_400);
/// let claims = serde_json::json!({ "sub": "42" });
/// let token = TokenEncoder::authjs_v5(Secret::new("s3cret"), "authjs.session-token")
///     .encode(claims.as_object().unwrap(), 3600, now)
///     .unwrap();
///
/// // v4 tokens are accepted by default; Auth.js v5 ones only when asked for, with their salt.
/// let decoder = SessionDecoder::builder()
///     .secret("s3cret")
///     .authjs_v5("authjs.session-token")
///     .build();
/// let session = decoder.decode(&token, now).unwrap();
/// assert_eq!(session.format(), TokenFormat::AuthJsV5);
/// assert_eq!(session.times().exp, Some((now.0 + 3600) as f64));
/// ```
pub struct SessionDecoder {
    next_auth_v4: Option<Vec<SecretKeys>>,
    authjs_v5: Option<Vec<SecretKeys>>,
    /// Whether a `kid`-less `A256GCM` token (v4's shape) may also be an Auth.js token.
    authjs_v5_unmarked: bool,
    hmac_secrets: Vec<Secret>,
    verifying_keys: Vec<VerifyingKey>,
}

/// Configures a [`SessionDecoder`]. By default it accepts next-auth v4 tokens only (salt `""`),
/// exactly what next-auth's own `decode` accepts by default, minus the formats it never writes.
#[derive(Default)]
pub struct SessionDecoderBuilder {
    secrets: Vec<Secret>,
    next_auth_v4_salt: Option<String>,
    v4_disabled: bool,
    authjs_v5_salt: Option<String>,
    authjs_v5_marked_only: bool,
    verifying_keys: Vec<VerifyingKey>,
    host_aes_gcm: Option<SharedHostAesGcm>,
}

impl SessionDecoderBuilder {
    /// Adds a secret. With several, the first that opens the token wins (rotation).
    pub fn secret(mut self, secret: impl AsRef<[u8]>) -> Self {
        self.secrets.push(Secret::new(secret));
        self
    }

    /// The v4 `salt` (next-auth's `decode({ salt })`), `""` by default.
    pub fn next_auth_v4_salt(mut self, salt: &str) -> Self {
        self.next_auth_v4_salt = Some(salt.to_owned());
        self
    }

    /// Refuse v4 tokens (for a gate that serves only v5 or signed tokens).
    pub fn without_next_auth_v4(mut self) -> Self {
        self.v4_disabled = true;
        self
    }

    /// Also accept Auth.js v5 tokens; `salt` is the session cookie's name.
    pub fn authjs_v5(mut self, salt: &str) -> Self {
        self.authjs_v5_salt = Some(salt.to_owned());
        self.authjs_v5_marked_only = false;
        self
    }

    /// Also accept Auth.js v5 tokens salted with `salt`, but only those whose header says so (a
    /// `kid`, or `A256CBC-HS512`): a `kid`-less `A256GCM` token is read as next-auth v4 only, so
    /// a tampered v4 token costs one decryption per secret, not two.
    pub fn authjs_v5_marked(mut self, salt: &str) -> Self {
        self.authjs_v5_salt = Some(salt.to_owned());
        self.authjs_v5_marked_only = true;
        self
    }

    /// Accept signed JWTs verified by `key` (HMAC keys use the configured secrets).
    pub fn verifying_key(mut self, key: VerifyingKey) -> Self {
        self.verifying_keys.push(key);
        self
    }

    /// Open AES-GCM tokens with the host's AES instead of software AES (see
    /// [`HostAesGcm`](super::HostAesGcm)); other formats are unaffected.
    pub fn host_aes_gcm(mut self, host: SharedHostAesGcm) -> Self {
        self.host_aes_gcm = Some(host);
        self
    }

    /// The decoder. Keys are derived lazily, on the first token that needs them.
    pub fn build(self) -> SessionDecoder {
        let ring = |salt: &str| {
            self.secrets
                .iter()
                .map(|secret| {
                    SecretKeys::with_host(secret.clone(), salt, self.host_aes_gcm.clone())
                })
                .collect::<Vec<_>>()
        };
        SessionDecoder {
            next_auth_v4: (!self.v4_disabled)
                .then(|| ring(self.next_auth_v4_salt.as_deref().unwrap_or(""))),
            authjs_v5: self.authjs_v5_salt.as_deref().map(ring),
            authjs_v5_unmarked: !self.authjs_v5_marked_only || self.v4_disabled,
            hmac_secrets: self.secrets.clone(),
            verifying_keys: self.verifying_keys,
        }
    }
}

impl SessionDecoder {
    /// A builder that accepts next-auth v4 tokens (salt `""`) until told otherwise.
    pub fn builder() -> SessionDecoderBuilder {
        SessionDecoderBuilder::default()
    }

    /// Decrypts or verifies `token` and checks its claims at `now`.
    pub fn decode(&self, token: &str, now: UnixTime) -> Result<SessionClaims, TokenError> {
        let untrusted = UntrustedToken::parse(token)?;
        let (payload, format) = match untrusted.header.alg.as_str() {
            "dir" => self.decrypt(&untrusted)?,
            alg => match SignedAlgorithm::from_name(alg) {
                Some(alg) => (
                    super::signed::verify(
                        &untrusted,
                        alg,
                        &self.hmac_secrets,
                        &self.verifying_keys,
                    )?,
                    TokenFormat::Signed(alg),
                ),
                None => return Err(TokenError::UnsupportedAlgorithm(alg.to_owned())),
            },
        };
        let times = TimeClaims::parse(&payload)?;
        let json = String::from_utf8(payload).map_err(|_| super::ClaimsError::NotUtf8)?;
        times.check(now)?;
        Ok(SessionClaims {
            json,
            times,
            format,
        })
    }

    fn decrypt(&self, token: &UntrustedToken<'_>) -> Result<(Vec<u8>, TokenFormat), TokenError> {
        let enc = token.header.enc.as_deref().unwrap_or_default();
        let kid = token.header.kid.as_deref();
        // Candidate (keys, derivation, format) in the order they are tried.
        let mut candidates: Vec<(&[SecretKeys], Derivation, TokenFormat)> = Vec::with_capacity(2);
        match enc {
            A256Gcm::NAME => {
                if let (Some(v4), None) = (&self.next_auth_v4, kid) {
                    candidates.push((v4, Derivation::NextAuthV4, TokenFormat::NextAuthV4));
                }
                if let (Some(v5), true) =
                    (&self.authjs_v5, kid.is_some() || self.authjs_v5_unmarked)
                {
                    candidates.push((v5, Derivation::AuthJsGcm, TokenFormat::AuthJsV5));
                }
            }
            A256CbcHs512::NAME => {
                if let Some(v5) = &self.authjs_v5 {
                    candidates.push((v5, Derivation::AuthJsCbc, TokenFormat::AuthJsV5));
                }
            }
            other => return Err(TokenError::UnsupportedEncryption(other.to_owned())),
        }
        if candidates.is_empty() {
            return Err(match kid {
                Some(_) => TokenError::UnknownKeyId,
                None => TokenError::UnsupportedEncryption(enc.to_owned()),
            });
        }
        if candidates.iter().all(|(keys, ..)| keys.is_empty()) {
            return Err(TokenError::NoKey);
        }
        // Keys to try, in order. Without a `kid` each is derived only when its turn comes (a v4
        // token opened by the first v4 key never derives the Auth.js keys); with one, every key
        // is derived to compare thumbprints, which needs no decryption.
        let total: usize = candidates.iter().map(|(keys, ..)| keys.len()).sum();
        let keys = candidates
            .into_iter()
            .flat_map(|(keys, derivation, format)| {
                keys.iter()
                    .map(move |secret_keys| (secret_keys.get(derivation), format))
            });
        match kid {
            None => self.try_keys(token, keys, total),
            Some(kid) => {
                let matching: Vec<_> = keys.filter(|(key, _)| key.kid() == kid).collect();
                if matching.is_empty() {
                    return Err(TokenError::UnknownKeyId);
                }
                let count = matching.len();
                self.try_keys(token, matching.into_iter(), count)
            }
        }
    }

    /// Opens `token` with each key in turn; `count` is how many `keys` yields, so the last
    /// attempt can take the ciphertext instead of copying it.
    fn try_keys<'k>(
        &self,
        token: &UntrustedToken<'_>,
        keys: impl Iterator<Item = (&'k DerivedKey, TokenFormat)>,
        count: usize,
    ) -> Result<(Vec<u8>, TokenFormat), TokenError> {
        let parts = token.jwe_parts()?;
        let aad = token.header_segment.as_bytes();
        let mut ciphertext = Some(parts.ciphertext);
        for (i, (key, format)) in keys.enumerate() {
            // Only a retry needs its own copy of the ciphertext; the last attempt takes it.
            let ciphertext = match (i + 1 >= count, &mut ciphertext) {
                (true, buffer) => buffer.take().unwrap_or_default(),
                (false, buffer) => buffer.clone().unwrap_or_default(),
            };
            let sealed = Sealed {
                aad,
                iv: &parts.iv,
                ciphertext,
                tag: &parts.tag,
            };
            match key.content_key.decrypt(sealed) {
                Ok(plaintext) => return Ok((plaintext, format)),
                Err(TokenError::DecryptionFailed) => continue,
                Err(shape_error) => return Err(shape_error),
            }
        }
        Err(TokenError::DecryptionFailed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(json: &str) -> SessionClaims {
        SessionClaims {
            json: json.into(),
            times: TimeClaims::default(),
            format: TokenFormat::NextAuthV4,
        }
    }

    #[test]
    fn to_map_of_keeps_the_named_claims_as_to_map_reads_them() {
        let c = claims(
            r#"{"name":"A\"da","sub":42,"picture":"x","groups":["a",{"b":[1,2]}],"em\u0061il":"a@b","sub":"7"}"#,
        );
        let keep = ["sub", "email", "groups", "missing"];
        let mut expected = c.to_map();
        expected.retain(|name, _| keep.contains(&name.as_str()));
        let got = c.to_map_of(|name| keep.contains(&name));
        assert_eq!(got, expected);
        assert_eq!(got["sub"], "7");
        assert_eq!(got["email"], "a@b");
        assert!(claims("not json").to_map_of(|_| true).is_empty());
        assert!(claims("[1]").to_map_of(|_| true).is_empty());
    }
}
