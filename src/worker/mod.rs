//! The Cloudflare Worker: `withAuth` in front of any origin (`wrangler.toml`, built by
//! scripts/build-worker.sh with `--features worker`, plus `demo,test-instrumentation` for
//! `make dev` and the tests).
//!
//! Per request: configuration from the Worker's variables (compiled once per isolate, see
//! `state`), the `DEV_DEMO` pages when built in and on, then [`ProxyConfig::step`] (matcher,
//! auth routes, secret, session), the user's `worker/authorized.js`, [`Guard::conclude`], and
//! finally a redirect, a 403, or the request forwarded to `UPSTREAM` (a URL or a service
//! binding) / its own origin.
//!
//! Everything that decides lives in the pure layers (`proxy`, `gate`, `matcher`, `cookies`,
//! `token`); this module only moves values between them and the Workers runtime, through
//! web-sys and the few bindings in [`runtime`] (of the `worker` crate, only its start-up glue:
//! see Cargo.toml).
//!
//! [`Guard::conclude`]: crate::gate::Guard::conclude

/// `console.error` with `format!` arguments.
macro_rules! console_error {
    ($($arg:tt)*) => { $crate::worker::runtime::error(&format!($($arg)*)) };
}

/// `console.log` with `format!` arguments.
macro_rules! console_log {
    ($($arg:tt)*) => { $crate::worker::runtime::log(&format!($($arg)*)) };
}

mod authorized;
#[cfg(feature = "demo")]
mod demo;
mod forward;
#[cfg(feature = "test-instrumentation")]
mod live_heap;
mod next_url;
mod outbound;
mod respond;
mod runtime;
mod state;

use wasm_bindgen::prelude::*;
use web_sys::Request;

use crate::gate::Decision;
use crate::proxy::{IncomingUrl, PathVerdict, ProxyConfig, Step};
use crate::token::UnixTime;
use next_url::NextUrlCheck;

#[wasm_bindgen(inline_js = "export function request_url(req) {
  const href = req.url;
  let url;
  try { url = new URL(href); } catch { return undefined; }
  return href + '\\n' + url.origin + '\\n' + url.pathname + '\\n' + url.search;
}
export function request_credentials(req) {
  const h = req.headers;
  const c = h.get('cookie');
  const a = h.get('authorization');
  const n = h.get('next-url');
  return (c === null ? '0' : '1' + c) + '\\n' + (a === null ? '0' : '1' + a) + '\\n' + (h.has('x-nextjs-data') ? '1' : '0') + '\\n' + (n === null ? '0' : '1' + n);
}")]
extern "C" {
    /// The request's `url`, then its origin, pathname and search as the runtime's WHATWG `URL`
    /// reads them, `\n`-separated (a serialized URL holds no newline); `None`: not a URL. One
    /// call into JS instead of five (the `url` crate would add its IDNA tables to the module).
    fn request_url(req: &Request) -> Option<String>;
    /// The `Cookie` and `Authorization` headers (`0` absent, `1` + the value), whether
    /// `x-nextjs-data` is there, and `Next-Url`, `\n`-separated (a header value holds no
    /// newline).
    fn request_credentials(req: &Request) -> String;
}

/// The parts of [`request_credentials`]'s answer.
struct Credentials<'a> {
    cookie: Option<&'a str>,
    authorization: Option<&'a str>,
    nextjs_data: bool,
    next_url: Option<&'a str>,
}

impl<'a> Credentials<'a> {
    fn parse(packed: &'a str) -> Self {
        let mut fields = packed.split('\n');
        let mut header = || fields.next().and_then(|field| field.strip_prefix('1'));
        let cookie = header();
        let authorization = header();
        let nextjs_data = header().is_some();
        Credentials {
            cookie,
            authorization,
            nextjs_data,
            next_url: header(),
        }
    }
}

#[cfg(feature = "demo")]
#[wasm_bindgen]
extern "C" {
    /// The runtime's WHATWG `URL`, for the demo's loopback check.
    #[wasm_bindgen(js_name = URL)]
    type JsUrl;
    #[wasm_bindgen(constructor, js_class = "URL", catch)]
    fn new(url: &str) -> Result<JsUrl, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn host(this: &JsUrl) -> String;
}

/// The module's `fetch` export; worker-build's shim calls it as `fetch(request, env, ctx)` and
/// hands the runtime what it returns: a `Response`, or a promise of one when the answer has to
/// wait (the origin's response, an `authorized` that returns a promise, the demo's sign-in).
/// The decision itself runs synchronously, without a Rust future per request.
#[wasm_bindgen]
pub fn fetch(req: Request, env: JsValue, _ctx: JsValue) -> Result<JsValue, JsValue> {
    handle(req, &env).or_else(|err| internal_error(&err))
}

