use super::*;

#[test]
fn base_path_prefers_config_then_the_env_url_path_then_api_auth() {
    assert_eq!(base_path(Some("/auth"), Some("/x/y")), "/auth");
    assert_eq!(base_path(Some(""), Some("/x/y")), "/x/y");
    assert_eq!(base_path(None, Some("/")), "/api/auth");
    assert_eq!(base_path(None, None), "/api/auth");
}

#[test]
fn session_action_parses_for_ordinary_base_paths() {
    assert!(session_action_parses("/api/auth"));
    assert!(session_action_parses("/api/auth/"));
    assert!(session_action_parses("/custom"));
    assert!(!session_action_parses("api/auth"));
}

#[test]
fn sign_in_page_defaults_under_the_base_path() {
    assert_eq!(sign_in_page(None, "/api/auth"), "/api/auth/signin");
    assert_eq!(sign_in_page(Some("/login"), "/api/auth"), "/login");
}

#[test]
fn cookie_names_follow_the_secure_answer() {
    let names = CookieNames::new(true, None, None, None);
    assert_eq!(names.session, "__Secure-authjs.session-token");
    assert_eq!(names.callback_url, "__Secure-authjs.callback-url");
    assert_eq!(names.csrf, "__Host-authjs.csrf-token");
    let names = CookieNames::new(false, Some("s".into()), None, None);
    assert_eq!(names.session, "s");
    assert_eq!(names.csrf, "authjs.csrf-token");
}

#[test]
fn csrf_values_round_trip_and_depend_on_the_secret() {
    let value = mint_csrf("a,b").unwrap();
    assert_eq!(value.len(), 64 + 1 + 64);
    assert!(csrf_is_valid(&value, "a,b"));
    assert!(!csrf_is_valid(&value, "a"));
    assert!(!csrf_is_valid("nohash", "a"));
    // @auth/core: createHash(`${token}${secret}`), sha256 hex.
    assert!(csrf_is_valid(
        "a|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "bc"
    ));
}

#[test]
fn outcomes_of_authorized() {
    let page = "/api/auth/signin";
    assert_eq!(outcome(Answer::NoCallback, false, "/", page), Outcome::Next);
    assert_eq!(
        outcome(Answer::Truthy(true), false, "/", page),
        Outcome::Next
    );
    assert_eq!(
        outcome(Answer::Truthy(false), false, "/", page),
        Outcome::SignIn
    );
    assert_eq!(
        outcome(Answer::Truthy(false), false, page, page),
        Outcome::Next
    );
    assert_eq!(
        outcome(Answer::Truthy(false), true, "/", page),
        Outcome::Wrapped
    );
    assert_eq!(
        outcome(Answer::Response, true, "/", page),
        Outcome::AuthorizedResponse
    );
}
