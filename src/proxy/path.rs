//! Path parity: the gate decides on exactly the path the origin will act on.
//!
//! A matcher is right about the string it sees, but origins read paths in their own ways: Go's
//! `net/http` and nginx decode escapes, resolve dot segments and merge slashes; IIS and most
//! Windows stacks read `\` as `/`; Tomcat drops `;parameters` from each segment (so `/..;/` is
//! `/../`); Express and IIS route case-insensitively; some stacks decode twice. A signed-out
//! request for `/%64ashboard`, `//dashboard` or `/x%2F..%2Fdashboard` is not `/dashboard` to a
//! Next.js matcher, and is `/dashboard` to such an origin.
//!
//! The policy, in two parts (the anchors: RFC 3986 §6.2.2 syntax-based normalization and §5.2.4
//! `remove_dot_segments`; Envoy's `normalize_path`, `merge_slashes` and
//! `path_with_escaped_slashes_action`; Cloudflare's URL normalization, whose "standard" mode
//! does the same for `\`, unreserved escapes and dot segments):
//!
//! 1. **What has one reading is canonicalized**, and the canonical path is what the matcher
//!    checks, what `worker/authorized.js` sees and what the origin receives ([`canonicalize`]):
//!    escapes of unreserved characters (`%64` → `d`, `%2E` → `.`) are decoded and other
//!    escapes upper-cased (RFC 3986 §6.2.2.1–2, Envoy `normalize_path`), `\` is `/` (WHATWG, as
//!    every browser sends it), repeated slashes are merged (Envoy `merge_slashes`, nginx
//!    `merge_slashes on`, Go `path.Clean`), then dot segments are removed (§5.2.4; `..` above
//!    the root stays at the root). An origin handed the result has no slashes to merge, no dots
//!    to resolve and no unreserved escape to decode: every such origin reads it the same way.
//! 2. **What stays ambiguous is read every plausible way** ([`readings`]): `%2F` and `%5C` as a
//!    separator or not (Envoy's `KEEP` vs `UNESCAPE_AND_FORWARD`), `%25` decoded once or twice,
//!    `;params` kept or dropped per segment (Tomcat, Jetty), a `%00` as the end of the path
//!    (C string handling), and each of these lower-cased (case-insensitive origins). The
//!    [`PathPolicy`] then decides with those readings ([`crate::proxy::ProxyConfig::canonical`]).
//!
//! Never forwarded, whatever the policy: a `%` that starts no escape (`%zz`, a trailing `%`;
//! Go, Express, Tomcat and Next.js answer 400 themselves) and NUL (`%00`): no sane origin has a
//! resource there.

use std::collections::BTreeSet;

/// `PATH_POLICY`: what the gate does with a spelling that origins read in different ways.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PathPolicy {
    /// Canonicalize; forward ambiguous spellings only where no reading of them is guarded,
    /// refuse them (400) where one is (Envoy's `REJECT_REQUEST`, scoped to guarded paths).
    #[default]
    Strict,
    /// Canonicalize; an ambiguous spelling is guarded when any of its readings is, and forwarded
    /// as is (for origins whose guarded routes carry `%2F`, `;params` or the like).
    Guard,
    /// The path exactly as the URL parser left it (the matcher's view only): for origins that
    /// read paths byte for byte, such as an object store where `a//b` and `a%2Fb` are keys.
    Exact,
}

impl PathPolicy {
    /// `PATH_POLICY`'s value (`None`: unset); `None` back for a value that is not a policy.
    pub fn parse(value: Option<&str>) -> Option<PathPolicy> {
        match value {
            None | Some("strict") => Some(PathPolicy::Strict),
            Some("guard") => Some(PathPolicy::Guard),
            Some("exact") => Some(PathPolicy::Exact),
            Some(_) => None,
        }
    }
}

/// Why a path is refused with 400 before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPath {
    /// A `%` not followed by two hex digits.
    MalformedEscape,
    /// NUL, raw or `%00`.
    Nul,
    /// Readings of this spelling disagree, and one of them is guarded (`PATH_POLICY` strict).
    Ambiguous,
}

impl BadPath {
    /// The 400 response's body.
    pub fn message(self) -> &'static str {
        match self {
            BadPath::MalformedEscape => "Bad Request: the path has a `%` that starts no escape.",
            BadPath::Nul => "Bad Request: the path contains NUL.",
            BadPath::Ambiguous => {
                "Bad Request: this spelling of a protected path (an encoded `/` or `\\`, a double-encoded `%`, `;parameters` or different letter case) reads differently on different servers."
            }
        }
    }
}

/// One byte of a path: literal, or escaped (written `%XX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Lit(u8),
    Esc(u8),
}

fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Bytes that may stay literal in a canonical path: visible ASCII except `%` (escape), `\`
/// (a separator), and the WHATWG path percent-encode set (`"` `#` `<` `>` `?` `` ` `` `{` `}`).
fn literal_ok(b: u8) -> bool {
    b.is_ascii_graphic() && !b"%\\\"#<>?`{}".contains(&b)
}