/// Only runtime failures land here (a Response that could not be built).
fn internal_error(err: &JsValue) -> Result<JsValue, JsValue> {
    console_error!("[nextauth-edge] internal error: {}", js_message(err));
    respond::text(500, "nextauth-edge: internal error").map(JsValue::from)
}

/// A promise of `value` (a Response, or already a promise of one), for the asynchronous paths.
fn spawn(work: impl std::future::Future<Output = Result<JsValue, JsValue>> + 'static) -> JsValue {
    wasm_bindgen_futures::future_to_promise(async move {
        match work.await {
            Ok(value) => Ok(value),
            Err(err) => internal_error(&err),
        }
    })
    .into()
}

/// `value[name]`, `undefined` for a primitive. Only objects are asked: `Reflect.get` on a primitive
/// throws, and that exception, caught across the boundary, left one externref slot behind per call
/// (one per request when `authorized` returns a boolean; found by the load test's live counts).
pub(crate) fn property(value: &JsValue, name: &str) -> JsValue {
    if !value.is_object() && !value.is_function() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// An error's `message`, or the thrown value if it is a string.
pub(crate) fn js_message(err: &JsValue) -> String {
    property(err, "message")
        .as_string()
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

pub(crate) fn now_millis() -> f64 {
    js_sys::Date::now()
}

pub(crate) fn now() -> UnixTime {
    UnixTime::from_millis(now_millis())
}

/// What every step of one request needs, owned so that a step which waits for a promise can
/// carry it along: the compiled configuration and where requests go (both known to be `Ok`:
/// `handle` answers a configuration error before it builds one), the Worker's `env` and the
/// request's URL as the runtime serialized it.
#[derive(Clone)]
struct Ctx {
    compiled: state::Compiled,
    origin: state::ForwardOrigin,
    env: JsValue,
    req_url: String,
}

impl Ctx {
    fn config(&self) -> &ProxyConfig {
        match self.compiled.as_ref() {
            Ok(config) => config,
            Err(_) => unreachable!("handle answers a configuration error first"),
        }
    }

    fn origin(&self) -> &forward::Origin {
        match self.origin.as_ref() {
            Ok(origin) => origin,
            Err(_) => unreachable!("handle answers a configuration error first"),
        }
    }

    /// Forwards `req` ([`forward::forward`]).
    fn forward(
        &self,
        req: Request,
        url: &IncomingUrl,
        session: Option<&crate::reader::Session>,
        guarded: bool,
        drop_next_url: bool,
    ) -> Result<JsValue, JsValue> {
        forward::forward(
            &self.compiled,
            self.config(),
            self.origin(),
            req,
            url,
            session,
            guarded,
            drop_next_url,
        )
    }
}

/// Runs `rest` once `promise` settles, for the runtime: a promise of the reply (a Response, or
/// a promise of one).
fn after<T: 'static>(
    promise: impl std::future::Future<Output = T> + 'static,
    rest: impl FnOnce(T) -> Result<JsValue, JsValue> + 'static,
) -> JsValue {
    spawn(async move {
        let reply = rest(promise.await)?;
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&reply)).await
    })
}

fn handle(req: Request, env: &JsValue) -> Result<JsValue, JsValue> {
    let compiled = state::config(env);
    let config = match compiled.as_ref() {
        Ok(config) => config,
        Err(err) => return respond::config_error(err).map(JsValue::from),
    };
    let origin = state::origin(env, &compiled, config);
    if let Err(err) = origin.as_ref() {
        return respond::config_error(err).map(JsValue::from);
    }
    let Some(parts) = request_url(&req) else {
        return respond::text(400, "Bad Request").map(JsValue::from);
    };
    let mut parts = parts.splitn(4, '\n');
    let mut part = || parts.next().unwrap_or_default();
    let req_url = part().to_owned();
    let incoming = IncomingUrl {
        origin: part().to_owned(),
        pathname: part().to_owned(),
        search: part().to_owned(),
    };
    // PATH_POLICY: from here on, the canonical URL is what is matched, what authorized.js sees
    // and what the origin receives.
    let (incoming, verdict) = match config.canonical_with_verdict(&incoming) {
        Ok(canonical) => canonical,
        Err(bad) => {
            debug(
                config,
                &req,
                &incoming,
                "refused: ambiguous or malformed path (400)",
            );
            return respond::text(400, bad.message()).map(JsValue::from);
        }
    };

    if let Some(response) = outbound::jwks(config, &incoming.pathname)? {
        return Ok(response.into());
    }

    let ctx = Ctx {
        compiled: compiled.clone(),
        origin,
        env: env.clone(),
        req_url,
    };

    #[cfg(feature = "demo")]
    if config.demo() {
        let host = JsUrl::new(&ctx.req_url)
            .map(|url| url.host())
            .unwrap_or_default();
        if !crate::proxy::demo::is_loopback(&host) {
            return respond::config_error(&crate::proxy::ConfigError {
                setting: "DEV_DEMO",
                problem: format!(
                    "is for local development and only answers on localhost; refused for a request to {}",
                    host.chars().take(100).collect::<String>()
                ),
            })
            .map(JsValue::from);
        }
        return Ok(spawn(async move {
            if let Some(response) = demo::route(ctx.config(), &req, &incoming).await? {
                return Ok(response.into());
            }
            let reply = gate(&ctx, req, incoming, verdict)?;
            wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&reply)).await
        }));
    }

    gate(&ctx, req, incoming, verdict)
}

