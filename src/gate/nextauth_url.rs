//! `parseUrl(process.env.NEXTAUTH_URL).path`: where next-auth's own routes live.

use super::ConfigError;

const DEFAULT_AUTH_PATH: &str = "/api/auth";

/// The auth route prefix from `NEXTAUTH_URL`: its path without one trailing `/`, `/api/auth`
/// when unset, empty or `/`. Like next-auth, a value without `http` gets `https://` prepended.
pub fn auth_path(nextauth_url: Option<&str>) -> Result<String, ConfigError> {
    let Some(url) = nextauth_url.filter(|url| !url.is_empty()) else {
        return Ok(DEFAULT_AUTH_PATH.to_owned());
    };
    let with_scheme = nextauth_url_with_scheme(url);
    let path = url_path(&with_scheme).ok_or(ConfigError::NextAuthUrl)?;
    Ok(auth_path_from_pathname(path))
}

/// `NEXTAUTH_URL` as next-auth parses it: `https://` is prepended unless it starts with `http`.
pub fn nextauth_url_with_scheme(url: &str) -> String {
    if url.starts_with("http") {
        url.to_owned()
    } else {
        format!("https://{url}")
    }
}

/// The auth path from the URL's parsed pathname: `/` means the default, one trailing `/` goes.
pub fn auth_path_from_pathname(pathname: &str) -> String {
    if pathname == "/" {
        return DEFAULT_AUTH_PATH.to_owned();
    }
    pathname.strip_suffix('/').unwrap_or(pathname).to_owned()
}

/// The path of an absolute http(s) URL. Deliberately small: the authority ends at the first
/// `/`, `?` or `#`, and the path at `?` or `#`; an empty path is `/`, as URL parsers make it.
fn url_path(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")?;
    let scheme = &url[..scheme_end];
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if authority_end == 0 || rest[..authority_end].contains(char::is_whitespace) {
        return None;
    }
    let after = &rest[authority_end..];
    let path = &after[..after.find(['?', '#']).unwrap_or(after.len())];
    Some(if path.is_empty() { "/" } else { path })
}
