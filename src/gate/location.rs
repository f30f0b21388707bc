//! Redirect targets, built the way next-auth builds them:
//! `u = new URL(basePath + page, origin); u.searchParams.append(param, value)`.

use super::{ConfigError, RequestUrl};
use crate::form::{form_urlencode, parse_form, percent_encode};

/// `basePath + page` resolved against the request origin, with `param=value` appended to its
/// query the way `URLSearchParams.append` re-serializes it.
pub(super) fn page_url(
    url: &RequestUrl<'_>,
    page: &str,
    setting: &'static str,
    param: &str,
    value: &str,
) -> Result<String, ConfigError> {
    let target = [url.base_path, page].concat();
    let (base, rest) = if target.starts_with("//") || target.contains('\\') {
        // Protocol-relative or backslashed: a URL parser would leave the origin. Refuse.
        return Err(ConfigError::Page(setting));
    } else if target.starts_with("https://") || target.starts_with("http://") {
        split_origin(&target).ok_or(ConfigError::Page(setting))?
    } else if has_scheme(&target) {
        return Err(ConfigError::Page(setting));
    } else if target.starts_with('/') {
        (url.origin.to_owned(), target)
    } else {
        // `new URL("login", origin)` resolves against the origin's root path.
        (url.origin.to_owned(), format!("/{target}"))
    };
    let (before_hash, fragment) = match rest.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (rest.as_str(), None),
    };
    let (path, query) = match before_hash.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (before_hash, None),
    };
    let mut out = base;
    percent_encode(path, PATH_SET, &mut out);
    out.push('?');
    // `append` re-serializes the existing pairs with form encoding, then adds ours.
    for (name, existing) in query.map(parse_form).unwrap_or_default() {
        form_urlencode(&name, &mut out);
        out.push('=');
        form_urlencode(&existing, &mut out);
        out.push('&');
    }
    form_urlencode(param, &mut out);
    out.push('=');
    form_urlencode(value, &mut out);
    if let Some(fragment) = fragment {
        out.push('#');
        percent_encode(fragment, FRAGMENT_SET, &mut out);
    }
    Ok(out)
}

/// `scheme:` as RFC 3986 spells it (`mailto:`, `javascript:`): not a page on this site.
fn has_scheme(target: &str) -> bool {
    let Some((scheme, _)) = target.split_once(':') else {
        return false;
    };
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
}

fn split_origin(absolute: &str) -> Option<(String, String)> {
    let scheme_end = absolute.find("://")? + 3;
    let path_start = absolute[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(absolute.len(), |i| scheme_end + i);
    let authority = &absolute[scheme_end..path_start];
    let authority_ok = !authority.is_empty()
        && authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~:[]@%!$&'()*+,;=".contains(&b));
    if !authority_ok {
        return None;
    }
    let rest = &absolute[path_start..];
    let rest = if rest.starts_with('/') {
        rest.to_owned()
    } else {
        format!("/{rest}")
    };
    Some((absolute[..path_start].to_owned(), rest))
}

/// The WHATWG path and fragment percent-encode sets (besides C0 controls and non-ASCII, which
/// are always escaped): what a URL parser escapes in a page path it is given.
const PATH_SET: &[u8] = b" \"#<>?`{}";
const FRAGMENT_SET: &[u8] = b" \"<>`";
