//! The tower layer and axum extractors through a real axum router (`tower::ServiceExt::oneshot`),
//! with cookies minted by the real next-auth 4.24.15 and @auth/core: session tokens from
//! `tests/fixtures/tokens.json` (read at its frozen clock), chunked session cookies and CSRF
//! cookies from `tests/fixtures/server-cookies.json` (`tests/fixtures-gen/server-cookies.mjs`:
//! `SessionStore.chunk`, and each library's own `GET /api/auth/csrf`).
#![cfg(feature = "axum")]

use axum::body::{to_bytes, Body};
use axum::http::{header, Method, Request, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use nextauth_edge::cookies::TokenSource;
use nextauth_edge::reader::SessionEnv;
use nextauth_edge::server::{
    Auth, AuthRejection, BuildError, CsrfCheck, CsrfFailure, NextAuthLayer, NextAuthLayerBuilder,
    RawClaims, RequestSession,
};
use nextauth_edge::token::{Secret, UnixTime};
use serde::Deserialize;
use serde_json::{json, Value};
use tower::ServiceExt;

const SECRET: &str = "correct horse battery staple";

fn tokens() -> Value {
    serde_json::from_str(include_str!("fixtures/tokens.json")).expect("tokens.json parses")
}

fn server_cookies() -> Value {
    serde_json::from_str(include_str!("fixtures/server-cookies.json"))
        .expect("server-cookies.json parses")
}

fn now() -> UnixTime {
    UnixTime(tokens()["now"].as_i64().expect("now"))
}

fn case(name: &str) -> Value {
    tokens()["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|case| case["name"] == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .clone()
}

fn token(name: &str) -> String {
    case(name)["token"].as_str().expect("token").to_owned()
}

fn csrf_fixture(name: &str) -> (String, String) {
    let all = server_cookies();
    let fixture = all["csrf"]
        .as_array()
        .expect("csrf")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no csrf fixture {name}"))
        .clone();
    (
        fixture["cookie"].as_str().expect("cookie").to_owned(),
        fixture["csrf_token"]
            .as_str()
            .expect("csrf_token")
            .to_owned(),
    )
}

fn env_with(secret: &str) -> SessionEnv {
    SessionEnv {
        nextauth_secret: Some(Secret::new(secret)),
        ..SessionEnv::default()
    }
}

/// A layer over `env` with the fixtures' frozen clock.
fn builder(env: SessionEnv) -> NextAuthLayerBuilder {
    let now = now();
    NextAuthLayerBuilder::with_env(env).clock(move || now)
}

fn v4_layer() -> NextAuthLayer {
    builder(env_with(SECRET)).build().expect("layer")
}

#[derive(Debug, Deserialize)]
struct User {
    name: String,
    email: String,
}

/// Claims with a field no fixture token has.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct NeedsRole {
    role: String,
}

async fn me(Auth(claims): Auth<Value>) -> Json<Value> {
    Json(claims)
}

async fn hello(user: Option<Auth<User>>) -> String {
    match user {
        Some(Auth(user)) => format!("hello {}", user.name),
        None => "hello stranger".to_owned(),
    }
}

async fn with_role(Auth(claims): Auth<NeedsRole>) -> String {
    claims.role
}

async fn notes(Auth(user): Auth<User>) -> String {
    format!("note by {}", user.email)
}

async fn admin(user: Auth<User>) -> Result<String, AuthRejection> {
    let user = user.require(|user| user.email == "admin@example.com")?;
    Ok(user.name.clone())
}

async fn ada_only(claims: RawClaims) -> Result<String, AuthRejection> {
    claims.require_claim("email", "ada@example.com")?;
    Ok(format!("{:?}", claims.0.source))
}

async fn extension(Extension(session): Extension<RequestSession>) -> String {
    format!("{:?}", session.csrf())
}

fn app(layer: NextAuthLayer) -> Router {
    Router::new()
        .route("/api/me", get(me).post(me))
        .route("/api/hello", get(hello))
        .route("/api/role", get(with_role))
        .route("/api/notes", post(notes))
        .route("/api/admin", get(admin))
        .route("/api/ada", get(ada_only))
        .route("/api/extension", post(extension))
        .route("/dashboard", get(me))
        .layer(layer)
}

struct Sent {
    status: StatusCode,
    location: Option<String>,
    content_type: Option<String>,
    www_authenticate: Option<String>,
    body: String,
}

impl Sent {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("JSON body: {}", self.body))
    }
}

