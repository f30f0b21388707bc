//! The session cookie and its chunks, put back together.
//!
//! A session JWT over ~4 KB does not fit in one cookie, so next-auth writes it as
//! `<name>.0`, `<name>.1`, … (3 933 characters each) and a shorter one as plain `<name>`.
//! next-auth 4.24.15's `SessionStore` reads it back loosely:
//!
//! ```ts
//! for (const { name, value } of cookies.getAll())
//!   if (name.startsWith(cookieName)) this.#chunks[name] = value
//! // value:
//! Object.keys(chunks).sort((a, b) =>
//!   parseInt(a.split(".").pop() ?? "0") - parseInt(b.split(".").pop() ?? "0")
//! ).map((key) => chunks[key]).join("")
//! ```
//!
//! That joins *every* cookie whose name merely starts with the session cookie name, in an order
//! that is only defined for well-formed chunks (the plain name sorts as `NaN`). So a stale
//! plain cookie left next to fresh chunks, a foreign `next-auth.session-token-foo`, a `.01` or a
//! missing chunk all produce a glued-together string that fails to decrypt: "no session". We are
//! strict instead, and say why when we give up:
//!
//! * only the exact name and `<name>.<n>` count, `n` a canonical decimal (`0`, or no leading zero;
//!   no sign, no spaces); anything else with the prefix is someone else's cookie and is ignored;
//! * if any chunk is present, the chunks are the token and a plain `<name>` is ignored as stale
//!   (even when the chunks are empty: then there is no token);
//! * chunks must run `.0`, `.1`, … with no gap, fewer than [`MAX_CHUNKS`] of them, and join to at
//!   most [`MAX_TOKEN_LEN`] bytes; otherwise there is no token, and the `Authorization` header is
//!   not consulted either (next-auth would have had a non-empty, undecryptable value, which also
//!   blocks its Bearer fallback);
//! * duplicates and undecodable values follow the `Cookie` header rules (the last value that
//!   decodes wins; one that fails to decode is not there at all).
//!
//! An empty result (no cookie, or only empty values) is "no cookie", as `""` is falsy in JS.

use std::borrow::Cow;
use std::fmt;

use super::header::{CookieJar, RawPair, RawPairs};
use super::token::{SessionToken, TokenSource};
use crate::token::MAX_TOKEN_LEN;

/// Most chunks a session cookie may have. [`MAX_TOKEN_LEN`] needs 105 of next-auth's 3 933-byte
/// chunks (Auth.js v5 writes 3 936), so this never refuses a token the decoder would accept.
pub const MAX_CHUNKS: usize = 128;

/// Why the session cookie is present but unusable.
///
/// Non-exhaustive: new checks may add variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionCookieError {
    /// Chunk `.missing` is absent (or failed to decode) while `.highest` is present.
    ChunkGap {
        /// The lowest chunk number that is absent.
        missing: usize,
        /// The highest chunk number present.
        highest: usize,
    },
    /// A chunk numbered [`MAX_CHUNKS`] or more is present.
    TooManyChunks,
    /// The token would be `len` bytes, over [`MAX_TOKEN_LEN`].
    TooLong {
        /// The joined token's length in bytes.
        len: usize,
    },
}

impl fmt::Display for SessionCookieError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SessionCookieError::ChunkGap { missing, highest } => write!(
                f,
                "session cookie chunk .{missing} is missing but chunk .{highest} is present"
            ),
            SessionCookieError::TooManyChunks => {
                write!(
                    f,
                    "session cookie has a chunk numbered {MAX_CHUNKS} or more"
                )
            }
            SessionCookieError::TooLong { len } => {
                write!(f, "session cookie is {len} bytes, over {MAX_TOKEN_LEN}")
            }
        }
    }
}

impl std::error::Error for SessionCookieError {}

/// The session token held in the cookies of `header` under `name`: `Ok(None)` when there is no
/// such cookie or it is empty.
///
/// Streams over the header once and decodes only the values of matching cookies, so memory is
/// bounded by the session cookie itself, not by how many other cookies the header carries.
pub fn read_session_cookie<'a>(
    header: &'a str,
    name: &str,
) -> Result<Option<SessionToken<'a>>, SessionCookieError> {
    collect(RawPairs::new(header), name)
}

