// A floor, not a gate: the least any gate on workerd has to do for the bench's two requests, in
// plain JS on the platform's own APIs. Its CPU per request is what no implementation (ours,
// next-auth's, anyone's) can go below, so it shows whether "5× less than next-auth" is reachable.
//
// Signed out: `new URL(request.url)`, the Cookie header read, a path prefix test, and a 307 with
// `Location` carrying `callbackUrl`. Signed in: the same plus the next-auth session JWE opened
// with WebCrypto (the key derived as next-auth derives it: HKDF-SHA256 of the secret, empty salt,
// info "NextAuth.js Generated Encryption Key", 32 bytes; then AES-256-GCM, `dir`/`A256GCM`, the
// protected header as additional data), its `exp` checked, and the request forwarded.
//
// Left out on purpose (a real gate needs them; the floor does not pay for them): a matcher beyond
// one prefix, chunked session cookies, cookie-value percent-decoding, path canonicalization,
// `authorized` callbacks, identity headers, secret rotation, NO_SECRET. The derived key is kept
// per secret (HKDF once per isolate), as any gate that cares about CPU would.

const COOKIE = "__Secure-next-auth.session-token=";
const GUARDED = "/dashboard";
const INFO = new TextEncoder().encode("NextAuth.js Generated Encryption Key");
const decoder = new TextDecoder();
const encoder = new TextEncoder();

let keyFor; // [secret, Promise<CryptoKey>]
function key(secret) {
  if (keyFor?.[0] !== secret) {
    const derived = crypto.subtle
      .importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"])
      .then((ikm) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: INFO },
          ikm,
          { name: "AES-GCM", length: 256 },
          false,
          ["decrypt"],
        ),
      );
    keyFor = [secret, derived];
  }
  return keyFor[1];
}

/** base64url → bytes (a codec, not cryptography). */
function b64url(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The session cookie's value, or null. */
function sessionCookie(header) {
  if (header === null) return null;
  let at = header.indexOf(COOKIE);
  while (at > 0 && header[at - 1] !== " " && header[at - 1] !== ";") at = header.indexOf(COOKIE, at + 1);
  if (at < 0) return null;
  const start = at + COOKIE.length;
  const end = header.indexOf(";", start);
  return end < 0 ? header.slice(start) : header.slice(start, end);
}

/** The claims of a valid, unexpired next-auth session token, or null. */
async function open(token, secret) {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[1] !== "") return null;
  try {
    const header = JSON.parse(decoder.decode(b64url(parts[0])));
    if (header.alg !== "dir" || header.enc !== "A256GCM") return null;
    const iv = b64url(parts[2]);
    const ciphertext = b64url(parts[3]);
    const tag = b64url(parts[4]);
    const sealed = new Uint8Array(ciphertext.length + tag.length);
    sealed.set(ciphertext);
    sealed.set(tag, ciphertext.length);
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv, additionalData: encoder.encode(parts[0]), tagLength: 128 },
      await key(secret),
      sealed,
    );
    const claims = JSON.parse(decoder.decode(plain));
    if (typeof claims.exp === "number" && claims.exp * 1000 <= Date.now()) return null;
    return claims;
  } catch {
    return null;
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const cookie = sessionCookie(request.headers.get("cookie"));
    if (url.pathname.startsWith(GUARDED) && (cookie === null || (await open(cookie, env.NEXTAUTH_SECRET)) === null)) {
      const callbackUrl = encodeURIComponent(url.pathname + url.search);
      return new Response(null, { status: 307, headers: { location: `${url.origin}/api/auth/signin?callbackUrl=${callbackUrl}` } });
    }
    return fetch(new Request(new URL(url.pathname + url.search, env.UPSTREAM), request));
  },
};
