//! NextAuth.js v4's `withAuth` middleware and session tokens, for the edge and for native Rust.
//!
//! Layers, each depending only on the ones before it:
//! - [`token`]: decrypt/verify/encrypt session tokens (pure Rust crypto and claims).
//! - [`cookies`]: the Cookie header, the session cookie's name, chunks, the Bearer fallback.
//! - [`gate`]: the middleware's decision for one request, as pure functions.
//! - `wasm` (wasm32 only): the wasm-bindgen surface used by the npm package.

pub mod cookies;
pub mod gate;
pub mod session;
pub mod token;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
