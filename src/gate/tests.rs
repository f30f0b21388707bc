use super::*;

fn url<'a>(base_path: &'a str, pathname: &'a str, search: &'a str) -> RequestUrl<'a> {
    RequestUrl {
        origin: "http://localhost:3000",
        base_path,
        pathname,
        search,
    }
}

/// A Guard borrows its pages from the options: tests that keep one use long-lived copies.
fn kept<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

fn env_with_secret() -> GateEnv {
    GateEnv::default()
}

fn with_nextauth_url(url: &str) -> GateEnv {
    let mut env = GateEnv::default();
    env.session.nextauth_url = Some(url.into());
    env
}

fn guard(route: Result<Route, ConfigError>) -> Guard {
    match route {
        Ok(Route::Guarded(guard)) => guard,
        other => panic!("expected a guarded route, got {other:?}"),
    }
}

#[test]
fn auth_routes_pages_and_assets_pass_through_like_next_auth() {
    let options = GateOptions::default();
    let env = env_with_secret();
    for path in [
        "/api/auth/session",
        "/api/authors",
        "/api/auth/signin",
        "/_next/static/x.js",
        "/favicon.ico",
    ] {
        assert_eq!(
            route(&url("", path, ""), &options, &env, true),
            Ok(Route::PassThrough),
            "{path}"
        );
    }
    // The prefix test includes basePath; the page test does not.
    let custom = GateOptions {
        sign_in_page: Some("/login".into()),
        ..GateOptions::default()
    };
    assert_eq!(
        route(&url("/base", "/login", ""), &custom, &env, true),
        Ok(Route::PassThrough)
    );
    assert!(matches!(
        route(&url("/base", "/api/auth/x", ""), &options, &env, true),
        Ok(Route::Guarded(_))
    ));
    let env = with_nextauth_url("https://example.com/base/api/auth");
    assert_eq!(
        route(&url("/base", "/api/auth/x", ""), &options, &env, true),
        Ok(Route::PassThrough)
    );
}

#[test]
fn no_secret_sends_to_the_error_page() {
    // The secret chain itself is the session reader's (reader::tests); the gate only answers.
    let options = GateOptions::default();
    let no_secret = route(&url("/b", "/p", ""), &options, &GateEnv::default(), false);
    assert_eq!(
        no_secret,
        Ok(Route::NoSecret {
            location: "http://localhost:3000/b/api/auth/error?error=Configuration".into()
        })
    );
}

#[test]
fn sign_in_redirects_carry_the_form_encoded_callback_url() {
    let guard = guard(route(
        &url("/custom-base-path", "/protected/pathA", ""),
        kept(GateOptions::default()),
        kept(env_with_secret()),
        true,
    ));
    assert_eq!(
        guard.conclude(None, false),
        Decision::Redirect(
            "http://localhost:3000/custom-base-path/api/auth/signin?callbackUrl=%2Fcustom-base-path%2Fprotected%2FpathA"
                .into()
        )
    );
    let query = route(
        &url("", "/a%20b/%C3%A9", "?x=1 2&y=~"),
        kept(GateOptions::default()),
        kept(env_with_secret()),
        true,
    );
    assert_eq!(
        self::guard(query).sign_in_location(),
        "http://localhost:3000/api/auth/signin?callbackUrl=%2Fa%2520b%2F%25C3%25A9%3Fx%3D1+2%26y%3D%7E"
    );
    let with_query = GateOptions {
        sign_in_page: Some("/login?lang=fr#top".into()),
        ..GateOptions::default()
    };
    let guarded = self::guard(route(
        &url("", "/p", ""),
        &with_query,
        kept(env_with_secret()),
        true,
    ));
    assert_eq!(
        guarded.sign_in_location(),
        "http://localhost:3000/login?lang=fr&callbackUrl=%2Fp#top"
    );
}

#[test]
fn authorized_answers_follow_next_auth_and_refusals_are_opt_in() {
    let guard = guard(route(
        &url("", "/p", ""),
        kept(GateOptions::default()),
        kept(env_with_secret()),
        true,
    ));
    assert_eq!(guard.conclude(None, true), Decision::Allow);
    assert_eq!(guard.conclude(Some(true), false), Decision::Allow);
    assert!(matches!(
        guard.conclude(Some(false), true),
        Decision::Redirect(_)
    ));
    let forbidding = GateOptions {
        on_unauthorized: OnUnauthorized::Forbidden,
        ..GateOptions::default()
    };
    let guard = self::guard(route(
        &url("", "/p", ""),
        &forbidding,
        kept(env_with_secret()),
        true,
    ));
    assert_eq!(
        guard.conclude(Some(false), true),
        Decision::Refuse(OnUnauthorized::Forbidden)
    );
    // Signed out is still a sign-in redirect, never a 403.
    assert!(matches!(
        guard.conclude(Some(false), false),
        Decision::Redirect(_)
    ));
}