/// `lenient`: a `%` that starts no escape is a literal `%` (for the readings of an origin that
/// already decoded once); otherwise it is an error.
fn units(path: &[u8], lenient: bool) -> Result<Vec<Unit>, BadPath> {
    let mut out = Vec::with_capacity(path.len());
    let mut i = 0;
    while i < path.len() {
        let b = path[i];
        if b == b'%' {
            let decoded = path
                .get(i + 1..i + 3)
                .and_then(|pair| crate::form::hex_byte(pair[0], pair[1]));
            match decoded {
                Some(d) => {
                    out.push(if unreserved(d) {
                        Unit::Lit(d)
                    } else {
                        Unit::Esc(d)
                    });
                    i += 3;
                    continue;
                }
                None if lenient => out.push(Unit::Esc(b'%')),
                None => return Err(BadPath::MalformedEscape),
            }
        } else if b == b'\\' {
            out.push(Unit::Lit(b'/'));
        } else if literal_ok(b) {
            out.push(Unit::Lit(b));
        } else {
            out.push(Unit::Esc(b));
        }
        i += 1;
    }
    Ok(out)
}

/// Merges slashes, then removes dot segments; `..` above the root stays at the root. A path
/// ending in a dot segment keeps a trailing slash (RFC 3986 §5.2.4: `/a/b/..` is `/a/`).
fn resolve(units: &[Unit]) -> String {
    let mut segments: Vec<&[Unit]> = Vec::new();
    let mut trailing = false;
    for segment in units.split(|u| *u == Unit::Lit(b'/')) {
        trailing = false;
        match segment {
            [] => trailing = true,
            [Unit::Lit(b'.')] => trailing = true,
            [Unit::Lit(b'.'), Unit::Lit(b'.')] => {
                segments.pop();
                trailing = true;
            }
            _ => segments.push(segment),
        }
    }
    let mut out = String::with_capacity(units.len() + 8);
    for segment in &segments {
        out.push('/');
        for unit in *segment {
            match *unit {
                Unit::Lit(b) => out.push(b as char),
                Unit::Esc(b) => crate::form::push_percent(b, &mut out),
            }
        }
    }
    if segments.is_empty() || trailing {
        out.push('/');
    }
    out
}

/// The canonical form of a request path (percent-encoded, as a URL parser leaves it):
/// unreserved escapes decoded, other escapes upper-cased, `\` as `/`, slashes merged, dot
/// segments removed. Idempotent. Refuses a malformed escape and NUL.
pub fn canonicalize(path: &str) -> Result<String, BadPath> {
    let units = units(path.as_bytes(), false)?;
    if units
        .iter()
        .any(|u| matches!(u, Unit::Lit(0) | Unit::Esc(0)))
    {
        return Err(BadPath::Nul);
    }
    Ok(resolve(&units))
}

/// Lenient canonicalization of an origin's reading (never fails).
fn reading(path: &[u8]) -> String {
    // `units` is infallible when lenient.
    resolve(&units(path, true).unwrap_or_default())
}

/// Every escape decoded once (the bytes an origin that decodes sees).
fn decode_once(path: &str) -> Vec<u8> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(byte) = bytes
                .get(i + 1..i + 3)
                .and_then(|pair| crate::form::hex_byte(pair[0], pair[1]))
            {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// At most this many readings are computed for one path (each transform only removes
/// ambiguity, so real paths have a handful).
const MAX_READINGS: usize = 64;

/// The ways origins may read a canonical path that still holds ambiguous escapes: `structural`
/// (a different sequence of segments: `%2F`/`%5C` as separators, a second decoding, `;params`
/// dropped, the path cut at `%00`), each one canonicalized, without the path itself; and
/// `case_folded`, every reading lower-cased (for case-insensitive origins) where that differs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Readings {
    /// Other segment sequences the path may be read as.
    pub structural: BTreeSet<String>,
    /// The lower-cased readings, where they differ.
    pub case_folded: BTreeSet<String>,
}

impl Readings {
    /// Every reading, structural ones first.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.structural
            .iter()
            .chain(&self.case_folded)
            .map(String::as_str)
    }
}

