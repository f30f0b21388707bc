//! How a Next.js origin reads a request path, for a gate in front of it.
//!
//! Inside Next, middleware never sees a data or RSC URL: the adapter (`server/web/adapter.js`,
//! checked in Next 15.5 and 16) normalizes them first, so `withAuth` decides on the page. A
//! Worker in front of Next sees the raw URLs, and must read them the same way, or a client-side
//! navigation fetches a guarded page's data past the gate:
//!
//! | spelling | Next's middleware sees | Next's server serves | here |
//! | --- | --- | --- | --- |
//! | `/_next/data/<build>/admin/x.json` (Pages Router data) | `/admin/x` (`getNextPathnameInfo`, `parseData`) | `/admin/x`'s props | guarded as `/admin/x` |
//! | `/_next/data/<build>/index.json` | `/index`, `/` with `x-nextjs-data` | `/` | guarded as `/` and `/index` |
//! | `/_next/data/<build>/index/admin.json` | `/` (`paths[1] === "index"`) | `/admin` (`denormalizePagePath`) | guarded as either |
//! | `/admin.rsc` | `/admin` (`normalizeRscURL`) | `/admin`'s RSC payload | guarded as `/admin` |
//! | `/_next/image?url=/admin/chart.png` | not run (`/_next`) | the image, fetched internally | guarded as `/admin/chart.png` |
//! | `?_rsc=<hash>` (client navigation) | stripped (`stripInternalSearchParams`) | ignored | kept when forwarding, dropped from `callbackUrl` |
//! | `/fr/admin`, `/_next/data/<build>/fr/admin.json` (i18n `NEXT_LOCALES`) | `/admin` (`normalizeLocalePath`, any case) | `/admin` in French | guarded as `/admin` |
//! | `GET /about` + `Next-Url: /admin` | `/about` | `app/admin/(..)about`, the intercepting route (routes-manifest `has: next-url`) | the header forwarded only if `/admin` passes the gate too |
//!
//! A path is guarded when any of its readings is: the gate must not depend on which reading the
//! origin picks. Everything else under `/_next` (static chunks, HMR) stays public, as in
//! next-auth.

use std::borrow::Cow;

use crate::cookies::decode_uri_component;

/// The pages (basePath already stripped) a Next.js origin may act on for `pathname` + `search`
/// other than `pathname` itself: empty (no allocation) for every request that is not a data,
/// RSC or image URL, and (with i18n `locales`) does not start with a locale.
pub fn other_pages(pathname: &str, search: &str, locales: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let push = |out: &mut Vec<String>, reading: String| {
        if reading != pathname && !out.contains(&reading) {
            out.push(reading);
        }
    };
    next_readings(pathname, search, &mut |reading| push(&mut out, reading));
    if !locales.is_empty() {
        // Each reading (the path's own included) with its locale taken off, as Next's router
        // serves it.
        let readings: Vec<String> = std::iter::once(pathname.to_owned())
            .chain(out.iter().cloned())
            .collect();
        for reading in &readings {
            if let Some(page) = without_locale(reading, locales) {
                push(&mut out, denormalize_page_path(page));
                push(&mut out, page.to_owned());
            }
        }
    }
    out
}

/// Next's `normalizeLocalePath`: a first segment naming one of `i18n.locales` (in any case) is
/// the locale, and the page is the rest (`/fr` is `/`).
fn without_locale<'p>(page: &'p str, locales: &[String]) -> Option<&'p str> {
    let rest = page.strip_prefix('/')?;
    let first = rest.split('/').next().unwrap_or_default();
    if !locales
        .iter()
        .any(|locale| locale.eq_ignore_ascii_case(first))
    {
        return None;
    }
    match &rest[first.len()..] {
        "" => Some("/"),
        tail => Some(tail),
    }
}

/// The data, RSC and image readings of `pathname` + `search`, each handed to `push`.
fn next_readings(pathname: &str, search: &str, push: &mut impl FnMut(String)) {
    if let Some(page) = data_route_page(pathname) {
        let middleware = match page.split('/').nth(1) {
            Some("index") => "/".to_owned(),
            _ => page.to_owned(),
        };
        push(middleware);
        push(denormalize_page_path(page));
        push(page.to_owned());
    }
    if let Some(page) = rsc_page(pathname) {
        push(page.to_owned());
    }
    if pathname == "/_next/image" {
        if let Some(url) = image_url(search) {
            push(url);
        }
    }
}

/// `/_next/data/<build>/<page>.json` → `/<page>`.
fn data_route_page(pathname: &str) -> Option<&str> {
    let rest = pathname
        .strip_prefix("/_next/data/")?
        .strip_suffix(".json")?;
    let slash = rest.find('/')?;
    Some(&rest[slash..])
}

/// Next's `denormalizePagePath`: `/index` is `/`, `/index/x` is `/x`.
fn denormalize_page_path(page: &str) -> String {
    match page.strip_prefix("/index") {
        Some("") => "/".to_owned(),
        Some(rest) if rest.starts_with('/') => rest.to_owned(),
        _ => page.to_owned(),
    }
}

/// `normalizeRscURL`: the first `.rsc` at the end of the path goes.
fn rsc_page(pathname: &str) -> Option<&str> {
    pathname
        .strip_suffix(".rsc")
        .filter(|page| !page.is_empty())
}