#[test]
fn nextauth_url_sets_the_auth_path() {
    assert_eq!(auth_path(None).unwrap(), "/api/auth");
    assert_eq!(auth_path(Some("")).unwrap(), "/api/auth");
    assert_eq!(auth_path(Some("https://x.com")).unwrap(), "/api/auth");
    assert_eq!(auth_path(Some("https://x.com/")).unwrap(), "/api/auth");
    assert_eq!(
        auth_path(Some("x.com/custom/auth/")).unwrap(),
        "/custom/auth"
    );
    assert_eq!(auth_path(Some("http://x.com:8080/a?q#f")).unwrap(), "/a");
    assert_eq!(auth_path(Some("https://")), Err(ConfigError::NextAuthUrl));
}

#[test]
fn unusable_pages_are_configuration_errors_naming_the_setting() {
    let bad = GateOptions {
        sign_in_page: Some("//evil.example".into()),
        ..GateOptions::default()
    };
    assert_eq!(
        route(&url("", "/p", ""), &bad, &env_with_secret(), true),
        Err(ConfigError::Page("signIn"))
    );
    let external = GateOptions {
        sign_in_page: Some("https://auth.example/login".into()),
        ..GateOptions::default()
    };
    let guarded = guard(route(
        &url("", "/p", ""),
        &external,
        kept(env_with_secret()),
        true,
    ));
    assert_eq!(
        guarded.sign_in_location(),
        "https://auth.example/login?callbackUrl=%2Fp"
    );
}

#[test]
fn fuzz_regression_absolute_page_with_control_bytes_is_a_config_error() {
    let page = GateOptions {
        sign_in_page: Some("http://$\0\0".into()),
        ..GateOptions::default()
    };
    assert_eq!(
        route(&url("", "/p", ""), &page, &env_with_secret(), true),
        Err(ConfigError::Page("signIn"))
    );
}

#[test]
fn relative_pages_resolve_against_the_origin_root_like_new_url() {
    for (page, expected) in [
        ("login", "http://localhost:3000/login?callbackUrl=%2Fp"),
        ("", "http://localhost:3000/?callbackUrl=%2Fp"),
    ] {
        let options = GateOptions {
            sign_in_page: Some(page.into()),
            ..GateOptions::default()
        };
        assert_eq!(
            guard(route(
                &url("", "/p", ""),
                &options,
                &env_with_secret(),
                true
            ))
            .sign_in_location(),
            expected
        );
    }
    for page in ["javascript:alert(1)", "\\\\evil", "/\\evil"] {
        let options = GateOptions {
            sign_in_page: Some(page.into()),
            ..GateOptions::default()
        };
        assert_eq!(
            route(&url("", "/p", ""), &options, &env_with_secret(), true),
            Err(ConfigError::Page("signIn")),
            "{page}"
        );
    }
}

#[test]
fn an_exactly_parsed_auth_path_from_the_adapter_wins() {
    let env = GateEnv {
        auth_path: Some(Ok("/caf%C3%A9".into())),
        ..with_nextauth_url("https://x/café")
    };
    assert_eq!(
        route(
            &url("", "/caf%C3%A9/x", ""),
            &GateOptions::default(),
            &env,
            true
        ),
        Ok(Route::PassThrough)
    );
    let broken = GateEnv {
        auth_path: Some(Err(ConfigError::NextAuthUrl)),
        ..env_with_secret()
    };
    assert_eq!(
        route(&url("", "/p", ""), &GateOptions::default(), &broken, true),
        Err(ConfigError::NextAuthUrl)
    );
}

#[test]
fn callback_urls_never_name_another_host() {
    for (pathname, expected) in [
        ("//evil.example/x", "callbackUrl=%2Fevil.example%2Fx"),
        ("/\\evil.example", "callbackUrl=%2Fevil.example"),
        ("///\\//evil.example", "callbackUrl=%2Fevil.example"),
        ("/ok//double", "callbackUrl=%2Fok%2F%2Fdouble"),
    ] {
        let guard = guard(route(
            &url("", pathname, ""),
            kept(GateOptions::default()),
            kept(env_with_secret()),
            true,
        ));
        assert!(
            guard.sign_in_location().ends_with(expected),
            "{pathname}: {}",
            guard.sign_in_location()
        );
    }
}

#[test]
fn concat_starts_with_is_starts_with_on_the_concatenation() {
    let parts = [
        "",
        "/",
        "/docs",
        "/doc",
        "/docs/api",
        "/api/auth",
        "/api",
        "/x",
    ];
    for a in parts {
        for b in parts {
            for prefix in parts {
                assert_eq!(
                    super::concat_starts_with(a, b, prefix),
                    [a, b].concat().starts_with(prefix),
                    "{a:?} + {b:?} vs {prefix:?}"
                );
            }
        }
    }
}