/// The other readings of `canonical` (a result of [`canonicalize`]).
pub fn readings(canonical: &str) -> Readings {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    seen.insert(canonical.to_owned());
    let mut queue = vec![canonical.to_owned()];
    while let Some(path) = queue.pop() {
        if seen.len() >= MAX_READINGS {
            break;
        }
        let mut next = Vec::with_capacity(4);
        if path.contains('%') {
            // %2F and %5C as separators, everything else kept.
            let slashes = path.replace("%2F", "/").replace("%5C", "/");
            next.push(reading(slashes.as_bytes()));
            // Every escape decoded once (double-encoded ones become escapes again).
            next.push(reading(&decode_once(&path)));
        }
        if path.contains(';') {
            let stripped: Vec<&str> = path
                .split('/')
                .map(|segment| segment.split(';').next().unwrap_or(""))
                .collect();
            next.push(reading(stripped.join("/").as_bytes()));
        }
        if let Some(nul) = path.find("%00") {
            next.push(reading(&path.as_bytes()[..nul]));
        }
        for candidate in next {
            if seen.len() < MAX_READINGS && seen.insert(candidate.clone()) {
                queue.push(candidate);
            }
        }
    }
    seen.remove(canonical);
    let case_folded = std::iter::once(canonical)
        .chain(seen.iter().map(String::as_str))
        .map(|path| reading(path.to_ascii_lowercase().as_bytes()))
        .filter(|folded| folded != canonical && !seen.contains(folded))
        .collect();
    Readings {
        structural: seen,
        case_folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unambiguous_spellings_have_one_canonical_form() {
        for (raw, canonical) in [
            ("/dashboard", "/dashboard"),
            ("/", "/"),
            ("", "/"),
            ("/%64ashboard", "/dashboard"),
            ("/%64%61%73%68%62%6f%61%72%64", "/dashboard"),
            ("//dashboard", "/dashboard"),
            ("///dashboard//a///b", "/dashboard/a/b"),
            ("/dashboard/", "/dashboard/"),
            ("/\\dashboard", "/dashboard"),
            ("/x\\..\\dashboard", "/dashboard"),
            ("/x/../dashboard", "/dashboard"),
            ("/x/%2e%2e/dashboard", "/dashboard"),
            ("/x/.%2E/dashboard", "/dashboard"),
            ("/./dashboard/.", "/dashboard/"),
            ("/../../dashboard", "/dashboard"),
            ("/dashboard/a/..", "/dashboard/"),
            ("/a//../dashboard", "/dashboard"),
            ("/a%2fb", "/a%2Fb"),
            ("/caf%c3%a9", "/caf%C3%A9"),
            ("/a b", "/a%20b"),
            ("/a%20b", "/a%20b"),
            ("/d%7eash", "/d~ash"),
            ("/a;b=c", "/a;b=c"),
            ("/100%25", "/100%25"),
        ] {
            let got = canonicalize(raw).unwrap_or_else(|err| panic!("{raw}: {err:?}"));
            assert_eq!(got, canonical, "{raw}");
            assert_eq!(canonicalize(&got).unwrap(), got, "idempotent: {raw}");
        }
    }

    #[test]
    fn malformed_escapes_and_nul_are_refused() {
        for (raw, why) in [
            ("/a%zz", BadPath::MalformedEscape),
            ("/a%", BadPath::MalformedEscape),
            ("/a%2", BadPath::MalformedEscape),
            ("/dashboard%00", BadPath::Nul),
            ("/a\0b", BadPath::Nul),
        ] {
            assert_eq!(canonicalize(raw), Err(why), "{raw}");
        }
    }

    fn all(path: &str) -> Vec<String> {
        let canonical = canonicalize(path).unwrap();
        readings(&canonical).iter().map(str::to_owned).collect()
    }

    #[test]
    fn ambiguous_spellings_are_read_every_plausible_way() {
        let has = |path: &str, reading: &str| {
            let found = all(path);
            assert!(found.iter().any(|r| r == reading), "{path}: {found:?}");
        };
        has("/x%2F..%2Fdashboard", "/dashboard");
        has("/x%5C..%5Cdashboard", "/dashboard");
        has("/x%252F..%252Fdashboard", "/dashboard");
        has("/%2564ashboard", "/dashboard");
        has("/%252e%252e/admin", "/admin");
        has("/dashboard;x", "/dashboard");
        has("/x/..;/dashboard", "/dashboard");
        has("/x%3B/..%3B/admin", "/admin");
        has("/_next/..%2Fadmin", "/admin");
        has("/api/auth/..%2F..%2Fadmin", "/admin");
        has("/admin%2500", "/admin");
        has("/Dashboard", "/dashboard");
        has("/%44ASHBOARD", "/dashboard");
        has("/X%2F..%2FADMIN", "/admin");
        // Nothing ambiguous: no other reading.
        assert!(all("/dashboard/reports").is_empty());
        assert!(all("/caf%C3%A9").is_empty());
        assert!(all("/100%25").is_empty());
        // Upper case only: a case-folded reading, no structural one.
        let r = readings("/Dashboard/A");
        assert!(r.structural.is_empty());
        assert_eq!(
            r.case_folded.into_iter().collect::<Vec<_>>(),
            ["/dashboard/a"]
        );
    }

    #[test]
    fn readings_stay_few_on_hostile_paths() {
        let hostile = "/%2525252525252F".repeat(200) + &";a/..;/%2F%5C".repeat(200);
        let canonical = canonicalize(&hostile).unwrap();
        let r = readings(&canonical);
        assert!(r.structural.len() <= MAX_READINGS);
        assert!(r.case_folded.len() <= MAX_READINGS);
    }

    #[test]
    fn policies_parse() {
        assert_eq!(PathPolicy::parse(None), Some(PathPolicy::Strict));
        assert_eq!(PathPolicy::parse(Some("guard")), Some(PathPolicy::Guard));
        assert_eq!(PathPolicy::parse(Some("exact")), Some(PathPolicy::Exact));
        assert_eq!(PathPolicy::parse(Some("loose")), None);
    }
}
