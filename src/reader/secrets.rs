//! The secret chain: which secrets a session is accepted under, and which one writes new tokens.

use std::fmt;

use super::SessionEnv;
use crate::token::Secret;

/// Where the current secret came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretSource {
    /// `secret` in the options.
    Options,
    /// `NEXTAUTH_SECRET`.
    NextAuthSecret,
    /// `AUTH_SECRET` (`NEXTAUTH_SECRET` unset).
    AuthSecret,
    /// Only Auth.js's `AUTH_SECRET_1..3` are set.
    RotationOnly,
    /// Nothing usable: unset, or set to `""`.
    Missing,
}

/// The secrets, in the order they are tried, with [`Self::encoding`] first.
///
/// `options.secret ?? NEXTAUTH_SECRET ?? AUTH_SECRET` is next-auth's chain: `??` stops at a
/// value that is set, even an empty one, and an empty current secret is no secret at all
/// (`NO_SECRET`). Auth.js's rotation variables join only when the secret comes from the
/// environment, in Auth.js's order (`setEnvDefaults` unshifts `AUTH_SECRET_1`, then `_2`, then
/// `_3`): `AUTH_SECRET_3, AUTH_SECRET_2, AUTH_SECRET_1, AUTH_SECRET`, the first of which signs new
/// tokens. A `kid` picks its secret directly; otherwise each is tried in that order.
#[derive(Clone, PartialEq)]
pub struct SecretChain {
    secrets: Vec<Secret>,
    source: SecretSource,
}

/// Counts the secrets, never shows them.
impl fmt::Debug for SecretChain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretChain")
            .field("source", &self.source)
            .field("secrets", &self.secrets.len())
            .finish()
    }
}

impl SecretChain {
    /// The chain from the options' `secret` (if any) and the environment.
    pub fn resolve(options: Option<&[Secret]>, env: &SessionEnv) -> SecretChain {
        let (current, source): (&[Secret], SecretSource) = match options {
            Some(list) => (list, SecretSource::Options),
            None => match (&env.nextauth_secret, &env.auth_secret) {
                (Some(secret), _) => (std::slice::from_ref(secret), SecretSource::NextAuthSecret),
                (None, Some(secret)) => (std::slice::from_ref(secret), SecretSource::AuthSecret),
                (None, None) => (&[], SecretSource::RotationOnly),
            },
        };
        if current.first().is_some_and(Secret::is_empty)
            || (options.is_some() && current.is_empty())
        {
            return SecretChain::missing();
        }
        let rotated = env
            .rotated_secrets
            .iter()
            .rev()
            .flatten()
            .filter(|_| source != SecretSource::Options);
        let secrets: Vec<Secret> = rotated
            .chain(current)
            .filter(|secret| !secret.is_empty())
            .cloned()
            .collect();
        if secrets.is_empty() {
            return SecretChain::missing();
        }
        SecretChain { secrets, source }
    }

    fn missing() -> SecretChain {
        SecretChain {
            secrets: Vec::new(),
            source: SecretSource::Missing,
        }
    }

    /// Whether any secret is usable.
    pub fn is_usable(&self) -> bool {
        !self.secrets.is_empty()
    }

    /// Where the current secret came from.
    pub fn source(&self) -> SecretSource {
        self.source
    }

    /// Every secret, in the order tokens are tried against them.
    pub fn decoding(&self) -> &[Secret] {
        &self.secrets
    }

    /// The secret new tokens are written with (Auth.js: the first of its list).
    pub fn encoding(&self) -> Option<&Secret> {
        self.secrets.first()
    }
}
