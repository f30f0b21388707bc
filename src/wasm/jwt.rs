//! `getToken`, `decode` and `encode` with `next-auth/jwt`'s parameter objects. All return
//! promises, like next-auth's, so call sites don't change. Every rule (secrets, salts, formats,
//! the cookie) is the session reader's; this file only reads the parameters.

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::options::{salt, secret_list, MiddlewareOptions};
use super::{env, js, readers, session};
use crate::reader::{ReaderOptions, SessionReader};
use crate::token::{UnixTime, DEFAULT_MAX_AGE_SECS};
use std::rc::Rc;

/// The reader for `decode`/`encode`'s `{ secret, salt }`, with the environment's secrets when
/// `secret` is absent.
fn reader_for(params: &JsValue) -> Result<Rc<SessionReader>, JsValue> {
    let options = ReaderOptions {
        secret: secret_list(&js::get(params, "secret"))?,
        salt: salt(params),
        ..ReaderOptions::default()
    };
    let env = env::read(
        &JsValue::UNDEFINED,
        env::Needs {
            secrets: options.secret.is_none(),
            rotation: true,
            vercel: true,
        },
    );
    Ok(readers::reader(&options, &env.session))
}

fn clock(params: &JsValue) -> UnixTime {
    js::get(params, "now")
        .as_f64()
        .map_or_else(session::now, UnixTime::from_millis)
}

/// `decode({ token, secret, salt, now })` → the claims object, or a rejection saying why.
/// With an Auth.js salt (the session cookie's name) it reads Auth.js v5 tokens, as
/// `@auth/core/jwt`'s `decode` does; next-auth v4 tokens with any salt.
#[wasm_bindgen]
pub fn decode(params: JsValue) -> Promise {
    let result = (|| {
        let Some(token) = js::get_string(&params, "token").filter(|t| !t.is_empty()) else {
            return Ok(JsValue::NULL);
        };
        let claims = reader_for(&params)?
            .decode(&token, clock(&params))
            .map_err(|err| js::error(&format!("nextauth-edge: token refused: {err}")))?;
        js_sys::JSON::parse(claims.json())
    })();
    settled(result)
}

/// `encode({ token, secret, salt, maxAge })` → a session token: Auth.js v5 when `salt` is an
/// Auth.js cookie name (as `@auth/core/jwt`'s `encode` writes it), next-auth v4 otherwise.
#[wasm_bindgen]
pub fn encode(params: JsValue) -> Promise {
    let result = (|| {
        let encoder = reader_for(&params)?.encoder().ok_or_else(|| {
            js::error("nextauth-edge: encode needs `secret` (or NEXTAUTH_SECRET / AUTH_SECRET)")
        })?;
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
        encoder
            .encode(&claims, max_age, clock(&params))
            .map(|token| JsValue::from_str(&token))
            .map_err(|err| js::error(&format!("nextauth-edge: {err}")))
    })();
    settled(result)
}

/// `getToken({ req, secret, cookieName, secureCookie, salt, raw, decode })`: the decoded token,
/// the raw string with `raw: true`, or `null`.
#[wasm_bindgen(js_name = getToken)]
pub fn get_token(params: JsValue) -> Promise {
    future_to_promise(async move {
        let req = js::get(&params, "req");
        if req.is_undefined() || req.is_null() {
            return Err(js::error("Must pass `req` to JWT getToken()"));
        }
        let options = MiddlewareOptions::for_get_token(&params)?;
        let env = env::read(
            &JsValue::UNDEFINED,
            env::Needs {
                secrets: options.reader.secret.is_none(),
                rotation: true,
                vercel: true,
            },
        );
        let reader = readers::reader(&options.reader, &env.session);
        if js::get(&params, "raw").is_truthy() {
            let headers = session::HeaderValues::of(&req);
            let raw = reader.raw_token(&headers);
            return Ok(raw.map_or(JsValue::NULL, |raw| JsValue::from_str(raw.as_str())));
        }
        session::read_token(&req, &reader, &options, || None)
            .await?
            .into_js()
    })
}

fn settled(result: Result<JsValue, JsValue>) -> Promise {
    match result {
        Ok(value) => Promise::resolve(&value),
        Err(error) => Promise::reject(&error),
    }
}
