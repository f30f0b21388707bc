//! What the gate adds to and removes from a forwarded request and its response: the identity
//! headers (and that no client sets them), the session cookie when it stays behind, and the
//! cache rules of a guarded response. The decisions are in `proxy::identity` and
//! `proxy::cache`; this module applies them to the Workers runtime's objects.

use wasm_bindgen::prelude::*;
use worker::web_sys::{Headers, Request, Response, ResponseInit};

use crate::proxy::{cache, identity, GuardedCache, ProxyConfig};
use crate::reader::Session;

#[wasm_bindgen(
    inline_js = "export function forward_request(req, target, noStore, timeoutMs, prefix, removed, set) {
  const method = req.method;
  const init = { method, headers: req.headers, redirect: 'manual' };
  if (noStore) init.cache = 'no-store';
  if (timeoutMs !== undefined) init.signal = AbortSignal.timeout(timeoutMs);
  if (method !== 'GET' && method !== 'HEAD') {
    const body = req.body;
    if (body !== null) init.body = body;
  }
  const out = new Request(target, init);
  const h = out.headers;
  const reserved = [];
  for (const name of h.keys()) if (name.startsWith(prefix)) reserved.push(name);
  for (const name of reserved) h.delete(name);
  for (const name of removed.split('\\n')) if (name) h.delete(name);
  const s = set.split('\\n');
  for (let i = 0; i + 1 < s.length; i += 2) h.set(s[i], s[i + 1]);
  return out;
}"
)]
extern "C" {
    /// The request to the origin: `new Request(target, …)` with `req`'s method, headers and (but
    /// for GET and HEAD) body stream, redirects not followed, `cache: 'no-store'` when
    /// `no_store`, the `UPSTREAM_TIMEOUT_MS` signal; then, on its own copy of the headers, every
    /// header whose name starts with `prefix` and the `\n`-separated `removed` names deleted and
    /// the `name\nvalue\n` pairs of `set` set. One call into JS, and the headers are copied once
    /// (by the runtime's `Request`), not once more for the edits.
    #[wasm_bindgen(catch)]
    fn forward_request(
        req: &Request,
        target: &str,
        no_store: bool,
        timeout_ms: Option<u32>,
        prefix: &str,
        removed: &str,
        set: &str,
    ) -> Result<Request, JsValue>;
}

/// What the gate knows about a request it forwards.
#[derive(Clone, Copy, Default)]
pub struct Pass<'a> {
    /// Checked by the gate (and let through).
    pub guarded: bool,
    /// Its valid session, when it has one.
    pub session: Option<&'a Session>,
    /// The gate's origin (`https://host`), the assertion's default issuer.
    pub origin: &'a str,
    /// Remove `Next-Url`: it names a page the gate would not let this request through to.
    pub drop_next_url: bool,
}

impl Pass<'_> {
    /// Its response leaves private (`GUARDED_CACHE`).
    pub fn private(&self, config: &ProxyConfig) -> bool {
        self.guarded && config.guarded_cache() == GuardedCache::Private
    }
}

/// The request to the origin at `target`: `req`'s method, body and headers, of which every
/// identity header a client sent is removed (oauth2-proxy's `X-Auth-Request-*` family, the
/// assertion and the mapped names: [`IdentityConfig::is_identity_header`]), the session cookie
/// too when `FORWARD_SESSION_COOKIE` is false, `Host` (the upstream's own goes there); then the
/// session's identity headers, `X-Forwarded-Host` / `-Proto` (the origin the client asked for,
/// overwriting whatever it claimed) and, towards the request's own origin, the loop marker are
/// set. A guarded request's subrequest skips Cloudflare's cache (`GUARDED_CACHE` private).
///
/// What to remove and set is decided here; the runtime is called once (a header name or value
/// cannot hold a newline, so each list is one string).
///
/// [`IdentityConfig::is_identity_header`]: crate::proxy::IdentityConfig::is_identity_header
pub fn upstream_request(
    config: &ProxyConfig,
    req: &Request,
    target: &str,
    pass: Pass<'_>,
    own_origin: bool,
) -> Result<Request, JsValue> {
    let identity = config.identity();
    let mut removed = String::new();
    let mut set = String::new();
    let mut remove = |name: &str| {
        removed.push_str(name);
        removed.push('\n');
    };
    // `is_identity_header`: the reserved prefix is matched in JS, on the names the request
    // has; the mapped names are removed by name.
    for (name, _) in identity.mapping() {
        remove(name);
    }
    // Next.js's internal marker for its own subrequests: a client that sends it skips the
    // origin's middleware (CVE-2025-29927). No client has a reason to send it.
    remove("x-middleware-subrequest");
    if pass.drop_next_url {
        remove("next-url");
    }
    remove("host");
    let mut put = |name: &str, value: &str| -> Result<(), JsValue> {
        if name.contains('\n') || value.contains('\n') {
            // Cannot happen (the values are encoded); the runtime would refuse it anyway.
            return Err(JsValue::from_str("a header value with a newline"));
        }
        set.push_str(name);
        set.push('\n');
        set.push_str(value);
        set.push('\n');
        Ok(())
    };
    if !identity.forward_session_cookie() {
        if let Some(cookie) = req.headers().get("cookie")? {
            match crate::proxy::IdentityConfig::strip_session_cookie(
                &cookie,
                config.cookie_name().as_str(),
            ) {
                Some(rest) => put("cookie", &rest)?,
                None => remove("cookie"),
            }
        }
    }
    if let (true, Some(session)) = (pass.guarded, pass.session) {
        let claims = session.claims.to_map_of(|name| config.forwards_claim(name));
        for (name, value) in identity.headers_for(&claims) {
            put(name, &value)?;
        }
        if let Some(signer) = config.assertion() {
            let token = signer.sign(
                &claims,
                config.assertion_issuer(pass.origin),
                config.assertion_audience(pass.origin),
                super::now(),
            );
            put(identity::ASSERTION_HEADER, &token)?;
        }
    }
    let (proto, host) = pass.origin.split_once("://").unwrap_or(("https", ""));
    put("x-forwarded-host", host)?;
    put("x-forwarded-proto", proto)?;
    if own_origin {
        put(super::forward::LOOP_HEADER, "1")?;
    }
    forward_request(
        req,
        target,
        pass.private(config),
        config.upstream_timeout_ms(),
        identity::RESERVED_PREFIX,
        &removed,
        &set,
    )
}

