//! The claims checks jose runs for next-auth (`jwtDecrypt(..., { clockTolerance: 15 })`):
//! a JSON object payload, numeric `exp`/`nbf`/`iat`, and expiry with 15 s of skew allowed.

use std::fmt;

use std::borrow::Cow;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ClaimsError, TokenError};

/// Seconds of clock skew tolerated on `exp` and `nbf`, as next-auth passes to jose.
pub const CLOCK_TOLERANCE_SECS: i64 = 15;

/// Deepest array/object nesting accepted in a payload: serde_json's own recursion limit, so every
/// accepted payload can also be turned into a `serde_json::Value` ([`super::SessionClaims::to_map`]).
pub const MAX_NESTING: usize = 127;

/// A point in time as whole seconds since the Unix epoch (jose floors milliseconds the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnixTime(pub i64);

impl UnixTime {
    /// From milliseconds since the epoch, as `Date.now()` gives them.
    pub fn from_millis(millis: f64) -> Self {
        UnixTime((millis / 1000.0).floor() as i64)
    }

    /// The system clock. Not available on `wasm32-unknown-unknown`: pass `Date.now()` there.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn now() -> Self {
        let since_epoch = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        UnixTime(since_epoch.as_secs() as i64)
    }
}

/// The registered time claims of a payload that has been checked to be a JSON object.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TimeClaims {
    /// `exp`: expiry, in seconds since the epoch (fractions kept, as JSON numbers allow).
    /// `None`: absent (never expires).
    pub exp: Option<f64>,
    /// `nbf`: not before, in seconds since the epoch. `None`: absent.
    pub nbf: Option<f64>,
    /// `iat`: issued at, in seconds since the epoch. `None`: absent. Not checked.
    pub iat: Option<f64>,
}

impl TimeClaims {
    /// Parses `payload` as a JSON object and pulls out `exp`, `nbf` and `iat`. Other members are
    /// validated as JSON but not kept: the caller still holds the payload text.
    pub fn parse(payload: &[u8]) -> Result<Self, ClaimsError> {
        let first = payload.iter().find(|b| !b.is_ascii_whitespace());
        if first != Some(&b'{') {
            return Err(ClaimsError::NotObject);
        }
        // serde_json skips ignored members without a depth limit; check it here, in one pass.
        if nesting_depth(payload) > MAX_NESTING {
            return Err(ClaimsError::TooDeep);
        }
        let mut de = serde_json::Deserializer::from_slice(payload);
        let claims = de.deserialize_map(TimeClaimsVisitor).map_err(json_error)?;
        de.end().map_err(json_error)?;
        claims
    }

    /// jose's rule: reject when `exp <= now - tolerance` or `nbf > now + tolerance`.
    pub fn check(&self, now: UnixTime) -> Result<(), TokenError> {
        let now = now.0 as f64;
        let tolerance = CLOCK_TOLERANCE_SECS as f64;
        if self.exp.is_some_and(|exp| exp <= now - tolerance) {
            return Err(TokenError::Expired);
        }
        if self.nbf.is_some_and(|nbf| nbf > now + tolerance) {
            return Err(TokenError::NotYetValid);
        }
        Ok(())
    }
}

/// The deepest `[`/`{` nesting in JSON text, ignoring brackets inside strings. Session payloads
/// are mostly string bytes, skipped with `memchr` (already serde_json's dependency).
fn nesting_depth(json: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = json;
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        match byte {
            b'"' => rest = after_string(rest),
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// What follows the closing quote of a string whose opening quote was just read (nothing if the
/// string never closes).
fn after_string(mut rest: &[u8]) -> &[u8] {
    while let Some(at) = memchr::memchr2(b'"', b'\\', rest) {
        if rest.get(at) == Some(&b'"') {
            return rest.get(at + 1..).unwrap_or_default();
        }
        // A backslash escapes the next byte, whatever it is.
        rest = rest.get(at + 2..).unwrap_or_default();
    }
    &[]
}

fn json_error(err: serde_json::Error) -> ClaimsError {
    ClaimsError::Json(err.to_string())
}

struct TimeClaimsVisitor;

impl<'de> Visitor<'de> for TimeClaimsVisitor {
    /// The outer error is malformed JSON; the inner one a well-formed payload with bad claims.
    type Value = Result<TimeClaims, ClaimsError>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut claims = TimeClaims::default();
        let mut first_problem = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let (name, slot) = match key.as_ref() {
                "exp" => ("exp", &mut claims.exp),
                "nbf" => ("nbf", &mut claims.nbf),
                "iat" => ("iat", &mut claims.iat),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            let NumericValue(value) = map.next_value()?;
            let problem = match (slot.is_some(), value) {
                (true, _) => ClaimsError::Duplicate(name),
                (false, Some(seconds)) => {
                    *slot = Some(seconds);
                    continue;
                }
                (false, None) => ClaimsError::NotNumeric(name),
            };
            first_problem.get_or_insert(problem);
        }
        Ok(match first_problem {
            Some(problem) => Err(problem),
            None => Ok(claims),
        })
    }
}

/// A time claim's value: its number when it is a JSON number, `None` for any other JSON value
/// (which is skipped, not built: no `serde_json::Value` on the decode path).
struct NumericValue(Option<f64>);

impl<'de> Deserialize<'de> for NumericValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumericVisitor)
    }
}

