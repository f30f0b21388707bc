use std::borrow::Cow;

use super::*;
use crate::token::{Secret, TokenEncoder, TokenError};

const NOW: UnixTime = UnixTime(1_764_158_400);

fn vars(pairs: &[(&str, &str)]) -> Vars {
    Vars::from_fn(|name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    })
}

fn config(pairs: &[(&str, &str)]) -> ProxyConfig {
    ProxyConfig::from_vars(&vars(pairs)).unwrap_or_else(|err| panic!("{err}"))
}

fn error(pairs: &[(&str, &str)]) -> ConfigError {
    ProxyConfig::from_vars(&vars(pairs)).unwrap_err()
}

fn url(path: &str) -> IncomingUrl {
    IncomingUrl::new("http://127.0.0.1:8787", path, "")
}

fn token(secret: &str, claims: serde_json::Value) -> String {
    let claims = claims.as_object().cloned().unwrap_or_default();
    TokenEncoder::next_auth_v4(Secret::new(secret), "")
        .encode(&claims, 3600, NOW)
        .unwrap()
}

#[test]
fn every_bad_setting_is_named() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (&[("MATCHER", "dashboard")], "MATCHER"),
        (&[("MATCHER", "[]")], "MATCHER"),
        (&[("MATCHER", "/a/((b))")], "MATCHER"),
        (&[("UPSTREAM", "origin.internal")], "UPSTREAM"),
        (&[("BASE_PATH", "docs")], "BASE_PATH"),
        (&[("BASE_PATH", "/docs/")], "BASE_PATH"),
        (&[("BASE_PATH", "/:x")], "BASE_PATH"),
        (&[("SIGN_IN_PAGE", "//evil.example")], "SIGN_IN_PAGE"),
        (&[("ERROR_PAGE", "javascript:alert(1)")], "ERROR_PAGE"),
        (&[("NEXTAUTH_URL", "https://")], "NEXTAUTH_URL"),
        (&[("SESSION_COOKIE", "a b")], "SESSION_COOKIE"),
        (&[("SECURE_COOKIE", "maybe")], "SECURE_COOKIE"),
        (&[("ON_UNAUTHORIZED", "teapot")], "ON_UNAUTHORIZED"),
        (&[("DEV_DEMO", "sure")], "DEV_DEMO"),
        (&[("DEBUG", "2")], "DEBUG"),
        (&[("UPSTREAM_TIMEOUT_MS", "0")], "UPSTREAM_TIMEOUT_MS"),
        (&[("UPSTREAM_TIMEOUT_MS", "1.5")], "UPSTREAM_TIMEOUT_MS"),
        (&[("UPSTREAM_TIMEOUT_MS", "600001")], "UPSTREAM_TIMEOUT_MS"),
    ];
    for (pairs, setting) in cases {
        let err = error(pairs);
        assert_eq!(err.setting, *setting, "{pairs:?}: {err}");
        assert!(err.to_string().starts_with(setting), "{err}");
    }
    // The secret never appears in a message.
    let err = error(&[("NEXTAUTH_SECRET", "hunter2"), ("MATCHER", "x")]);
    assert!(!err.to_string().contains("hunter2"));
}

#[test]
fn blank_settings_mean_defaults() {
    let c = config(&[
        ("MATCHER", " "),
        ("UPSTREAM", ""),
        ("DEV_DEMO", ""),
        ("BASE_PATH", ""),
    ]);
    assert!(c.matches("/anything"));
    assert!(c.upstream().is_none());
    assert!(c.upstream_service().is_none());
    assert!(c.forwards_to_own_origin());
    assert!(c.upstream_timeout_ms().is_none());
    assert_eq!(
        config(&[("UPSTREAM_TIMEOUT_MS", "2500")]).upstream_timeout_ms(),
        Some(2500)
    );
    assert!(!c.demo());
    assert_eq!(c.cookie_name().as_str(), "next-auth.session-token");
    assert_eq!(c.sign_in_path().as_deref(), Some("/api/auth/signin"));
    assert_eq!(c.auth_path(), "/api/auth");
}

