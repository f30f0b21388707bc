//! A middleware `matcher` source to the regular expression Next.js tests paths with: a port of
//! path-to-regexp 6.3.0 (`parse`, then `tokensToRegexp` with default options) as Next.js 15
//! drives it (`tryToParsePath`, with its retry for repeated parameters without a prefix), wrapped
//! the way `getMiddlewareMatchers` wraps every source (optional `/_next/data/<build>` prefix, data
//! and RSC suffixes, `basePath`), and finally spelled like `RegExp.prototype.source`.
//!
//! The port follows the JavaScript line by line, including its quirks (a trailing `\` is dropped;
//! `Must have text between two parameters`), so the regex strings are byte-for-byte Next's:
//! `tests/matcher_fixtures.rs` compares them with the real `next` package's output.

/// Next.js rejects longer sources (`SourceSchema`: "exceeds max built length of 4096").
pub const MAX_SOURCE_LEN: usize = 4096;

const DELIMITER: &str = "/#?";
const PREFIXES: &str = "./";
const NEXT_DATA_PREFIX: &str = "/:nextData(_next/data/[^/]{1,})?";
const DATA_SUFFIX: &str = r"\.json|\.rsc|\.segments/.+\.segment\.rsc";
const ROOT_TRANSPORT: &str = r"/?index(?:\.rsc|\.segments/.+\.segment\.rsc)";

/// `getMiddlewareMatchers(source, { basePath }).regexp` (no i18n): the regex source Next.js
/// matches request paths against, or the message Next.js would fail the build with.
pub fn middleware_regex(source: &str, base_path: &str) -> Result<String, String> {
    validate_source(source)?;
    let suffix = if source == "/" {
        format!(r"(/?index|/?index\.json|{ROOT_TRANSPORT})?")
    } else {
        format!("{{({DATA_SUFFIX})}}?")
    };
    let full = [base_path, NEXT_DATA_PREFIX, source, &suffix].concat();
    validate_source(&full)?;
    Ok(regexp_source(&to_regex(&full)?))
}

/// `SourceSchema`: starts with `/`, at most 4096 characters, parses.
fn validate_source(source: &str) -> Result<(), String> {
    // zod's `.max()` counts a JavaScript string's length: UTF-16 code units.
    if source.encode_utf16().count() > MAX_SOURCE_LEN {
        return Err(format!(
            "exceeds max built length of {MAX_SOURCE_LEN} for route"
        ));
    }
    if !source.starts_with('/') {
        return Err("source must start with /".into());
    }
    to_regex(source).map(drop)
}

/// `safeTokensToRegexp(parse(source))`.
fn to_regex(source: &str) -> Result<String, String> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = parse(&lex(&chars)?)?;
    match tokens_to_regexp(&tokens) {
        Ok(regex) => Ok(regex),
        Err(_) => {
            // Next.js (route-pattern-normalizer): a repeated parameter without prefix and suffix
            // gets the prefix `/`, then the conversion is tried again.
            for token in &mut tokens {
                if let PathToken::Key(key) = token {
                    if matches!(key.modifier.as_str(), "*" | "+")
                        && key.prefix.is_empty()
                        && key.suffix.is_empty()
                    {
                        key.prefix = "/".into();
                    }
                }
            }
            tokens_to_regexp(&tokens)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Modifier,
    EscapedChar,
    Open,
    Close,
    Name,
    Pattern,
    Char,
    End,
}

impl Kind {
    fn js_name(self) -> &'static str {
        match self {
            Kind::Modifier => "MODIFIER",
            Kind::EscapedChar => "ESCAPED_CHAR",
            Kind::Open => "OPEN",
            Kind::Close => "CLOSE",
            Kind::Name => "NAME",
            Kind::Pattern => "PATTERN",
            Kind::Char => "CHAR",
            Kind::End => "END",
        }
    }
}

/// A lexer token. `value` is `None` where JavaScript has `undefined` (a `\` at the very end).
struct Lexeme {
    kind: Kind,
    index: usize,
    value: Option<String>,
}

