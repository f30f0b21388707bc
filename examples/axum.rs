//! A small API a Next.js app calls, trusting its NextAuth session:
//!
//! ```sh
//! cargo run --example axum --features axum
//! # in another shell, with a session cookie from the Next.js app (or the one printed at startup):
//! curl -s localhost:3001/api/me -H 'Cookie: next-auth.session-token=…'
//! ```
//!
//! Configured like next-auth, from the environment: `NEXTAUTH_SECRET` (or `AUTH_SECRET`, plus
//! Auth.js's `AUTH_SECRET_1..3`), `NEXTAUTH_URL` for the `__Secure-` cookie name; `AUTHJS=1` reads
//! Auth.js v5 (`next-auth@5`) cookies; `PORT` (default 3001). Without a secret it runs with a
//! development secret and says so.
//!
//! | route | needs | answers |
//! | --- | --- | --- |
//! | `GET /api/me` | a session | the user's claims (401 JSON without a session) |
//! | `GET /api/hello` | nothing | a greeting, personal when signed in |
//! | `POST /api/notes` | a session, and `X-CSRF-Token` when it came by cookie | the note (403 on CSRF failure) |
//! | `GET /api/admin` | `role: "admin"` | 403 for other users |

use std::net::SocketAddr;

use axum::routing::{get, post};
use axum::{Json, Router};
use nextauth_edge::reader::SessionEnv;
use nextauth_edge::server::{Auth, AuthRejection, BuildError, NextAuthLayer, NextAuthLayerBuilder};
use nextauth_edge::token::{Secret, UnixTime};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The claims next-auth puts in a session token (`sub`, `name`, `email`, `picture`), plus an
/// optional `role` an app adds in its `jwt` callback.
#[derive(Debug, Serialize, Deserialize)]
struct User {
    sub: Option<String>,
    name: Option<String>,
    email: Option<String>,
    role: Option<String>,
}

async fn me(Auth(claims): Auth<Value>) -> Json<Value> {
    Json(claims)
}

async fn hello(user: Option<Auth<User>>) -> String {
    match user.and_then(|Auth(user)| user.name) {
        Some(name) => format!("hello, {name}\n"),
        None => "hello, stranger\n".to_owned(),
    }
}

#[derive(Deserialize)]
struct NewNote {
    text: String,
}

async fn create_note(Auth(user): Auth<User>, Json(note): Json<NewNote>) -> Json<Value> {
    Json(json!({ "author": user.sub, "text": note.text }))
}

async fn admin(user: Auth<User>) -> Result<String, AuthRejection> {
    let user = user.require(|user| user.role.as_deref() == Some("admin"))?;
    Ok(format!("welcome to the admin area, {:?}\n", user.name))
}

const DEV_SECRET: &str = "development secret: set NEXTAUTH_SECRET";

/// The layer from the environment; without any secret, one with a development secret (and a
/// session cookie made with it, printed so the API can be tried at once).
fn layer() -> NextAuthLayer {
    let builder = |env: SessionEnv| {
        let builder = NextAuthLayerBuilder::with_env(env);
        if std::env::var_os("AUTHJS").is_some() {
            builder.authjs()
        } else {
            builder
        }
    };
    let env = SessionEnv::from_env();
    match builder(env.clone()).build() {
        Ok(layer) => layer,
        Err(BuildError::NoSecret) => {
            eprintln!(
                "NEXTAUTH_SECRET is not set: using a development secret (never in production)"
            );
            let env = SessionEnv {
                nextauth_secret: Some(Secret::new(DEV_SECRET)),
                ..env
            };
            let layer = builder(env).build().expect("a development layer");
            print_dev_session(&layer);
            layer
        }
        Err(error) => {
            eprintln!("cannot start: {error}");
            std::process::exit(1);
        }
    }
}

/// A session cookie for the development secret only: a real secret's sessions are never printed.
fn print_dev_session(layer: &NextAuthLayer) {
    let reader = layer.reader();
    let claims = json!({ "sub": "user-1", "name": "Ada Lovelace", "email": "ada@example.com" });
    let Some(encoder) = reader.encoder() else {
        return;
    };
    if let Ok(token) = encoder.encode(claims.as_object().unwrap(), 3600, UnixTime::now()) {
        eprintln!(
            "a development session for an hour:\n  Cookie: {}={token}",
            reader.cookie_name().as_str()
        );
    }
}

#[tokio::main]
async fn main() {
    let layer = layer();
    // Which cookie is read, and why (never a secret or a token from a request).
    eprintln!("session cookie: {}", layer.reader().cookie_name());

    let app = Router::new()
        .route("/api/me", get(me))
        .route("/api/hello", get(hello))
        .route("/api/notes", post(create_note))
        .route("/api/admin", get(admin))
        .layer(layer);

    let port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|port| port.parse().ok())
        .unwrap_or(3001);
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .unwrap_or_else(|error| panic!("cannot listen on {address}: {error}"));
    eprintln!("listening on http://{address}");
    axum::serve(listener, app).await.expect("server error");
}
