use super::*;
use crate::cookies::{NameSource, SessionCookieError};
use crate::token::TokenFormat;

const NOW: UnixTime = UnixTime(1_764_158_400);

fn env(nextauth: Option<&str>, auth: Option<&str>, rotated: [Option<&str>; 3]) -> SessionEnv {
    SessionEnv {
        nextauth_secret: nextauth.map(Secret::new),
        auth_secret: auth.map(Secret::new),
        rotated_secrets: rotated.map(|s| s.map(Secret::new)),
        ..SessionEnv::default()
    }
}

fn chain(options: Option<&[&str]>, env: &SessionEnv) -> (Vec<String>, SecretSource) {
    let options: Option<Vec<Secret>> = options.map(|list| list.iter().map(Secret::new).collect());
    let chain = SecretChain::resolve(options.as_deref(), env);
    let secrets = chain
        .decoding()
        .iter()
        .map(|s| String::from_utf8(s.as_bytes().to_vec()).unwrap())
        .collect();
    (secrets, chain.source())
}

fn v4(secret: &str, salt: &str) -> String {
    TokenEncoder::next_auth_v4(Secret::new(secret), salt)
        .encode(
            serde_json::json!({ "name": "Ada" }).as_object().unwrap(),
            3600,
            NOW,
        )
        .unwrap()
}

fn v5(secret: &str, salt: &str) -> String {
    TokenEncoder::authjs_v5(Secret::new(secret), salt)
        .encode(
            serde_json::json!({ "name": "Eve" }).as_object().unwrap(),
            3600,
            NOW,
        )
        .unwrap()
}

fn reader(options: ReaderOptions, secret: &str) -> SessionReader {
    SessionReader::new(&options, &env(Some(secret), None, [None; 3]))
}

#[test]
fn the_secret_chain_is_nullish_coalescing_then_truthiness() {
    let none = [None; 3];
    assert_eq!(
        chain(None, &env(Some("n"), Some("a"), none)),
        (vec!["n".into()], SecretSource::NextAuthSecret)
    );
    assert_eq!(
        chain(None, &env(None, Some("a"), none)),
        (vec!["a".into()], SecretSource::AuthSecret)
    );
    // `""` stops `??` and is then no secret: next-auth's NO_SECRET.
    assert_eq!(
        chain(None, &env(Some(""), Some("a"), none)),
        (vec![], SecretSource::Missing)
    );
    assert_eq!(
        chain(Some(&[""]), &env(Some("n"), None, none)),
        (vec![], SecretSource::Missing)
    );
    assert_eq!(chain(None, &SessionEnv::default()).1, SecretSource::Missing);
    // Options win, and a list rotates in its own order.
    assert_eq!(
        chain(Some(&["new", "old"]), &env(Some("n"), None, none)),
        (vec!["new".into(), "old".into()], SecretSource::Options)
    );
}

#[test]
fn rotation_variables_follow_auth_js_order_and_only_join_the_environment() {
    let rotated = env(
        Some("current"),
        None,
        [Some("one"), Some(""), Some("three")],
    );
    assert_eq!(
        chain(None, &rotated),
        (
            vec!["three".into(), "one".into(), "current".into()],
            SecretSource::NextAuthSecret
        )
    );
    assert_eq!(chain(Some(&["opt"]), &rotated).0, vec!["opt".to_owned()]);
    assert_eq!(
        chain(None, &env(None, None, [Some("one"), None, None])),
        (vec!["one".into()], SecretSource::RotationOnly)
    );
}

#[test]
fn every_format_with_its_salt() {
    // Default salt: v4 with "", Auth.js with the cookie's name, whichever cookie name it is.
    let default = reader(ReaderOptions::default(), "s");
    let v4_cookie = format!("next-auth.session-token={}", v4("s", ""));
    let session = default
        .read(&RequestParts::cookie(&v4_cookie), NOW)
        .unwrap();
    assert_eq!(session.claims.format(), TokenFormat::NextAuthV4);
    let migrated = format!(
        "next-auth.session-token={}",
        v5("s", "next-auth.session-token")
    );
    let session = default.read(&RequestParts::cookie(&migrated), NOW).unwrap();
    assert_eq!(session.claims.format(), TokenFormat::AuthJsV5);

    for name in ["authjs.session-token", "__Secure-authjs.session-token"] {
        let authjs = reader(
            ReaderOptions {
                cookie_name: Some(name.into()),
                ..ReaderOptions::default()
            },
            "s",
        );
        let cookie = format!("{name}={}", v5("s", name));
        let session = authjs.read(&RequestParts::cookie(&cookie), NOW).unwrap();
        assert_eq!(session.claims.to_map()["name"], "Eve");
        // A v5 token salted for the other cookie is refused.
        let other = format!("{name}={}", v5("s", "other"));
        assert!(matches!(
            authjs.read(&RequestParts::cookie(&other), NOW),
            Err(NoSession::Invalid {
                error: TokenError::UnknownKeyId,
                ..
            })
        ));
    }

    // An explicit salt is both formats' salt (next-auth's and @auth/core's `decode({ salt })`).
    let salted = reader(
        ReaderOptions {
            salt: Salt::Explicit("authjs.session-token".into()),
            ..ReaderOptions::default()
        },
        "s",
    );
    assert!(salted.decode(&v5("s", "authjs.session-token"), NOW).is_ok());
    assert!(salted.decode(&v4("s", "authjs.session-token"), NOW).is_ok());
    assert!(salted.decode(&v4("s", ""), NOW).is_err());
}

