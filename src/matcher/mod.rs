//! Next.js middleware `matcher`s, compiled once and tested against request paths without any
//! way for a path to make the test slow.
//!
//! A matcher source goes through the same steps as in Next.js 15 (`getMiddlewareMatchers`):
//! path-to-regexp turns `/dashboard/:path*`, `:param?`, `:param+`, `{/optional}?` and regex
//! groups such as `/((?!api|_next/static).*)` into a regular expression, which is wrapped to
//! also cover `/_next/data/<build>/…` and `.json` / `.rsc` variants and prefixed with
//! `basePath`. The regex source is byte-for-byte the one Next.js builds (checked against the
//! real package by `tests/matcher_fixtures.rs` and `tests/matcher_diff.rs`) and is tested, like
//! Next.js does, against the URL's pathname as the URL parser leaves it (percent-encoded).
//!
//! Next.js runs `new RegExp(matcher.regexp).exec(pathname)` — no flags — in
//! `getMiddlewareRouteMatcher` (`next/dist/shared/lib/router/utils/middleware-route-matcher.js`;
//! the client router's `matchesMiddleware` does the same `.test`). path-to-regexp builds its
//! `RegExp` with the `i` flag, but Next keeps only `.source`. So matching here is exactly
//! `new RegExp(source).test(path)` with no flags:
//!
//! - case-sensitive, `.` stops at line terminators, `^` / `$` at the ends of the whole path;
//! - **UTF-16 code units**, not code points, as JavaScript without the `u` flag: the path is
//!   read as its UTF-16 code units, and so is the pattern, so an astral character (`😀`,
//!   U+1F600) is two units, its surrogates. `.` and `[^/]` match one surrogate, `^.$` does not
//!   match `"😀"` but `^..$` does, `😀+` repeats only the low surrogate, a class `[😀]` holds the
//!   two surrogates separately, and `\uD83D` matches the first half of a `😀`. A pathname from
//!   the URL parser is ASCII (non-ASCII is percent-encoded), so this only shows on raw paths.
//!
//! Unlike JavaScript's backtracking engine, the engine here takes time linear in the path
//! length for any pattern (a Thompson simulation over at most [`MAX_INSTS`] compiled states, in
//! `program.rs`), and refuses — with a message — the few regex
//! features it does not implement instead of guessing (backreferences, lookbehind, Annex B's
//! lenient spellings; `regex.rs` lists them). A regex it accepts answers like V8 on every path
//! (`tests/matcher_diff.rs` compares thousands of random sources and matchers with V8 and
//! Next.js). `has` / `missing` conditions and i18n locales are not supported.
//!
//! ```
//! use nextauth_edge::matcher::Matcher;
//!
//! let matcher = Matcher::parse(r#"["/dashboard/:path*", "/admin"]"#, "").unwrap();
//! assert!(matcher.matches("/dashboard"));
//! assert!(matcher.matches("/dashboard/a/b"));
//! assert!(matcher.matches("/admin/"));
//! assert!(!matcher.matches("/administrator"));
//! assert!(!matcher.matches("/Dashboard")); // case-sensitive, as in Next.js
//!
//! let everything_but_assets = Matcher::parse("/((?!api|_next/static|favicon.ico).*)", "").unwrap();
//! assert!(everything_but_assets.matches("/account"));
//! assert!(!everything_but_assets.matches("/api/hello"));
//! ```

mod path;
mod program;
mod regex;

use thiserror::Error;

pub use path::{middleware_regex, MAX_SOURCE_LEN};
pub use program::MAX_INSTS;
pub use regex::{MAX_DEPTH, MAX_REPEAT};

/// At most this many matchers in one list (and [`MAX_INSTS`] compiled states in all, so a
/// request costs at most `MAX_INSTS × path length` steps).
pub const MAX_MATCHERS: usize = 64;
/// Paths longer than this (in UTF-8 bytes) are never compared: [`Matcher::matches`] answers
/// `true` (guarded). Cloudflare refuses URLs over 16 KiB anyway.
pub const MAX_PATH_LEN: usize = 16 * 1024;

/// Why a matcher list can't be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct MatcherError(String);

/// A JavaScript regular expression (no flags, so over UTF-16 code units) in the dialect
/// [`Matcher`] supports, with a linear-time [`is_match`](JsRegex::is_match). Public mainly for
/// differential tests.
#[derive(Debug, Clone)]
pub struct JsRegex {
    source: String,
    program: program::Program,
}

impl JsRegex {
    /// Compiles `source` (a JavaScript regex body, without `/…/` or flags). Refuses, with a
    /// message, the features the engine does not implement and patterns over the limits
    /// ([`MAX_DEPTH`], [`MAX_REPEAT`], [`MAX_INSTS`]).
    ///
    /// ```
    /// use nextauth_edge::matcher::JsRegex;
    ///
    /// let re = JsRegex::new("^/a(?:/b)?$").unwrap();
    /// assert!(re.is_match("/a/b"));
    /// assert!(!re.is_match("/a/c"));
    /// assert!(JsRegex::new("(a)\\1").is_err()); // backreferences are refused
    /// ```
    pub fn new(source: &str) -> Result<JsRegex, MatcherError> {
        let node = regex::parse(source).map_err(MatcherError)?;
        let program = program::Program::compile(&node).map_err(MatcherError)?;
        Ok(JsRegex {
            source: source.to_owned(),
            program,
        })
    }