#[test]
fn upstream_may_name_a_service_binding() {
    let c = config(&[("UPSTREAM", "service:ORIGIN")]);
    assert_eq!(c.upstream_service(), Some("ORIGIN"));
    assert!(c.upstream().is_none());
    assert!(!c.forwards_to_own_origin());
    // The binding gets the URL the client asked for.
    let u = IncomingUrl::new("https://app.example", "/dashboard", "?a=1");
    assert_eq!(c.forward_url(&u), "https://app.example/dashboard?a=1");
    let err = error(&[("UPSTREAM", "service:not-a-name")]);
    assert_eq!(err.setting, "UPSTREAM");
    assert!(err.problem.contains("service binding"), "{err}");
}

#[test]
fn matcher_excluded_paths_and_auth_routes_are_forwarded() {
    let c = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", r#"["/dashboard/:path*"]"#),
    ]);
    assert!(matches!(
        c.step(&url("/"), None, None, NOW),
        Ok(Step::Forward)
    ));
    assert!(matches!(
        c.step(&url("/pricing"), None, None, NOW),
        Ok(Step::Forward)
    ));
    assert!(matches!(
        c.step(&url("/dashboard/x"), None, None, NOW),
        Ok(Step::Check { .. })
    ));
    let all = config(&[("NEXTAUTH_SECRET", "s")]);
    for path in [
        "/api/auth/session",
        "/api/auth/signin",
        "/_next/static/a.js",
        "/favicon.ico",
    ] {
        assert!(
            matches!(all.step(&url(path), None, None, NOW), Ok(Step::Forward)),
            "{path}"
        );
    }
}

#[test]
fn no_secret_redirects_to_the_error_page() {
    let c = config(&[("MATCHER", "/p")]);
    match c.step(&url("/p"), None, None, NOW) {
        Ok(Step::NoSecret(location)) => assert_eq!(
            location,
            "http://127.0.0.1:8787/api/auth/error?error=Configuration"
        ),
        other => panic!("{other:?}"),
    }
    assert!(!c.reader().has_secret());
    // An empty NEXTAUTH_SECRET stops the chain, like `??` then truthiness in next-auth.
    let empty = config(&[("NEXTAUTH_SECRET", ""), ("AUTH_SECRET", "x")]);
    assert!(matches!(
        empty.step(&url("/p"), None, None, NOW),
        Ok(Step::NoSecret(_))
    ));
    let auth_secret = config(&[("AUTH_SECRET", "x")]);
    assert!(matches!(
        auth_secret.step(&url("/p"), None, None, NOW),
        Ok(Step::Check { .. })
    ));
}

#[test]
fn sessions_come_from_the_cookie_its_chunks_or_a_bearer_token() {
    let c = config(&[("NEXTAUTH_SECRET", "s")]);
    let t = token("s", serde_json::json!({ "name": "Ada", "role": "admin" }));
    let session =
        |cookie: Option<&str>, auth: Option<&str>| match c.step(&url("/p"), cookie, auth, NOW) {
            Ok(Step::Check { session, .. }) => session.ok().map(|s| s.claims.to_map()),
            other => panic!("{other:?}"),
        };
    let cookie = format!("theme=dark; next-auth.session-token={t}");
    assert_eq!(session(Some(&cookie), None).unwrap()["role"], "admin");
    let (a, b) = t.split_at(40);
    let chunked = format!("next-auth.session-token.1={b}; next-auth.session-token.0={a}");
    assert_eq!(session(Some(&chunked), None).unwrap()["name"], "Ada");
    assert_eq!(
        session(None, Some(&format!("Bearer {t}"))).unwrap()["name"],
        "Ada"
    );
    assert!(session(Some("next-auth.session-token=garbage"), None).is_none());
    let other = token("other-secret", serde_json::json!({}));
    assert!(session(Some(&format!("next-auth.session-token={other}")), None).is_none());
    // Expired (an hour + tolerance later).
    let late = match c.step(&url("/p"), Some(&cookie), None, UnixTime(NOW.0 + 3700)) {
        Ok(Step::Check { session, .. }) => session,
        other => panic!("{other:?}"),
    };
    assert!(matches!(
        late,
        Err(NoSession::Invalid {
            error: TokenError::Expired,
            ..
        })
    ));
}

