//! The `DEV_DEMO` pieces: a stand-in origin page that shows the session, and a sign-in page
//! for demo users. Pure functions returning HTML; every value rendered is escaped.
//!
//! The Worker honours `DEV_DEMO` only for requests to a loopback host ([`is_loopback`]): a
//! deployment that ships with it switched on refuses to serve rather than mint sessions.

use serde_json::{json, Map, Value};

/// A user the demo sign-in page can mint a session for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoUser {
    /// The form value that picks this user, and the `sub` suffix (`demo-<id>`).
    pub id: &'static str,
    /// The `name` claim.
    pub name: &'static str,
    /// The `email` claim.
    pub email: &'static str,
    /// The `role` claim, for `authorized.js` to check.
    pub role: &'static str,
}

/// The demo users: an `admin` and a `user`.
pub const DEMO_USERS: [DemoUser; 2] = [
    DemoUser {
        id: "ada",
        name: "Ada Lovelace",
        email: "ada@example.com",
        role: "admin",
    },
    DemoUser {
        id: "bob",
        name: "Bob Example",
        email: "bob@example.com",
        role: "user",
    },
];

/// The demo user with this [`DemoUser::id`], if any.
pub fn demo_user(id: &str) -> Option<&'static DemoUser> {
    DEMO_USERS.iter().find(|user| user.id == id)
}

impl DemoUser {
    /// The claims next-auth's JWT callback would store by default (`name`, `email`, `picture`,
    /// `sub`), plus a `role` for `authorized.js` to check.
    pub fn claims(&self) -> Map<String, Value> {
        let claims = json!({
            "name": self.name,
            "email": self.email,
            "picture": null,
            "sub": format!("demo-{}", self.id),
            "role": self.role,
        });
        match claims {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}

/// `localhost`, `*.localhost`, `127.0.0.0/8` or `[::1]`, with or without a port.
pub fn is_loopback(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    let name = if host.starts_with('[') {
        host.split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or_default().to_owned()
    };
    name == "localhost"
        || name.ends_with(".localhost")
        || name == "[::1]"
        || name.strip_prefix("127.").is_some_and(|rest| {
            let parts: Vec<&str> = rest.split('.').collect();
            parts.len() == 3 && parts.iter().all(|p| p.parse::<u8>().is_ok())
        })
}

/// `callbackUrl` as the sign-in page may follow it: a path on this site (`/…`, not `//…`, no
/// backslash or control character). Anything else becomes `basePath + "/"`.
pub fn safe_callback_url(value: Option<&str>, base_path: &str) -> String {
    match value {
        Some(url)
            if url.starts_with('/')
                && !url.starts_with("//")
                && url.len() <= 2048
                && !url.bytes().any(|b| b == b'\\' || b < 0x20 || b == 0x7f) =>
        {
            url.to_owned()
        }
        _ => format!("{base_path}/"),
    }
}

pub use crate::form::parse_form;

/// The first value of `name` in pairs from [`parse_form`].
pub fn form_value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, value)| value.as_str())
}

/// HTML text and attribute escaping.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `encodeURIComponent`, for query values in links.
fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::form::encode_uri_component(text, &mut out);
    out
}

const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}\
main{max-width:42rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}\
h1{margin-top:0}code,pre{background:#eef1f5;border-radius:4px;padding:.1rem .3rem}\
pre{padding:.8rem;overflow:auto}.note{color:#5b6475;font-size:.9rem}\
button{font:inherit;padding:.5rem 1rem;margin:.3rem .3rem .3rem 0;border-radius:6px;border:1px solid #8894aa;background:#fff;cursor:pointer}\
li{margin:.2rem 0}.tag{font-size:.8rem;color:#5b6475}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{} — nextauth-edge demo</title><style>{STYLE}</style></head><body><main>{body}\
<p class=\"note\">nextauth-edge <code>DEV_DEMO</code>: local development only. \
Never deploy with <code>DEV_DEMO</code> on.</p></main></body></html>",
        escape_html(title)
    )
}

/// Who is signed in, for the pages below.
pub struct SessionView<'a> {
    /// The decoded claims as JSON text.
    pub claims_json: &'a str,
}

impl SessionView<'_> {
    fn claims(&self) -> Map<String, Value> {
        match serde_json::from_str(self.claims_json) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        }
    }

    fn describe(&self) -> String {
        let claims = self.claims();
        let text = |key: &str| claims.get(key).and_then(Value::as_str).map(escape_html);
        let who = text("name")
            .or_else(|| text("email"))
            .unwrap_or_else(|| "someone".into());
        match text("role") {
            Some(role) => format!("<b>{who}</b> (role <code>{role}</code>)"),
            None => format!("<b>{who}</b>"),
        }
    }
}

