//! Redirect targets, built the way next-auth builds them:
//! `u = new URL(basePath + page, origin); u.searchParams.append(param, value)`.

use std::borrow::Cow;

use super::{ConfigError, RequestUrl};
use crate::form::{form_urlencode, parse_form, percent_encode};

/// `basePath + page`, checked: a page on this origin, or an absolute http(s) URL whose origin
/// ends at `origin_end`. Borrowed from the options when there is no `basePath` (the usual case),
/// so checking it per request allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PageTarget<'a> {
    text: Cow<'a, str>,
    origin_end: Option<usize>,
}

/// Checks `basePath + page` the way `new URL(basePath + page, origin)` would resolve it, refusing
/// anything that would leave the site by accident (protocol-relative, backslashes, other schemes).
pub(super) fn page_target<'a>(
    base_path: &str,
    page: &'a str,
    setting: &'static str,
) -> Result<PageTarget<'a>, ConfigError> {
    let text: Cow<'a, str> = match base_path {
        "" => Cow::Borrowed(page),
        _ => Cow::Owned([base_path, page].concat()),
    };
    let origin_end = if text.starts_with("//") || text.contains('\\') {
        // Protocol-relative or backslashed: a URL parser would leave the origin. Refuse.
        return Err(ConfigError::Page(setting));
    } else if text.starts_with("https://") || text.starts_with("http://") {
        Some(origin_end(&text).ok_or(ConfigError::Page(setting))?)
    } else if has_scheme(&text) {
        return Err(ConfigError::Page(setting));
    } else {
        None
    };
    Ok(PageTarget { text, origin_end })
}

/// `target` resolved against the request origin, with `param=value` appended to its query the
/// way `URLSearchParams.append` re-serializes it.
pub(super) fn page_url(
    url: &RequestUrl<'_>,
    target: &PageTarget<'_>,
    param: &str,
    value: &str,
) -> String {
    let text = target.text.as_ref();
    let (origin, rest) = match target.origin_end {
        Some(end) => text.split_at_checked(end).unwrap_or((text, "")),
        None => (url.origin, text),
    };
    // Room for the whole URL with `value` fully escaped: no reallocation while it grows.
    let mut out =
        String::with_capacity(origin.len() + rest.len() + param.len() + 3 * value.len() + 2);
    out.push_str(origin);
    // `new URL("login", origin)` resolves against the origin's root path; so does `https://h?q`.
    if !rest.starts_with('/') {
        out.push('/');
    }
    let (before_hash, fragment) = match rest.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (rest, None),
    };
    let (path, query) = match before_hash.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (before_hash, None),
    };
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
    out
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

/// Where the origin of an absolute `http(s)://authority…` ends, if its authority is plausible.
fn origin_end(absolute: &str) -> Option<usize> {
    let scheme_end = absolute.find("://")? + 3;
    let authority = absolute.get(scheme_end..)?;
    let path_start = authority
        .find(['/', '?', '#'])
        .map_or(absolute.len(), |i| scheme_end + i);
    let authority = absolute.get(scheme_end..path_start)?;
    let authority_ok = !authority.is_empty()
        && authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~:[]@%!$&'()*+,;=".contains(&b));
    authority_ok.then_some(path_start)
}

/// The WHATWG path and fragment percent-encode sets (besides C0 controls and non-ASCII, which
/// are always escaped): what a URL parser escapes in a page path it is given.
const PATH_SET: &[u8] = b" \"#<>?`{}";
const FRAGMENT_SET: &[u8] = b" \"<>`";