impl CookieJar<'_> {
    /// [`read_session_cookie`] over an already parsed jar.
    pub fn session_cookie(
        &self,
        name: &str,
    ) -> Result<Option<SessionToken<'_>>, SessionCookieError> {
        collect(self.raw_pairs(), name)
    }
}

/// Whether `cookie` is the session cookie `name` or one of its chunks, by the same rule the
/// reader uses (`<name>` or `<name>.<n>`, `n` canonical): the cookies a re-issue overwrites or
/// clears.
pub fn is_session_cookie(name: &str, cookie: &str) -> bool {
    classify(cookie, name) != Slot::Foreign
}

/// How a cookie name relates to the session cookie name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Exact,
    Chunk(usize),
    /// `<name>.<n>` with a canonical `n` of at least [`MAX_CHUNKS`].
    ChunkBeyondCap,
    Foreign,
}

fn classify(cookie: &str, name: &str) -> Slot {
    let Some(rest) = cookie.strip_prefix(name) else {
        return Slot::Foreign;
    };
    if rest.is_empty() {
        return Slot::Exact;
    }
    let Some(digits) = rest.strip_prefix('.') else {
        return Slot::Foreign;
    };
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if !canonical {
        return Slot::Foreign;
    }
    // MAX_CHUNKS has three digits; a longer canonical number is beyond it, and is not parsed.
    if digits.len() > 3 {
        return Slot::ChunkBeyondCap;
    }
    match digits.parse::<usize>() {
        Ok(n) if n < MAX_CHUNKS => Slot::Chunk(n),
        _ => Slot::ChunkBeyondCap,
    }
}

