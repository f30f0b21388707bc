//! The `Cookie` request header, parsed the way Next.js's edge `NextRequest` parses it.
//!
//! `req.cookies` on a `NextRequest` is `@edge-runtime/cookies`' `RequestCookies`, which fills a
//! JavaScript `Map` from `parseCookie(headers.get("cookie"))`:
//!
//! ```js
//! for (const pair of cookie.split(/; */)) {
//!   if (!pair) continue
//!   const splitAt = pair.indexOf('=')
//!   if (splitAt === -1) { map.set(pair, 'true'); continue }
//!   const [key, value] = [pair.slice(0, splitAt), pair.slice(splitAt + 1)]
//!   try { map.set(key, decodeURIComponent(value ?? 'true')) } catch { /* ignored */ }
//! }
//! ```
//!
//! Every detail is kept, because whether a cookie "exists" decides between a session and a
//! redirect to the sign-in page:
//!
//! * pairs are split on `;` followed by any number of *spaces* (not tabs); empty pairs are
//!   skipped; nothing else is trimmed, so `"a=1 ;b=2"` gives `a` = `"1 "`;
//! * the name is everything before the first `=` and is never decoded; the value is everything
//!   after it (so it may contain `=`), run through `decodeURIComponent`;
//! * a pair without `=` is a cookie whose value is the string `"true"` (not decoded);
//! * a value that fails to decode drops *that occurrence only*: an earlier good duplicate stays;
//! * duplicates: the last good occurrence wins, and — `Map.set` on an existing key keeps its
//!   slot — the cookie stays where it *first* appeared (iteration order is first-appearance).
//!
//! The header is whatever `headers.get("cookie")` returns; the Fetch `Headers` object has already
//! stripped leading and trailing whitespace, so callers pass that value, not raw bytes.

use std::borrow::Cow;
use std::fmt;

use super::percent::decode_uri_component;

/// One `;`-separated pair of a `Cookie` header, split but not yet decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawPair<'a> {
    pub(crate) name: &'a str,
    pub(crate) value: RawValue<'a>,
}

/// A cookie value before `decodeURIComponent`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawValue<'a> {
    /// The text after the first `=`, still percent-encoded.
    Encoded(&'a str),
    /// A pair with no `=` at all: `parseCookie` stores the string `"true"`, undecoded.
    Flag,
    /// Already decoded (a value taken from a [`CookieJar`]).
    Decoded(&'a str),
}

impl<'a> RawValue<'a> {
    /// The value `parseCookie` would store, or `None` where it skips the pair.
    pub(crate) fn decode(self) -> Option<Cow<'a, str>> {
        match self {
            RawValue::Encoded(v) => decode_uri_component(v),
            RawValue::Flag => Some(Cow::Borrowed("true")),
            RawValue::Decoded(v) => Some(Cow::Borrowed(v)),
        }
    }
}

/// The pairs of a `Cookie` header in order, split like `cookie.split(/; */)` with empty pairs
/// skipped. Single pass, no allocation.
#[derive(Debug, Clone)]
pub(crate) struct RawPairs<'a> {
    rest: Option<&'a str>,
}

impl<'a> RawPairs<'a> {
    pub(crate) fn new(header: &'a str) -> Self {
        RawPairs { rest: Some(header) }
    }
}

impl<'a> Iterator for RawPairs<'a> {
    type Item = RawPair<'a>;

    fn next(&mut self) -> Option<RawPair<'a>> {
        loop {
            let rest = self.rest?;
            let pair = match rest.split_once(';') {
                Some((pair, after)) => {
                    // The regex `; *` eats the spaces after the separator, and only spaces.
                    self.rest = Some(after.trim_start_matches(' '));
                    pair
                }
                None => {
                    self.rest = None;
                    rest
                }
            };
            if pair.is_empty() {
                continue;
            }
            return Some(match pair.split_once('=') {
                Some((name, value)) => RawPair {
                    name,
                    value: RawValue::Encoded(value),
                },
                None => RawPair {
                    name: pair,
                    value: RawValue::Flag,
                },
            });
        }
    }
}

