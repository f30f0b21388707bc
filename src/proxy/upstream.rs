//! `UPSTREAM`: the origin authorized requests are forwarded to: a URL, or `service:NAME`, a
//! service binding (another Worker, reached with `env.NAME.fetch(request)`).

/// `UPSTREAM = "service:ORIGIN"` names the service binding `ORIGIN`.
pub const SERVICE_PREFIX: &str = "service:";

/// The binding's name after `service:`: a JavaScript identifier, as wrangler's `binding` is.
pub fn parse_service(name: &str) -> Result<String, String> {
    let name = name.trim();
    let mut bytes = name.bytes();
    let ok = bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'$')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
    if !ok {
        return Err(
            "`service:` must be followed by a service binding's name (`service:ORIGIN`, the \
             `binding` of a [[services]] entry in wrangler.toml)"
                .into(),
        );
    }
    Ok(name.to_owned())
}

/// An `http(s)://host[:port][/prefix]` origin. The request's path and query are appended to
/// the prefix: with `https://origin.internal/app`, `/a?b` goes to `https://origin.internal/app/a?b`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upstream {
    origin: String,
    prefix: String,
}

impl Upstream {
    /// Parses `UPSTREAM`'s value (trimmed). The error says what is wrong, for
    /// [`ConfigError::problem`](super::ConfigError::problem): not http(s), a query, fragment or
    /// credentials, no valid host, an invalid path.
    pub fn parse(value: &str) -> Result<Upstream, String> {
        let value = value.trim();
        let rest = if let Some(rest) = value.strip_prefix("https://") {
            rest
        } else if let Some(rest) = value.strip_prefix("http://") {
            rest
        } else {
            return Err("must be an http:// or https:// URL".into());
        };
        let scheme = &value[..value.len() - rest.len()];
        if rest.contains(['?', '#']) {
            return Err("must not have a query or fragment".into());
        }
        let (authority, prefix) = match rest.find('/') {
            Some(slash) => (&rest[..slash], &rest[slash..]),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err("must not contain credentials".into());
        }
        let authority_ok = !authority.is_empty()
            && authority
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~:[]%".contains(&b));
        if !authority_ok {
            return Err("has no valid host".into());
        }
        if !prefix.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') {
            return Err("has an invalid path".into());
        }
        Ok(Upstream {
            origin: format!("{scheme}{authority}"),
            prefix: prefix.trim_end_matches('/').to_owned(),
        })
    }

    /// `scheme://host[:port]`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The URL a request for `pathname` and `search` is forwarded to: origin, prefix, path, query.
    ///
    /// ```
    /// use nextauth_edge::proxy::Upstream;
    ///
    /// let upstream = Upstream::parse("https://origin.internal/app/").unwrap();
    /// assert_eq!(upstream.url_for("/a", "?b"), "https://origin.internal/app/a?b");
    /// ```
    pub fn url_for(&self, pathname: &str, search: &str) -> String {
        [self.origin.as_str(), &self.prefix, pathname, search].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_urls_keep_path_and_query() {
        let plain = Upstream::parse("http://127.0.0.1:8801").unwrap();
        assert_eq!(
            plain.url_for("/a/b", "?x=1"),
            "http://127.0.0.1:8801/a/b?x=1"
        );
        assert_eq!(plain.origin(), "http://127.0.0.1:8801");
        let prefixed = Upstream::parse(" https://origin.internal/app/ ").unwrap();
        assert_eq!(prefixed.url_for("/", ""), "https://origin.internal/app/");
        assert_eq!(
            prefixed.url_for("/x", "?y"),
            "https://origin.internal/app/x?y"
        );
    }

    #[test]
    fn service_bindings_are_identifiers() {
        assert_eq!(parse_service(" ORIGIN ").unwrap(), "ORIGIN");
        assert_eq!(parse_service("_app$2").unwrap(), "_app$2");
        for bad in ["", "2x", "a-b", "a.b", "a b"] {
            assert!(
                parse_service(bad).unwrap_err().contains("service binding"),
                "{bad}"
            );
        }
    }

    #[test]
    fn unusable_upstreams_say_why() {
        for (value, problem) in [
            ("origin.internal", "http"),
            ("ftp://x", "http"),
            ("https://", "host"),
            ("https://user:pw@x", "credentials"),
            ("https://x?y", "query"),
            ("https://x y", "host"),
            ("https://x/a b", "path"),
        ] {
            let err = Upstream::parse(value).unwrap_err();
            assert!(err.contains(problem), "{value}: {err}");
        }
    }
}