/// `GET /.well-known/nextauth-edge/jwks.json` when `ASSERTION_KEY` (ES256) is set: the public
/// key. An HS256 secret is never published: the path is then an ordinary one.
pub fn jwks(config: &ProxyConfig, pathname: &str) -> Result<Option<Response>, JsValue> {
    let Some(jwks) = config.assertion().and_then(|signer| signer.jwks()) else {
        return Ok(None);
    };
    if pathname != crate::proxy::assertion::JWKS_PATH {
        return Ok(None);
    }
    let headers = Headers::new()?;
    headers.set("content-type", "application/jwk-set+json")?;
    headers.set("cache-control", "public, max-age=300")?;
    let init = ResponseInit::new();
    init.set_status(200);
    init.set_headers(&headers);
    Response::new_with_opt_str_and_init(Some(jwks), &init).map(Some)
}

/// A guarded response leaves private (`GUARDED_CACHE`, see `proxy::cache`); the caller asks
/// [`Pass::private`] first. Two calls into JS: one reads `Cache-Control` and `Vary`, one builds
/// the new response (its headers copied, those two set, the targeted cache headers removed).
pub fn private_response(response: Response) -> Result<Response, JsValue> {
    if response.status() == 101 {
        return Ok(response);
    }
    let read = cache_headers(&response);
    let (cache_control, vary) = read.split_once('\n').unwrap_or((NONE, NONE));
    fn present(value: &str) -> Option<&str> {
        (value != NONE).then_some(value)
    }
    let cache_control = cache::private_cache_control(present(cache_control));
    let vary = cache::vary_with_cookie(present(vary));
    rewrap_private(
        &response,
        cache_control.as_deref(),
        vary.as_deref(),
        &cache::TARGETED_CACHE_HEADERS.join("\n"),
    )
}

/// What [`cache_headers`] sends for a header that is absent (a NUL cannot be in a header value).
const NONE: &str = "\0";

#[wasm_bindgen(inline_js = "export function cache_headers(r) {
  const h = r.headers;
  return (h.get('cache-control') ?? '\\0') + '\\n' + (h.get('vary') ?? '\\0');
}
export function rewrap_private(r, cacheControl, vary, drop) {
  const out = new Response(r.body, r);
  const headers = out.headers;
  if (cacheControl !== undefined) headers.set('cache-control', cacheControl);
  if (vary !== undefined) headers.set('vary', vary);
  for (const name of drop.split('\\n')) headers.delete(name);
  return out;
}")]
extern "C" {
    /// `Cache-Control` and `Vary` of `r`, `\n`-separated, `\0` for an absent one.
    fn cache_headers(r: &Response) -> String;
    /// `r` as a new response (`new Response(r.body, r)`: status, status text, headers and body
    /// stream; its headers mutable), `cache-control` / `vary` set when given, the
    /// `\n`-separated `drop` names removed. The headers are copied once.
    #[wasm_bindgen(catch)]
    fn rewrap_private(
        r: &Response,
        cache_control: Option<&str>,
        vary: Option<&str>,
        drop: &str,
    ) -> Result<Response, JsValue>;
}