/// What the demo sign-in page shows.
pub struct SignInView<'a> {
    /// Where the form posts (the sign-in page's own path).
    pub action: &'a str,
    /// Already passed through [`safe_callback_url`].
    pub callback_url: &'a str,
    /// The current session, when the user is signed in but was refused; `None`: signed out.
    pub session: Option<SessionView<'a>>,
    /// The demo can't mint without a secret; say how to fix it.
    pub has_secret: bool,
}

/// The demo sign-in page: one button per [`DEMO_USERS`] entry, posting to `view.action`.
pub fn sign_in_page(view: &SignInView<'_>) -> String {
    let mut body = String::from("<h1>Sign in</h1>");
    if let Some(session) = &view.session {
        body.push_str(&format!(
            "<p>You are signed in as {}, but the page you asked for refused this session. \
Sign in as someone else:</p>",
            session.describe()
        ));
    } else {
        body.push_str(
            "<p>Pick a demo user. This page mints a real next-auth v4 session cookie.</p>",
        );
    }
    if !view.has_secret {
        body.push_str(
            "<p><b>No secret:</b> set <code>NEXTAUTH_SECRET</code> in <code>.dev.vars</code> \
(<code>make dev</code> creates one) and restart.</p>",
        );
    }
    body.push_str(&format!(
        "<form method=\"post\" action=\"{}\"><input type=\"hidden\" name=\"callbackUrl\" value=\"{}\">",
        escape_html(view.action),
        escape_html(view.callback_url)
    ));
    for user in &DEMO_USERS {
        body.push_str(&format!(
            "<button type=\"submit\" name=\"user\" value=\"{}\">{} — role {}</button>",
            escape_html(user.id),
            escape_html(user.name),
            escape_html(user.role)
        ));
    }
    body.push_str(&format!(
        "</form><p class=\"note\">Then back to <code>{}</code>.</p>",
        escape_html(view.callback_url)
    ));
    page("Sign in", &body)
}

/// A link on the demo origin page, and whether the Worker guards it.
pub struct DemoLink<'a> {
    /// The link's target path.
    pub path: &'a str,
    /// The link text; `""` shows the path.
    pub label: &'a str,
    /// Whether `MATCHER` guards the path (shown next to the link).
    pub guarded: bool,
}

/// What the demo origin page shows.
pub struct OriginView<'a> {
    /// The request's path and query as received.
    pub path: &'a str,
    /// The request's session; `None`: signed out.
    pub session: Option<SessionView<'a>>,
    /// The sign-in page's path on this site; `None`: it is elsewhere, no link is shown.
    pub sign_in_path: Option<&'a str>,
    /// Where the sign-out form posts.
    pub sign_out_path: &'a str,
    /// Paths to try, listed on the page.
    pub links: &'a [DemoLink<'a>],
}

