//! URL encodings, byte for byte what JavaScript emits: `application/x-www-form-urlencoded`
//! (`URLSearchParams`), `encodeURIComponent`, and percent-encoding against a WHATWG set. One
//! home for them: the gate builds redirect URLs, the session layer serializes cookies and the
//! Worker's demo reads sign-in forms with them.

/// `URLSearchParams` serialization of one name or value.
pub fn form_urlencode(value: &str, out: &mut String) {
    encode_runs(
        value,
        |byte| matches!(byte, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_'),
        |byte, out| match byte {
            b' ' => out.push('+'),
            _ => push_percent(byte, out),
        },
        out,
    );
}

/// Copies `text` to `out`, each run of bytes `keep` accepts as one slice and every other byte
/// through `escape`. A signed-out redirect encodes its URL with these; copying by runs instead of
/// by character (each `String::push` checking the char's width, in code built for size) took
/// about a third off building that URL.
fn encode_runs(
    text: &str,
    keep: impl Fn(u8) -> bool,
    escape: impl Fn(u8, &mut String),
    out: &mut String,
) {
    out.reserve(text.len());
    let bytes = text.as_bytes();
    let mut run_start = 0;
    // An index loop: in code built for size, `bytes().enumerate()` stayed a call per byte.
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        i += 1;
        if keep(byte) {
            continue;
        }
        // `keep` accepts only ASCII, so a non-empty run starts and ends on char boundaries.
        if run_start < i - 1 {
            out.push_str(&text[run_start..i - 1]);
        }
        escape(byte, out);
        run_start = i;
    }
    if run_start < text.len() {
        out.push_str(&text[run_start..]);
    }
}

/// `URLSearchParams` parsing: `&`-separated pairs, `+` as space, `%XX` decoded, a malformed
/// escape kept literally, invalid UTF-8 replaced (U+FFFD) as the URL standard does.
pub fn parse_form(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(name), form_decode(value))
        })
        .collect()
}

fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = match bytes[i] {
            b'+' => Some((b' ', 1)),
            b'%' => match bytes.get(i + 1..i + 3) {
                Some(&[hi, lo]) => hex_byte(hi, lo).map(|byte| (byte, 3)),
                _ => None,
            },
            _ => None,
        };
        let (byte, width) = decoded.unwrap_or((bytes[i], 1));
        out.push(byte);
        i += width;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The byte two ASCII hex digits spell, either case; `None` for anything else. Not
/// `u8::from_str_radix`, which also takes a sign: it read `%+1` as byte 1, where the URL
/// standard keeps the `%` literally (`URLSearchParams("x=%+41")` gives `x` = `"% 41"`).
pub(crate) fn hex_byte(hi: u8, lo: u8) -> Option<u8> {
    let digit = |b: u8| char::from(b).to_digit(16);
    u8::try_from((digit(hi)? << 4) | digit(lo)?).ok()
}

/// ECMAScript `encodeURIComponent` (its inverse is [`crate::cookies::decode_uri_component`]).
pub fn encode_uri_component(text: &str, out: &mut String) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            push_percent(byte, out);
        }
    }
}

/// Percent-encodes C0 controls, DEL, non-ASCII and every byte of `set` (a WHATWG encode set).
pub fn percent_encode(text: &str, set: &[u8], out: &mut String) {
    // The set as a bit mask over ASCII: one test per byte instead of a scan of `set`.
    let mask = set
        .iter()
        .filter(|byte| byte.is_ascii())
        .fold(0u128, |mask, &byte| mask | 1 << byte);
    encode_runs(
        text,
        |byte| (0x20..0x7f).contains(&byte) && mask >> byte & 1 == 0,
        push_percent,
        out,
    );
}

/// `%XX` for one byte, upper-case hex as JavaScript writes it.
pub(crate) fn push_percent(byte: u8, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let escape = [
        b'%',
        HEX[usize::from(byte >> 4)],
        HEX[usize::from(byte & 0xf)],
    ];
    // Three ASCII bytes: one append instead of three `char` pushes.
    out.push_str(std::str::from_utf8(&escape).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(f: fn(&str, &mut String), text: &str) -> String {
        let mut out = String::new();
        f(text, &mut out);
        out
    }

    #[test]
    fn encodings_match_javascript() {
        // URLSearchParams([["k", "a b/é~*"]]).toString() and encodeURIComponent("a b/é~*'")
        assert_eq!(encoded(form_urlencode, "a b/é~*"), "a+b%2F%C3%A9%7E*");
        assert_eq!(
            encoded(encode_uri_component, "a b/é~*'"),
            "a%20b%2F%C3%A9~*'"
        );
        let mut path = String::new();
        percent_encode("/a b?\u{7f}", b" ?", &mut path);
        assert_eq!(path, "/a%20b%3F%7F");
    }

    #[test]
    fn forms_decode_like_url_search_params() {
        let pairs = parse_form(
            "user=ada&&cb=%2Fdash%20board%3Fa%3D1&x=a+b&bad=%zz&bare&u=%C3%28&s=%+41&m=%-1%2",
        );
        let expected = [
            ("user", "ada"),
            ("cb", "/dash board?a=1"),
            ("x", "a b"),
            ("bad", "%zz"),
            ("bare", ""),
            ("u", "\u{fffd}("),
            ("s", "% 41"),
            ("m", "%-1%2"),
        ];
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(pairs, expected);
    }
}
