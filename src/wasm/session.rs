//! From a JS request to URL parts and a session token (the `getToken` half of the middleware).

use wasm_bindgen::{JsCast, JsValue};

use std::cell::OnceCell;
use std::rc::Rc;

use super::js;
use super::options::MiddlewareOptions;
use crate::gate::RequestUrl;
use crate::reader::{strip_base_path, SessionHeaders, SessionReader};
use crate::token::{SessionClaims, UnixTime};

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
    // Without Next.js, `basePath` is an option: stripped like NextURL does.
    let pathname = url.pathname();
    Ok(OwnedRequestUrl {
        origin: url.origin(),
        base_path: base_path.to_owned(),
        pathname: strip_base_path(base_path, &pathname).to_owned(),
        search: url.search(),
    })
}

/// The request's `Cookie` header, read at once, and its `Authorization` header, read only if
/// the reader asks (no session cookie): one JS header read fewer on a signed-in request.
pub struct HeaderValues {
    headers: js::RequestHeaders,
    cookie: Option<String>,
    authorization: OnceCell<Option<String>>,
}

impl HeaderValues {
    pub fn of(req: &JsValue) -> Self {
        let headers = js::RequestHeaders::of(req);
        HeaderValues {
            cookie: headers.get("cookie"),
            headers,
            authorization: OnceCell::new(),
        }
    }
}

impl SessionHeaders for HeaderValues {
    fn cookie(&self) -> Option<&str> {
        self.cookie.as_deref()
    }

    fn authorization(&self) -> Option<&str> {
        self.authorization
            .get_or_init(|| self.headers.get("authorization"))
            .as_deref()
    }
}

/// What [`read_token`] found: checked claims, or what a user `jwt.decode` returned (`null` for no
/// session). The claims become a JS object only when something will read it: the drop-in
/// `withAuth` (no callbacks, no wrapped middleware) only asks whether there is a token, and
/// `JSON.parse` of the claims was ~10 % of its signed-in cost in Node.
pub enum Token {
    Claims(SessionClaims),
    Value(JsValue),
}

impl Token {
    /// Whether there is a session, as `!!token` would say of [`Token::into_js`]'s value.
    pub fn is_present(&self) -> bool {
        match self {
            Token::Claims(_) => true,
            Token::Value(value) => value.is_truthy(),
        }
    }

    /// The token as next-auth's `getToken` gives it: a plain object, or `null`.
    pub fn into_js(self) -> Result<JsValue, JsValue> {
        match self {
            Token::Claims(claims) => js_sys::JSON::parse(claims.json()),
            Token::Value(value) => Ok(value),
        }
    }
}

/// The token, like next-auth's `getToken`: through the reader, or the user's `jwt.decode` handed
/// the raw token the reader found. `more_secrets` is asked for a reader with more secrets (the
/// environment's rotation variables, read lazily) when another secret could open the token.
pub async fn read_token(
    req: &JsValue,
    reader: &SessionReader,
    options: &MiddlewareOptions,
    more_secrets: impl FnOnce() -> Option<Rc<SessionReader>>,
) -> Result<Token, JsValue> {
    if options.debug {
        js::console_debug(&format!(
            "[nextauth-edge] reading session cookie {}",
            reader.cookie_name()
        ));
    }
    let headers = HeaderValues::of(req);
    if let Some(decode) = &options.decode {
        let Ok(raw) = reader.raw_token(&headers) else {
            return Ok(Token::Value(JsValue::NULL));
        };
        let secret = if options.secret_value.is_undefined() || options.secret_value.is_null() {
            let first = reader.secrets().encoding();
            JsValue::from_str(&first.map_or_else(String::new, |s| {
                String::from_utf8_lossy(s.as_bytes()).into_owned()
            }))
        } else {
            options.secret_value.clone()
        };
        let params = js::object(&[
            ("token", &JsValue::from_str(raw.as_str())),
            ("secret", &secret),
        ]);
        // next-auth calls `decode` as a plain function; any failure of it is "no session".
        let decoded = match decode.call1(&JsValue::UNDEFINED, &params) {
            Ok(returned) => js::settle_within(returned, options.callback_timeout_ms, "jwt.decode")
                .await
                .unwrap_or(JsValue::NULL),
            Err(_) => JsValue::NULL,
        };
        return Ok(Token::Value(decoded));
    }
    // The clock only when a token is found, and once.
    let clock = OnceCell::new();
    let at = || *clock.get_or_init(now);
    let read = match reader.read_at(&headers, at) {
        Err(reason) if reason.wants_another_secret() => match more_secrets() {
            Some(reader) => reader.read_at(&headers, at),
            None => Err(reason),
        },
        read => read,
    };
    match read {
        Ok(session) => Ok(Token::Claims(session.claims)),
        Err(reason) => {
            if options.debug {
                js::console_debug(&format!("[nextauth-edge] no session: {reason}"));
            }
            Ok(Token::Value(JsValue::NULL))
        }
    }
}

pub fn now() -> UnixTime {
    UnixTime::from_millis(js_sys::Date::now())
}
