//! `DEV_DEMO`: the demo origin page, the sign-in page that mints real next-auth v4 session
//! cookies for demo users, sign-out, and the error page. Loopback hosts only (checked by the
//! caller).

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, Response};

use super::respond;
use crate::cookies::CookieJar;
use crate::proxy::demo::{
    self as pages, demo_user, escape_html, form_value, parse_form, safe_callback_url, DemoLink,
    OriginView, SessionView, SignInView,
};
use crate::proxy::{IncomingUrl, ProxyConfig};
use crate::reader::RequestParts;
use crate::session::{clearing_cookies, session_cookies, Expiry};
use crate::token::DEFAULT_MAX_AGE_SECS;

/// The demo's own pages, or `None` for everything else.
pub async fn route(
    config: &ProxyConfig,
    req: &Request,
    url: &IncomingUrl,
) -> Result<Option<Response>, JsValue> {
    let post = req.method() == "POST";
    let sign_out = format!("{}/signout", config.auth_path());
    if config.sign_in_path().as_deref() == Some(url.pathname.as_str()) {
        return if post {
            sign_in(config, req).await
        } else {
            sign_in_page(config, req, url)
        }
        .map(Some);
    }
    if url.pathname == sign_out {
        return if post {
            sign_out_now(config, req)
        } else {
            respond::html(200, &pages::sign_out_page(&sign_out), &[])
        }
        .map(Some);
    }
    if config.error_path().as_deref() == Some(url.pathname.as_str()) {
        let query = parse_form(url.search.trim_start_matches('?'));
        let error = form_value(&query, "error").unwrap_or("Unknown");
        let hint = if error == "Configuration" && !config.reader().has_secret() {
            " The Worker has no <code>NEXTAUTH_SECRET</code>: put one in <code>.dev.vars</code> (<code>make dev</code> creates it)."
        } else {
            ""
        };
        let body = format!(
            "<!doctype html><meta charset=\"utf-8\"><title>Error</title><h1>Error: {}</h1><p>{hint}</p>",
            escape_html(error)
        );
        return respond::html(200, &body, &[]).map(Some);
    }
    Ok(None)
}

fn session_json(config: &ProxyConfig, req: &Request) -> Option<String> {
    let headers = req.headers();
    let cookie = headers.get("cookie").ok().flatten();
    let authorization = headers.get("authorization").ok().flatten();
    let parts = RequestParts {
        cookie: cookie.as_deref(),
        authorization: authorization.as_deref(),
    };
    config
        .reader()
        .read(&parts, super::now())
        .ok()
        .map(|session| session.claims.into_json())
}

fn sign_in_page(
    config: &ProxyConfig,
    req: &Request,
    url: &IncomingUrl,
) -> Result<Response, JsValue> {
    let query = parse_form(url.search.trim_start_matches('?'));
    let callback_url = safe_callback_url(form_value(&query, "callbackUrl"), config.base_path());
    let session = session_json(config, req);
    let html = pages::sign_in_page(&SignInView {
        action: &url.pathname,
        callback_url: &callback_url,
        session: session
            .as_deref()
            .map(|claims_json| SessionView { claims_json }),
        has_secret: config.reader().has_secret(),
    });
    respond::html(200, &html, &[])
}

/// The request's cookie names, to overwrite or clear stale session chunks.
fn present_names(req: &Request) -> Vec<String> {
    let header = req
        .headers()
        .get("cookie")
        .ok()
        .flatten()
        .unwrap_or_default();
    CookieJar::parse(&header)
        .iter()
        .map(|(name, _)| name.to_owned())
        .collect()
}

async fn sign_in(config: &ProxyConfig, req: &Request) -> Result<Response, JsValue> {
    let body = JsFuture::from(req.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    let form = parse_form(&body);
    let Some(user) = form_value(&form, "user").and_then(demo_user) else {
        return respond::text(400, "Unknown demo user.");
    };
    let Some(encoder) = config.reader().encoder() else {
        return respond::text(
            500,
            "No NEXTAUTH_SECRET: put one in .dev.vars (make dev creates it) and restart.",
        );
    };
    let now_ms = super::now_millis();
    let token = encoder
        .encode(&user.claims(), DEFAULT_MAX_AGE_SECS, super::now())
        .map_err(|err| JsValue::from_str(&err.to_string()))?;
    let name = config.cookie_name();
    let present = present_names(req);
    let present: Vec<&str> = present.iter().map(String::as_str).collect();
    let cookies = session_cookies(
        name.as_str(),
        &token,
        &Expiry::after(now_ms, DEFAULT_MAX_AGE_SECS),
        name.is_secure_prefixed(),
        &present,
    );
    let callback_url = safe_callback_url(form_value(&form, "callbackUrl"), config.base_path());
    let extra: Vec<(&str, &str)> = cookies.iter().map(|c| ("set-cookie", c.as_str())).collect();
    respond::redirect(303, &callback_url, &extra)
}

fn sign_out_now(config: &ProxyConfig, req: &Request) -> Result<Response, JsValue> {
    let name = config.cookie_name();
    let present = present_names(req);
    let present: Vec<&str> = present.iter().map(String::as_str).collect();
    let cookies = clearing_cookies(name.as_str(), name.is_secure_prefixed(), &present);
    let extra: Vec<(&str, &str)> = cookies.iter().map(|c| ("set-cookie", c.as_str())).collect();
    let home = format!("{}/", config.base_path());
    respond::redirect(303, &home, &extra)
}

/// The stand-in origin: what the request reached, and the session it carries.
pub fn origin_page(
    config: &ProxyConfig,
    req: &Request,
    url: &IncomingUrl,
) -> Result<Response, JsValue> {
    let base = config.base_path();
    let paths = [
        (format!("{base}/"), "Home"),
        (
            format!("{base}/dashboard"),
            "Dashboard (any signed-in user)",
        ),
        (
            format!("{base}/admin"),
            "Admin (role admin, see authorized.js)",
        ),
    ];
    let links: Vec<DemoLink<'_>> = paths
        .iter()
        .map(|(path, label)| DemoLink {
            path,
            label,
            guarded: config.matches(path),
        })
        .collect();
    let session = session_json(config, req);
    let path = format!("{}{}", url.pathname, url.search);
    let sign_in = config.sign_in_path();
    let sign_out = format!("{}/signout", config.auth_path());
    let html = pages::origin_page(&OriginView {
        path: &path,
        session: session
            .as_deref()
            .map(|claims_json| SessionView { claims_json }),
        sign_in_path: sign_in.as_deref(),
        sign_out_path: &sign_out,
        links: &links,
    });
    respond::html(200, &html, &[])
}
