//! One `Set-Cookie` value, serialized like the `cookie` package next-auth uses:
//! `name=value; Max-Age=…; Path=/; Expires=…; HttpOnly; Secure; SameSite=Lax`.

use std::fmt;

use super::Expiry;

/// The session cookie's attributes: always `HttpOnly`, `SameSite=Lax`, `Path=/`; `Secure` with
/// the `__Secure-` name. `Display` writes the header value.
///
/// ```
/// use nextauth_edge::session::SetCookie;
///
/// let clear = SetCookie::session("next-auth.session-token", "", false).max_age_zero();
/// assert_eq!(
///     clear.to_string(),
///     "next-auth.session-token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"
/// );
/// ```
pub struct SetCookie<'a> {
    name: &'a str,
    value: &'a str,
    secure: bool,
    expires: Option<String>,
    max_age_zero: bool,
}

impl<'a> SetCookie<'a> {
    /// A session cookie `name=value` (the value is written `encodeURIComponent`-encoded), with
    /// `Secure` when `secure`; no expiry: a browser-session cookie until [`Self::expires`].
    pub fn session(name: &'a str, value: &'a str, secure: bool) -> Self {
        SetCookie {
            name,
            value,
            secure,
            expires: None,
            max_age_zero: false,
        }
    }

    /// Adds `Expires=` with `expiry` as an HTTP date.
    pub fn expires(mut self, expiry: &Expiry) -> Self {
        self.expires = Some(expiry.http_date());
        self
    }

    /// Adds `Max-Age=0`: the cookie is deleted (how next-auth clears a chunk).
    pub fn max_age_zero(mut self) -> Self {
        self.max_age_zero = true;
        self
    }
}

impl fmt::Display for SetCookie<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `encodeURIComponent`, as the `cookie` package does; session tokens pass unchanged.
        let mut value = String::with_capacity(self.value.len());
        crate::form::encode_uri_component(self.value, &mut value);
        write!(f, "{}={value}", self.name)?;
        if self.max_age_zero {
            f.write_str("; Max-Age=0")?;
        }
        f.write_str("; Path=/")?;
        if let Some(expires) = &self.expires {
            write!(f, "; Expires={expires}")?;
        }
        f.write_str("; HttpOnly")?;
        if self.secure {
            f.write_str("; Secure")?;
        }
        f.write_str("; SameSite=Lax")
    }
}