/// The gate proper, from the canonical URL on: `Next-Url` settled first ([`next_url::check`]),
/// then [`decide`].
fn gate(
    ctx: &Ctx,
    req: Request,
    incoming: IncomingUrl,
    verdict: PathVerdict,
) -> Result<JsValue, JsValue> {
    let credentials = request_credentials(&req);
    let parsed = Credentials::parse(&credentials);
    match next_url::check(ctx, &req, &incoming, &parsed) {
        NextUrlCheck::Drop(drop_next_url) => {
            decide(ctx, req, incoming, verdict, &parsed, drop_next_url)
        }
        NextUrlCheck::Later {
            page,
            promise,
            signed_in,
        } => {
            let ctx = ctx.clone();
            Ok(after(authorized::settled(promise), move |answer| {
                let passes = match (answer, ctx.config().guard(&page)) {
                    (Ok(answer), Ok(Some(guard))) => allows(&guard, answer, signed_in),
                    _ => false,
                };
                let parsed = Credentials::parse(&credentials);
                decide(&ctx, req, incoming, verdict, &parsed, !passes)
            }))
        }
    }
}

/// Whether the guard lets the request through with `authorized`'s answer.
pub(crate) fn allows(
    guard: &crate::gate::Guard<'_>,
    answer: Option<bool>,
    signed_in: bool,
) -> bool {
    matches!(guard.conclude(answer, signed_in), Decision::Allow)
}

/// The session's claims as the `token` `worker/authorized.js` receives (`null` without one).
pub(crate) fn token_value(
    session: &Result<crate::reader::Session, crate::reader::NoSession>,
) -> JsValue {
    match session {
        Ok(session) => js_sys::JSON::parse(session.claims.json()).unwrap_or(JsValue::NULL),
        Err(_) => JsValue::NULL,
    }
}

/// The decision for the request's own (judged) page, `Next-Url` already settled:
/// [`ProxyConfig::step_with`], `authorized.js`, then [`conclude`].
fn decide(
    ctx: &Ctx,
    req: Request,
    incoming: IncomingUrl,
    verdict: PathVerdict,
    credentials: &Credentials<'_>,
    drop_next_url: bool,
) -> Result<JsValue, JsValue> {
    let config = ctx.config();
    // What the gate judges: for a Next.js origin, the page a data/RSC/image URL is for.
    let judged = config.judged_url(&incoming);
    // What canonical() learnt is about the canonical path; a judged page is another path.
    let verdict = if judged.pathname == incoming.pathname {
        verdict
    } else {
        PathVerdict::default()
    };
    let step = match config.step_with(
        &judged,
        verdict,
        credentials.cookie,
        credentials.authorization,
        now(),
    ) {
        Ok(step) => step,
        Err(err) => return respond::config_error(&err).map(JsValue::from),
    };
    let (guard, session) = match step {
        Step::Forward => {
            debug(config, &req, &incoming, "not guarded, forwarded");
            return ctx.forward(req, &incoming, None, false, drop_next_url);
        }
        Step::NoSecret(location) => {
            console_error!(
                "[next-auth][error][NO_SECRET] \nhttps://next-auth.js.org/errors#no_secret"
            );
            return respond::redirect(307, &location, &[]).map(JsValue::from);
        }
        Step::Check { guard, session } => (guard, session),
    };
    let token = token_value(&session);
    let answer = authorized::ask(
        &req,
        &ctx.req_url,
        &judged,
        config.base_path(),
        &token,
        &ctx.env,
    );
    let outcome = Outcome {
        nextjs_data: credentials.nextjs_data,
        drop_next_url,
    };
    match answer {
        Ok(authorized::Answer::Now(answer)) => conclude(
            ctx,
            req,
            &incoming,
            &guard,
            session.ok().as_ref(),
            answer,
            outcome,
        ),
        Ok(authorized::Answer::Later(promise)) => {
            // `authorized` returned a promise: the rest waits for it. The guard borrows the
            // configuration and the judged URL, so it is rebuilt then.
            let (ctx, judged, session) = (ctx.clone(), judged.into_owned(), session.ok());
            Ok(after(authorized::settled(promise), move |answer| {
                let guard = match ctx.config().guard(&judged) {
                    Ok(Some(guard)) => guard,
                    Ok(None) => unreachable!("judged guarded by step"),
                    Err(err) => return respond::config_error(&err).map(JsValue::from),
                };
                match answer {
                    Ok(answer) => conclude(
                        &ctx,
                        req,
                        &incoming,
                        &guard,
                        session.as_ref(),
                        answer,
                        outcome,
                    ),
                    Err(thrown) => authorized_threw(&thrown),
                }
            }))
        }
        Err(thrown) => authorized_threw(&thrown),
    }
}

