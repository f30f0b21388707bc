//! Every configuration and decision type, built with a known secret, formatted with `{:?}`
//! (and `{}` where it has one): the secret never appears.

use nextauth_edge::gate::{route, GateEnv, GateOptions, RequestUrl};
use nextauth_edge::proxy::{IncomingUrl, ProxyConfig, Vars};
use nextauth_edge::reader::{ReaderOptions, RequestParts, SecretChain, SessionEnv, SessionReader};
use nextauth_edge::token::{Secret, TokenEncoder, UnixTime};

const SECRET: &str = "correct-horse-battery-staple";
const NOW: UnixTime = UnixTime(1_764_158_400);

fn assert_hidden(what: &str, shown: String) {
    assert!(!shown.contains(SECRET), "{what} prints the secret: {shown}");
    // Also no byte-level spelling of it (a Vec<u8> Debug).
    let bytes = format!("{:?}", SECRET.as_bytes());
    let bytes = &bytes[1..bytes.len() - 1];
    assert!(
        !shown.contains(bytes),
        "{what} prints the secret's bytes: {shown}"
    );
}

#[test]
fn no_configuration_or_decision_type_prints_a_secret() {
    let secret = Secret::new(SECRET);
    assert_hidden("Secret", format!("{secret:?}"));

    let session_env = SessionEnv {
        nextauth_secret: Some(secret.clone()),
        auth_secret: Some(secret.clone()),
        rotated_secrets: [Some(secret.clone()), None, Some(secret.clone())],
        nextauth_url: Some("https://app.example".into()),
        vercel: None,
    };
    assert_hidden("SessionEnv", format!("{session_env:?}"));
    let options = ReaderOptions {
        secret: Some(vec![secret.clone(), secret.clone()]),
        ..ReaderOptions::default()
    };
    assert_hidden("ReaderOptions", format!("{options:?}"));
    let chain = SecretChain::resolve(None, &session_env);
    assert_hidden("SecretChain", format!("{chain:?}"));
    let reader = SessionReader::new(&ReaderOptions::default(), &session_env);
    assert_hidden("SessionReader", format!("{reader:?}"));

    let token = TokenEncoder::next_auth_v4(secret.clone(), "")
        .encode(&serde_json::Map::new(), 60, NOW)
        .unwrap();
    let cookie = format!("__Secure-next-auth.session-token={token}");
    let session = reader.read(&RequestParts::cookie(&cookie), NOW);
    assert!(session.is_ok());
    assert_hidden("Session", format!("{session:?}"));
    let refused = reader.read(&RequestParts::cookie(&cookie), UnixTime(NOW.0 + 3600));
    assert_hidden("NoSession", format!("{refused:?}"));
    assert_hidden("NoSession (Display)", refused.unwrap_err().to_string());
    let parts = RequestParts::cookie(&cookie);
    let raw = reader.raw_token(&parts).unwrap();
    let shown = format!("{raw:?}");
    assert!(
        !shown.contains(&token),
        "SessionToken prints the token: {shown}"
    );

    let gate_env = GateEnv {
        session: session_env,
        auth_path: None,
    };
    assert_hidden("GateEnv", format!("{gate_env:?}"));
    let gate_options = GateOptions::default();
    assert_hidden("GateOptions", format!("{gate_options:?}"));
    let url = RequestUrl {
        origin: "https://app.example",
        base_path: "",
        pathname: "/p",
        search: "",
    };
    let routed = route(&url, &gate_options, &gate_env, reader.has_secret());
    assert_hidden("Route", format!("{routed:?}"));

    let vars = Vars::from_fn(|name| match name {
        "NEXTAUTH_SECRET" | "AUTH_SECRET" | "AUTH_SECRET_1" => Some(SECRET.into()),
        "MATCHER" => Some(r#"["/p"]"#.into()),
        _ => None,
    });
    assert_hidden("Vars", format!("{vars:?}"));
    let config = ProxyConfig::from_vars(&vars).unwrap();
    assert_hidden("ProxyConfig", format!("{config:?}"));
    let incoming = IncomingUrl::new("https://app.example", "/p", "");
    let step = config.step(&incoming, Some(&cookie), None, NOW);
    assert_hidden("Step", format!("{step:?}"));

    // ASSERTION_SECRET (HS256): its own secret, redacted like the session's.
    const ASSERTION_SECRET: &str = "assertion-horse-battery-staple-0123456789";
    let vars = Vars::from_fn(|name| match name {
        "NEXTAUTH_SECRET" => Some(SECRET.into()),
        "ASSERTION_SECRET" => Some(ASSERTION_SECRET.into()),
        _ => None,
    });
    let shown = format!("{vars:?}");
    assert!(
        !shown.contains(ASSERTION_SECRET),
        "Vars prints ASSERTION_SECRET: {shown}"
    );
    let config = ProxyConfig::from_vars(&vars).unwrap();
    let signer = config.assertion().unwrap();
    for shown in [format!("{config:?}"), format!("{signer:?}")] {
        assert!(
            !shown.contains(ASSERTION_SECRET),
            "prints ASSERTION_SECRET: {shown}"
        );
        assert_hidden("ProxyConfig with an assertion", shown);
    }
    // A refused ASSERTION_SECRET (the session secret again): the error names it, never quotes it.
    let vars = Vars::from_fn(|name| match name {
        "NEXTAUTH_SECRET" | "ASSERTION_SECRET" => Some(format!("{SECRET}-{SECRET}")),
        _ => None,
    });
    let err = ProxyConfig::from_vars(&vars).unwrap_err();
    assert_eq!(err.setting, "ASSERTION_SECRET");
    assert_hidden("ConfigError", format!("{err:?} {err}"));
}

#[test]
fn the_check_itself_can_fail() {
    // The assertion above is only worth something if it catches a leak.
    let leaked = std::panic::catch_unwind(|| assert_hidden("leak", format!("x{SECRET}x")));
    assert!(leaked.is_err());
}
