//! NextAuth.js v4's `withAuth` middleware and session tokens, for the edge and for native Rust.
//!
//! Layers, each depending only on the ones before it:
//! - [`token`]: decrypt/verify/encrypt session tokens (pure Rust crypto and claims).
//! - [`form`]: URL encodings exactly as JavaScript writes them (shared by the layers below).
//! - [`cookies`]: the Cookie header, the session cookie's name, chunks, the Bearer fallback.
//! - [`gate`]: the middleware's decision for one request, as pure functions.
//! - [`matcher`]: Next.js middleware `matcher`s, compiled to a linear-time regex engine.
//! - [`proxy`]: the gate as a standalone reverse proxy (configuration, routing, demo pages).
//! - `wasm` (wasm32 only): the wasm-bindgen surface used by the npm package.
//! - `worker` (wasm32 with the `worker` feature): the Cloudflare Worker entry.

pub mod cookies;
pub mod form;
pub mod gate;
pub mod matcher;
pub mod proxy;
pub mod reader;
pub mod session;
pub mod token;
pub mod v5;
// The Worker has its own wasm-bindgen entry (and `start`): the npm package's surface stays out.
#[cfg(all(target_arch = "wasm32", not(feature = "worker")))]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "worker"))]
pub mod worker;