struct NumericVisitor;

impl<'de> Visitor<'de> for NumericVisitor {
    type Value = NumericValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(NumericValue(Some(n as f64)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(NumericValue(Some(n as f64)))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Self::Value, E> {
        Ok(NumericValue(Some(n)))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(NumericValue(None))
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(NumericValue(None))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(NumericValue(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(NumericValue(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(NumericValue(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: UnixTime = UnixTime(1_000_000);

    #[test]
    fn expiry_has_fifteen_seconds_of_tolerance_like_jose() {
        let at = |exp: f64| {
            TimeClaims {
                exp: Some(exp),
                ..Default::default()
            }
            .check(NOW)
        };
        assert_eq!(at(1_000_000.0 - 14.0), Ok(()));
        assert_eq!(at(1_000_000.0 - 14.5), Ok(()));
        assert_eq!(at(1_000_000.0 - 15.0), Err(TokenError::Expired));
        let nbf = |nbf: f64| {
            TimeClaims {
                nbf: Some(nbf),
                ..Default::default()
            }
            .check(NOW)
        };
        assert_eq!(nbf(1_000_015.0), Ok(()));
        assert_eq!(nbf(1_000_016.0), Err(TokenError::NotYetValid));
    }

    #[test]
    fn payload_must_be_an_object_with_numeric_times() {
        let parsed = TimeClaims::parse(br#"{"a":{"exp":"nested is fine"},"exp":1.5,"iat":2}"#);
        assert_eq!(
            parsed,
            Ok(TimeClaims {
                exp: Some(1.5),
                nbf: None,
                iat: Some(2.0)
            })
        );
        assert_eq!(TimeClaims::parse(b"[1,2]"), Err(ClaimsError::NotObject));
        assert_eq!(TimeClaims::parse(b"\"s\""), Err(ClaimsError::NotObject));
        assert_eq!(
            TimeClaims::parse(br#"{"exp":"1"}"#),
            Err(ClaimsError::NotNumeric("exp"))
        );
        assert_eq!(
            TimeClaims::parse(br#"{"iat":null}"#),
            Err(ClaimsError::NotNumeric("iat"))
        );
        for other in [r#"true"#, r#"[1,[2]]"#, r#"{"a":{"b":1}}"#, r#""x""#] {
            let payload = format!(r#"{{"nbf":{other},"sub":"1"}}"#);
            assert_eq!(
                TimeClaims::parse(payload.as_bytes()),
                Err(ClaimsError::NotNumeric("nbf")),
                "{payload}"
            );
        }
        assert_eq!(
            TimeClaims::parse(br#"{"exp":-3,"iat":18446744073709551615}"#).map(|c| c.exp),
            Ok(Some(-3.0))
        );
        assert_eq!(
            TimeClaims::parse(br#"{"nbf":1,"nbf":2}"#),
            Err(ClaimsError::Duplicate("nbf"))
        );
        assert!(matches!(
            TimeClaims::parse(br#"{"exp":1e309}"#),
            Err(ClaimsError::Json(_))
        ));
        assert!(matches!(
            TimeClaims::parse(br#"{} x"#),
            Err(ClaimsError::Json(_))
        ));
        let nested = |n: usize| format!("{{\"a\":{}{}}}", "[".repeat(n - 1), "]".repeat(n - 1));
        assert!(TimeClaims::parse(nested(MAX_NESTING).as_bytes()).is_ok());
        assert_eq!(
            TimeClaims::parse(nested(MAX_NESTING + 1).as_bytes()),
            Err(ClaimsError::TooDeep)
        );
        assert!(
            TimeClaims::parse(br#"{"s":"[[[[{{{{\"]]]"}"#).is_ok(),
            "brackets in strings"
        );
        let deep = "[".repeat(10_000);
        assert_eq!(
            TimeClaims::parse(format!("{{\"a\":{deep}").as_bytes()),
            Err(ClaimsError::TooDeep)
        );
        // An escaped backslash ends right before the closing quote; an escaped quote does not close.
        assert_eq!(nesting_depth(br#"{"a":"\\","b":[[1]]}"#), 3);
        assert_eq!(nesting_depth(br#"{"a":"\"[[[","b":1}"#), 1);
        assert_eq!(nesting_depth(br#"{"a":"unterminated [[["#), 1);
        // What passes the depth check also converts to a serde_json value.
        let deepest = nested(MAX_NESTING);
        assert!(serde_json::from_str::<serde_json::Value>(&deepest).is_ok());
    }
}
