//! The environment as next-auth@5 (Auth.js) reads it, which is not next-auth v4's reading:
//! `AUTH_SECRET ?? NEXTAUTH_SECRET` (v4 has them the other way round), `AUTH_URL ?? NEXTAUTH_URL`,
//! and the variables `trustHost` defaults from.
//!
//! next-auth@5's `setEnvDefaults` (next-auth/lib/env.js) runs first, then @auth/core's
//! (`lib/utils/env.js`):
//!
//! ```js
//! config.secret ??= process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET // next-auth
//! if (!config.secret?.length) {                                           // @auth/core
//!   config.secret = []
//!   if (env.AUTH_SECRET) config.secret.push(env.AUTH_SECRET)
//!   for (const i of [1, 2, 3]) if (env[`AUTH_SECRET_${i}`]) config.secret.unshift(env[`AUTH_SECRET_${i}`])
//! }
//! config.trustHost ??= !!(env.AUTH_URL ?? env.AUTH_TRUST_HOST ?? env.VERCEL ?? env.CF_PAGES ?? env.NODE_ENV !== "production")
//! ```
//!
//! so under next-auth@5 the rotation variables `AUTH_SECRET_1..3` count only when neither
//! `AUTH_SECRET` nor `NEXTAUTH_SECRET` (nor `config.secret`) is set to a non-empty value.

use std::fmt;

use super::SessionEnv;
use crate::token::Secret;

/// The variables next-auth@5's middleware reads. `None` is unset; `Some("")` is set but empty
/// (`??` stops there; truthiness does not).
#[derive(Clone, Default, PartialEq)]
pub struct AuthjsEnv {
    /// `AUTH_SECRET`.
    pub auth_secret: Option<String>,
    /// `NEXTAUTH_SECRET`.
    pub nextauth_secret: Option<String>,
    /// `AUTH_SECRET_1`, `AUTH_SECRET_2`, `AUTH_SECRET_3`.
    pub rotated_secrets: [Option<String>; 3],
    /// `AUTH_URL`.
    pub auth_url: Option<String>,
    /// `NEXTAUTH_URL`.
    pub nextauth_url: Option<String>,
    /// `AUTH_TRUST_HOST`.
    pub auth_trust_host: Option<String>,
    /// `VERCEL`.
    pub vercel: Option<String>,
    /// `CF_PAGES`.
    pub cf_pages: Option<String>,
    /// `NODE_ENV`.
    pub node_env: Option<String>,
}

/// Shows which variables are set, never the secrets.
impl fmt::Debug for AuthjsEnv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = |v: &Option<String>| v.as_ref().map(|_| "<set>");
        f.debug_struct("AuthjsEnv")
            .field("auth_secret", &set(&self.auth_secret))
            .field("nextauth_secret", &set(&self.nextauth_secret))
            .field("rotated_secrets", &self.rotated_secrets.each_ref().map(set))
            .field("auth_url", &self.auth_url)
            .field("nextauth_url", &self.nextauth_url)
            .field("auth_trust_host", &self.auth_trust_host)
            .field("vercel", &self.vercel)
            .field("cf_pages", &self.cf_pages)
            .field("node_env", &self.node_env)
            .finish()
    }
}

/// `config.secret` as given to `NextAuth(config)`.
#[derive(Clone, PartialEq)]
pub enum AuthjsSecret {
    /// `undefined` or `null`.
    Absent,
    /// A string.
    One(String),
    /// An array (of strings).
    List(Vec<String>),
    /// Anything else (a number, an object): it has no `length`, so Auth.js replaces it with the
    /// environment's secrets, as if it were empty.
    Other,
}

impl fmt::Debug for AuthjsSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthjsSecret::Absent => f.write_str("Absent"),
            AuthjsSecret::One(_) => f.write_str("One(<secret>)"),
            AuthjsSecret::List(list) => write!(f, "List(<{} secrets>)", list.len()),
            AuthjsSecret::Other => f.write_str("Other"),
        }
    }
}

impl SessionEnv {
    /// The variables next-auth@5 reads, from `var` (the runtime's environment). Unlike
    /// [`SessionEnv::read`], every variable is read: Auth.js's precedence differs from v4's.
    pub fn read_authjs(mut var: impl FnMut(&'static str) -> Option<String>) -> AuthjsEnv {
        AuthjsEnv {
            auth_secret: var("AUTH_SECRET"),
            nextauth_secret: var("NEXTAUTH_SECRET"),
            rotated_secrets: [
                var("AUTH_SECRET_1"),
                var("AUTH_SECRET_2"),
                var("AUTH_SECRET_3"),
            ],
            auth_url: var("AUTH_URL"),
            nextauth_url: var("NEXTAUTH_URL"),
            auth_trust_host: var("AUTH_TRUST_HOST"),
            vercel: var("VERCEL"),
            cf_pages: var("CF_PAGES"),
            node_env: var("NODE_ENV"),
        }
    }
}

impl AuthjsEnv {
    /// `process.env.AUTH_URL ?? process.env.NEXTAUTH_URL`, `None` when that is unset or empty
    /// (next-auth tests `if (!url)`).
    pub fn url(&self) -> Option<&str> {
        self.auth_url
            .as_deref()
            .or(self.nextauth_url.as_deref())
            .filter(|url| !url.is_empty())
    }

