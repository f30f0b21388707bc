use std::time::{Duration, Instant};

use super::*;

fn matcher(value: &str) -> Matcher {
    Matcher::parse(value, "").unwrap_or_else(|err| panic!("{value}: {err}"))
}

#[test]
fn path_parameters_follow_next_js() {
    let m = matcher("/dashboard/:path*");
    for yes in [
        "/dashboard",
        "/dashboard/",
        "/dashboard/a",
        "/dashboard/a/b/c",
        "/dashboard.json",
        "/dashboard/a.rsc",
        "/_next/data/build-id/dashboard/a.json",
    ] {
        assert!(m.matches(yes), "{yes}");
    }
    for no in [
        "/",
        "/dashboardx",
        "/dash",
        "/x/dashboard",
        "/DASHBOARD",
        "",
        "dashboard",
    ] {
        assert!(!m.matches(no), "{no}");
    }
    let optional = matcher("/a/:b?");
    assert!(optional.matches("/a") && optional.matches("/a/x") && !optional.matches("/a/x/y"));
    let plus = matcher("/a/:b+");
    assert!(!plus.matches("/a") && plus.matches("/a/x") && plus.matches("/a/x/y"));
    let param = matcher("/u/:id/edit");
    assert!(param.matches("/u/42/edit") && !param.matches("/u/42/43/edit"));
    let braces = matcher("/shop{/:category}?/cart");
    assert!(braces.matches("/shop/cart") && braces.matches("/shop/books/cart"));
}

