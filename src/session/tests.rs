use super::*;

const NOW_MS: f64 = 1_764_158_400_123.0;

#[test]
fn expiry_formats_like_javascript_dates() {
    let expiry = Expiry::after(NOW_MS, 60);
    assert_eq!(expiry.iso(), "2025-11-26T12:01:00.123Z");
    assert_eq!(expiry.http_date(), "Wed, 26 Nov 2025 12:01:00 GMT");
}

#[test]
fn default_session_maps_picture_to_image_and_skips_absent_claims() {
    let claims = serde_json::json!({ "name": "Ada", "picture": "p.png", "sub": "1" });
    let session = default_session(claims.as_object().unwrap(), &Expiry::after(NOW_MS, 0));
    assert_eq!(
        session,
        serde_json::json!({ "user": { "name": "Ada", "image": "p.png" }, "expires": "2025-11-26T12:00:00.123Z" })
    );
}

#[test]
fn large_tokens_are_chunked_and_stale_chunks_cleared_in_next_auth_order() {
    let expiry = Expiry::after(NOW_MS, 60);
    let token = "a".repeat(CHUNK_SIZE + 10);
    let present = [
        "next-auth.session-token.2",
        "other",
        "next-auth.session-token.0",
        "next-auth.session-token-x",
    ];
    let headers = session_cookies("next-auth.session-token", &token, &expiry, true, &present);
    let names: Vec<&str> = headers
        .iter()
        .map(|h| h.split('=').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "next-auth.session-token.2",
            "next-auth.session-token.0",
            "next-auth.session-token.1"
        ]
    );
    assert_eq!(
        headers[0],
        "next-auth.session-token.2=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax"
    );
    assert!(headers[1].starts_with(&format!(
        "next-auth.session-token.0={}; Path=/; Expires=",
        "a".repeat(CHUNK_SIZE)
    )));
    assert!(headers[2].starts_with("next-auth.session-token.1=aaaaaaaaaa; Path=/;"));
    // A small token replaces chunks with the plain cookie and clears them all.
    let small = session_cookies("n", "t", &expiry, false, &["n.0", "n.1"]);
    assert_eq!(small.len(), 3);
    assert_eq!(clearing_cookies("n", false, &["n", "n.3", "m"]).len(), 2);
}

#[test]
fn only_the_readers_chunk_names_are_cleared() {
    // `.01` and `-old` are not chunks to the reader (cookies::chunks), so they are not ours to clear.
    let present = [
        "next-auth.session-token.01",
        "next-auth.session-token-old",
        "next-auth.session-token.1",
    ];
    let cleared = clearing_cookies("next-auth.session-token", false, &present);
    assert_eq!(cleared.len(), 1, "{cleared:?}");
    assert!(cleared[0].starts_with("next-auth.session-token.1=;"));
}