    /// The secrets after both `setEnvDefaults`, in Auth.js's order (the first encrypts), and the
    /// text `String(config.secret)` gives (what the CSRF cookie's hash is salted with).
    pub fn secrets(&self, config: &AuthjsSecret) -> (Vec<Secret>, String) {
        let from_env;
        let effective = match config {
            AuthjsSecret::Absent => {
                from_env = self
                    .auth_secret
                    .clone()
                    .or_else(|| self.nextauth_secret.clone());
                match &from_env {
                    Some(secret) => AuthjsSecret::One(secret.clone()),
                    None => AuthjsSecret::Absent,
                }
            }
            other => other.clone(),
        };
        match effective {
            AuthjsSecret::One(secret) if !secret.is_empty() => (vec![Secret::new(&secret)], secret),
            AuthjsSecret::List(list) if !list.is_empty() => {
                let text = list.join(",");
                (list.iter().map(Secret::new).collect(), text)
            }
            _ => {
                let mut list: Vec<&String> = Vec::new();
                if let Some(secret) = self.auth_secret.as_ref().filter(|s| !s.is_empty()) {
                    list.push(secret);
                }
                for secret in self.rotated_secrets.iter().flatten() {
                    if !secret.is_empty() {
                        list.insert(0, secret);
                    }
                }
                let text = list
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(",");
                (list.into_iter().map(Secret::new).collect(), text)
            }
        }
    }

    /// `config.trustHost ?? !!(AUTH_URL ?? AUTH_TRUST_HOST ?? VERCEL ?? CF_PAGES ?? NODE_ENV !==
    /// "production")`: the first variable that is *set* decides, by its truthiness, so
    /// `AUTH_URL=""` distrusts the host whatever `AUTH_TRUST_HOST` says, and
    /// `AUTH_TRUST_HOST=false` trusts it (a non-empty string).
    pub fn trust_host(&self, config: Option<bool>) -> bool {
        if let Some(answer) = config {
            return answer;
        }
        let first_set = [
            &self.auth_url,
            &self.auth_trust_host,
            &self.vercel,
            &self.cf_pages,
        ]
        .into_iter()
        .find_map(|v| v.as_deref());
        match first_set {
            Some(value) => !value.is_empty(),
            None => self.node_env.as_deref() != Some("production"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> AuthjsEnv {
        SessionEnv::read_authjs(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    fn texts(secrets: &[Secret]) -> Vec<String> {
        secrets
            .iter()
            .map(|s| String::from_utf8_lossy(s.as_bytes()).into_owned())
            .collect()
    }

    #[test]
    fn auth_secret_wins_over_nextauth_secret_and_hides_the_rotation_variables() {
        let e = env(&[
            ("AUTH_SECRET", "a"),
            ("NEXTAUTH_SECRET", "n"),
            ("AUTH_SECRET_1", "r1"),
        ]);
        let (list, text) = e.secrets(&AuthjsSecret::Absent);
        assert_eq!(texts(&list), ["a"]);
        assert_eq!(text, "a");
    }

    #[test]
    fn rotation_variables_count_only_without_a_current_secret() {
        let e = env(&[
            ("AUTH_SECRET", ""),
            ("AUTH_SECRET_1", "r1"),
            ("AUTH_SECRET_3", "r3"),
        ]);
        let (list, text) = e.secrets(&AuthjsSecret::Absent);
        assert_eq!(texts(&list), ["r3", "r1"]);
        assert_eq!(text, "r3,r1");
        let e = env(&[("NEXTAUTH_SECRET", "n"), ("AUTH_SECRET_2", "r2")]);
        assert_eq!(texts(&e.secrets(&AuthjsSecret::Absent).0), ["n"]);
        let e = env(&[("AUTH_SECRET_2", "r2")]);
        assert_eq!(texts(&e.secrets(&AuthjsSecret::Other).0), ["r2"]);
    }

    #[test]
    fn config_secret_wins_and_a_list_is_kept() {
        let e = env(&[("AUTH_SECRET", "a")]);
        let list = AuthjsSecret::List(vec!["x".into(), "y".into()]);
        let (secrets, text) = e.secrets(&list);
        assert_eq!(texts(&secrets), ["x", "y"]);
        assert_eq!(text, "x,y");
        assert_eq!(
            texts(&e.secrets(&AuthjsSecret::One(String::new())).0),
            ["a"]
        );
    }

    #[test]
    fn trust_host_follows_the_first_set_variable() {
        assert!(env(&[]).trust_host(None));
        assert!(!env(&[("NODE_ENV", "production")]).trust_host(None));
        assert!(env(&[("NODE_ENV", "production"), ("AUTH_TRUST_HOST", "false")]).trust_host(None));
        assert!(!env(&[("AUTH_URL", ""), ("AUTH_TRUST_HOST", "1")]).trust_host(None));
        assert!(!env(&[]).trust_host(Some(false)));
    }

    #[test]
    fn url_is_auth_url_then_nextauth_url() {
        assert_eq!(env(&[("NEXTAUTH_URL", "http://n")]).url(), Some("http://n"));
        assert_eq!(
            env(&[("AUTH_URL", "http://a"), ("NEXTAUTH_URL", "http://n")]).url(),
            Some("http://a")
        );
        assert_eq!(
            env(&[("AUTH_URL", ""), ("NEXTAUTH_URL", "http://n")]).url(),
            None
        );
    }
}