/// Lexes per `char`; positions (in tokens and messages) are JavaScript's string indices, in
/// UTF-16 code units. (JavaScript lexes per code unit; an astral character is never syntax, and
/// where `\` escapes only its first surrogate the second one follows as a `CHAR`, which both
/// `parse` and `tokensToRegexp` append to the same text, so lexing whole characters builds the
/// same regex.)
fn lex(chars: &[char]) -> Result<Vec<Lexeme>, String> {
    let mut units_before = Vec::with_capacity(chars.len() + 1);
    let mut units = 0;
    for c in chars {
        units_before.push(units);
        units += c.len_utf16();
    }
    units_before.push(units);
    let at = |i: usize| units_before[i.min(chars.len())];
    let mut tokens = Vec::new();
    let mut i = 0;
    let token = |kind, index: usize, value: Option<String>| Lexeme {
        kind,
        index: at(index),
        value,
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' | '+' | '?' => {
                tokens.push(token(Kind::Modifier, i, Some(c.into())));
                i += 1;
            }
            '\\' => {
                let value = chars.get(i + 1).map(|c| c.to_string());
                tokens.push(token(Kind::EscapedChar, i, value));
                i += 2;
            }
            '{' => {
                tokens.push(token(Kind::Open, i, Some(c.into())));
                i += 1;
            }
            '}' => {
                tokens.push(token(Kind::Close, i, Some(c.into())));
                i += 1;
            }
            ':' => {
                let mut j = i + 1;
                let mut name = String::new();
                while let Some(&n) = chars.get(j) {
                    if n.is_ascii_alphanumeric() || n == '_' {
                        name.push(n);
                        j += 1;
                    } else {
                        break;
                    }
                }
                if name.is_empty() {
                    return Err(format!("Missing parameter name at {}", at(i)));
                }
                tokens.push(token(Kind::Name, i, Some(name)));
                i = j;
            }
            '(' => {
                let mut count = 1;
                let mut pattern = String::new();
                let mut j = i + 1;
                if chars.get(j) == Some(&'?') {
                    return Err(format!("Pattern cannot start with \"?\" at {}", at(j)));
                }
                while j < chars.len() {
                    if chars[j] == '\\' {
                        let Some(&escaped) = chars.get(j + 1) else {
                            // JavaScript appends "undefined" and then reports the imbalance.
                            return Err(format!("Unbalanced pattern at {}", at(i)));
                        };
                        pattern.push('\\');
                        pattern.push(escaped);
                        j += 2;
                        continue;
                    }
                    if chars[j] == ')' {
                        count -= 1;
                        if count == 0 {
                            j += 1;
                            break;
                        }
                    } else if chars[j] == '(' {
                        count += 1;
                        if chars.get(j + 1) != Some(&'?') {
                            return Err(format!("Capturing groups are not allowed at {}", at(j)));
                        }
                    }
                    pattern.push(chars[j]);
                    j += 1;
                }
                if count != 0 {
                    return Err(format!("Unbalanced pattern at {}", at(i)));
                }
                if pattern.is_empty() {
                    return Err(format!("Missing pattern at {}", at(i)));
                }
                tokens.push(token(Kind::Pattern, i, Some(pattern)));
                i = j;
            }
            _ => {
                tokens.push(token(Kind::Char, i, Some(c.into())));
                i += 1;
            }
        }
    }
    tokens.push(token(Kind::End, i, Some(String::new())));
    Ok(tokens)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum KeyName {
    Named(String),
    Index(usize),
    None,
}

impl std::fmt::Display for KeyName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyName::Named(name) => f.write_str(name),
            KeyName::Index(index) => write!(f, "{index}"),
            KeyName::None => Ok(()),
        }
    }
}

#[derive(Debug, Clone)]
struct Key {
    name: KeyName,
    prefix: String,
    suffix: String,
    pattern: String,
    modifier: String,
}

#[derive(Debug, Clone)]
enum PathToken {
    Text(String),
    Key(Key),
}

/// A JavaScript truthy string (`undefined` and `""` are falsy).
fn truthy(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.is_empty())
}

struct Parser<'a> {
    tokens: &'a [Lexeme],
    at: usize,
}

impl Parser<'_> {
    fn try_consume(&mut self, kind: Kind) -> Option<String> {
        let token = self.tokens.get(self.at).filter(|t| t.kind == kind)?;
        self.at += 1;
        token.value.clone()
    }

    fn must_consume(&mut self, kind: Kind) -> Result<String, String> {
        if let Some(value) = self.try_consume(kind) {
            return Ok(value);
        }
        let (found, index) = self
            .tokens
            .get(self.at)
            .map_or(("END", 0), |t| (t.kind.js_name(), t.index));
        Err(format!(
            "Unexpected {found} at {index}, expected {}",
            kind.js_name()
        ))
    }

    fn consume_text(&mut self) -> String {
        let mut text = String::new();
        loop {
            let value = match self.try_consume(Kind::Char) {
                Some(value) => Some(value),
                None => self.try_consume(Kind::EscapedChar),
            };
            match value {
                Some(value) if !value.is_empty() => text.push_str(&value),
                _ => return text,
            }
        }
    }
}

