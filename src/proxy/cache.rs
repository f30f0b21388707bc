//! `GUARDED_CACHE`: a response to a guarded request is one user's, whatever the origin said.
//!
//! An origin behind the gate often marks pages cacheable without thinking of who asked
//! (`Cache-Control: public, max-age=600`, or a framework default), and a shared cache — the
//! CDN's, a corporate proxy's — would hand that page to the next visitor, signed in or not,
//! without the gate seeing the request. So by default (`"private"`) the Worker:
//!
//! - makes `Cache-Control` say `private` (RFC 9111 §5.2.2.7: a shared cache MUST NOT store
//!   it), dropping `public`, `s-maxage` and `proxy-revalidate` (§5.2.2.9, §5.2.2.10, §5.2.2.8:
//!   directives only a shared cache obeys) and a field-qualified `private="…"` (which lets a
//!   shared cache store the rest). Cloudflare's cache never stores a `private` response;
//!   `max-age` stays, so the user's own browser may still keep it. `no-store` is left alone.
//! - removes `CDN-Cache-Control`, `Cloudflare-CDN-Cache-Control` (RFC 9213 targeted fields,
//!   which Cloudflare obeys ahead of `Cache-Control`) and `Surrogate-Control`;
//! - adds `Cookie` to `Vary` (RFC 9110 §12.5.5), for caches that ignore `private`;
//! - fetches the origin with `cache: "no-store"`, so Cloudflare's own cache of the subrequest
//!   never serves one user's page to another.
//!
//! `"origin"` leaves the origin's headers as they are, for origins that mark per-user
//! responses themselves (or serve the same bytes to everyone behind the gate).

/// Response headers the Worker removes from a guarded response.
pub const TARGETED_CACHE_HEADERS: [&str; 3] = [
    "cdn-cache-control",
    "cloudflare-cdn-cache-control",
    "surrogate-control",
];

/// `GUARDED_CACHE`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GuardedCache {
    /// Responses to guarded requests leave marked `private`, `Vary: Cookie` (the default).
    #[default]
    Private,
    /// The origin's cache headers as they are (for origins that know better).
    Origin,
}

impl GuardedCache {
    /// The variable's value (`None`: unset); `None` back for a value that is not a policy.
    pub fn parse(value: Option<&str>) -> Option<GuardedCache> {
        match value {
            None | Some("private") => Some(GuardedCache::Private),
            Some("origin") => Some(GuardedCache::Origin),
            Some(_) => None,
        }
    }
}

fn directive_name(directive: &str) -> String {
    directive
        .split('=')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `Cache-Control` a guarded response leaves with; `None`: leave it as it is.
pub fn private_cache_control(value: Option<&str>) -> Option<String> {
    let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
        return Some("private".to_owned());
    };
    let directives: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .collect();
    if directives.iter().any(|d| directive_name(d) == "no-store") {
        return None;
    }
    let plain_private = directives.iter().any(|d| d.eq_ignore_ascii_case("private"));
    let shared_only = |d: &&str| {
        let name = directive_name(d);
        matches!(name.as_str(), "public" | "s-maxage" | "proxy-revalidate")
            || (name == "private" && d.contains('='))
    };
    if plain_private && !directives.iter().any(shared_only) {
        return None;
    }
    let mut kept: Vec<&str> = vec!["private"];
    kept.extend(
        directives
            .iter()
            .filter(|d| !shared_only(d) && !d.eq_ignore_ascii_case("private")),
    );
    Some(kept.join(", "))
}

/// The `Vary` a guarded response leaves with; `None`: leave it as it is.
pub fn vary_with_cookie(value: Option<&str>) -> Option<String> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Some("Cookie".to_owned()),
        Some(v)
            if v.split(',')
                .map(str::trim)
                .any(|f| f == "*" || f.eq_ignore_ascii_case("cookie")) =>
        {
            None
        }
        Some(v) => Some(format!("{v}, Cookie")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_caches_may_not_store_guarded_responses() {
        for (origin, sent) in [
            (None, Some("private")),
            (Some(""), Some("private")),
            (Some("public, max-age=600"), Some("private, max-age=600")),
            (
                Some("max-age=60, s-maxage=3600"),
                Some("private, max-age=60"),
            ),
            (
                Some("Public,Max-Age=5,proxy-revalidate"),
                Some("private, Max-Age=5"),
            ),
            (
                Some("private=\"set-cookie\", max-age=9"),
                Some("private, max-age=9"),
            ),
            (Some("no-cache"), Some("private, no-cache")),
            (Some("private, max-age=0"), None),
            (Some("no-store"), None),
            (Some("public, no-store"), None),
        ] {
            assert_eq!(private_cache_control(origin).as_deref(), sent, "{origin:?}");
        }
    }

    #[test]
    fn vary_gains_cookie() {
        assert_eq!(vary_with_cookie(None).as_deref(), Some("Cookie"));
        assert_eq!(
            vary_with_cookie(Some("Accept-Encoding")).as_deref(),
            Some("Accept-Encoding, Cookie")
        );
        assert_eq!(vary_with_cookie(Some("accept, cookie")), None);
        assert_eq!(vary_with_cookie(Some("*")), None);
    }

    #[test]
    fn settings() {
        assert_eq!(GuardedCache::parse(None), Some(GuardedCache::Private));
        assert_eq!(
            GuardedCache::parse(Some("origin")),
            Some(GuardedCache::Origin)
        );
        assert_eq!(GuardedCache::parse(Some("public")), None);
    }
}