#[test]
fn regex_groups_and_lists() {
    let m = matcher("/((?!api|_next/static|_next/image|favicon.ico).*)");
    for yes in ["/", "/dashboard", "/apple", "/a/api"] {
        assert!(m.matches(yes), "{yes}");
    }
    for no in ["/api", "/api/x", "/_next/static/chunk.js", "/favicon.ico"] {
        assert!(!m.matches(no), "{no}");
    }
    let list = matcher(r#"["/a", {"source": "/b/:rest*", "locale": false}]"#);
    assert!(list.matches("/a") && list.matches("/b/c") && !list.matches("/c"));
    let digits = matcher(r"/item/:id(\d{1,5})");
    assert!(digits.matches("/item/12345") && !digits.matches("/item/123456"));
    assert!(!digits.matches("/item/abc"));
    let root = matcher("/");
    assert!(root.matches("/") && root.matches("/index") && !root.matches("/a"));
}

#[test]
fn base_path_prefixes_every_source() {
    let m = Matcher::parse("/dashboard/:path*", "/docs").unwrap();
    assert!(m.matches("/docs/dashboard/x"));
    assert!(!m.matches("/dashboard/x"));
}

#[test]
fn settings_errors_say_what_is_wrong() {
    let err = |value: &str| Matcher::parse(value, "").unwrap_err().to_string();
    assert_eq!(err("dashboard"), "`dashboard`: source must start with /");
    assert_eq!(
        err(r#"["/a", "/b/((c))"]"#),
        "matcher 2 `/b/((c))`: Capturing groups are not allowed at 4"
    );
    assert!(err("[]").contains("guards nothing"));
    assert!(err("[1]").contains("array of strings"));
    assert!(err("[\"/a\"").contains("JSON array"));
    assert!(err(r#"[{"source": "/a", "has": []}]"#).contains("`has` conditions"));
    assert!(err(r#"[{"source": "/a", "locale": true}]"#).contains("locale"));
    assert!(err(r#"[{"src": "/a"}]"#).contains("unknown matcher key"));
    assert!(err("/((?<=a)b)").contains("lookbehind"));
    assert!(err("/(a{2000})").contains("above 1000"));
    let many = format!("[{}]", vec!["\"/a\""; MAX_MATCHERS + 1].join(","));
    assert!(err(&many).contains("at most"));
    let heavy = format!("[{}]", vec!["\"/(a{1000})\""; 30].join(","));
    assert!(err(&heavy).contains("too large together"));
    // Counted repetitions that multiply are bounded at compile time.
    assert!(err("/((?:(?:(?:a{1000}){1000}){1000}))").contains("too large"));
    assert!(err("/((?:(?:(?:(?:){1000}){1000}){1000}))").contains("too large"));
}

#[test]
fn js_regex_semantics() {
    let cases: &[(&str, &str, bool)] = &[
        ("^a|b$", "xb", true),
        ("^(?:a|b)$", "xb", false),
        ("a.c", "a\nc", false),
        ("[^]", "\n", true),
        ("[]", "a", false),
        ("^\\bfoo\\b", "foo-bar", true),
        ("^\\Bfoo", "foo", false),
        ("^[\\w-]+$", "a-b_c", true),
        ("^\\s$", "\u{a0}", true),
        ("^\\x41\\u0042$", "AB", true),
        ("^a{2,3}$", "aaaa", false),
        ("^a{2,}$", "aaaa", true),
        ("^(?=.*x)(?!.*y).*$", "aaxa", true),
        ("^(?=.*x)(?!.*y).*$", "aaxay", false),
        ("^(?:(?!ab).)*$", "aaab", false),
        ("^(?:(?!ab).)*$", "baa", true),
        ("^(?=(?!a)b)", "b", true),
        ("^(?<name>a)+$", "aaa", true),
        ("^a*?$", "aaa", true),
        ("^(?:a*)*b$", "aaab", true),
        ("^[a\\-z]$", "-", true),
        ("^[\\b]$", "\u{8}", true),
        ("x$|^$", "", true),
        // UTF-16 code units, as JavaScript without the `u` flag: 😀 is \uD83D \uDE00.
        ("^.$", "😀", false),
        ("^..$", "😀", true),
        ("^[^/]$", "😀", false),
        ("^[^/]{2}$", "😀", true),
        ("^😀$", "😀", true),
        ("^😀+$", "😀", true),
        ("^😀+$", "😀😀", false),
        ("^(?:😀)+$", "😀😀", true),
        ("^[😀]$", "😀", false),
        ("^[😀]{2}$", "😀", true),
        ("^\\uD83D", "😀", true),
        ("\\uDE00$", "a😀", true),
        ("^\\uD83D\\uDE00$", "😀", true),
        ("^[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]$", "😀", true),
        ("^[^\\uD800-\\uDFFF]+$", "a😀", false),
        ("^\\S\\W$", "😀", true),
        ("\\b", "😀", false),
        ("^.é$", "aé", true),
    ];
    for &(pattern, text, expected) in cases {
        let regex = JsRegex::new(pattern).unwrap_or_else(|err| panic!("{pattern}: {err}"));
        assert_eq!(regex.is_match(text), expected, "/{pattern}/.test({text:?})");
    }
}

/// Patterns that take exponential or quadratic time in a backtracking engine, on hostile paths.
#[test]
fn hostile_paths_take_linear_time() {
    let long_a = format!("/{}!", "a".repeat(MAX_PATH_LEN - 2));
    let long_slash = format!("/{}", "a/".repeat(MAX_PATH_LEN / 2 - 1));
    let patterns = [
        "/((?:a+)+b)",
        "/((?:a|a)*b)",
        "/((?:a*)*b)",
        "/((?:(?!.*z).)*z)",
        "/((?=(?:a*)*b).*)",
        "/:a*/:b*/:c*/x",
        "/((?:(?:(?:a{1,10}){1,10}){1,10})b)",
    ];
    for pattern in patterns {
        let m = matcher(pattern);
        for path in [&long_a, &long_slash] {
            let started = Instant::now();
            assert!(!m.matches(path), "{pattern}");
            let took = started.elapsed();
            // Generous for debug builds on a busy machine; a backtracking engine needs years.
            assert!(took < Duration::from_secs(5), "{pattern}: {took:?}");
        }
    }
    // Over the limit: guarded without looking.
    assert!(matcher("/a").matches(&"/a".repeat(MAX_PATH_LEN)));
}

/// A naive backtracking reference over the syntax tree, for small inputs only.
fn reference(node: &regex::Node, text: &[u32], p: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    use regex::{Assertion, Node};
    match node {
        Node::Empty => k(p),
        Node::Set(set) => p < text.len() && set.contains(text[p]) && k(p + 1),
        Node::Concat(nodes) => concat(nodes, text, p, k),
        Node::Alt(nodes) => nodes.iter().any(|n| reference(n, text, p, k)),
        Node::Repeat { node, min, max } => repeat(node, *min, *max, text, p, k),
        Node::Assert(kind) => {
            let word = |i: Option<usize>| {
                i.and_then(|i| text.get(i))
                    .and_then(|&c| char::from_u32(c))
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            };
            let ok = match kind {
                Assertion::Start => p == 0,
                Assertion::End => p == text.len(),
                Assertion::WordBoundary => word(p.checked_sub(1)) != word(Some(p)),
                Assertion::NotWordBoundary => word(p.checked_sub(1)) == word(Some(p)),
            };
            ok && k(p)
        }
        Node::Look { negate, node } => {
            let found = reference(node, text, p, &mut |_| true);
            found != *negate && k(p)
        }
    }
}

fn concat(nodes: &[regex::Node], text: &[u32], p: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
    match nodes.split_first() {
        None => k(p),
        Some((first, rest)) => reference(first, text, p, &mut |q| concat(rest, text, q, k)),
    }
}

fn repeat(
    node: &regex::Node,
    min: u32,
    max: Option<u32>,
    text: &[u32],
    p: usize,
    k: &mut dyn FnMut(usize) -> bool,
) -> bool {
    if max == Some(0) {
        return k(p);
    }
    let next_max = max.map(|m| m - 1);
    if min > 0 {
        return reference(node, text, p, &mut |q| {
            repeat(node, min - 1, next_max, text, q, k)
        });
    }
    // Empty iterations are rejected, as in JavaScript (and they change nothing here).
    reference(node, text, p, &mut |q| {
        q > p && repeat(node, 0, next_max, text, q, k)
    }) || k(p)
}

#[test]
fn the_engine_agrees_with_a_backtracking_reference() {
    let patterns = [
        "a*b",
        "(?:ab|a)*c",
        "^(?:a|b)+$",
        "(?=a)(?!ab)a",
        "^(?:(?!b).)*$",
        "a{1,3}b?",
        "\\bb",
        "^(?:a?){2}a{2}$",
        "(?:(?=(a))b|a)+$",
        "[^a]|^$",
        "(?:a|(?=b))+b",
    ];
    let mut texts = vec![String::new()];
    for len in 1..=5 {
        let mut next = Vec::new();
        for text in texts.iter().filter(|t| t.len() == len - 1) {
            for c in ['a', 'b', 'c'] {
                next.push(format!("{text}{c}"));
            }
        }
        texts.extend(next);
    }
    for pattern in patterns {
        let node = regex::parse(pattern).unwrap();
        let compiled = JsRegex::new(pattern).unwrap();
        for text in &texts {
            let chars: Vec<u32> = text.chars().map(u32::from).collect();
            let expected =
                (0..=chars.len()).any(|start| reference(&node, &chars, start, &mut |_| true));
            assert_eq!(
                compiled.is_match(text),
                expected,
                "/{pattern}/.test({text:?})"
            );
        }
    }
}

#[test]
fn arbitrary_input_never_panics() {
    // A small deterministic generator over regex-ish alphabets.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet: Vec<char> = "/:()?*+{}[]^$|\\.-,0123456789abdswBDSWx!=<>_#%é"
        .chars()
        .collect();
    for _ in 0..20_000 {
        let len = (next() % 24) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        if let Ok(m) = Matcher::parse(&text, "") {
            m.matches(&text);
            m.matches("/a/b");
        }
        if let Ok(regex) = JsRegex::new(&text) {
            regex.is_match(&text);
        }
        let _ = Matcher::parse(&format!("/{text}"), "/base");
    }
}
