//! Native Rust servers (features `tower` and `axum`): read the NextAuth.js / Auth.js session of
//! every request in one line.
//!
//! - [`NextAuthLayer`] (feature `tower`): configured like next-auth, from `NEXTAUTH_SECRET` /
//!   `AUTH_SECRET` / `AUTH_SECRET_1..3` and `NEXTAUTH_URL`; reads each request's session once
//!   through the one [`SessionReader`](crate::reader::SessionReader) and leaves a
//!   [`RequestSession`] in the request's extensions. It rejects nothing and logs nothing.
//! - [`Auth<C>`](Auth), `Option<Auth<C>>` and [`RawClaims`] (feature `axum`): the required
//!   session as your claims type, the optional one, and the raw claims. A missing or invalid
//!   session is a 401 with a JSON body, or a 307 to sign-in with `callbackUrl` in pages mode
//!   ([`NextAuthLayerBuilder::redirect_to_sign_in`]); a failed requirement is a 403
//!   ([`AuthRejection`]).
//! - CSRF: a state-changing request (not `GET`/`HEAD`/`OPTIONS`/`TRACE`) authenticated by the
//!   session cookie must echo next-auth's CSRF token in `X-CSRF-Token` (or `X-XSRF-Token`); see
//!   [`csrf`]. Bearer requests are exempt (a request with both a session cookie and a Bearer token
//!   is read from the cookie, as `getToken` does, so the check applies). Off with
//!   [`NextAuthLayerBuilder::csrf`]`(false)`.
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! use axum::{routing::get, Json, Router};
//! use nextauth_edge::server::{Auth, NextAuthLayer};
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct User { name: String }
//!
//! async fn me(Auth(user): Auth<User>) -> String { format!("hello {}", user.name) }
//!
//! # let env = nextauth_edge::reader::SessionEnv {
//! #     nextauth_secret: Some(nextauth_edge::token::Secret::new("s3cret")),
//! #     ..Default::default()
//! # };
//! // In a server: `NextAuthLayer::from_env()?` reads NEXTAUTH_SECRET and friends.
//! let layer = nextauth_edge::server::NextAuthLayerBuilder::with_env(env).build().unwrap();
//! let app: Router = Router::new().route("/api/me", get(me)).layer(layer);
//! # }
//! ```

pub mod csrf;
#[cfg(feature = "axum")]
mod extract;
mod layer;

pub use csrf::{CsrfCheck, CsrfFailure, CSRF_HEADER, XSRF_HEADER};
#[cfg(feature = "axum")]
pub use extract::{Auth, AuthRejection, RawClaims};
pub use layer::{
    BuildError, Clock, NextAuthLayer, NextAuthLayerBuilder, NextAuthService, RequestSession,
};
