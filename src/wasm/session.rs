//! From a JS request to URL parts and a session token (the `getToken` half of the middleware).

use wasm_bindgen::{JsCast, JsValue};

use super::options::MiddlewareOptions;
use super::{decoders, js};
use crate::cookies;
use crate::gate::{GateEnv, RequestUrl};
use crate::token::{UnixTime, AUTHJS_SESSION_COOKIE};

/// Owned URL parts of a request: `req.nextUrl` on Next.js, `new URL(req.url)` elsewhere.
pub struct OwnedRequestUrl {
    origin: String,
    base_path: String,
    pathname: String,
    search: String,
}

impl OwnedRequestUrl {
    pub fn as_gate_url(&self) -> RequestUrl<'_> {
        RequestUrl {
            origin: &self.origin,
            base_path: &self.base_path,
            pathname: &self.pathname,
            search: &self.search,
        }
    }
}

pub fn request_url(req: &JsValue, base_path: Option<&str>) -> Result<OwnedRequestUrl, JsValue> {
    let request = req.unchecked_ref::<js::RequestLike>();
    let next_url = if req.is_object() {
        request.next_url().unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    if next_url.is_object() {
        let next_url = next_url.unchecked_ref::<js::NextUrlLike>();
        let part =
            |value: Result<Option<String>, JsValue>| value.ok().flatten().unwrap_or_default();
        return Ok(OwnedRequestUrl {
            origin: part(next_url.origin()),
            base_path: match base_path {
                Some(option) => option.to_owned(),
                None => part(next_url.base_path()),
            },
            pathname: part(next_url.pathname()),
            search: part(next_url.search()),
        });
    }
    let href = (if req.is_object() {
        request.url().ok().flatten()
    } else {
        None
    })
    .ok_or_else(|| {
        js::error("nextauth-edge: withAuth expects a Request (no `url` on the first argument)")
    })?;
    let url = js::JsUrl::new(&href)?;
    let base_path = base_path.unwrap_or_default();
    let pathname = url.pathname();
    // Without Next.js, `basePath` is an option: strip it like NextURL does.
    let pathname = match pathname.strip_prefix(base_path) {
        Some(rest) if !base_path.is_empty() && (rest.is_empty() || rest.starts_with('/')) => {
            if rest.is_empty() {
                "/".to_owned()
            } else {
                rest.to_owned()
            }
        }
        _ => pathname,
    };
    Ok(OwnedRequestUrl {
        origin: url.origin(),
        base_path: base_path.to_owned(),
        pathname,
        search: url.search(),
    })
}

/// The session cookie name next-auth would read, and why (for the `debug` log).
pub fn cookie_name(options: &MiddlewareOptions, env: &GateEnv) -> cookies::SessionCookieName {
    cookies::SessionCookieName::resolve(&cookies::NameConfig {
        cookie_name: options.cookie_name.as_deref(),
        secure_cookie: options.secure_cookie,
        nextauth_url: env.nextauth_url.as_deref(),
        vercel: env.vercel.as_deref(),
    })
}

/// The token as a JS value (a plain object) or `null`, like next-auth's `getToken`.
pub async fn read_token(
    req: &JsValue,
    secrets: &[String],
    options: &MiddlewareOptions,
    env: &GateEnv,
) -> Result<JsValue, JsValue> {
    let name = cookie_name(options, env);
    if options.debug {
        js::console_debug(&format!("[nextauth-edge] reading session cookie {name}"));
    }
    let headers = js::RequestHeaders::of(req);
    let cookie_header = headers.get("cookie");
    let authorization = headers.get("authorization");
    let Some(raw) =
        cookies::session_token(cookie_header.as_deref(), authorization.as_deref(), &name)
    else {
        return Ok(JsValue::NULL);
    };
    let raw = raw.as_str();
    if let Some(decode) = &options.decode {
        let secret = if options.secret_value.is_undefined() || options.secret_value.is_null() {
            JsValue::from_str(secrets.first().map(String::as_str).unwrap_or_default())
        } else {
            options.secret_value.clone()
        };
        let params = js::object(&[("token", &JsValue::from_str(raw)), ("secret", &secret)]);
        // next-auth calls `decode` as a plain function; any failure of it is "no session".
        let decoded = match decode.call1(&JsValue::UNDEFINED, &params) {
            Ok(returned) => js::settle_within(returned, options.callback_timeout_ms, "jwt.decode")
                .await
                .unwrap_or(JsValue::NULL),
            Err(_) => JsValue::NULL,
        };
        return Ok(decoded);
    }
    let authjs_salt = name
        .as_str()
        .ends_with(AUTHJS_SESSION_COOKIE)
        .then(|| name.as_str());
    let decoder = decoders::decoder(secrets, &options.salt, authjs_salt);
    match decoder.decode(raw, now()) {
        Ok(claims) => js_sys::JSON::parse(claims.json()),
        Err(_) => Ok(JsValue::NULL),
    }
}

pub fn now() -> UnixTime {
    UnixTime::from_millis(js_sys::Date::now())
}