    /// `new RegExp(source).test(text)`: the text is seen as UTF-16 code units, as JavaScript
    /// does without the `u` flag.
    pub fn is_match(&self, text: &str) -> bool {
        self.program.is_match(&utf16_units(text))
    }

    /// The source it was compiled from.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The size of the compiled program (its states).
    pub fn states(&self) -> usize {
        self.program.len()
    }
}

/// A compiled list of matchers: a path is matched when any of them matches.
#[derive(Debug, Clone)]
pub struct Matcher {
    entries: Vec<(String, JsRegex)>,
}

impl Matcher {
    /// Compiles `sources` as Next.js would with this `basePath` (`""` for none).
    pub fn new<S: AsRef<str>>(sources: &[S], base_path: &str) -> Result<Matcher, MatcherError> {
        if sources.is_empty() {
            return Err(MatcherError(
                "an empty list guards nothing; leave the matcher unset to guard every path".into(),
            ));
        }
        if sources.len() > MAX_MATCHERS {
            return Err(MatcherError(format!(
                "at most {MAX_MATCHERS} matchers are supported"
            )));
        }
        let mut entries = Vec::with_capacity(sources.len());
        let mut states = 0;
        for (index, source) in sources.iter().enumerate() {
            let source = source.as_ref();
            let fail = |message: String| {
                let which = if sources.len() > 1 {
                    format!("matcher {} ", index + 1)
                } else {
                    String::new()
                };
                MatcherError(format!("{which}`{}`: {message}", shorten(source)))
            };
            let regex = middleware_regex(source, base_path).map_err(fail)?;
            let compiled = JsRegex::new(&regex).map_err(|err| fail(err.0))?;
            states += compiled.states();
            if states > MAX_INSTS {
                return Err(MatcherError(format!(
                    "the matchers are too large together (more than {MAX_INSTS} states)"
                )));
            }
            entries.push((source.to_owned(), compiled));
        }
        Ok(Matcher { entries })
    }

    /// A matcher setting as text: one source (`/dashboard/:path*`) or a JSON array of sources
    /// and `{ "source": … }` objects, like `export const config = { matcher }`.
    pub fn parse(value: &str, base_path: &str) -> Result<Matcher, MatcherError> {
        let value = value.trim();
        if !value.starts_with('[') {
            return Matcher::new(&[value], base_path);
        }
        let list: Vec<serde_json::Value> = serde_json::from_str(value).map_err(|err| {
            MatcherError(format!(
                "not a JSON array of strings or {{\"source\": …}} objects ({err})"
            ))
        })?;
        let mut sources = Vec::with_capacity(list.len());
        for item in list {
            sources.push(match item {
                serde_json::Value::String(source) => source,
                serde_json::Value::Object(mut object) => {
                    for key in object.keys() {
                        match key.as_str() {
                            "source" | "locale" => {}
                            "has" | "missing" => {
                                return Err(MatcherError(format!(
                                    "`{key}` conditions are not supported"
                                )))
                            }
                            other => {
                                return Err(MatcherError(format!(
                                    "unknown matcher key `{}`",
                                    shorten(other)
                                )))
                            }
                        }
                    }
                    if object
                        .get("locale")
                        .is_some_and(|locale| locale != &serde_json::Value::Bool(false))
                    {
                        return Err(MatcherError("`locale` may only be `false`".into()));
                    }
                    match object.remove("source") {
                        Some(serde_json::Value::String(source)) => source,
                        _ => {
                            return Err(MatcherError(
                                "a matcher object needs a `source` string".into(),
                            ))
                        }
                    }
                }
                _ => {
                    return Err(MatcherError(
                        "must be an array of strings or {\"source\": …} objects".into(),
                    ))
                }
            });
        }
        Matcher::new(&sources, base_path)
    }

    /// Whether Next.js would run the middleware for this pathname (percent-encoded, as in
    /// `new URL(url).pathname`). Absurdly long paths are guarded without being compared.
    pub fn matches(&self, pathname: &str) -> bool {
        if pathname.len() > MAX_PATH_LEN {
            return true;
        }
        let units = utf16_units(pathname);
        self.entries
            .iter()
            .any(|(_, regex)| regex.program.is_match(&units))
    }

    /// The sources and the regexes they compiled to.
    pub fn regexes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries
            .iter()
            .map(|(source, regex)| (source.as_str(), regex.as_str()))
    }
}

/// What a JavaScript regex without the `u` flag reads: UTF-16 code units.
fn utf16_units(text: &str) -> Vec<u32> {
    text.encode_utf16().map(u32::from).collect()
}

/// Long inputs are cut in messages.
fn shorten(text: &str) -> String {
    const MAX: usize = 80;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests;