fn safe_pattern(prefix: &str, result: &[PathToken]) -> Result<String, String> {
    let prev = result.last();
    let prev_text = if !prefix.is_empty() {
        prefix
    } else {
        match prev {
            Some(PathToken::Text(text)) => text.as_str(),
            _ => "",
        }
    };
    if let (Some(prev), true) = (prev, prev_text.is_empty()) {
        let name = match prev {
            PathToken::Key(key) => key.name.to_string(),
            PathToken::Text(_) => String::new(),
        };
        return Err(format!(
            "Must have text between two parameters, missing text after \"{name}\""
        ));
    }
    let delimiters = escape_string(DELIMITER);
    if prev_text.is_empty() || prev_text.contains(|c| DELIMITER.contains(c)) {
        return Ok(format!("[^{delimiters}]+?"));
    }
    Ok(format!(
        "(?:(?!{})[^{delimiters}])+?",
        escape_string(prev_text)
    ))
}

fn parse(tokens: &[Lexeme]) -> Result<Vec<PathToken>, String> {
    let mut p = Parser { tokens, at: 0 };
    let mut result = Vec::new();
    let mut key_index = 0;
    let mut path = String::new();
    while p.at < tokens.len() {
        let char = p.try_consume(Kind::Char);
        let name = p.try_consume(Kind::Name);
        let pattern = p.try_consume(Kind::Pattern);
        if truthy(&name) || truthy(&pattern) {
            let mut prefix = char.filter(|c| !c.is_empty()).unwrap_or_default();
            if !(prefix.is_empty() || PREFIXES.contains(prefix.as_str())) {
                path.push_str(&prefix);
                prefix.clear();
            }
            if !path.is_empty() {
                result.push(PathToken::Text(std::mem::take(&mut path)));
            }
            let name = match name.filter(|n| !n.is_empty()) {
                Some(name) => KeyName::Named(name),
                None => {
                    key_index += 1;
                    KeyName::Index(key_index - 1)
                }
            };
            let pattern = match pattern.filter(|p| !p.is_empty()) {
                Some(pattern) => pattern,
                None => safe_pattern(&prefix, &result)?,
            };
            let modifier = p.try_consume(Kind::Modifier).unwrap_or_default();
            result.push(PathToken::Key(Key {
                name,
                prefix,
                suffix: String::new(),
                pattern,
                modifier,
            }));
            continue;
        }
        let value = if truthy(&char) {
            char
        } else {
            p.try_consume(Kind::EscapedChar)
        };
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            path.push_str(&value);
            continue;
        }
        if !path.is_empty() {
            result.push(PathToken::Text(std::mem::take(&mut path)));
        }
        if truthy(&p.try_consume(Kind::Open)) {
            let prefix = p.consume_text();
            let name = p.try_consume(Kind::Name).unwrap_or_default();
            let pattern = p.try_consume(Kind::Pattern).unwrap_or_default();
            let suffix = p.consume_text();
            p.must_consume(Kind::Close)?;
            let key_name = if !name.is_empty() {
                KeyName::Named(name.clone())
            } else if !pattern.is_empty() {
                key_index += 1;
                KeyName::Index(key_index - 1)
            } else {
                KeyName::None
            };
            let pattern = if !name.is_empty() && pattern.is_empty() {
                safe_pattern(&prefix, &result)?
            } else {
                pattern
            };
            let modifier = p.try_consume(Kind::Modifier).unwrap_or_default();
            result.push(PathToken::Key(Key {
                name: key_name,
                prefix,
                suffix,
                pattern,
                modifier,
            }));
            continue;
        }
        p.must_consume(Kind::End)?;
    }
    Ok(result)
}