#[test]
fn rotation_secrets_auth_secret_1_to_3_keep_their_sessions() {
    let session = |c: &ProxyConfig, secret: &str| {
        let cookie = format!(
            "next-auth.session-token={}",
            token(secret, serde_json::json!({}))
        );
        match c.step(&url("/p"), Some(&cookie), None, NOW) {
            Ok(Step::Check { session, .. }) => session.is_ok(),
            other => panic!("{other:?}"),
        }
    };
    let rotated = config(&[
        ("NEXTAUTH_SECRET", "new"),
        ("AUTH_SECRET_1", "one"),
        ("AUTH_SECRET_2", ""),
        ("AUTH_SECRET_3", "three"),
    ]);
    assert!(session(&rotated, "new"));
    assert!(session(&rotated, "one"));
    assert!(session(&rotated, "three"));
    assert!(!session(&rotated, "unknown"));
    // Auth.js's order: `AUTH_SECRET_3, _2, _1, AUTH_SECRET`; the first writes new tokens.
    assert_eq!(
        rotated.reader().secrets().encoding(),
        Some(&Secret::new("three")),
    );
    let without = config(&[("NEXTAUTH_SECRET", "new")]);
    assert!(!session(&without, "one"));
    // Only a numbered secret: Auth.js counts it as configured, and so do we.
    let only_previous = config(&[("AUTH_SECRET_1", "one")]);
    assert!(session(&only_previous, "one"));
    assert_eq!(
        only_previous.reader().secrets().encoding(),
        Some(&Secret::new("one"))
    );
}

#[test]
fn cookie_names_follow_next_auth_and_can_be_set() {
    let secure = config(&[("NEXTAUTH_URL", "https://app.example")]);
    assert_eq!(
        secure.cookie_name().as_str(),
        "__Secure-next-auth.session-token"
    );
    let forced = config(&[
        ("NEXTAUTH_URL", "https://app.example"),
        ("SECURE_COOKIE", "false"),
    ]);
    assert_eq!(forced.cookie_name().as_str(), "next-auth.session-token");
    let custom = config(&[("SESSION_COOKIE", "my.session")]);
    assert_eq!(custom.cookie_name().as_str(), "my.session");
    // Auth.js v5 cookies are read with v5 keys.
    let v5 = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("SESSION_COOKIE", "authjs.session-token"),
    ]);
    let t = TokenEncoder::authjs_v5(Secret::new("s"), "authjs.session-token")
        .encode(&serde_json::Map::new(), 3600, NOW)
        .unwrap();
    let cookie = format!("authjs.session-token={t}");
    assert!(v5
        .reader()
        .read(&RequestParts::cookie(&cookie), NOW)
        .is_ok());
}

#[test]
fn base_path_and_custom_pages() {
    let c = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("BASE_PATH", "/docs"),
        ("SIGN_IN_PAGE", "/login"),
        ("MATCHER", "/dashboard/:path*"),
    ]);
    assert!(matches!(
        c.step(&url("/dashboard"), None, None, NOW),
        Ok(Step::Forward)
    ));
    match c.step(
        &IncomingUrl::new("https://x.example", "/docs/dashboard/a", "?q=1"),
        None,
        None,
        NOW,
    ) {
        Ok(Step::Check { guard, .. }) => assert_eq!(
            guard.sign_in_location(),
            "https://x.example/docs/login?callbackUrl=%2Fdocs%2Fdashboard%2Fa%3Fq%3D1"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.sign_in_path().as_deref(), Some("/docs/login"));
    // The sign-in page itself is never guarded.
    let all = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("BASE_PATH", "/docs"),
        ("SIGN_IN_PAGE", "/login"),
    ]);
    assert!(matches!(
        all.step(&url("/docs/login"), None, None, NOW),
        Ok(Step::Forward)
    ));
    let external = config(&[("SIGN_IN_PAGE", "https://auth.example/login")]);
    assert_eq!(external.sign_in_path(), None);
}

#[test]
fn forward_urls() {
    let own = config(&[]);
    let u = IncomingUrl::new("https://app.example", "/a/b", "?c=d");
    assert_eq!(own.forward_url(&u), "https://app.example/a/b?c=d");
    let up = config(&[("UPSTREAM", "http://127.0.0.1:8801/base")]);
    assert_eq!(up.forward_url(&u), "http://127.0.0.1:8801/base/a/b?c=d");
}