/// The local image `/_next/image?url=…` asks the optimizer for (a path on this site).
fn image_url(search: &str) -> Option<String> {
    let query = search.strip_prefix('?').unwrap_or(search);
    let raw = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("url="))?;
    let spaced = raw.replace('+', " ");
    let url = decode_uri_component(&spaced)?;
    let path = url.split(['?', '#']).next().unwrap_or_default();
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

/// The path a `Next-Url` request header names (the client router's current page, without
/// basePath), or `None` when it is not a path: Next's interception rewrites match it against
/// patterns that all start with `/`.
pub fn next_url_page(header: &str) -> Option<&str> {
    let path = header.trim().split(['?', '#']).next().unwrap_or_default();
    (path.starts_with('/') && !path.starts_with("//")).then_some(path)
}

/// The search string without Next's internal parameters (`_rsc`), as Next's adapter hands it to
/// middleware: what `callbackUrl` should carry.
pub fn strip_internal_search(search: &str) -> Cow<'_, str> {
    let query = search.strip_prefix('?').unwrap_or(search);
    if !query.split('&').any(is_internal) {
        return Cow::Borrowed(search);
    }
    let kept: Vec<&str> = query.split('&').filter(|pair| !is_internal(pair)).collect();
    if kept.is_empty() {
        Cow::Borrowed("")
    } else {
        Cow::Owned(format!("?{}", kept.join("&")))
    }
}

fn is_internal(pair: &str) -> bool {
    pair == "_rsc" || pair.starts_with("_rsc=")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The request's own path, then the other pages.
    fn all(pathname: &str, search: &str) -> Vec<String> {
        let mut all = vec![pathname.to_owned()];
        all.extend(other_pages(pathname, search, &[]));
        all
    }

    #[test]
    fn data_routes_are_read_as_their_pages_every_way_next_reads_them() {
        assert_eq!(
            all("/_next/data/b1/admin/x.json", ""),
            ["/_next/data/b1/admin/x.json", "/admin/x"]
        );
        assert_eq!(
            all("/_next/data/b1/index.json", ""),
            ["/_next/data/b1/index.json", "/", "/index"]
        );
        assert_eq!(
            all("/_next/data/b1/index/admin.json", ""),
            [
                "/_next/data/b1/index/admin.json",
                "/",
                "/admin",
                "/index/admin"
            ]
        );
        // Not data routes: no build id, or not `.json`.
        assert_eq!(all("/_next/data/x.json", ""), ["/_next/data/x.json"]);
        assert_eq!(all("/_next/data/b/admin", ""), ["/_next/data/b/admin"]);
    }

    #[test]
    fn rsc_and_image_requests_name_their_page() {
        assert_eq!(all("/admin.rsc", ""), ["/admin.rsc", "/admin"]);
        assert_eq!(all("/.rsc", ""), ["/.rsc", "/"]);
        assert_eq!(
            all("/_next/image", "?url=%2Fadmin%2Fchart.png&w=64&q=75"),
            ["/_next/image", "/admin/chart.png"]
        );
        assert_eq!(
            all("/_next/image", "?url=https%3A%2F%2Fcdn.example%2Fa.png"),
            ["/_next/image"]
        );
        assert_eq!(
            all("/_next/image", "?url=%2F%2Fevil%2Fa.png"),
            ["/_next/image"]
        );
        assert_eq!(
            all("/_next/static/chunks/a.js", ""),
            ["/_next/static/chunks/a.js"]
        );
    }

    #[test]
    fn i18n_locales_come_off_every_reading() {
        let locales = ["en-US".to_owned(), "fr".to_owned()];
        let with = |pathname: &str| {
            let mut all = vec![pathname.to_owned()];
            all.extend(other_pages(pathname, "", &locales));
            all
        };
        assert_eq!(with("/fr/admin/x"), ["/fr/admin/x", "/admin/x"]);
        assert_eq!(with("/EN-us/admin"), ["/EN-us/admin", "/admin"]);
        assert_eq!(with("/fr"), ["/fr", "/"]);
        assert_eq!(
            with("/_next/data/b1/fr/admin/legacy.json"),
            [
                "/_next/data/b1/fr/admin/legacy.json",
                "/fr/admin/legacy",
                "/admin/legacy"
            ]
        );
        assert_eq!(
            with("/_next/data/b1/fr.json"),
            ["/_next/data/b1/fr.json", "/fr", "/"]
        );
        // Not a configured locale, or no locales: the path as it is.
        assert_eq!(with("/de/admin"), ["/de/admin"]);
        assert!(other_pages("/fr/admin", "", &[]).is_empty());
    }

    #[test]
    fn internal_search_params_leave_the_callback_url() {
        assert_eq!(strip_internal_search("?_rsc=abc"), "");
        assert_eq!(strip_internal_search("?tab=1&_rsc=abc"), "?tab=1");
        assert_eq!(strip_internal_search("?_rsc&tab=1"), "?tab=1");
        assert_eq!(strip_internal_search("?tab=1"), "?tab=1");
        assert_eq!(strip_internal_search("?_rscx=1"), "?_rscx=1");
        assert_eq!(strip_internal_search(""), "");
    }
}