/// The value `req.cookies.get(name)?.value` would give, without building a [`CookieJar`]: the
/// last occurrence of `name` that decodes. Borrowed from `header` unless it had `%` escapes.
///
/// One pass; only the values of cookies called `name` are decoded.
pub fn get_cookie<'a>(header: &'a str, name: &str) -> Option<Cow<'a, str>> {
    RawPairs::new(header)
        .filter(|pair| pair.name == name)
        .filter_map(|pair| pair.value.decode())
        .last()
}

/// Up to this many cookies, duplicates are found and [`CookieJar::get`] searches by scanning;
/// past it, by sorting. Real headers hold a handful of cookies, and a scan of a few is faster
/// than building anything.
const SCAN_LIMIT: usize = 16;

/// Sorts positions in `entries` by cookie name, equal names kept in header order. One sort for
/// both uses: every extra sort instantiation costs the wasm module kilobytes.
fn sort_by_name(order: &mut [usize], entries: &[(&str, Cow<'_, str>)]) {
    order.sort_by(|a, b| {
        entries
            .get(*a)
            .map(|e| e.0)
            .cmp(&entries.get(*b).map(|e| e.0))
    });
}

/// All cookies of a `Cookie` header: what `NextRequest.cookies` holds.
///
/// Values are borrowed from the header unless they had `%` escapes. Duplicates are resolved like
/// the JavaScript `Map` (see the module docs), so [`iter`](Self::iter) yields each name once, in
/// the order of its first appearance, with its last decodable value.
///
/// Hostile headers: building the jar is `O(n log n)` in the number of cookies (a sort, not a
/// hash map: a hash table with predictable keys — as std's can be on `wasm32-unknown-unknown` —
/// could be flooded with colliding names) and needs memory proportional to the number of
/// cookies. To find the session token, [`super::session_token`] streams over the header
/// instead and keeps only the session cookie and its chunks.
///
/// `Debug` prints names and value lengths, never values: a jar holds session tokens.
#[derive(Clone, Default)]
pub struct CookieJar<'a> {
    /// Unique names, in order of first appearance.
    entries: Vec<(&'a str, Cow<'a, str>)>,
    /// Positions in `entries` sorted by name; empty while `entries` is small enough to scan.
    by_name: Vec<usize>,
}

impl<'a> CookieJar<'a> {
    /// Parses a `Cookie` header value as `@edge-runtime/cookies`' `parseCookie` does.
    pub fn parse(header: &'a str) -> CookieJar<'a> {
        let parsed: Vec<(&'a str, Cow<'a, str>)> = RawPairs::new(header)
            .filter_map(|pair| Some((pair.name, pair.value.decode()?)))
            .collect();
        if parsed.len() <= SCAN_LIMIT {
            return CookieJar::dedup_small(parsed);
        }
        CookieJar::dedup_large(parsed)
    }

    fn dedup_small(parsed: Vec<(&'a str, Cow<'a, str>)>) -> CookieJar<'a> {
        let mut entries: Vec<(&'a str, Cow<'a, str>)> = Vec::with_capacity(parsed.len());
        for (name, value) in parsed {
            match entries.iter_mut().find(|(n, _)| *n == name) {
                Some(entry) => entry.1 = value,
                None => entries.push((name, value)),
            }
        }
        CookieJar {
            entries,
            by_name: Vec::new(),
        }
    }

    /// Duplicate removal in `O(n log n)`, in place: the only extra memory is two index vectors.
    fn dedup_large(mut entries: Vec<(&'a str, Cow<'a, str>)>) -> CookieJar<'a> {
        const NONE: usize = usize::MAX;
        let name_at = |entries: &[(&'a str, Cow<'a, str>)], i: &usize| entries.get(*i).map(|e| e.0);
        // A stable sort by name keeps equal names in header order: each run is one name, its
        // first element is where the cookie sits, its last is the value that wins.
        let mut order: Vec<usize> = (0..entries.len()).collect();
        sort_by_name(&mut order, &entries);
        // winner[i] = j: position i holds the first occurrence of a name last seen at j.
        let mut winner: Vec<usize> = vec![NONE; entries.len()];
        for run in order.chunk_by(|a, b| name_at(&entries, a) == name_at(&entries, b)) {
            if let (Some(first), Some(&last)) = (run.first(), run.last()) {
                if let Some(slot) = winner.get_mut(*first) {
                    *slot = last;
                }
            }
        }
        // Compact in place, front to back. Writes go to `kept <= first`; every later read is
        // at a position after `first` (later firsts, and lasts that follow their firsts), so
        // nothing still needed is overwritten. Each winning value is moved, never copied.
        let mut kept = 0;
        for (first, &last) in winner.iter().enumerate() {
            if last == NONE {
                continue;
            }
            let name = name_at(&entries, &first);
            let value = entries.get_mut(last).map(|e| std::mem::take(&mut e.1));
            if let (Some(name), Some(value), Some(slot)) = (name, value, entries.get_mut(kept)) {
                *slot = (name, value);
                kept += 1;
            }
        }
        drop(winner);
        entries.truncate(kept);
        entries.shrink_to_fit();
        order.clear();
        order.extend(0..entries.len());
        sort_by_name(&mut order, &entries);
        order.shrink_to_fit();
        CookieJar {
            entries,
            by_name: order,
        }
    }

    /// The value of the cookie called `name` (`req.cookies.get(name)?.value`).
    pub fn get(&self, name: &str) -> Option<&str> {
        if self.by_name.is_empty() {
            return self
                .entries
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_ref());
        }
        let found = self
            .by_name
            .binary_search_by(|i| match self.entries.get(*i) {
                Some((n, _)) => (*n).cmp(name),
                None => std::cmp::Ordering::Less,
            })
            .ok()?;
        let index = self.by_name.get(found)?;
        self.entries.get(*index).map(|(_, v)| v.as_ref())
    }

    /// Whether a cookie called `name` exists (its value may be empty).
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// `(name, value)` for every cookie, each name once, in order of first appearance.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.entries.iter().map(|(n, v)| (*n, v.as_ref()))
    }

    /// Number of distinct cookie names (`req.cookies.size`).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No cookies at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The cookies as the raw pairs the chunk reader consumes.
    pub(crate) fn raw_pairs(&self) -> impl Iterator<Item = RawPair<'_>> + '_ {
        self.entries.iter().map(|(name, value)| RawPair {
            name,
            value: RawValue::Decoded(value.as_ref()),
        })
    }
}