/// `worker/authorized.js` threw or rejected: nothing is let through.
fn authorized_threw(thrown: &str) -> Result<JsValue, JsValue> {
    console_error!(
        "[nextauth-edge] worker/authorized.js threw ({}); answered 500, nothing let through",
        thrown
    );
    respond::text(
        500,
        "nextauth-edge: the authorization check failed, so the request was not let through.",
    )
    .map(JsValue::from)
}

/// How a concluded request is answered besides the decision: a Pages Router data request
/// (`x-nextjs-data`) is redirected with `x-nextjs-redirect`; a forwarded one loses `Next-Url`.
#[derive(Clone, Copy)]
struct Outcome {
    nextjs_data: bool,
    drop_next_url: bool,
}

/// [`Guard::conclude`] with `authorized`'s answer, then the request forwarded, redirected or
/// refused.
///
/// [`Guard::conclude`]: crate::gate::Guard::conclude
fn conclude(
    ctx: &Ctx,
    req: Request,
    incoming: &IncomingUrl,
    guard: &crate::gate::Guard<'_>,
    session: Option<&crate::reader::Session>,
    answer: Option<bool>,
    outcome: Outcome,
) -> Result<JsValue, JsValue> {
    let config = ctx.config();
    match guard.conclude(answer, session.is_some()) {
        Decision::Allow => {
            debug(config, &req, incoming, "authorized, forwarded");
            ctx.forward(req, incoming, session, true, outcome.drop_next_url)
        }
        Decision::Redirect(location) => {
            debug(config, &req, incoming, "not authorized, sent to sign-in");
            // A Pages Router data request (`x-nextjs-data`) follows `x-nextjs-redirect`
            // instead of `Location`, as Next's adapter answers it (a cross-origin
            // Location would end in a CORS error for the client router).
            let target = if config.nextjs_origin() && outcome.nextjs_data {
                let relative = location
                    .strip_prefix(incoming.origin.as_str())
                    .filter(|rest| rest.starts_with('/'))
                    .unwrap_or(&location);
                ("x-nextjs-redirect", relative)
            } else {
                ("location", location.as_str())
            };
            #[allow(unused_mut)]
            let mut response_headers = vec![target, ("cache-control", "no-store")];
            // With DEBUG in a test-instrumentation build, the wasm memory's size, the
            // live Rust heap and the live JS handles ride along, so a load test can see
            // that nothing accumulates per request (tests/worker/load.test.mjs).
            #[cfg(feature = "test-instrumentation")]
            let sizes = config.debug().then(live_heap::debug_headers);
            #[cfg(feature = "test-instrumentation")]
            response_headers.extend(
                sizes
                    .iter()
                    .flatten()
                    .map(|(name, value)| (*name, value.as_str())),
            );
            respond::build(307, None, &response_headers).map(JsValue::from)
        }
        Decision::Refuse(_) => {
            debug(config, &req, incoming, "signed in but refused: 403");
            respond::text(403, "Forbidden").map(JsValue::from)
        }
    }
}

/// `DEBUG=true`: one line per guarded decision (method, path, outcome; never a token).
fn debug(config: &ProxyConfig, req: &Request, url: &IncomingUrl, outcome: &str) {
    if config.debug() {
        console_log!(
            "[nextauth-edge] {} {} {}",
            req.method(),
            url.pathname,
            outcome
        );
    }
}