#[test]
fn vars_compare_for_caching() {
    let a = vars(&[("MATCHER", "/a")]);
    assert_eq!(a, vars(&[("MATCHER", "/a")]));
    assert_ne!(a, vars(&[("MATCHER", "/b")]));
    assert_eq!(a.get("MATCHER"), Some("/a"));
    assert_eq!(a.get("NOPE"), None);
}

#[test]
fn path_policy_strict_canonicalizes_and_refuses_guarded_ambiguity() {
    let c = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", r#"["/dashboard/:path*", "/admin/:path*"]"#),
    ]);
    assert_eq!(c.path_policy(), PathPolicy::Strict);
    let canonical = |path: &str| c.canonical(&url(path)).map(|u| u.pathname);
    // One reading: canonicalized, then guarded like the plain spelling.
    for path in [
        "/%64ashboard",
        "//dashboard",
        "/x/%2e%2e/dashboard",
        "/\\dashboard",
    ] {
        assert_eq!(canonical(path).as_deref(), Ok("/dashboard"), "{path}");
        let u = c.canonical(&url(path)).unwrap();
        assert!(
            matches!(c.step(&u, None, None, NOW), Ok(Step::Check { .. })),
            "{path}"
        );
    }
    // Several readings, one of them guarded: refused.
    for path in [
        "/x%2F..%2Fdashboard",
        "/x%5C..%5Cadmin",
        "/%2564ashboard",
        "/dashboard;x",
        "/x/..;/admin",
        "/_next/..%2Fadmin",
        "/api/auth/..%2F..%2Fadmin",
        "/favicon.ico/..%2Fdashboard",
        "/Dashboard",
        "/ADMIN/users",
        "/dashboard/a%2Fb",
        "/dashboard/..%2F..%2Fadmin",
        "/admin%2500",
    ] {
        assert_eq!(canonical(path), Err(BadPath::Ambiguous), "{path}");
    }
    assert_eq!(canonical("/dashboard%00"), Err(BadPath::Nul));
    assert_eq!(canonical("/a%zz"), Err(BadPath::MalformedEscape));
    // Unguarded ambiguity and upper case inside a guarded area pass as they are.
    for path in [
        "/files/a%2Fb",
        "/about;v=1",
        "/About",
        "/x%2F..%2Fabout",
        "/dashboard/Reports",
        "/dashboard/caf%C3%A9",
        "/search/100%25",
        "/dashboardx",
    ] {
        assert_eq!(canonical(path).as_deref(), Ok(path), "{path}");
    }
}

#[test]
fn path_policy_guard_guards_every_reading_and_exact_leaves_paths_alone() {
    let guard = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", r#"["/dashboard/:path*", "/admin/:path*"]"#),
        ("PATH_POLICY", "guard"),
    ]);
    for path in [
        "/x%2F..%2Fdashboard",
        "/dashboard;x",
        "/_next/..%2Fadmin",
        "/ADMIN",
        "/dashboard/a%2Fb",
    ] {
        let u = guard.canonical(&url(path)).unwrap();
        assert_eq!(u.pathname, path);
        let Ok(Step::Check { guard: g, .. }) = guard.step(&u, None, None, NOW) else {
            panic!("{path} is not guarded")
        };
        // The sign-in redirect comes back to the spelling asked for.
        assert!(g.sign_in_location().contains("callbackUrl="), "{path}");
    }
    assert!(matches!(
        guard.step(
            &guard.canonical(&url("/files/a%2Fb")).unwrap(),
            None,
            None,
            NOW
        ),
        Ok(Step::Forward)
    ));
    assert_eq!(
        guard.canonical(&url("//dashboard")).unwrap().pathname,
        "/dashboard"
    );

    let exact = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", "/dashboard/:path*"),
        ("PATH_POLICY", "exact"),
    ]);
    let u = exact.canonical(&url("//dashboard")).unwrap();
    assert_eq!(u.pathname, "//dashboard");
    assert!(matches!(exact.step(&u, None, None, NOW), Ok(Step::Forward)));
    assert_eq!(error(&[("PATH_POLICY", "lenient")]).setting, "PATH_POLICY");
}