async fn send(app: Router, request: Request<Body>) -> Sent {
    let response: Response = app.oneshot(request).await.expect("infallible");
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v: &header::HeaderValue| v.to_str().expect("ascii").to_owned())
    };
    let (location, content_type, www_authenticate) = (
        header(header::LOCATION),
        header(header::CONTENT_TYPE),
        header(header::WWW_AUTHENTICATE),
    );
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 1 << 20).await.expect("body");
    Sent {
        status,
        location,
        content_type,
        www_authenticate,
        body: String::from_utf8(bytes.to_vec()).expect("utf-8"),
    }
}

fn get_with_cookie(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request")
}

fn post_with(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::builder().method(Method::POST).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::empty()).expect("request")
}

fn assert_unauthorized(sent: &Sent, reason: &str) {
    assert_eq!(sent.status, StatusCode::UNAUTHORIZED, "{}", sent.body);
    assert_eq!(sent.content_type.as_deref(), Some("application/json"));
    assert_eq!(sent.www_authenticate.as_deref(), Some("Bearer"));
    assert_eq!(
        sent.json(),
        json!({ "error": "unauthorized", "reason": reason })
    );
}

#[tokio::test]
async fn v4_cookie_gives_the_users_claims() {
    let cookie = format!(
        "theme=dark; next-auth.session-token={}",
        token("v4/ascii-secret/typical")
    );
    let sent = send(app(v4_layer()), get_with_cookie("/api/me", &cookie)).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(
        sent.json(),
        case("v4/ascii-secret/typical")["verdict"]["payload"]
    );
}

#[tokio::test]
async fn nextauth_url_https_reads_the_secure_cookie() {
    let env = SessionEnv {
        nextauth_url: Some("https://app.example.com".into()),
        ..env_with(SECRET)
    };
    let layer = builder(env).build().expect("layer");
    let token = token("v4/ascii-secret/typical");
    let secure = format!("__Secure-next-auth.session-token={token}");
    let sent = send(app(layer.clone()), get_with_cookie("/api/me", &secure)).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    // The plain name is not the session cookie of an https deployment.
    let plain = format!("next-auth.session-token={token}");
    let sent = send(app(layer), get_with_cookie("/api/me", &plain)).await;
    assert_unauthorized(&sent, "no_session");
}

#[tokio::test]
async fn cookie_name_override() {
    let layer = builder(env_with(SECRET))
        .cookie_name("my-app.session")
        .build()
        .expect("layer");
    let cookie = format!("my-app.session={}", token("v4/ascii-secret/typical"));
    let sent = send(app(layer), get_with_cookie("/api/me", &cookie)).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
}

#[tokio::test]
async fn authjs_v5_cookies_plain_and_secure() {
    let layer = builder(env_with(SECRET)).authjs().build().expect("layer");
    assert_eq!(
        layer.reader().cookie_name().as_str(),
        "authjs.session-token"
    );
    assert_eq!(layer.csrf_cookie_name(), Some("authjs.csrf-token"));
    let cookie = format!("authjs.session-token={}", token("v5/ascii-secret/typical"));
    let sent = send(app(layer), get_with_cookie("/api/hello", &cookie)).await;
    assert_eq!(
        (sent.status, sent.body.as_str()),
        (StatusCode::OK, "hello Ada Lovelace")
    );

    let env = SessionEnv {
        nextauth_url: Some("https://app.example.com".into()),
        ..env_with(SECRET)
    };
    let layer = builder(env).authjs().build().expect("layer");
    assert_eq!(
        layer.reader().cookie_name().as_str(),
        "__Secure-authjs.session-token"
    );
    let cookie = format!(
        "__Secure-authjs.session-token={}",
        token("v5/ascii-secret/typical/secure-cookie")
    );
    let sent = send(app(layer), get_with_cookie("/api/hello", &cookie)).await;
    assert_eq!(
        (sent.status, sent.body.as_str()),
        (StatusCode::OK, "hello Ada Lovelace")
    );
}

