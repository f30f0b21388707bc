//! `Next-Url` in front of a Next.js origin: the header makes Next render the intercepting routes
//! of the page it names (`app/admin/(..)about` for `GET /about` with `Next-Url: /admin`), so it
//! reaches the origin only when that page passes the gate for the same visitor.
//! [`ProxyConfig::next_url`] reads the header; this module asks `authorized.js` about its page.

use web_sys::Request;

use super::{allows, authorized, now, token_value, Credentials, Ctx};
use crate::proxy::{IncomingUrl, NextUrl, Step};

/// What the gate does with a request's `Next-Url` header ([`ProxyConfig::next_url`]).
pub enum NextUrlCheck {
    /// Decided: `true` removes the header from the forwarded request.
    Drop(bool),
    /// `authorized.js` answered for the header's page with a promise.
    Later {
        page: IncomingUrl,
        promise: js_sys::Promise,
        signed_in: bool,
    },
}

/// `Next-Url` makes a Next.js origin render the intercepting routes of the page it names: the
/// header is kept only when that page passes the gate for this request too (no session, a
/// refusal or a throwing `authorized.js` drop it). Dropping it costs only the interception; the
/// requested page itself is judged as usual.
pub fn check(
    ctx: &Ctx,
    req: &Request,
    incoming: &IncomingUrl,
    credentials: &Credentials<'_>,
) -> NextUrlCheck {
    let config = ctx.config();
    let Some(header) = credentials.next_url else {
        return NextUrlCheck::Drop(false);
    };
    let page = match config.next_url(incoming, header) {
        NextUrl::Forward => return NextUrlCheck::Drop(false),
        NextUrl::Check(page) => page,
        _ => return NextUrlCheck::Drop(true),
    };
    let (guard, session) =
        match config.step(&page, credentials.cookie, credentials.authorization, now()) {
            Ok(Step::Forward) => return NextUrlCheck::Drop(false),
            Ok(Step::Check { guard, session }) => (guard, session),
            _ => return NextUrlCheck::Drop(true),
        };
    let token = token_value(&session);
    match authorized::ask(
        req,
        &ctx.req_url,
        &page,
        config.base_path(),
        &token,
        &ctx.env,
    ) {
        Ok(authorized::Answer::Now(answer)) => {
            NextUrlCheck::Drop(!allows(&guard, answer, session.is_ok()))
        }
        Ok(authorized::Answer::Later(promise)) => NextUrlCheck::Later {
            signed_in: session.is_ok(),
            page: page.clone(),
            promise,
        },
        Err(_) => NextUrlCheck::Drop(true),
    }
}