#[test]
fn path_policy_with_a_base_path() {
    let c = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", "/dashboard/:path*"),
        ("BASE_PATH", "/docs"),
    ]);
    assert_eq!(
        c.canonical(&url("/docs//%64ashboard")).unwrap().pathname,
        "/docs/dashboard"
    );
    assert_eq!(
        c.canonical(&url("/docs/x%2F..%2Fdashboard")),
        Err(BadPath::Ambiguous)
    );
    assert_eq!(
        c.canonical(&url("/docs/Dashboard")),
        Err(BadPath::Ambiguous)
    );
    assert_eq!(
        c.canonical(&url("/docs/api/auth/..%2F..%2Fdashboard")),
        Err(BadPath::Ambiguous)
    );
    assert_eq!(
        c.canonical(&url("/docs/about%2Fx")).unwrap().pathname,
        "/docs/about%2Fx"
    );
}

#[test]
fn a_nextjs_origin_is_judged_on_the_page_its_data_rsc_and_image_urls_are_for() {
    let c = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", r#"["/admin/:path*"]"#),
        ("BASE_PATH", "/docs"),
    ]);
    let judged = |path: &str, search: &str| {
        let url = IncomingUrl::new("https://app.example", path, search);
        let judged = c.judged_url(&url);
        (judged.pathname.clone(), judged.search.clone())
    };
    assert_eq!(
        judged("/docs/_next/data/b1/admin/legacy.json", ""),
        ("/docs/admin/legacy".into(), "".into())
    );
    assert_eq!(
        judged("/docs/_next/data/b1/index/admin.json", ""),
        ("/docs/admin".into(), "".into())
    );
    assert_eq!(
        judged("/docs/admin.rsc", "?_rsc=1x"),
        ("/docs/admin".into(), "".into())
    );
    assert_eq!(
        judged("/docs/_next/image", "?url=%2Fadmin%2Fchart.png&w=64"),
        (
            "/docs/admin/chart.png".into(),
            "?url=%2Fadmin%2Fchart.png&w=64".into()
        )
    );
    // Unguarded pages and static assets stay as asked; `_rsc` never reaches callbackUrl.
    assert_eq!(
        judged("/docs/_next/data/b1/about.json", ""),
        ("/docs/_next/data/b1/about.json".into(), "".into())
    );
    assert_eq!(
        judged("/docs/admin/x", "?tab=1&_rsc=9"),
        ("/docs/admin/x".into(), "?tab=1".into())
    );
    let url = IncomingUrl::new(
        "https://app.example",
        "/docs/_next/data/b1/admin/legacy.json",
        "",
    );
    match c.step(&c.judged_url(&url), None, None, NOW) {
        Ok(Step::Check { guard, .. }) => assert_eq!(
            guard.sign_in_location(),
            "https://app.example/docs/api/auth/signin?callbackUrl=%2Fdocs%2Fadmin%2Flegacy"
        ),
        other => panic!("{other:?}"),
    }
    // `_rsc` alone (what a client navigation sends): the callback URL has no search at all.
    let nav = IncomingUrl::new("https://app.example", "/docs/admin/x", "?_rsc=1p-R_iEY6");
    assert_eq!(c.judged_url(&nav).search, "");
    let off = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", r#"["/admin/:path*"]"#),
        ("NEXTJS_ORIGIN", "false"),
    ]);
    let raw = IncomingUrl::new("https://app.example", "/admin.rsc", "?_rsc=1");
    assert!(matches!(off.judged_url(&raw), Cow::Borrowed(url) if *url == raw));
    // Nothing Next-specific: the URL is judged as it is, without a copy.
    let plain = IncomingUrl::new("https://app.example", "/docs/admin/x", "?tab=1");
    assert!(matches!(c.judged_url(&plain), Cow::Borrowed(_)));
}