#[test]
fn encoders_write_what_the_salt_says() {
    let authjs = reader(
        ReaderOptions {
            salt: Salt::Explicit("__Secure-authjs.session-token".into()),
            ..ReaderOptions::default()
        },
        "s",
    );
    let token = authjs
        .encoder()
        .unwrap()
        .encode(&serde_json::Map::new(), 60, NOW)
        .unwrap();
    assert_eq!(
        authjs.decode(&token, NOW).unwrap().format(),
        TokenFormat::AuthJsV5
    );
    let plain = reader(ReaderOptions::default(), "s");
    let token = plain
        .encoder()
        .unwrap()
        .encode(&serde_json::Map::new(), 60, NOW)
        .unwrap();
    assert_eq!(
        plain.decode(&token, NOW).unwrap().format(),
        TokenFormat::NextAuthV4
    );
    let none = SessionReader::new(&ReaderOptions::default(), &SessionEnv::default());
    assert!(none.encoder().is_none());
}

#[test]
fn reasons_say_why_there_is_no_session() {
    let r = reader(ReaderOptions::default(), "s");
    assert_eq!(
        r.read(&RequestParts::default(), NOW),
        Err(NoSession::NoToken(NoSessionToken::Absent))
    );
    let gap = "next-auth.session-token.0=a; next-auth.session-token.2=c";
    assert_eq!(
        r.read(&RequestParts::cookie(gap), NOW),
        Err(NoSession::NoToken(NoSessionToken::Cookie(
            SessionCookieError::ChunkGap {
                missing: 1,
                highest: 2
            }
        )))
    );
    let expired = format!("next-auth.session-token={}", v4("s", ""));
    assert_eq!(
        r.read(&RequestParts::cookie(&expired), UnixTime(NOW.0 + 7200)),
        Err(NoSession::Invalid {
            source: TokenSource::Cookie,
            error: TokenError::Expired
        })
    );
    let none = SessionReader::new(&ReaderOptions::default(), &SessionEnv::default());
    assert_eq!(
        none.read(&RequestParts::cookie(&expired), NOW),
        Err(NoSession::NoSecret)
    );
    assert_eq!(none.decode(&v4("s", ""), NOW), Err(TokenError::NoKey));
}

#[test]
fn bearer_tokens_count_only_where_allowed() {
    let header = format!("Bearer {}", v4("s", ""));
    let parts = RequestParts {
        cookie: None,
        authorization: Some(&header),
    };
    let with = reader(ReaderOptions::default(), "s");
    assert_eq!(with.read(&parts, NOW).unwrap().source, TokenSource::Bearer);
    let cookies_only = reader(
        ReaderOptions {
            bearer: false,
            ..ReaderOptions::default()
        },
        "s",
    );
    assert_eq!(
        cookies_only.read(&parts, NOW),
        Err(NoSession::NoToken(NoSessionToken::Absent))
    );
}

#[test]
fn the_cookie_name_carries_its_reason() {
    let r = SessionReader::new(
        &ReaderOptions::default(),
        &SessionEnv {
            nextauth_url: Some("https://app.example".into()),
            ..SessionEnv::default()
        },
    );
    assert_eq!(r.cookie_name().as_str(), "__Secure-next-auth.session-token");
    assert_eq!(
        r.cookie_name().source(),
        NameSource::NextAuthUrl { secure: true }
    );
}

#[test]
fn base_path_strips_whole_segments_only() {
    assert_eq!(strip_base_path("", "/a"), "/a");
    assert_eq!(strip_base_path("/docs", "/docs"), "/");
    assert_eq!(strip_base_path("/docs", "/docs/a"), "/a");
    assert_eq!(strip_base_path("/docs", "/docsx"), "/docsx");
    assert_eq!(strip_base_path("/docs", "/other"), "/other");
}

#[test]
fn authorization_is_read_only_without_a_session_cookie() {
    struct Counting<'a>(Option<&'a str>, &'a str, std::cell::Cell<u32>);
    impl SessionHeaders for Counting<'_> {
        fn cookie(&self) -> Option<&str> {
            self.0
        }
        fn authorization(&self) -> Option<&str> {
            self.2.set(self.2.get() + 1);
            Some(self.1)
        }
    }
    let r = reader(ReaderOptions::default(), "s");
    let bearer = format!("Bearer {}", v4("s", ""));
    let cookie = format!("next-auth.session-token={}", v4("s", ""));
    let with_cookie = Counting(Some(&cookie), &bearer, Default::default());
    assert_eq!(
        r.read(&with_cookie, NOW).unwrap().source,
        TokenSource::Cookie
    );
    assert_eq!(with_cookie.2.get(), 0);
    let without = Counting(Some("theme=dark"), &bearer, Default::default());
    assert_eq!(r.read(&without, NOW).unwrap().source, TokenSource::Bearer);
    assert_eq!(without.2.get(), 1);
}

#[test]
fn readers_are_the_same_only_when_every_option_is() {
    let base = ReaderOptions::default();
    assert!(base.builds_same_reader(&ReaderOptions::default()));
    let variants = [
        ReaderOptions {
            secret: Some(vec![Secret::new("s")]),
            ..ReaderOptions::default()
        },
        ReaderOptions {
            cookie_name: Some("c".into()),
            ..ReaderOptions::default()
        },
        ReaderOptions {
            secure_cookie: Some(true),
            ..ReaderOptions::default()
        },
        ReaderOptions {
            salt: Salt::Explicit("x".into()),
            ..ReaderOptions::default()
        },
        ReaderOptions {
            bearer: false,
            ..ReaderOptions::default()
        },
        ReaderOptions {
            authjs_only: true,
            ..ReaderOptions::default()
        },
    ];
    for variant in &variants {
        assert!(!base.builds_same_reader(variant), "{variant:?}");
        assert!(variant.builds_same_reader(&variant.clone()), "{variant:?}");
    }
}