#[tokio::test]
async fn chunked_cookies_from_sessionstore() {
    for fixture in server_cookies()["chunks"].as_array().expect("chunks") {
        let pairs = fixture["cookies"].as_array().expect("cookies");
        let cookie = pairs
            .iter()
            .map(|pair| {
                format!(
                    "{}={}",
                    pair[0].as_str().unwrap(),
                    pair[1].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let mut layer = builder(env_with(SECRET));
        if fixture["library"] == "@auth/core" {
            layer = layer.authjs();
        }
        let sent = send(
            app(layer.build().expect("layer")),
            get_with_cookie("/api/ada", &cookie),
        )
        .await;
        assert_eq!(
            sent.status,
            StatusCode::OK,
            "{}: {}",
            fixture["name"],
            sent.body
        );
        assert_eq!(
            sent.body,
            format!("{:?}", TokenSource::Chunks { count: pairs.len() })
        );
    }
}

#[tokio::test]
async fn cookie_split_over_several_headers_is_joined() {
    // HTTP/2 clients may send one `cookie` field per cookie.
    let request = Request::get("/api/hello")
        .header(header::COOKIE, "theme=dark")
        .header(
            header::COOKIE,
            format!(
                "next-auth.session-token={}",
                token("v4/ascii-secret/typical")
            ),
        )
        .body(Body::empty())
        .unwrap();
    let sent = send(app(v4_layer()), request).await;
    assert_eq!(sent.body, "hello Ada Lovelace");
}

#[tokio::test]
async fn expired_session_is_a_401() {
    let cookie = format!(
        "next-auth.session-token={}",
        token("v4/expiry/maxage-minus-3600")
    );
    let sent = send(app(v4_layer()), get_with_cookie("/api/me", &cookie)).await;
    assert_unauthorized(&sent, "expired");
    // Within next-auth's 15 s clock tolerance: still signed in.
    let cookie = format!(
        "next-auth.session-token={}",
        token("v4/expiry/maxage-minus-14")
    );
    let sent = send(app(v4_layer()), get_with_cookie("/api/me", &cookie)).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
}

#[tokio::test]
async fn wrong_secret_and_no_cookie_are_401s() {
    // The fixture records the secret the real next-auth was asked to decode with (not the one
    // that minted the token), and its verdict: refused.
    let case = case("v4/neg/wrong-secret");
    assert_eq!(case["verdict"]["ok"], false);
    let layer = builder(env_with(case["secret"].as_str().unwrap()))
        .build()
        .unwrap();
    let cookie = format!(
        "next-auth.session-token={}",
        case["token"].as_str().unwrap()
    );
    let sent = send(app(layer), get_with_cookie("/api/me", &cookie)).await;
    assert_unauthorized(&sent, "invalid_session");
    // v5 likewise.
    let case = self::case("v5/neg/wrong-secret");
    let layer = builder(env_with(case["secret"].as_str().unwrap()))
        .authjs()
        .build()
        .unwrap();
    let cookie = format!("authjs.session-token={}", case["token"].as_str().unwrap());
    let sent = send(app(layer), get_with_cookie("/api/me", &cookie)).await;
    assert_unauthorized(&sent, "invalid_session");

    let sent = send(app(v4_layer()), get_with_cookie("/api/me", "theme=dark")).await;
    assert_unauthorized(&sent, "no_session");
}

#[tokio::test]
async fn rotation_with_auth_secret_1() {
    // Auth.js: AUTH_SECRET_1 is the new secret, AUTH_SECRET the old one still accepted.
    let token = token("v5/rotation/encode-old/decode-new-old");
    let cookie = format!("authjs.session-token={token}");
    let rotated = SessionEnv {
        auth_secret: Some(Secret::new("old-secret-2024")),
        rotated_secrets: [Some(Secret::new("new-secret-2025")), None, None],
        ..SessionEnv::default()
    };
    let layer = builder(rotated).authjs().build().expect("layer");
    let sent = send(app(layer), get_with_cookie("/api/hello", &cookie)).await;
    assert_eq!(sent.body, "hello Ada Lovelace");

    // Without the old secret the same cookie is signed out.
    let layer = builder(SessionEnv {
        auth_secret: Some(Secret::new("new-secret-2025")),
        ..SessionEnv::default()
    })
    .authjs()
    .build()
    .expect("layer");
    let sent = send(app(layer.clone()), get_with_cookie("/api/hello", &cookie)).await;
    assert_eq!(sent.body, "hello stranger");
    let sent = send(app(layer), get_with_cookie("/api/me", &cookie)).await;
    assert_unauthorized(&sent, "invalid_session");
}

#[tokio::test]
async fn bearer_token_and_its_csrf_exemption() {
    let bearer = format!("Bearer {}", token("v4/ascii-secret/typical"));
    let request = Request::get("/api/hello")
        .header(header::AUTHORIZATION, &bearer)
        .body(Body::empty())
        .unwrap();
    let sent = send(app(v4_layer()), request).await;
    assert_eq!(sent.body, "hello Ada Lovelace");
    // A POST with a Bearer token needs no CSRF token: a browser never sends one by itself.
    let sent = send(
        app(v4_layer()),
        post_with("/api/notes", &[("authorization", &bearer)]),
    )
    .await;
    assert_eq!(
        (sent.status, sent.body.as_str()),
        (StatusCode::OK, "note by ada@example.com")
    );
    // Turned off, the Authorization header is not read.
    let layer = builder(env_with(SECRET)).bearer(false).build().unwrap();
    let sent = send(
        app(layer),
        post_with("/api/notes", &[("authorization", &bearer)]),
    )
    .await;
    assert_unauthorized(&sent, "no_session");
}

fn v4_session_and_csrf(csrf: &str) -> String {
    let (csrf_cookie, _) = csrf_fixture(csrf);
    format!(
        "next-auth.session-token={}; {csrf_cookie}",
        token("v4/ascii-secret/typical")
    )
}

#[tokio::test]
async fn csrf_passes_with_next_auths_cookie_and_the_header() {
    let (_, csrf_token) = csrf_fixture("v4");
    let cookie = v4_session_and_csrf("v4");
    for header_name in ["x-csrf-token", "X-XSRF-Token"] {
        let request = post_with(
            "/api/notes",
            &[("cookie", &cookie), (header_name, &csrf_token)],
        );
        let sent = send(app(v4_layer()), request).await;
        assert_eq!(
            (sent.status, sent.body.as_str()),
            (StatusCode::OK, "note by ada@example.com"),
            "{header_name}"
        );
    }
    let request = post_with(
        "/api/extension",
        &[("cookie", &cookie), ("x-csrf-token", &csrf_token)],
    );
    assert_eq!(send(app(v4_layer()), request).await.body, "Passed");
    // A safe method needs no CSRF token.
    let sent = send(app(v4_layer()), get_with_cookie("/api/me", &cookie)).await;
    assert_eq!(sent.status, StatusCode::OK);
}

#[tokio::test]
async fn csrf_failures_are_403s() {
    let (_, csrf_token) = csrf_fixture("v4");
    let session = format!(
        "next-auth.session-token={}",
        token("v4/ascii-secret/typical")
    );
    let (v5_rotation_cookie, v5_rotation_token) = csrf_fixture("v5/rotation");
    let forged = v5_rotation_cookie.replace("authjs.csrf-token", "next-auth.csrf-token");
    let cases: Vec<(&str, String, Option<&str>, CsrfFailure)> = vec![
        (
            "no header",
            v4_session_and_csrf("v4"),
            None,
            CsrfFailure::MissingHeader,
        ),
        (
            "another token in the header",
            v4_session_and_csrf("v4"),
            Some(&v5_rotation_token),
            CsrfFailure::TokenMismatch,
        ),
        (
            "no csrf cookie",
            session.clone(),
            Some(&csrf_token),
            CsrfFailure::MissingCookie,
        ),
        (
            "a cookie hashed with another secret",
            format!("{session}; {forged}"),
            Some(&v5_rotation_token),
            CsrfFailure::ForgedCookie,
        ),
        (
            "no hash",
            format!("{session}; next-auth.csrf-token={csrf_token}"),
            Some(&csrf_token),
            CsrfFailure::MalformedCookie,
        ),
    ];
    for (label, cookie, header_value, failure) in cases {
        let mut headers = vec![("cookie", cookie.as_str())];
        if let Some(value) = header_value {
            headers.push(("x-csrf-token", value));
        }
        let sent = send(app(v4_layer()), post_with("/api/notes", &headers)).await;
        assert_eq!(sent.status, StatusCode::FORBIDDEN, "{label}: {}", sent.body);
        assert_eq!(
            sent.json(),
            json!({ "error": "forbidden", "reason": "csrf" }),
            "{label}"
        );
        let sent = send(app(v4_layer()), post_with("/api/extension", &headers)).await;
        assert_eq!(
            sent.body,
            format!("{:?}", CsrfCheck::Failed(failure)),
            "{label}"
        );
    }
}

#[tokio::test]
async fn csrf_for_authjs_secure_and_rotated_cookies() {
    // `__Host-authjs.csrf-token` next to `__Secure-authjs.session-token`.
    let (csrf_cookie, csrf_token) = csrf_fixture("v5/secure");
    let layer = builder(env_with(SECRET))
        .authjs()
        .secure_cookie(true)
        .build()
        .unwrap();
    assert_eq!(layer.csrf_cookie_name(), Some("__Host-authjs.csrf-token"));
    let cookie = format!(
        "__Secure-authjs.session-token={}; {csrf_cookie}",
        token("v5/ascii-secret/typical/secure-cookie")
    );
    let request = post_with(
        "/api/notes",
        &[("cookie", &cookie), ("x-csrf-token", &csrf_token)],
    );
    assert_eq!(send(app(layer), request).await.status, StatusCode::OK);

    // Auth.js hashes with its secret list joined by "," (`${options.secret}`).
    let (csrf_cookie, csrf_token) = csrf_fixture("v5/rotation");
    let rotated = SessionEnv {
        auth_secret: Some(Secret::new("old-secret-2024")),
        rotated_secrets: [Some(Secret::new("new-secret-2025")), None, None],
        ..SessionEnv::default()
    };
    let layer = builder(rotated).authjs().build().unwrap();
    let cookie = format!(
        "authjs.session-token={}; {csrf_cookie}",
        token("v5/rotation/encode-old/decode-new-old")
    );
    let request = post_with(
        "/api/notes",
        &[("cookie", &cookie), ("x-csrf-token", &csrf_token)],
    );
    let sent = send(app(layer), request).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);

    // The secure v4 pair: `__Host-next-auth.csrf-token`.
    let (csrf_cookie, csrf_token) = csrf_fixture("v4/secure");
    let layer = builder(env_with(SECRET))
        .secure_cookie(true)
        .build()
        .unwrap();
    let cookie = format!(
        "__Secure-next-auth.session-token={}; {csrf_cookie}",
        token("v4/ascii-secret/typical")
    );
    let request = post_with(
        "/api/notes",
        &[("cookie", &cookie), ("x-csrf-token", &csrf_token)],
    );
    assert_eq!(send(app(layer), request).await.status, StatusCode::OK);
}

#[tokio::test]
async fn csrf_opt_out() {
    let layer = builder(env_with(SECRET)).csrf(false).build().unwrap();
    assert_eq!(layer.csrf_cookie_name(), None);
    let cookie = format!(
        "next-auth.session-token={}",
        token("v4/ascii-secret/typical")
    );
    let sent = send(app(layer), post_with("/api/notes", &[("cookie", &cookie)])).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
}

#[tokio::test]
async fn claims_of_another_shape_are_a_clear_401() {
    let cookie = format!(
        "next-auth.session-token={}",
        token("v4/ascii-secret/typical")
    );
    let sent = send(app(v4_layer()), get_with_cookie("/api/role", &cookie)).await;
    assert_unauthorized(&sent, "claims_shape");
    // Optional or not, a session that does not fit is not silently "signed out".
}

#[tokio::test]
async fn optional_session() {
    let sent = send(app(v4_layer()), get_with_cookie("/api/hello", "theme=dark")).await;
    assert_eq!(
        (sent.status, sent.body.as_str()),
        (StatusCode::OK, "hello stranger")
    );
    let cookie = format!(
        "next-auth.session-token={}",
        token("v4/neg/tampered/tag-bitflip")
    );
    let sent = send(app(v4_layer()), get_with_cookie("/api/hello", &cookie)).await;
    assert_eq!(sent.body, "hello stranger");
}

#[tokio::test]
async fn requirements_are_403s() {
    let cookie = format!(
        "next-auth.session-token={}",
        token("v4/ascii-secret/typical")
    );
    let sent = send(app(v4_layer()), get_with_cookie("/api/admin", &cookie)).await;
    assert_eq!(sent.status, StatusCode::FORBIDDEN);
    assert_eq!(
        sent.json(),
        json!({ "error": "forbidden", "reason": "requirement" })
    );
    let sent = send(app(v4_layer()), get_with_cookie("/api/ada", &cookie)).await;
    assert_eq!(
        (sent.status, sent.body.as_str()),
        (StatusCode::OK, "Cookie")
    );
    // Another user's token fails the claim requirement.
    let other = format!(
        "next-auth.session-token={}",
        token("v4/ascii-secret/booleans")
    );
    let sent = send(app(v4_layer()), get_with_cookie("/api/ada", &other)).await;
    assert_eq!(sent.status, StatusCode::FORBIDDEN, "{}", sent.body);
}

#[tokio::test]
async fn pages_mode_redirects_to_sign_in_with_callback_url() {
    let layer = builder(env_with(SECRET))
        .redirect_to_sign_in("https://app.example.com")
        .build()
        .unwrap();
    let sent = send(
        app(layer),
        get_with_cookie("/dashboard?tab=1", "theme=dark"),
    )
    .await;
    assert_eq!(sent.status, StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(
        sent.location.as_deref(),
        Some("https://app.example.com/api/auth/signin?callbackUrl=%2Fdashboard%3Ftab%3D1")
    );

    let layer = builder(env_with(SECRET))
        .redirect_to_sign_in("https://app.example.com/")
        .sign_in_page("/login")
        .base_path("/docs")
        .build()
        .unwrap();
    let cookie = format!(
        "next-auth.session-token={}",
        token("v4/expiry/maxage-minus-3600")
    );
    let sent = send(app(layer), get_with_cookie("/dashboard", &cookie)).await;
    assert_eq!(
        sent.location.as_deref(),
        Some("https://app.example.com/docs/login?callbackUrl=%2Fdocs%2Fdashboard")
    );

    let refused = builder(env_with(SECRET))
        .redirect_to_sign_in("app.example.com")
        .build();
    assert_eq!(refused.err(), Some(BuildError::Origin));
}

#[tokio::test]
async fn no_secret_is_refused_at_startup() {
    let err = builder(SessionEnv::default()).build().err();
    assert_eq!(err, Some(BuildError::NoSecret));
    let err = builder(env_with("")).build().err();
    assert_eq!(err, Some(BuildError::NoSecret));
}

#[tokio::test]
async fn extractor_without_the_layer_is_a_500() {
    let app = Router::new().route("/api/me", get(me));
    let sent = send(app, get_with_cookie("/api/me", "theme=dark")).await;
    assert_eq!(sent.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        sent.json(),
        json!({ "error": "server_misconfigured", "reason": "layer_missing" })
    );
}

#[test]
fn debug_output_never_shows_a_secret() {
    let layer = builder(env_with(SECRET)).build().unwrap();
    let shown = format!("{layer:?}");
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(shown.contains("next-auth.session-token"), "{shown}");
}