/// The stand-in origin page: who is signed in (with the decoded claims) and links to try.
pub fn origin_page(view: &OriginView<'_>) -> String {
    let mut body = format!(
        "<h1>Demo origin</h1><p>You reached <code>{}</code>. This page stands in for your app: \
with <code>UPSTREAM</code> set, the Worker forwards here instead.</p>",
        escape_html(view.path)
    );
    match &view.session {
        Some(session) => {
            let pretty =
                serde_json::to_string_pretty(&Value::Object(session.claims())).unwrap_or_default();
            body.push_str(&format!(
                "<h2>Signed in</h2><p>As {}. The session cookie decodes to:</p><pre>{}</pre>\
<form method=\"post\" action=\"{}\"><button type=\"submit\">Sign out</button></form>",
                session.describe(),
                escape_html(&pretty),
                escape_html(view.sign_out_path)
            ));
        }
        None => {
            body.push_str("<h2>Not signed in</h2>");
            if let Some(sign_in) = view.sign_in_path {
                body.push_str(&format!(
                    "<p><a href=\"{}?callbackUrl={}\">Sign in</a></p>",
                    escape_html(sign_in),
                    escape_html(&encode_component(view.path))
                ));
            }
        }
    }
    body.push_str("<h2>Try</h2><ul>");
    for link in view.links {
        body.push_str(&format!(
            "<li><a href=\"{}\">{}</a> <span class=\"tag\">{}</span></li>",
            escape_html(link.path),
            escape_html(link.link_text()),
            if link.guarded {
                "guarded by MATCHER"
            } else {
                "not guarded"
            }
        ));
    }
    body.push_str(
        "</ul><p class=\"note\">The rule for <code>/admin</code> lives in \
<code>worker/authorized.js</code>.</p>",
    );
    page("Demo origin", &body)
}

impl DemoLink<'_> {
    fn link_text(&self) -> &str {
        if self.label.is_empty() {
            self.path
        } else {
            self.label
        }
    }
}

/// A small sign-out confirmation (sign-out is a POST, as in next-auth).
pub fn sign_out_page(action: &str) -> String {
    page(
        "Sign out",
        &format!(
            "<h1>Sign out</h1><form method=\"post\" action=\"{}\"><button type=\"submit\">Sign out</button></form>",
            escape_html(action)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "LOCALHOST:8787",
            "app.localhost",
            "127.0.0.1:8700",
            "127.1.2.3",
            "[::1]:80",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "example.com",
            "127.0.0.1.nip.io",
            "localhost.example.com",
            "128.0.0.1",
            "[::2]",
            "",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn callback_urls_stay_on_this_site() {
        assert_eq!(
            safe_callback_url(Some("/dashboard?x=1"), ""),
            "/dashboard?x=1"
        );
        for hostile in [
            "//evil.example",
            "/\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "",
            "/a\nb",
        ] {
            assert_eq!(safe_callback_url(Some(hostile), ""), "/", "{hostile}");
        }
        assert_eq!(safe_callback_url(None, "/docs"), "/docs/");
    }

    #[test]
    fn forms_decode_like_url_search_params() {
        let pairs = parse_form("user=ada&callbackUrl=%2Fdash%20board%3Fa%3D1&x=a+b&bad=%zz");
        assert_eq!(form_value(&pairs, "user"), Some("ada"));
        assert_eq!(form_value(&pairs, "callbackUrl"), Some("/dash board?a=1"));
        assert_eq!(form_value(&pairs, "x"), Some("a b"));
        assert_eq!(form_value(&pairs, "bad"), Some("%zz"));
        assert_eq!(form_value(&pairs, "missing"), None);
    }

    #[test]
    fn everything_rendered_is_escaped() {
        let claims = r#"{"name":"<script>alert(1)</script>","role":"\"><img>"}"#;
        let html = origin_page(&OriginView {
            path: "/<b>?q=\"x\"",
            session: Some(SessionView {
                claims_json: claims,
            }),
            sign_in_path: Some("/api/auth/signin"),
            sign_out_path: "/api/auth/signout",
            links: &[DemoLink {
                path: "/a\"b",
                label: "",
                guarded: true,
            }],
        });
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img>"));
        assert!(!html.contains("<b>?"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("/a&quot;b"));
        let sign_in = sign_in_page(&SignInView {
            action: "/api/auth/signin",
            callback_url: "/x\"><script>",
            session: None,
            has_secret: false,
        });
        assert!(!sign_in.contains("<script>"));
        assert!(sign_in.contains("NEXTAUTH_SECRET"));
    }

    #[test]
    fn demo_users_carry_a_role() {
        let ada = demo_user("ada").unwrap();
        assert_eq!(ada.claims()["role"], "admin");
        assert_eq!(ada.claims()["sub"], "demo-ada");
        assert!(demo_user("mallory").is_none());
    }
}
