//! `getServerSession` for edge server code, JWT strategy only: the session object, the user's
//! `jwt`/`session` callbacks, and the rolling cookie as `Set-Cookie` values.

use js_sys::{Array, Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::options::secret_list;
use super::{env, js, readers, session};
use crate::cookies::CookieJar;
use crate::reader::{secure_cookies_for_origin, ReaderOptions, SessionHeaders, SessionReader};
use crate::session::{clearing_cookies, default_session, session_cookies, Expiry};
use crate::token::{SessionClaims, DEFAULT_MAX_AGE_SECS};

const DATABASE_STRATEGY: &str = "nextauth-edge: getServerSession reads JWT sessions only. With the \
database strategy (an `adapter`, or `session.strategy: \"database\"`) the cookie holds an opaque id \
that only your database can resolve, which edge code cannot reach: call getServerSession from \
next-auth on a Node route instead, or switch to `session: { strategy: \"jwt\" }`.";

const APP_ROUTER_FORM: &str = "nextauth-edge: getServerSession(authOptions) without a request is \
the App Router form, which reads Next.js's headers()/cookies(): import it from \"nextauth-edge/next\", \
or pass the request: getServerSession(req, authOptions).";

/// `readSession(req, authOptions)` → `{ session, setCookie }`: the session next-auth's
/// `getServerSession` would return (or `null`) and the `Set-Cookie` values it would send.
#[wasm_bindgen(js_name = readSession)]
pub fn read_session(req: JsValue, options: JsValue) -> Promise {
    future_to_promise(async move {
        let (session, set_cookie) = session_and_cookies(&req, &options).await?;
        let array: Array = set_cookie
            .iter()
            .map(|value| JsValue::from_str(value))
            .collect();
        Ok(js::object(&[("session", &session), ("setCookie", &array)]).into())
    })
}

/// next-auth's `getServerSession(req, res, authOptions)`, plus the edge form
/// `getServerSession(req, authOptions)`. With a `res` (Node `ServerResponse`, or a `Headers`),
/// the cookie is re-issued through it; responses carrying a session are marked
/// `Cache-Control: private, no-store`.
#[wasm_bindgen(js_name = getServerSession)]
pub fn get_server_session(req: JsValue, second: JsValue, third: JsValue) -> Promise {
    future_to_promise(async move {
        if second.is_undefined() && third.is_undefined() {
            return Err(js::error(APP_ROUTER_FORM));
        }
        let (res, options) = if third.is_undefined() {
            (JsValue::UNDEFINED, second)
        } else {
            (second, third)
        };
        let (session, set_cookie) = session_and_cookies(&req, &options).await?;
        if !res.is_undefined() && !res.is_null() {
            attach(&res, &set_cookie, !session.is_null())?;
        }
        Ok(session)
    })
}

/// Appends the `Set-Cookie` values (and `Cache-Control: private, no-store` when `personal`) to a
/// Node response (`getHeader`/`setHeader`) or a Fetch `Headers`/`Response`.
fn attach(res: &JsValue, set_cookie: &[String], personal: bool) -> Result<(), JsValue> {
    if let (Some(get_header), Some(set_header)) = (
        js::get_function(res, "getHeader"),
        js::get_function(res, "setHeader"),
    ) {
        let existing = get_header.call1(res, &"Set-Cookie".into())?;
        let all: Array = if Array::is_array(&existing) {
            existing.unchecked_into()
        } else if existing.is_undefined() || existing.is_null() {
            Array::new()
        } else {
            Array::of1(&existing)
        };
        for value in set_cookie {
            all.push(&JsValue::from_str(value));
        }
        set_header.call2(res, &"Set-Cookie".into(), &all)?;
        if personal {
            set_header.call2(res, &"Cache-Control".into(), &"private, no-store".into())?;
        }
        return Ok(());
    }
    let headers = if js::get_function(res, "append").is_some() {
        res.clone()
    } else {
        js::get(res, "headers")
    };
    let append = js::get_function(&headers, "append").ok_or_else(|| {
        js::error(
            "nextauth-edge: getServerSession's `res` must be a ServerResponse, Headers or Response",
        )
    })?;
    for value in set_cookie {
        append.call2(&headers, &"Set-Cookie".into(), &JsValue::from_str(value))?;
    }
    if personal {
        if let Some(set) = js::get_function(&headers, "set") {
            set.call2(
                &headers,
                &"Cache-Control".into(),
                &"private, no-store".into(),
            )?;
        }
    }
    Ok(())
}

async fn session_and_cookies(
    req: &JsValue,
    options: &JsValue,
) -> Result<(JsValue, Vec<String>), JsValue> {
    let env = env::read(&JsValue::UNDEFINED, env::Needs::ALL);
    let session_options = js::get(options, "session");
    let strategy = js::get_string(&session_options, "strategy");
    let has_adapter =
        !js::get(options, "adapter").is_undefined() && !js::get(options, "adapter").is_null();
    if strategy.as_deref() == Some("database") || (strategy.is_none() && has_adapter) {
        return Err(js::error(DATABASE_STRATEGY));
    }
    let max_age = js::get(&session_options, "maxAge")
        .as_f64()
        .map_or(DEFAULT_MAX_AGE_SECS, |s| s as i64);

    let cookie_options = js::get(&js::get(options, "cookies"), "sessionToken");
    let secure = secure_cookies(req, options, &env.session);
    let jwt = js::get(options, "jwt");
    // `jwt.secret` (deprecated in next-auth, still read) wins over `secret`.
    let secret = match secret_list(&js::get(&jwt, "secret"))? {
        Some(list) => Some(list),
        None => secret_list(&js::get(options, "secret"))?,
    };
    // getServerSession reads the session cookie only: no Bearer (next-auth's SessionStore).
    let reader = readers::reader(
        &ReaderOptions {
            secret,
            cookie_name: js::get_string(&cookie_options, "name"),
            secure_cookie: Some(secure),
            bearer: false,
            ..ReaderOptions::default()
        },
        &env.session,
    );
    if !reader.has_secret() {
        return Err(js::error("nextauth-edge: getServerSession has no secret: set NEXTAUTH_SECRET or `secret` in authOptions"));
    }
    let name = reader.cookie_name().clone();
    let secure_attribute = js::get(&js::get(&cookie_options, "options"), "secure")
        .as_bool()
        .unwrap_or(secure);
    let headers = session::HeaderValues::of(req);
    let jar = CookieJar::parse(headers.cookie().unwrap_or(""));
    let present: Vec<&str> = jar.iter().map(|(name, _)| name).collect();
    let Ok(raw) = reader.raw_token(&headers) else {
        // Unreadable session cookies (a chunk gap, say) are cleared, as next-auth clears a cookie
        // that fails to decode.
        return Ok((
            JsValue::NULL,
            clearing_cookies(name.as_str(), secure_attribute, &present),
        ));
    };

    let callbacks = js::get(options, "callbacks");
    let result = async {
        let decoded = decode(raw.as_str(), &reader, &jwt).await?;
        if !decoded.is_truthy() {
            return Err(js::error("JWT invalid"));
        }
        let token = match js::get_function(&callbacks, "jwt") {
            Some(jwt_callback) => {
                let params = js::object(&[("token", &decoded), ("session", &JsValue::UNDEFINED)]);
                js::settle(jwt_callback.call1(&callbacks, &params)?).await?
            }
            None => decoded.clone(),
        };
        let expiry = Expiry::after(js_sys::Date::now(), max_age);
        let claims: serde_json::Map<String, serde_json::Value> = js_sys::JSON::stringify(&decoded)?
            .as_string()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
        let base = js_sys::JSON::parse(&default_session(&claims, &expiry).to_string())?;
        let session = match js::get_function(&callbacks, "session") {
            Some(session_callback) => {
                let params = js::object(&[("session", &base), ("token", &token)]);
                js::settle(session_callback.call1(&callbacks, &params)?).await?
            }
            None => base,
        };
        let new_token = encode(&token, &reader, &jwt, max_age).await?;
        let set_cookie = session_cookies(
            name.as_str(),
            &new_token,
            &expiry,
            secure_attribute,
            &present,
        );
        if let Some(on_session) = js::get_function(&js::get(options, "events"), "session") {
            let params = js::object(&[("session", &session), ("token", &token)]);
            // next-auth logs event errors and carries on.
            if let Ok(returned) = on_session.call1(&JsValue::UNDEFINED, &params) {
                let _ = js::settle(returned).await;
            }
        }
        Ok::<_, JsValue>((session, set_cookie))
    }
    .await;
    match result {
        Ok((session, set_cookie)) => {
            let non_empty =
                session.is_object() && Object::keys(session.unchecked_ref::<Object>()).length() > 0;
            Ok((if non_empty { session } else { JsValue::NULL }, set_cookie))
        }
        Err(_) => {
            js::console_error("[next-auth][error][JWT_SESSION_ERROR] the session cookie could not be read; it was cleared");
            Ok((
                JsValue::NULL,
                clearing_cookies(name.as_str(), secure_attribute, &present),
            ))
        }
    }
}

/// The origin next-auth's `getServerSession` works out for this request (the cookie name's
/// `__Secure-` choice is then [`secure_cookies_for_origin`]'s): `NEXTAUTH_URL`, or the forwarded
/// host when `VERCEL`/`AUTH_TRUST_HOST` says to trust it.
fn secure_cookies(req: &JsValue, options: &JsValue, env: &crate::reader::SessionEnv) -> bool {
    let explicit = js::get(options, "useSecureCookies").as_bool();
    let origin = match env.nextauth_url.as_deref().filter(|u| !u.is_empty()) {
        Some(url) => Some(url.to_owned()),
        None if env.vercel.as_deref().is_some_and(|v| !v.is_empty()) || env::trust_host() => {
            let headers = js::RequestHeaders::of(req);
            let proto = headers.get("x-forwarded-proto");
            headers
                .get("x-forwarded-host")
                .or_else(|| headers.get("host"))
                .map(|host| {
                    let scheme = if proto.as_deref() == Some("http") {
                        "http"
                    } else {
                        "https"
                    };
                    format!("{scheme}://{host}")
                })
        }
        None => None,
    };
    secure_cookies_for_origin(explicit, origin.as_deref())
}

async fn decode(raw: &str, reader: &SessionReader, jwt: &JsValue) -> Result<JsValue, JsValue> {
    if let Some(custom) = js::get_function(jwt, "decode") {
        let params = js::object(&[
            ("token", &JsValue::from_str(raw)),
            ("secret", &secret_for_callbacks(reader, jwt)),
        ]);
        return js::settle(custom.call1(jwt, &params)?).await;
    }
    let claims: SessionClaims = reader
        .decode(raw, session::now())
        .map_err(|err| js::error(&err.to_string()))?;
    js_sys::JSON::parse(claims.json())
}

async fn encode(
    token: &JsValue,
    reader: &SessionReader,
    jwt: &JsValue,
    max_age: i64,
) -> Result<String, JsValue> {
    if let Some(custom) = js::get_function(jwt, "encode") {
        let params = js::object(&[
            ("token", token),
            ("secret", &secret_for_callbacks(reader, jwt)),
            ("maxAge", &JsValue::from_f64(max_age as f64)),
        ]);
        return js::settle(custom.call1(jwt, &params)?)
            .await?
            .as_string()
            .ok_or_else(|| js::error("jwt.encode must return a string"));
    }
    let json = js_sys::JSON::stringify(token)?
        .as_string()
        .unwrap_or_default();
    let claims: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json)
        .map_err(|_| js::error("callbacks.jwt must return a plain object"))?;
    // Checked before any of this runs: the reader has a secret.
    let encoder = reader
        .encoder()
        .ok_or_else(|| js::error("nextauth-edge: getServerSession has no secret"))?;
    encoder
        .encode(&claims, max_age, session::now())
        .map_err(|err| js::error(&err.to_string()))
}

/// What a custom `jwt.decode`/`jwt.encode` is handed as `secret`: `jwt.secret` as given, else
/// the secret the reader writes with.
fn secret_for_callbacks(reader: &SessionReader, jwt: &JsValue) -> JsValue {
    let jwt_secret = js::get(jwt, "secret");
    if !jwt_secret.is_undefined() {
        return jwt_secret;
    }
    reader
        .secrets()
        .encoding()
        .map_or(JsValue::UNDEFINED, |secret| {
            JsValue::from_str(&String::from_utf8_lossy(secret.as_bytes()))
        })
}
