//! `decodeURIComponent`, byte for byte.
//!
//! `@edge-runtime/cookies` runs every cookie value through `decodeURIComponent` and drops the
//! cookie when it throws; next-auth does the same to a Bearer token (and returns `null` when it
//! throws). This is that function, without a dependency: the rules are short and have to match
//! exactly, because "decodes" vs "throws" decides whether a cookie exists at all.

use std::borrow::Cow;

/// ECMAScript `decodeURIComponent`: `None` exactly where JavaScript throws a `URIError`.
///
/// * Every `%XX` (hex digits in either case) becomes the byte `0xXX`; nothing is reserved, so
///   `%3B` gives `;` and `%25` gives `%`. `+` stays `+` (this is not form decoding).
/// * A `%` not followed by two hex digits throws.
/// * The bytes must form valid UTF-8: no stray continuation byte, no truncated sequence (`%C3`
///   alone), no overlong form (`%C0%80`), no surrogate (`%ED%A0%80`), nothing above U+10FFFF.
///   `std::str::from_utf8` rejects exactly that set, so validating the whole decoded buffer once
///   is equivalent to the spec's sequence-by-sequence check: literal characters are always
///   complete UTF-8 sequences, so they can neither finish nor start an escaped sequence, in
///   JavaScript or here.
///
/// Without a `%` the input is returned borrowed: the common cookie value is never copied.
/// Linear in the input, whatever it holds.
pub fn decode_uri_component(input: &str) -> Option<Cow<'_, str>> {
    let bytes = input.as_bytes();
    let Some(first) = bytes.iter().position(|&b| b == b'%') else {
        return Some(Cow::Borrowed(input));
    };
    let (plain, mut rest) = bytes.split_at_checked(first)?;
    // Decoding only shrinks: three input bytes make one output byte.
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(plain);
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let [hi, lo, more @ ..] = tail else {
                return None;
            };
            out.push((hex(*hi)? << 4) | hex(*lo)?);
            rest = more;
        } else {
            // Copy the whole run up to the next `%` at once.
            let run = tail.iter().position(|&c| c == b'%').unwrap_or(tail.len());
            let (literal, more) = tail.split_at_checked(run)?;
            out.push(b);
            out.extend_from_slice(literal);
            rest = more;
        }
    }
    String::from_utf8(out).ok().map(Cow::Owned)
}

fn hex(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Option<String> {
        decode_uri_component(s).map(Cow::into_owned)
    }

    #[test]
    fn no_percent_is_borrowed() {
        assert!(matches!(
            decode_uri_component("eyJhbGciOiJkaXIi.x_y-z"),
            Some(Cow::Borrowed("eyJhbGciOiJkaXIi.x_y-z"))
        ));
        assert!(matches!(decode_uri_component(""), Some(Cow::Borrowed(""))));
    }

    #[test]
    fn decodes_ascii_escapes_in_either_case() {
        assert_eq!(dec("a%2Eb").as_deref(), Some("a.b"));
        assert_eq!(dec("%2e%2E").as_deref(), Some(".."));
        assert_eq!(dec("%3B%20%3d").as_deref(), Some("; ="));
        assert_eq!(dec("100%25").as_deref(), Some("100%"));
        assert_eq!(dec("%00").as_deref(), Some("\0"));
    }

    #[test]
    fn plus_is_not_a_space() {
        assert_eq!(dec("a+b").as_deref(), Some("a+b"));
        assert_eq!(dec("a+b%21").as_deref(), Some("a+b!"));
    }

    #[test]
    fn decodes_multibyte_utf8() {
        assert_eq!(dec("%E2%82%AC").as_deref(), Some("€"));
        assert_eq!(dec("%e2%82%ac5").as_deref(), Some("€5"));
        assert_eq!(dec("%C3%A9t%C3%A9").as_deref(), Some("été"));
        assert_eq!(dec("%F0%9F%A6%80").as_deref(), Some("🦀"));
        assert_eq!(dec("%F4%8F%BF%BF").as_deref(), Some("\u{10FFFF}"));
    }

    #[test]
    fn literal_non_ascii_passes_through() {
        assert_eq!(dec("é%21€").as_deref(), Some("é!€"));
    }

    #[test]
    fn bad_escapes_throw() {
        for s in [
            "%", "%2", "a%", "%ZZ", "%G0", "%0G", "%%41", "% 41", "%-1", "%+1", "%é1",
        ] {
            assert_eq!(dec(s), None, "{s:?}");
        }
    }

    #[test]
    fn invalid_utf8_throws() {
        for s in [
            "%C3",          // truncated
            "%C3x",         // lead then literal
            "%C3%28",       // lead then non-continuation
            "%A9",          // stray continuation
            "é%A9",         // literal char cannot be continued by an escape
            "%C3é",         // escaped lead cannot be finished by a literal
            "%E2%82",       // truncated 3-byte
            "%C0%80",       // overlong NUL
            "%E0%80%80",    // overlong
            "%ED%A0%80",    // UTF-16 surrogate
            "%F4%90%80%80", // above U+10FFFF
            "%FF",
            "%FE",
        ] {
            assert_eq!(dec(s), None, "{s:?}");
        }
    }

    #[test]
    fn long_input_is_linear() {
        let big = "%41".repeat(300_000) + &"b".repeat(300_000);
        let out = dec(&big);
        assert_eq!(out.as_ref().map(String::len), Some(600_000));
        let bad = "%41".repeat(300_000) + "%4";
        assert_eq!(dec(&bad), None);
    }
}