#[test]
fn next_url_is_judged_as_the_page_whose_intercepting_routes_it_selects() {
    let c = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", r#"["/admin/:path*"]"#),
        ("BASE_PATH", "/docs"),
    ]);
    let about = IncomingUrl::new("https://app.example", "/docs/about", "");
    let admin = |path: &str| NextUrl::Check(IncomingUrl::new("https://app.example", path, ""));
    // The client router sends its current page without basePath; Next matches it that way.
    assert_eq!(c.next_url(&about, "/admin"), admin("/docs/admin"));
    assert_eq!(
        c.next_url(&about, "/admin/users?tab=1"),
        admin("/docs/admin/users")
    );
    assert_eq!(c.next_url(&about, "/x/../%61dmin/"), admin("/docs/admin/"));
    assert_eq!(c.next_url(&about, "/about"), NextUrl::Forward);
    assert_eq!(c.next_url(&about, "/"), NextUrl::Forward);
    // Not a path, or ambiguous where a reading is guarded: the header goes.
    for header in [
        "admin",
        "https://app.example/admin",
        "//admin",
        "",
        "/x%2F..%2Fadmin",
    ] {
        assert_eq!(c.next_url(&about, header), NextUrl::Drop, "{header}");
    }
    let off = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", r#"["/admin/:path*"]"#),
        ("NEXTJS_ORIGIN", "false"),
    ]);
    assert_eq!(off.next_url(&url("/about"), "/admin"), NextUrl::Forward);
}

#[test]
fn next_locales_come_off_the_path_before_matching() {
    let c = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("MATCHER", r#"["/admin/:path*"]"#),
        ("NEXT_LOCALES", r#"["en-US", "fr"]"#),
    ]);
    for path in [
        "/fr/admin",
        "/FR/admin/x",
        "/_next/data/b1/en-US/admin/legacy.json",
    ] {
        let asked = url(path);
        let judged = c.judged_url(&asked);
        assert!(judged.pathname.starts_with("/admin"), "{path}: {judged:?}");
        assert!(
            matches!(c.step(&judged, None, None, NOW), Ok(Step::Check { .. })),
            "{path}"
        );
    }
    let other = url("/de/admin");
    assert!(matches!(
        c.step(&c.judged_url(&other), None, None, NOW),
        Ok(Step::Forward)
    ));
    for bad in ["fr", "[]", r#"["fr/x"]"#, r#"[""]"#, "[1]"] {
        assert_eq!(
            error(&[("NEXT_LOCALES", bad)]).setting,
            "NEXT_LOCALES",
            "{bad}"
        );
    }
}

#[test]
fn forwarding_reads_the_claims_it_forwards_and_no_others() {
    let c = config(&[
        ("NEXTAUTH_SECRET", "s"),
        (
            "IDENTITY_HEADERS",
            r#"{"x-user-role":"role","x-user-id":"sub"}"#,
        ),
        (
            "ASSERTION_SECRET",
            "an-assertion-secret-of-32-bytes-or-more",
        ),
    ]);
    assert!(["role", "sub", "email", "name"]
        .iter()
        .all(|claim| c.forwards_claim(claim)));
    assert!(!c.forwards_claim("picture") && !c.forwards_claim("exp"));
    let unsigned = config(&[
        ("NEXTAUTH_SECRET", "s"),
        ("IDENTITY_HEADERS", r#"{"x-user-mail":"email"}"#),
    ]);
    assert!(unsigned.forwards_claim("email") && !unsigned.forwards_claim("name"));
    // What the headers and the assertion hold is the same from the filtered claims as from all.
    let t = token(
        "s",
        serde_json::json!({ "sub": "7", "name": "Ada", "email": "a@b", "role": "admin", "picture": "p" }),
    );
    let session = match c.step(
        &url("/p"),
        Some(&format!("next-auth.session-token={t}")),
        None,
        NOW,
    ) {
        Ok(Step::Check {
            session: Ok(session),
            ..
        }) => session,
        other => panic!("{other:?}"),
    };
    let all = session.claims.to_map();
    let forwarded = session.claims.to_map_of(|name| c.forwards_claim(name));
    assert!(!forwarded.contains_key("picture"));
    assert_eq!(
        c.identity().headers_for(&forwarded),
        c.identity().headers_for(&all)
    );
    let signer = c.assertion().unwrap();
    assert_eq!(
        signer.sign(&forwarded, "i", "a", NOW),
        signer.sign(&all, "i", "a", NOW)
    );
}