impl fmt::Debug for CookieJar<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Redacted(usize);
        impl fmt::Debug for Redacted {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "<{} bytes>", self.0)
            }
        }
        f.debug_map()
            .entries(self.entries.iter().map(|(n, v)| (n, Redacted(v.len()))))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(header: &str) -> Vec<(String, String)> {
        CookieJar::parse(header)
            .iter()
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect()
    }

    fn expect(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn simple() {
        assert_eq!(
            owned("a=1; b=2;c=3"),
            expect(&[("a", "1"), ("b", "2"), ("c", "3")])
        );
    }

    #[test]
    fn empty_header_and_empty_pairs() {
        assert!(CookieJar::parse("").is_empty());
        assert!(CookieJar::parse(";").is_empty());
        assert!(CookieJar::parse("; ;  ;").is_empty());
        assert_eq!(owned(";;a=1;  ; ;b=2;"), expect(&[("a", "1"), ("b", "2")]));
    }

    #[test]
    fn only_spaces_after_semicolon_are_eaten() {
        // `; *`: spaces after `;` go, nothing else is trimmed.
        assert_eq!(
            owned(" a=1 ;   b = 2;\tc=3"),
            expect(&[(" a", "1 "), ("b ", " 2"), ("\tc", "3")])
        );
    }

    #[test]
    fn split_at_first_equals() {
        assert_eq!(
            owned("a=b=c; d==; =e; f="),
            expect(&[("a", "b=c"), ("d", "="), ("", "e"), ("f", "")])
        );
    }

    #[test]
    fn pair_without_equals_is_true() {
        assert_eq!(
            owned("flag; a=1; %41"),
            expect(&[("flag", "true"), ("a", "1"), ("%41", "true")])
        );
    }

    #[test]
    fn names_are_not_decoded() {
        assert_eq!(owned("a%20b=c%20d"), expect(&[("a%20b", "c d")]));
    }

    #[test]
    fn values_are_decoded() {
        assert_eq!(
            owned("e=%E2%82%AC; s=a%3Bb; p=100%25; plus=a+b"),
            expect(&[("e", "€"), ("s", "a;b"), ("p", "100%"), ("plus", "a+b")])
        );
    }

    #[test]
    fn undecodable_values_are_skipped() {
        assert_eq!(
            owned("a=%ZZ; b=%C3; c=%; d=ok; e=%ED%A0%80"),
            expect(&[("d", "ok")])
        );
    }

    #[test]
    fn plain_values_are_borrowed() {
        let header = "a=plain; b=%41";
        let jar = CookieJar::parse(header);
        assert!(matches!(
            jar.entries.first(),
            Some((_, Cow::Borrowed("plain")))
        ));
        assert!(matches!(jar.entries.get(1), Some((_, Cow::Owned(v))) if v == "A"));
    }

    #[test]
    fn duplicates_last_wins_first_position() {
        // JS Map: `set` on an existing key keeps its slot.
        assert_eq!(owned("b=1; a=2; b=3"), expect(&[("b", "3"), ("a", "2")]));
    }

    #[test]
    fn failed_duplicate_keeps_earlier_value() {
        assert_eq!(owned("a=1; a=%ZZ"), expect(&[("a", "1")]));
        // A failed first occurrence takes no slot.
        assert_eq!(owned("a=%ZZ; b=2; a=1"), expect(&[("b", "2"), ("a", "1")]));
    }

    #[test]
    fn flag_duplicate_overwrites() {
        assert_eq!(owned("a=1; a"), expect(&[("a", "true")]));
        assert_eq!(owned("a; a=1"), expect(&[("a", "1")]));
    }

    #[test]
    fn get_and_contains() {
        let jar = CookieJar::parse("a=1; b=; c");
        assert_eq!(jar.get("a"), Some("1"));
        assert_eq!(jar.get("b"), Some(""));
        assert_eq!(jar.get("c"), Some("true"));
        assert_eq!(jar.get("d"), None);
        assert!(jar.contains("b"));
        assert!(!jar.contains("A"));
        assert_eq!(jar.len(), 3);
    }

    #[test]
    fn large_jar_dedups_like_small() {
        // Past SCAN_LIMIT the sort path runs; it must agree with the scan path.
        let mut parts: Vec<String> = (0..40).map(|i| format!("c{}={i}", i % 25)).collect();
        parts.push("c3=%ZZ".into());
        parts.push("c7=last".into());
        let header = parts.join("; ");
        let jar = CookieJar::parse(&header);
        assert!(!jar.by_name.is_empty());
        assert_eq!(jar.len(), 25);
        let got: Vec<(&str, &str)> = jar.iter().collect();
        let mut expected: Vec<(String, String)> = (0..25)
            .map(|i| {
                let last = if i < 15 { i + 25 } else { i };
                (format!("c{i}"), last.to_string())
            })
            .collect();
        if let Some(e) = expected.get_mut(7) {
            e.1 = "last".into();
        }
        let expected: Vec<(&str, &str)> = expected
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(got, expected);
        for (n, v) in &expected {
            assert_eq!(jar.get(n), Some(*v), "{n}");
        }
        assert_eq!(jar.get("c25"), None);
        assert_eq!(jar.get(""), None);
        assert_eq!(jar.get("zzz"), None);
    }

    #[test]
    fn ten_thousand_cookies() {
        let header: String = (0..10_000)
            .map(|i| format!("cookie{i}=value%20{i}"))
            .collect::<Vec<_>>()
            .join("; ");
        let started = std::time::Instant::now();
        let jar = CookieJar::parse(&header);
        assert_eq!(jar.len(), 10_000);
        assert_eq!(jar.get("cookie0"), Some("value 0"));
        assert_eq!(jar.get("cookie9999"), Some("value 9999"));
        assert_eq!(jar.iter().nth(1234), Some(("cookie1234", "value 1234")));
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn ten_thousand_duplicates() {
        let header: String = (0..10_000)
            .map(|i| format!("same={i}"))
            .collect::<Vec<_>>()
            .join(";");
        let jar = CookieJar::parse(&header);
        assert_eq!(pairs_of(&jar), [("same", "9999")]);
    }

    fn pairs_of<'j>(jar: &'j CookieJar<'_>) -> Vec<(&'j str, &'j str)> {
        jar.iter().collect()
    }

    #[test]
    fn megabyte_of_tiny_cookies() {
        // Half a million one-letter pairs: quadratic dedup would never finish.
        let header = "a;b;".repeat(1 << 18);
        assert!(header.len() >= 1 << 20);
        let started = std::time::Instant::now();
        let jar = CookieJar::parse(&header);
        assert_eq!(pairs_of(&jar), [("a", "true"), ("b", "true")]);
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn megabyte_of_distinct_cookies() {
        let header: String = (0..120_000)
            .map(|i| format!("k{i}=v"))
            .collect::<Vec<_>>()
            .join("; ");
        assert!(header.len() > 1_000_000);
        let started = std::time::Instant::now();
        let jar = CookieJar::parse(&header);
        assert_eq!(jar.len(), 120_000);
        assert_eq!(jar.get("k54321"), Some("v"));
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn megabyte_value() {
        let big = "x".repeat(1 << 20);
        let header = format!("a=1; big={big}; z=%41");
        let jar = CookieJar::parse(&header);
        assert_eq!(jar.get("big").map(str::len), Some(1 << 20));
        assert_eq!(jar.get("z"), Some("A"));
    }

    #[test]
    fn get_cookie_streams() {
        assert_eq!(get_cookie("a=1; b=2; a=3", "a").as_deref(), Some("3"));
        assert_eq!(get_cookie("a=1; a=%ZZ", "a").as_deref(), Some("1"));
        assert_eq!(get_cookie("a=%ZZ", "a"), None);
        assert_eq!(get_cookie("a", "a").as_deref(), Some("true"));
        assert_eq!(get_cookie("ab=1", "a"), None);
        assert!(matches!(get_cookie("a=x", "a"), Some(Cow::Borrowed("x"))));
    }

    #[test]
    fn non_ascii_header_text() {
        // Whatever the adapter hands over is kept as text; only escapes are decoded.
        assert_eq!(
            owned("ü=é; 名=%E5%90%8D"),
            expect(&[("ü", "é"), ("名", "名")])
        );
    }

    #[test]
    fn debug_redacts_values() {
        let shown = format!("{:?}", CookieJar::parse("session=s3cret; a=1"));
        assert!(!shown.contains("s3cret"), "{shown}");
        assert_eq!(shown, r#"{"session": <6 bytes>, "a": <1 bytes>}"#);
    }

    #[test]
    fn raw_pairs_iterator() {
        let got: Vec<RawPair<'_>> = RawPairs::new("a=1;  b;; c=%41").collect();
        assert_eq!(
            got,
            [
                RawPair {
                    name: "a",
                    value: RawValue::Encoded("1")
                },
                RawPair {
                    name: "b",
                    value: RawValue::Flag
                },
                RawPair {
                    name: "c",
                    value: RawValue::Encoded("%41")
                },
            ]
        );
    }
}