/// `tokensToRegexp(tokens)` with the default options (`strict: false`, `end: true`,
/// delimiter `/#?`). The flags (`i`) are dropped: Next.js keeps only `.source`.
fn tokens_to_regexp(tokens: &[PathToken]) -> Result<String, String> {
    let mut route = String::from("^");
    for token in tokens {
        match token {
            PathToken::Text(text) => route.push_str(&escape_string(text)),
            PathToken::Key(key) => {
                let prefix = escape_string(&key.prefix);
                let suffix = escape_string(&key.suffix);
                let pattern = &key.pattern;
                let repeats = matches!(key.modifier.as_str(), "*" | "+");
                if pattern.is_empty() {
                    route.push_str(&format!("(?:{prefix}{suffix}){}", key.modifier));
                } else if !prefix.is_empty() || !suffix.is_empty() {
                    if repeats {
                        let optional = if key.modifier == "*" { "?" } else { "" };
                        route.push_str(&format!(
                            "(?:{prefix}((?:{pattern})(?:{suffix}{prefix}(?:{pattern}))*){suffix}){optional}"
                        ));
                    } else {
                        route.push_str(&format!("(?:{prefix}({pattern}){suffix}){}", key.modifier));
                    }
                } else if repeats {
                    return Err(format!(
                        "Can not repeat \"{}\" without a prefix and suffix",
                        key.name
                    ));
                } else {
                    route.push_str(&format!("({pattern}){}", key.modifier));
                }
            }
        }
    }
    route.push_str(&format!("[{}]?$", escape_string(DELIMITER)));
    Ok(route)
}

/// path-to-regexp's `escapeString`: `/([.+*?=^!:${}()[\]|/\\])/g` → `\$1`.
fn escape_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ".+*?=^!:${}()[]|/\\".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `new RegExp(pattern).source`: `/` outside a character class and line terminators are
/// escaped. The meaning is unchanged; the spelling is what Next.js stores and we compare with.
fn regexp_source(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    let mut escaped = false;
    for c in pattern.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            '/' if !escaped && !in_class => out.push_str("\\/"),
            _ => out.push(c),
        }
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '[' {
            in_class = true;
        } else if c == ']' {
            in_class = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_matchers_compile_to_next_js_regexes() {
        assert_eq!(
            middleware_regex("/dashboard/:path*", "").unwrap(),
            r"^(?:\/(_next\/data\/[^/]{1,}))?\/dashboard(?:\/((?:[^\/#\?]+?)(?:\/(?:[^\/#\?]+?))*))?(\.json|\.rsc|\.segments\/.+\.segment\.rsc)?[\/#\?]?$"
        );
        assert_eq!(
            middleware_regex("/", "").unwrap(),
            r"^(?:\/(_next\/data\/[^/]{1,}))?(?:\/(\/?index|\/?index\.json|\/?index(?:\.rsc|\.segments\/.+\.segment\.rsc)))?[\/#\?]?$"
        );
        assert_eq!(
            middleware_regex("/foo-:x*", "").unwrap(),
            r"^(?:\/(_next\/data\/[^/]{1,}))?\/foo-(?:\/((?:[^\/#\?]+?)(?:\/(?:[^\/#\?]+?))*))?(\.json|\.rsc|\.segments\/.+\.segment\.rsc)?[\/#\?]?$"
        );
        assert_eq!(
            middleware_regex("/x", "/base").unwrap(),
            r"^\/base(?:\/(_next\/data\/[^/]{1,}))?\/x(\.json|\.rsc|\.segments\/.+\.segment\.rsc)?[\/#\?]?$"
        );
    }

    #[test]
    fn invalid_sources_fail_with_path_to_regexp_messages() {
        let err = |s| middleware_regex(s, "").unwrap_err();
        assert_eq!(err("dashboard"), "source must start with /");
        assert_eq!(err("/a/:"), "Missing parameter name at 3");
        assert_eq!(err("/a/((b))"), "Capturing groups are not allowed at 4");
        assert_eq!(err("/a/(?:b)"), "Pattern cannot start with \"?\" at 4");
        assert_eq!(err("/a/((?:b)"), "Unbalanced pattern at 3");
        assert_eq!(err("/a/()"), "Missing pattern at 3");
        assert_eq!(
            err("/:a:b"),
            "Must have text between two parameters, missing text after \"a\""
        );
        assert_eq!(err("/a{b"), "Unexpected END at 4, expected CLOSE");
        assert_eq!(err("/a}"), "Unexpected CLOSE at 2, expected END");
        // Positions are JavaScript string indices: an astral character counts two.
        assert_eq!(err("/😀/:"), "Missing parameter name at 4");
        assert_eq!(err("/😀}"), "Unexpected CLOSE at 3, expected END");
        // 2049 characters, 4097 code units: over zod's limit.
        let astral = format!("/{}", "😀".repeat(MAX_SOURCE_LEN / 2));
        assert!(middleware_regex(&astral, "").unwrap_err().contains("4096"));
        assert!(err(&format!("/{}", "a".repeat(MAX_SOURCE_LEN))).contains("4096"));
    }
}
