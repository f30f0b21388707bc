//! axum extractors over the [`RequestSession`] the layer leaves in the extensions.

use std::fmt;

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::header::{CONTENT_TYPE, LOCATION, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::csrf::{CsrfCheck, CsrfFailure};
use super::layer::RequestSession;
use crate::reader::{NoSession, Session};
use crate::token::TokenError;

/// The signed-in user's claims, deserialized into `C` (any `DeserializeOwned`; the default
/// `serde_json::Value` takes every token). Required: without a usable session the handler does
/// not run and the client gets an [`AuthRejection`] (401 JSON, or 307 to sign-in in pages mode).
/// `Option<Auth<C>>` is the optional form: `None` when signed out.
///
/// ```
/// use axum::{routing::get, Json, Router};
/// use nextauth_edge::server::{Auth, NextAuthLayer};
///
/// #[derive(serde::Deserialize, serde::Serialize)]
/// struct User { sub: String, email: Option<String> }
///
/// async fn me(Auth(user): Auth<User>) -> Json<User> { Json(user) }
/// async fn hello(user: Option<Auth<User>>) -> String {
///     match user {
///         Some(Auth(user)) => format!("hello {}", user.sub),
///         None => "hello stranger".into(),
///     }
/// }
///
/// # fn app(layer: NextAuthLayer) -> Router {
/// Router::new().route("/me", get(me)).route("/", get(hello)).layer(layer)
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Auth<C = Value>(pub C);

impl<C> Auth<C> {
    /// A role or claim requirement: `Ok` with the claims when `check` holds, else a 403
    /// [`AuthRejection`] (the user is signed in, so sign-in would not help).
    pub fn require(&self, check: impl FnOnce(&C) -> bool) -> Result<&C, AuthRejection> {
        if check(&self.0) {
            Ok(&self.0)
        } else {
            Err(AuthRejection::forbidden())
        }
    }
}

/// The session as the reader returned it: the claims as JSON text with their time claims and
/// format, and where the token was found. Required, like [`Auth`].
#[derive(Debug, Clone, PartialEq)]
pub struct RawClaims(pub Session);

impl RawClaims {
    /// The claims as a JSON map.
    pub fn to_map(&self) -> serde_json::Map<String, Value> {
        self.0.claims.to_map()
    }

    /// A claim requirement: the claim `name` equals `value`, or is an array containing it
    /// (`role: "admin"`, `roles: ["admin"]`); else a 403.
    pub fn require_claim(&self, name: &str, value: impl Into<Value>) -> Result<(), AuthRejection> {
        let value = value.into();
        // Only that claim is built; the others are skipped while parsing.
        let holds = match self.0.claims.to_map_of(|claim| claim == name).get(name) {
            Some(Value::Array(items)) => items.contains(&value),
            Some(claim) => *claim == value,
            None => false,
        };
        holds.then_some(()).ok_or_else(AuthRejection::forbidden)
    }
}

impl<S: Send + Sync, C: DeserializeOwned> FromRequestParts<S> for Auth<C> {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AuthRejection> {
        let session = usable(parts)?;
        deserialize(session).map(Auth)
    }
}

impl<S: Send + Sync, C: DeserializeOwned> OptionalFromRequestParts<S> for Auth<C> {
    type Rejection = AuthRejection;

    /// `None` when signed out (no session, or one that is invalid or expired); a rejection when
    /// a session is there but cannot be used (CSRF, claims of another shape).
    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, AuthRejection> {
        unless_signed_out(usable(parts))?
            .map(|session| deserialize(session).map(Auth))
            .transpose()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RawClaims {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AuthRejection> {
        usable(parts).map(|session| RawClaims(session.clone()))
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for RawClaims {
    type Rejection = AuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, AuthRejection> {
        Ok(unless_signed_out(usable(parts))?.map(|session| RawClaims(session.clone())))
    }
}

/// The optional extractors' rule: signed out (no session, or an invalid or expired one) is
/// `None`; a session that is there but cannot be used (CSRF) stays a rejection.
fn unless_signed_out<T>(usable: Result<T, AuthRejection>) -> Result<Option<T>, AuthRejection> {
    match usable {
        Ok(value) => Ok(Some(value)),
        Err(AuthRejection {
            kind: Kind::SignedOut { .. },
        }) => Ok(None),
        Err(rejection) => Err(rejection),
    }
}

fn deserialize<C: DeserializeOwned>(session: &Session) -> Result<C, AuthRejection> {
    serde_json::from_str(session.claims.json()).map_err(|error| AuthRejection {
        kind: Kind::ClaimsShape(error.to_string()),
    })
}

/// The request's session when it may be used, else the rejection for it.
fn usable(parts: &Parts) -> Result<&Session, AuthRejection> {
    let Some(request) = parts.extensions.get::<RequestSession>() else {
        return Err(AuthRejection {
            kind: Kind::LayerMissing,
        });
    };
    match request.result() {
        Ok(session) => match request.csrf() {
            CsrfCheck::Failed(failure) => Err(AuthRejection {
                kind: Kind::Csrf(*failure),
            }),
            _ => Ok(session),
        },
        Err(NoSession::NoSecret) => Err(AuthRejection {
            kind: Kind::NoSecret,
        }),
        Err(reason) => {
            let redirect = request.sign_in_redirect(parts.uri.path(), parts.uri.query());
            Err(AuthRejection {
                kind: Kind::SignedOut {
                    reason: reason.clone(),
                    redirect,
                },
            })
        }
    }
}

/// Why an extractor refused a request, and the response for it:
///
/// | case | status | body (`application/json`) |
/// | --- | --- | --- |
/// | no session | 401 (`WWW-Authenticate: Bearer`) | `{"error":"unauthorized","reason":"no_session"}` |
/// | expired session | 401 | `{"error":"unauthorized","reason":"expired"}` |
/// | any other unreadable token (wrong secret, tampered, …) | 401 | `{"error":"unauthorized","reason":"invalid_session"}` |
/// | claims that do not deserialize into the extractor's type | 401 | `{"error":"unauthorized","reason":"claims_shape"}` |
/// | signed out, in pages mode | 307 `Location: <sign-in>?callbackUrl=…` | none |
/// | CSRF check failed | 403 | `{"error":"forbidden","reason":"csrf"}` |
/// | a role or claim requirement failed | 403 | `{"error":"forbidden","reason":"requirement"}` |
/// | the layer is not installed, or has no secret | 500 | `{"error":"server_misconfigured"}` |
///
/// Bodies never carry a token or a claim; `Display` adds the detail for the server's own logs
/// (the CSRF failure, serde's message about the claims), still without a token.
#[derive(Debug)]
pub struct AuthRejection {
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    SignedOut {
        reason: NoSession,
        redirect: Option<String>,
    },
    ClaimsShape(String),
    Csrf(CsrfFailure),
    Forbidden,
    LayerMissing,
    NoSecret,
}

impl AuthRejection {
    /// A 403 for a signed-in user who lacks a role or claim.
    pub fn forbidden() -> AuthRejection {
        AuthRejection {
            kind: Kind::Forbidden,
        }
    }

    /// The HTTP status this rejection answers with.
    pub fn status(&self) -> StatusCode {
        match &self.kind {
            Kind::SignedOut {
                redirect: Some(_), ..
            } => StatusCode::TEMPORARY_REDIRECT,
            Kind::SignedOut { .. } | Kind::ClaimsShape(_) => StatusCode::UNAUTHORIZED,
            Kind::Csrf(_) | Kind::Forbidden => StatusCode::FORBIDDEN,
            Kind::LayerMissing | Kind::NoSecret => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Why the reader found no session, when that is the reason.
    pub fn no_session(&self) -> Option<&NoSession> {
        match &self.kind {
            Kind::SignedOut { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// The CSRF failure, when that is the reason.
    pub fn csrf_failure(&self) -> Option<CsrfFailure> {
        match self.kind {
            Kind::Csrf(failure) => Some(failure),
            _ => None,
        }
    }

    /// The short machine-readable reason in the JSON body.
    pub fn reason(&self) -> &'static str {
        match &self.kind {
            Kind::SignedOut {
                reason: NoSession::NoToken(_),
                ..
            } => "no_session",
            Kind::SignedOut {
                reason:
                    NoSession::Invalid {
                        error: TokenError::Expired,
                        ..
                    },
                ..
            } => "expired",
            Kind::SignedOut { .. } => "invalid_session",
            Kind::ClaimsShape(_) => "claims_shape",
            Kind::Csrf(_) => "csrf",
            Kind::Forbidden => "requirement",
            Kind::LayerMissing => "layer_missing",
            Kind::NoSecret => "no_secret",
        }
    }
}

impl fmt::Display for AuthRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::SignedOut { reason, .. } => write!(f, "signed out: {reason}"),
            Kind::ClaimsShape(error) => {
                write!(
                    f,
                    "the session's claims do not fit the extractor's type: {error}"
                )
            }
            Kind::Csrf(failure) => write!(f, "CSRF check failed: {failure}"),
            Kind::Forbidden => f.write_str("a role or claim requirement failed"),
            Kind::LayerMissing => {
                f.write_str("NextAuthLayer is not installed on this route (an extractor needs it)")
            }
            Kind::NoSecret => f.write_str("no secret is configured"),
        }
    }
}

impl std::error::Error for AuthRejection {}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        if let Kind::SignedOut {
            redirect: Some(location),
            ..
        } = &self.kind
        {
            if let Ok(location) = HeaderValue::from_str(location) {
                return (status, [(LOCATION, location)]).into_response();
            }
        }
        let status = if status == StatusCode::TEMPORARY_REDIRECT {
            StatusCode::UNAUTHORIZED
        } else {
            status
        };
        let error = match status {
            StatusCode::UNAUTHORIZED => "unauthorized",
            StatusCode::FORBIDDEN => "forbidden",
            _ => "server_misconfigured",
        };
        let body = format!(r#"{{"error":"{error}","reason":"{}"}}"#, self.reason());
        let json = (CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if status == StatusCode::UNAUTHORIZED {
            let challenge = (WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            (status, [json, challenge], body).into_response()
        } else {
            (status, [json], body).into_response()
        }
    }
}
