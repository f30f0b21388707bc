//! The JOSE protected header, checked against the exact shapes next-auth and Auth.js emit.

use serde::Deserialize;

use super::TokenError;

/// A protected header whose members are all ones we understand. Unknown members, `zip` and
/// `crit` are refused here, before any key is touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectedHeader {
    pub alg: String,
    pub enc: Option<String>,
    pub kid: Option<String>,
}

/// Members that signed-JWT libraries (`jsonwebtoken`, jose's `SignJWT`) add and that carry no
/// security decision for us.
const SIGNED_ONLY_MEMBERS: [&str; 1] = ["typ"];

#[derive(Deserialize)]
struct RawHeader {
    alg: Option<String>,
    enc: Option<String>,
    kid: Option<String>,
    #[serde(flatten)]
    rest: serde_json::Map<String, serde_json::Value>,
}

impl ProtectedHeader {
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self, TokenError> {
        let raw: RawHeader = match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(value @ serde_json::Value::Object(_)) => {
                serde_json::from_value(value).map_err(|err| TokenError::Header(err.to_string()))?
            }
            Ok(_) => return Err(TokenError::Header("not an object".into())),
            Err(err) => return Err(TokenError::Header(err.to_string())),
        };
        if raw.rest.contains_key("crit") {
            return Err(TokenError::CriticalHeader);
        }
        if raw.rest.contains_key("zip") {
            return Err(TokenError::Compressed);
        }
        let alg = raw
            .alg
            .ok_or_else(|| TokenError::Header("`alg` is missing".into()))?;
        let is_signed = raw.enc.is_none();
        if let Some(name) = raw
            .rest
            .keys()
            .find(|name| !(is_signed && SIGNED_ONLY_MEMBERS.contains(&name.as_str())))
        {
            return Err(TokenError::UnexpectedHeaderParameter(name.clone()));
        }
        Ok(ProtectedHeader {
            alg,
            enc: raw.enc,
            kid: raw.kid,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_headers_next_auth_and_authjs_write() {
        let v4 = ProtectedHeader::parse(br#"{"alg":"dir","enc":"A256GCM"}"#).unwrap();
        assert_eq!(
            (v4.alg.as_str(), v4.enc.as_deref()),
            ("dir", Some("A256GCM"))
        );
        let v5 =
            ProtectedHeader::parse(br#"{"alg":"dir","enc":"A256CBC-HS512","kid":"k"}"#).unwrap();
        assert_eq!(v5.kid.as_deref(), Some("k"));
        let signed = ProtectedHeader::parse(br#"{"alg":"HS256","typ":"JWT"}"#).unwrap();
        assert_eq!(signed.enc, None);
    }

    #[test]
    fn refuses_what_next_auth_never_writes() {
        let cases: [(&[u8], TokenError); 6] = [
            (
                br#"{"alg":"dir","enc":"A256GCM","zip":"DEF"}"#,
                TokenError::Compressed,
            ),
            (
                br#"{"alg":"dir","enc":"A256GCM","crit":["b64"]}"#,
                TokenError::CriticalHeader,
            ),
            (
                br#"{"alg":"dir","enc":"A256GCM","typ":"JWT"}"#,
                TokenError::UnexpectedHeaderParameter("typ".into()),
            ),
            (
                br#"{"alg":"PBES2-HS256+A128KW","enc":"A256GCM","p2c":1000}"#,
                TokenError::UnexpectedHeaderParameter("p2c".into()),
            ),
            (
                br#"{"enc":"A256GCM"}"#,
                TokenError::Header("`alg` is missing".into()),
            ),
            (br#"[1]"#, TokenError::Header("not an object".into())),
        ];
        for (bytes, expected) in cases {
            assert_eq!(ProtectedHeader::parse(bytes), Err(expected));
        }
        assert!(matches!(
            ProtectedHeader::parse(br#"{"alg":1}"#),
            Err(TokenError::Header(_))
        ));
    }
}
