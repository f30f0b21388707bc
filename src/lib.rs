//! NextAuth.js v4's `withAuth` middleware and session tokens, for the edge and for native Rust.
//!
//! Reads (and writes) the session cookies of next-auth v4 and Auth.js v5 exactly as those
//! libraries do, and makes `withAuth`'s decision for a request. The same crate is the npm
//! package's wasm (`wasm`) and a Cloudflare Worker (`worker`).
//!
//! # Layers
//!
//! Each layer depends only on the ones listed before it:
//!
//! 1. [`token`]: decrypt/verify/encrypt session tokens (pure Rust crypto and claims checks).
//! 2. [`form`]: URL encodings exactly as JavaScript writes them (shared by the layers below).
//! 3. [`cookies`]: the `Cookie` header, the session cookie's name, chunks, the `Bearer` fallback.
//! 4. [`reader`]: the one session reader, from options, environment and request headers to a
//!    session or the reason there is none.
//! 5. [`gate`]: the middleware's decision for one request, as pure functions.
//! 6. [`matcher`]: Next.js middleware `matcher`s, compiled to a linear-time regex engine.
//! 7. [`proxy`]: the gate as a standalone reverse proxy (configuration, routing, demo pages).
//! 8. [`session`]: `getServerSession`'s default session object and its re-issued `Set-Cookie`s.
//! 9. `server` (features `tower`/`axum`, native only): a tower layer and axum extractors that
//!    read the session through the reader.
//! 10. `wasm` (wasm32 only): the wasm-bindgen surface of the npm package (`withAuth`,
//!     `getToken`, `decode`, `encode`, `getServerSession`).
//! 11. `worker` (wasm32 with the `worker` feature): the Cloudflare Worker entry (built by
//!     worker-build; it replaces `wasm`).
//!
//! Reading a session in a native server:
//!
//! ```
//! use nextauth_edge::reader::{ReaderOptions, RequestParts, SessionEnv, SessionReader};
//! use nextauth_edge::token::{Secret, UnixTime};
//!
//! let env = SessionEnv { nextauth_secret: Some(Secret::new("s3cret")), ..SessionEnv::default() };
//! let reader = SessionReader::new(&ReaderOptions::default(), &env);
//! let parts = RequestParts { cookie: Some("theme=dark"), authorization: None };
//! assert!(reader.read(&parts, UnixTime(1_764_158_400)).is_err()); // no session cookie
//! ```
//!
//! # Cargo features
//!
//! None is on by default: the default build is what the npm package ships (next-auth v4 and
//! Auth.js v5 encrypted tokens; every signed JWT is refused as an unsupported algorithm).
//!
//! - `signed`: verify signed JWTs (`HS256`/`HS384`/`HS512`) through jwt-compact, for apps whose
//!   custom `jwt.encode` signs instead of encrypts.
//! - `es256`, `eddsa`, `rs256`: also `ES256`, `EdDSA` (Ed25519) and `RS256` (each implies
//!   `signed`).
//! - `signed-all`: all of the above.
//! - `worker`: the Cloudflare Worker entry (`wasm32` only).
//! - `tower`, `axum`: the native server integrations (`server`): a tower layer, axum extractors.
//!
//! # API stability
//!
//! Public error enums, and enums that describe an outcome likely to gain cases, are
//! `#[non_exhaustive]`: match them with a `_` arm. Option structs meant to be written as literals
//! (`GateOptions`, `ReaderOptions`, `SessionEnv`, `NameConfig`, `RequestParts`, ...) keep public
//! fields.

#![warn(missing_docs)]

pub mod cookies;
pub mod form;
pub mod gate;
pub mod matcher;
pub mod proxy;
pub mod reader;
#[cfg(all(feature = "tower", not(target_arch = "wasm32")))]
pub mod server;
pub mod session;
pub mod token;
pub mod v5;
// The Worker has its own wasm-bindgen entry (and `start`): the npm package's surface stays out.
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub mod worker;
