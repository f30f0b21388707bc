//! `getToken`, `decode` and `encode` with `next-auth/jwt`'s parameter objects. All return
//! promises, like next-auth's, so call sites don't change.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::options::{secret_list, MiddlewareOptions};
use super::{decoders, env, js, session};
use crate::token::{Secret, TokenEncoder, UnixTime, DEFAULT_MAX_AGE_SECS};

fn secrets_or_env(params: &JsValue) -> Result<Vec<String>, JsValue> {
    if let Some(list) = secret_list(&js::get(params, "secret"))? {
        return Ok(list);
    }
    let env = env::read(&JsValue::UNDEFINED, env::Needs::ALL);
    Ok(env
        .nextauth_secret
        .or(env.auth_secret)
        .into_iter()
        .collect())
}

fn clock(params: &JsValue) -> UnixTime {
    js::get(params, "now")
        .as_f64()
        .map_or_else(session::now, UnixTime::from_millis)
}

/// `decode({ token, secret, salt, now })` → the claims object, or a rejection saying why.
#[wasm_bindgen]
pub fn decode(params: JsValue) -> Promise {
    let result = (|| {
        let Some(token) = js::get_string(&params, "token").filter(|t| !t.is_empty()) else {
            return Ok(JsValue::NULL);
        };
        let secrets = secrets_or_env(&params)?;
        let salt = js::get_string(&params, "salt").unwrap_or_default();
        let decoder = decoders::decoder(&secrets, &salt, None);
        let claims = decoder
            .decode(&token, clock(&params))
            .map_err(|err| js::error(&format!("nextauth-edge: token refused: {err}")))?;
        js_sys::JSON::parse(claims.json())
    })();
    settled(result)
}

/// `encode({ token, secret, salt, maxAge })` → a next-auth v4 session token.
#[wasm_bindgen]
pub fn encode(params: JsValue) -> Promise {
    let result = (|| {
        let secret = secrets_or_env(&params)?.into_iter().next().ok_or_else(|| {
            js::error("nextauth-edge: encode needs `secret` (or NEXTAUTH_SECRET)")
        })?;
        let salt = js::get_string(&params, "salt").unwrap_or_default();
        let max_age = js::get(&params, "maxAge")
            .as_f64()
            .map_or(DEFAULT_MAX_AGE_SECS, |s| s as i64);
        let token = js::get(&params, "token");
        let json = if token.is_undefined() || token.is_null() {
            "{}".to_owned()
        } else {
            js_sys::JSON::stringify(&token)?
                .as_string()
                .unwrap_or_default()
        };
        let claims: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json)
            .map_err(|_| js::error("nextauth-edge: encode's `token` must be a plain object"))?;
        TokenEncoder::next_auth_v4(Secret::new(secret), &salt)
            .encode(&claims, max_age, clock(&params))
            .map(|token| JsValue::from_str(&token))
            .map_err(|err| js::error(&format!("nextauth-edge: {err}")))
    })();
    settled(result)
}

/// `getToken({ req, secret, cookieName, secureCookie, raw, decode })`: the decoded token, the raw
/// string with `raw: true`, or `null`.
#[wasm_bindgen(js_name = getToken)]
pub fn get_token(params: JsValue) -> Promise {
    future_to_promise(async move {
        let req = js::get(&params, "req");
        if req.is_undefined() || req.is_null() {
            return Err(js::error("Must pass `req` to JWT getToken()"));
        }
        let env = env::read(&JsValue::UNDEFINED, env::Needs::ALL);
        let options = MiddlewareOptions::for_get_token(&params)?;
        let secrets = secrets_or_env(&params)?;
        if js::get(&params, "raw").is_truthy() {
            let name = session::cookie_name(&options, &env);
            let headers = js::RequestHeaders::of(&req);
            let cookie_header = headers.get("cookie");
            let authorization = headers.get("authorization");
            let raw = crate::cookies::session_token(
                cookie_header.as_deref(),
                authorization.as_deref(),
                &name,
            );
            return Ok(raw.map_or(JsValue::NULL, |raw| JsValue::from_str(raw.as_str())));
        }
        session::read_token(&req, &secrets, &options, &env).await
    })
}

fn settled(result: Result<JsValue, JsValue>) -> Promise {
    match result {
        Ok(value) => Promise::resolve(&value),
        Err(error) => Promise::reject(&error),
    }
}