pub(crate) fn collect<'a>(
    pairs: impl Iterator<Item = RawPair<'a>>,
    name: &str,
) -> Result<Option<SessionToken<'a>>, SessionCookieError> {
    let mut single: Option<Cow<'a, str>> = None;
    let mut chunks: Vec<Option<Cow<'a, str>>> = Vec::new();
    let mut beyond_cap = false;
    for pair in pairs {
        let slot = classify(pair.name, name);
        if slot == Slot::Foreign {
            continue;
        }
        // A value that does not decode is not in `req.cookies` at all.
        let Some(value) = pair.value.decode() else {
            continue;
        };
        match slot {
            Slot::Exact => single = Some(value),
            Slot::Chunk(i) => {
                if chunks.len() <= i {
                    chunks.resize(i.saturating_add(1), None);
                }
                if let Some(chunk) = chunks.get_mut(i) {
                    *chunk = Some(value);
                }
            }
            Slot::ChunkBeyondCap => beyond_cap = true,
            Slot::Foreign => {}
        }
    }

    if beyond_cap {
        return Err(SessionCookieError::TooManyChunks);
    }
    if chunks.is_empty() {
        return match single {
            Some(value) if value.len() > MAX_TOKEN_LEN => {
                Err(SessionCookieError::TooLong { len: value.len() })
            }
            Some(value) if !value.is_empty() => {
                Ok(Some(SessionToken::new(value, TokenSource::Cookie)))
            }
            _ => Ok(None),
        };
    }
    // `chunks` ends at the highest index seen, and that slot is filled.
    let highest = chunks.len().saturating_sub(1);
    if let Some(missing) = chunks.iter().position(Option::is_none) {
        return Err(SessionCookieError::ChunkGap { missing, highest });
    }
    let count = chunks.len();
    let len = chunks
        .iter()
        .flatten()
        .fold(0usize, |sum, c| sum.saturating_add(c.len()));
    if len > MAX_TOKEN_LEN {
        return Err(SessionCookieError::TooLong { len });
    }
    if len == 0 {
        return Ok(None);
    }
    let value = if count == 1 {
        match chunks.pop().flatten() {
            Some(only) => only,
            None => return Ok(None),
        }
    } else {
        let mut joined = String::with_capacity(len);
        for chunk in chunks.iter().flatten() {
            joined.push_str(chunk);
        }
        Cow::Owned(joined)
    };
    Ok(Some(SessionToken::new(
        value,
        TokenSource::Chunks { count },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: &str = "next-auth.session-token";

    fn read(header: &str) -> Result<Option<(String, TokenSource)>, SessionCookieError> {
        read_session_cookie(header, N).map(|t| t.map(|t| (t.as_str().to_owned(), t.source())))
    }

    fn ok(
        value: &str,
        source: TokenSource,
    ) -> Result<Option<(String, TokenSource)>, SessionCookieError> {
        Ok(Some((value.to_owned(), source)))
    }

    fn chunks(count: usize) -> TokenSource {
        TokenSource::Chunks { count }
    }

    #[test]
    fn classify_names() {
        assert_eq!(classify(N, N), Slot::Exact);
        assert_eq!(classify(&format!("{N}.0"), N), Slot::Chunk(0));
        assert_eq!(classify(&format!("{N}.7"), N), Slot::Chunk(7));
        assert_eq!(classify(&format!("{N}.127"), N), Slot::Chunk(127));
        assert_eq!(classify(&format!("{N}.128"), N), Slot::ChunkBeyondCap);
        assert_eq!(classify(&format!("{N}.999"), N), Slot::ChunkBeyondCap);
        assert_eq!(
            classify(&format!("{N}.{}", "9".repeat(40)), N),
            Slot::ChunkBeyondCap
        );
        for foreign in [
            "next-auth.session-token-foo",
            "next-auth.session-tokens",
            "next-auth.session-token.",
            "next-auth.session-token.01",
            "next-auth.session-token.00",
            "next-auth.session-token.-1",
            "next-auth.session-token.+1",
            "next-auth.session-token. 1",
            "next-auth.session-token.1 ",
            "next-auth.session-token.1a",
            "next-auth.session-token.0.1",
            "next-auth.session-token.١",
            "__Secure-next-auth.session-token",
            "next-auth.session-toke",
            " next-auth.session-token",
            "",
        ] {
            assert_eq!(classify(foreign, N), Slot::Foreign, "{foreign:?}");
        }
    }

    #[test]
    fn single_cookie_is_borrowed() {
        let header = format!("a=1; {N}=tok.en; b=2");
        let t = read_session_cookie(&header, N).unwrap().unwrap();
        assert_eq!(t.as_str(), "tok.en");
        assert_eq!(t.source(), TokenSource::Cookie);
        assert!(t.is_borrowed());
    }

    #[test]
    fn absent_or_empty_is_none() {
        assert_eq!(read(""), Ok(None));
        assert_eq!(read("a=1; b=2"), Ok(None));
        assert_eq!(read(&format!("{N}=")), Ok(None));
        assert_eq!(read(&format!("{N}.0=; {N}.1=")), Ok(None));
    }

    #[test]
    fn flag_cookie_is_the_string_true() {
        // parseCookie stores "true" for a pair without `=`; next-auth then fails to decode it.
        assert_eq!(read(N), ok("true", TokenSource::Cookie));
    }

    #[test]
    fn chunks_in_order() {
        assert_eq!(
            read(&format!("{N}.0=A; {N}.1=B; {N}.2=C")),
            ok("ABC", chunks(3))
        );
    }

    #[test]
    fn chunks_out_of_order() {
        assert_eq!(
            read(&format!("{N}.2=C; {N}.0=A; {N}.1=B")),
            ok("ABC", chunks(3))
        );
        let many: Vec<String> = (0..12).rev().map(|i| format!("{N}.{i}=<{i}>")).collect();
        let expected: String = (0..12).map(|i| format!("<{i}>")).collect();
        assert_eq!(read(&many.join("; ")), ok(&expected, chunks(12)));
    }

    #[test]
    fn one_chunk_is_borrowed() {
        let header = format!("{N}.0=only");
        let t = read_session_cookie(&header, N).unwrap().unwrap();
        assert_eq!((t.as_str(), t.source()), ("only", chunks(1)));
        assert!(t.is_borrowed());
    }

    #[test]
    fn gap_is_no_token() {
        assert_eq!(
            read(&format!("{N}.0=A; {N}.2=C")),
            Err(SessionCookieError::ChunkGap {
                missing: 1,
                highest: 2
            })
        );
        assert_eq!(
            read(&format!("{N}.1=B; {N}.2=C")),
            Err(SessionCookieError::ChunkGap {
                missing: 0,
                highest: 2
            })
        );
        // A stray high chunk is a gap too, even next to a complete set.
        assert_eq!(
            read(&format!("{N}.0=A; {N}.1=B; {N}.5=X")),
            Err(SessionCookieError::ChunkGap {
                missing: 2,
                highest: 5
            })
        );
    }

    #[test]
    fn undecodable_chunk_makes_a_gap() {
        assert_eq!(
            read(&format!("{N}.0=A; {N}.1=%ZZ; {N}.2=C")),
            Err(SessionCookieError::ChunkGap {
                missing: 1,
                highest: 2
            })
        );
    }

    #[test]
    fn duplicate_chunk_last_wins() {
        assert_eq!(
            read(&format!("{N}.1=B; {N}.1=b; {N}.0=A")),
            ok("Ab", chunks(2))
        );
    }

    #[test]
    fn duplicate_that_fails_to_decode_keeps_the_earlier() {
        assert_eq!(
            read(&format!("{N}.0=A; {N}.1=B; {N}.1=%C3")),
            ok("AB", chunks(2))
        );
        assert_eq!(
            read(&format!("{N}=good; {N}=%ZZ")),
            ok("good", TokenSource::Cookie)
        );
    }

    #[test]
    fn duplicate_single_last_wins() {
        assert_eq!(
            read(&format!("{N}=old; {N}=new")),
            ok("new", TokenSource::Cookie)
        );
        // An empty last duplicate wins too, and empty is no token.
        assert_eq!(read(&format!("{N}=old; {N}=")), Ok(None));
    }

    #[test]
    fn chunks_win_over_stale_unsuffixed() {
        // next-auth would glue "S" in somewhere ("SAB" or "ASB") and fail to decrypt.
        assert_eq!(
            read(&format!("{N}=S; {N}.0=A; {N}.1=B")),
            ok("AB", chunks(2))
        );
        assert_eq!(
            read(&format!("{N}.0=A; {N}=S; {N}.1=B")),
            ok("AB", chunks(2))
        );
        assert_eq!(
            read(&format!("{N}.0=A; {N}.1=B; {N}=S")),
            ok("AB", chunks(2))
        );
    }

    #[test]
    fn empty_chunks_still_shadow_a_stale_plain_cookie() {
        // Chunks win even when empty; the plain cookie is stale either way, so: no token.
        assert_eq!(read(&format!("{N}=S; {N}.0=")), Ok(None));
    }

    #[test]
    fn non_canonical_suffixes_are_ignored() {
        assert_eq!(read(&format!("{N}.01=X; {N}.0=A")), ok("A", chunks(1)));
        assert_eq!(
            read(&format!("{N}.-1=X; {N}.0=A; {N}.1=B")),
            ok("AB", chunks(2))
        );
        assert_eq!(read(&format!("{N}.01=X")), Ok(None));
        assert_eq!(
            read(&format!("{N}.-1=X; {N}=S")),
            ok("S", TokenSource::Cookie)
        );
    }

    #[test]
    fn similarly_prefixed_foreign_cookie_is_ignored() {
        assert_eq!(
            read(&format!("{N}-foo=X; {N}=S; {N}s=Y; {N}.=Z")),
            ok("S", TokenSource::Cookie)
        );
        assert_eq!(read(&format!("{N}-foo=X")), Ok(None));
    }

    #[test]
    fn other_variant_name_is_not_ours() {
        let header = format!("__Secure-{N}=SEC; {N}=PLAIN");
        assert_eq!(read(&header), ok("PLAIN", TokenSource::Cookie));
        let secure = read_session_cookie(&header, "__Secure-next-auth.session-token")
            .unwrap()
            .unwrap();
        assert_eq!(secure.as_str(), "SEC");
    }

    #[test]
    fn chunk_values_are_percent_decoded() {
        assert_eq!(
            read(&format!("{N}.0=a%2Eb; {N}.1=%E2%82%AC")),
            ok("a.b€", chunks(2))
        );
    }

    #[test]
    fn equals_inside_values() {
        assert_eq!(
            read(&format!("{N}=a=b==")),
            ok("a=b==", TokenSource::Cookie)
        );
        assert_eq!(read(&format!("{N}.0=x=; {N}.1==y")), ok("x==y", chunks(2)));
    }

    #[test]
    fn too_many_chunks() {
        let all: Vec<String> = (0..MAX_CHUNKS).map(|i| format!("{N}.{i}=x")).collect();
        assert_eq!(
            read(&all.join("; ")),
            ok(&"x".repeat(MAX_CHUNKS), chunks(MAX_CHUNKS))
        );
        let over = format!("{}; {N}.{MAX_CHUNKS}=x", all.join("; "));
        assert_eq!(read(&over), Err(SessionCookieError::TooManyChunks));
        assert_eq!(
            read(&format!("{N}.0=A; {N}.99999999999999999999999=x")),
            Err(SessionCookieError::TooManyChunks)
        );
        // An undecodable far chunk is not there at all.
        assert_eq!(read(&format!("{N}.0=A; {N}.500=%ZZ")), ok("A", chunks(1)));
    }

    #[test]
    fn too_long() {
        let chunk = "a".repeat(3933);
        let fits = MAX_TOKEN_LEN / 3933;
        let header: Vec<String> = (0..fits).map(|i| format!("{N}.{i}={chunk}")).collect();
        let t = read(&header.join("; ")).unwrap().unwrap();
        assert_eq!(t.0.len(), fits * 3933);

        let header: Vec<String> = (0..=fits).map(|i| format!("{N}.{i}={chunk}")).collect();
        assert_eq!(
            read(&header.join("; ")),
            Err(SessionCookieError::TooLong {
                len: (fits + 1) * 3933
            })
        );

        let single = format!("{N}={}", "a".repeat(MAX_TOKEN_LEN + 1));
        assert_eq!(
            read(&single),
            Err(SessionCookieError::TooLong {
                len: MAX_TOKEN_LEN + 1
            })
        );
        let single = format!("{N}={}", "a".repeat(MAX_TOKEN_LEN));
        assert!(read(&single).unwrap().is_some());
    }

    #[test]
    fn from_jar_matches_from_header() {
        let header = format!("x=1; {N}.1=B; {N}=S; {N}.0=A; {N}.1=b; y=%ZZ");
        let jar = CookieJar::parse(&header);
        let from_jar = jar.session_cookie(N).unwrap().unwrap();
        assert_eq!((from_jar.as_str(), from_jar.source()), ("Ab", chunks(2)));
        assert_eq!(read(&header), ok("Ab", chunks(2)));
    }

    #[test]
    fn ten_thousand_foreign_cookies() {
        let mut cookies: Vec<String> = (0..10_000).map(|i| format!("{N}-{i}=v{i}")).collect();
        cookies.push(format!("{N}.1=B"));
        cookies.insert(5_000, format!("{N}.0=A"));
        let header = cookies.join("; ");
        let started = std::time::Instant::now();
        assert_eq!(read(&header), ok("AB", chunks(2)));
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn megabyte_of_duplicate_chunks() {
        // Every pair matches and decodes; each overwrite drops the previous value.
        let header = format!("{N}.0=%41; ").repeat(100_000);
        assert!(header.len() > 1_000_000);
        let started = std::time::Instant::now();
        assert_eq!(read(&header), ok("A", chunks(1)));
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            SessionCookieError::ChunkGap {
                missing: 1,
                highest: 3
            }
            .to_string(),
            "session cookie chunk .1 is missing but chunk .3 is present"
        );
        assert!(SessionCookieError::TooManyChunks
            .to_string()
            .contains("128"));
        assert!(SessionCookieError::TooLong { len: 5 }
            .to_string()
            .contains("5 bytes"));
    }
}
