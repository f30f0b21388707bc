// What a scenario turns into before any middleware runs: the environment, the options' secret,
// the session cookie name next-auth would pick, tokens minted with the REAL next-auth `encode`,
// and the exact Cookie / Authorization header strings. Both sides get byte-identical requests.

import { createRequire } from "node:module";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { encode as encodeV5 } from "@auth/core/jwt";
import { SIGN_IN_TOKEN, ERROR_TOKEN } from "./scenarios.mjs";

const require = createRequire(import.meta.url);
// SessionStore is not in next-auth's `exports` map; load the file by path (the real chunker).
const { SessionStore } = require(path.join(path.dirname(require.resolve("next-auth/jwt")), "../core/lib/cookie.js"));

export const SECRETS = {
  options: "options-secret-ünïcødé ✓",
  nextauth: "NEXTAUTH_SECRET: a long random string",
  auth: "AUTH_SECRET-0123456789abcdef",
  other: "a-completely-different-secret",
  rotated: "AUTH_SECRET_1: Auth.js's rotation variable",
};

export const CUSTOM_PAGES = { signIn: "/login", error: "/oops" };
export const DEFAULT_PAGES = { signIn: "/api/auth/signin", error: "/api/auth/error" };
export const CUSTOM_COOKIE_NAME = "my-app.session";
export const AUTHJS_COOKIE_NAME = "authjs.session-token";

export const CLAIMS = {
  cookie: {
    sub: "user-ada",
    name: "Ada Lovelace",
    email: "ada@example.com",
    picture: null,
    role: "admin",
    n: 1.5,
    nested: { list: [1, "two", { three: true }], empty: {} },
    unicode: "café 日本 🍪",
  },
  stale: { sub: "user-stale", role: "admin" },
  bearer: { sub: "bearer-bob", role: "user" },
  big: { sub: "user-big", role: "admin", blob: "x".repeat(6500) },
};

/** `process.env` for the four keys next-auth reads (absent key = unset). */
export function envFor(s) {
  const env = {};
  switch (s.secret) {
    case "nextauth":
      env.NEXTAUTH_SECRET = SECRETS.nextauth;
      break;
    case "auth":
      env.AUTH_SECRET = SECRETS.auth;
      break;
    case "options+env":
    case "nextauth+auth":
      env.NEXTAUTH_SECRET = SECRETS.nextauth;
      env.AUTH_SECRET = SECRETS.auth;
      break;
    case "empty-nextauth+auth":
      env.NEXTAUTH_SECRET = "";
      env.AUTH_SECRET = SECRETS.auth;
      break;
  }
  if (s.quirk === "rotation-auth-secret-1") env.AUTH_SECRET_1 = SECRETS.rotated;
  if (s.nextauthUrl !== "unset") env.NEXTAUTH_URL = s.nextauthUrl;
  if (s.vercel !== "unset") env.VERCEL = s.vercel;
  return env;
}

/** `options.secret`, or undefined. */
export function optionsSecret(s) {
  return s.secret === "options" || s.secret === "options+env" ? SECRETS.options : undefined;
}

/** The secret the app "means": what next-auth would resolve, or (no usable secret) a plausible one. */
export function mintSecret(s) {
  if (s.quirk === "rotation-auth-secret-1") return SECRETS.rotated;
  const env = envFor(s);
  return optionsSecret(s) ?? (env.NEXTAUTH_SECRET || undefined) ?? env.AUTH_SECRET ?? SECRETS.nextauth;
}

export function pagesFor(s) {
  return s.pages === "custom" ? CUSTOM_PAGES : DEFAULT_PAGES;
}

/** The cookie name next-auth's getToken would read for this scenario (the generator's guess). */
export function sessionCookieName(s) {
  if (s.quirk?.startsWith("authjs-name-")) return AUTHJS_COOKIE_NAME;
  if (s.cookieName === "custom") return CUSTOM_COOKIE_NAME;
  const env = envFor(s);
  const secure = env.NEXTAUTH_URL !== undefined ? env.NEXTAUTH_URL.startsWith("https://") : !!env.VERCEL;
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The request path (with query) for the scenario, before the basePath. */
export function requestPath(s) {
  const pages = pagesFor(s);
  return s.path.replace(SIGN_IN_TOKEN, pages.signIn).replace(ERROR_TOKEN, pages.error);
}

export function requestUrl(s) {
  return `${s.origin}${s.basePath}${requestPath(s)}`;
}

function splitInto(value, n) {
  const size = Math.ceil(value.length / n);
  return Array.from({ length: n }, (_, i) => value.slice(i * size, (i + 1) * size));
}

/** Flip one character in the middle of the JWE ciphertext (4th segment). */
export function tamper(jwe) {
  const parts = jwe.split(".");
  const ct = parts[3];
  const i = Math.floor(ct.length / 2);
  parts[3] = ct.slice(0, i) + (ct[i] === "A" ? "B" : "A") + ct.slice(i + 1);
  return parts.join(".");
}

const silentLogger = { debug() {}, error() {}, warn() {} };

/** next-auth's own chunking (`SessionStore#chunk`, 3933-character chunks). */
function realChunks(name, value) {
  const store = new SessionStore({ name, options: {} }, { cookies: {}, headers: {} }, silentLogger);
  return store.chunk(value, {}).map((c) => [c.name, c.value]);
}

/**
 * Everything the two runners need for one scenario. Tokens are minted once here, so the same
 * materials can be replayed against next-auth with a different cookie kind (KNOWN_DIFFERENCES)
 * and the decoded payloads (iat/exp/jti included) stay comparable.
 */
export async function materialize(s) {
  const secret = mintSecret(s);
  const v5 = s.quirk === "authjs-name-v5-token" || s.quirk === "v4-name-v5-token";
  // v5: Auth.js's encode, salted with the cookie name (as Auth.js mints its session cookie).
  const mint = v5 ? (p) => encodeV5({ ...p, salt: sessionCookieName(s) }) : encode;
  const tokens = {
    valid: await mint({ token: CLAIMS.cookie, secret }),
    expired: await mint({ token: CLAIMS.cookie, secret, maxAge: -60 }),
    expiredWithinSkew: await mint({ token: CLAIMS.cookie, secret, maxAge: -10 }),
    wrongSecret: await mint({ token: CLAIMS.cookie, secret: SECRETS.other }),
    stale: await mint({ token: CLAIMS.stale, secret }),
    bearer: await encode({ token: CLAIMS.bearer, secret }),
    big: await encode({ token: CLAIMS.big, secret }),
  };
  return { secret, tokens, cookieName: sessionCookieName(s) };
}

/** [name, rawValue] pairs (rawValue null = a pair without "="), for the scenario's cookie kind. */
export function sessionCookiePairs(s, m) {
  const name = m.cookieName;
  const t = m.tokens;
  const three = splitInto(t.valid, 3).map((v, i) => [`${name}.${i}`, v]);
  switch (s.cookie) {
    case "none":
      return [];
    case "valid":
      return [[name, t.valid]];
    case "expired":
      return [[name, t.expired]];
    case "expired-within-skew":
      return [[name, t.expiredWithinSkew]];
    case "tampered":
      return [[name, tamper(t.valid)]];
    case "wrong-secret":
      return [[name, t.wrongSecret]];
    case "chunked-3":
      return three;
    case "chunked-12-shuffled": {
      const chunks = splitInto(t.valid, 12).map((v, i) => [`${name}.${i}`, v]);
      return [10, 2, 0, 11, 1, 9, 3, 8, 4, 7, 5, 6].map((i) => chunks[i]);
    }
    case "chunked-real":
      return realChunks(name, t.big);
    case "secure-prefixed":
      return [["__Secure-next-auth.session-token", t.valid]];
    case "plain-name":
      return [["next-auth.session-token", t.valid]];
    case "stale-unsuffixed+chunks":
      return [[name, t.stale], ...three];
    case "lookalike-only":
      return [[`${name}-old`, t.valid]];
    case "valid+lookalike":
      return [[name, t.valid], [`${name}-old`, t.stale]];
    case "duplicate-last-valid":
      return [[name, "garbage-from-an-old-deploy"], [name, t.valid]];
    case "duplicate-first-valid":
      return [[name, t.valid], [name, "garbage-from-an-old-deploy"]];
    case "duplicate-last-bad":
      return [[name, t.valid], [name, "%E0%A4%A"]];
    case "percent-encoded":
      return [[name, t.valid.replaceAll(".", "%2E").replace(/-/g, "%2D")]];
    case "bad-percent":
      return [[name, `${t.valid}%E0%A4%A`]];
    case "empty-value":
      return [[name, ""]];
    case "no-equals":
      return [[name, null]];
    default:
      throw new Error(`unknown cookie kind ${s.cookie}`);
  }
}

export function cookieHeader(s, m) {
  const pairs = [["theme", "dark"], ...sessionCookiePairs(s, m), ["next-auth.csrf-token", "abc%7Cdef"]];
  return pairs.map(([n, v]) => (v === null ? n : `${n}=${v}`)).join(s.cookieSep);
}

export function authorizationHeader(s, m) {
  const b = m.tokens.bearer;
  switch (s.bearer) {
    case "none":
      return undefined;
    case "valid":
      return `Bearer ${b}`;
    case "garbage":
      return "Bearer not-a-jwt";
    case "lowercase":
      return `bearer ${b}`;
    case "pct-encoded":
      return `Bearer ${b.replaceAll(".", "%2E")}`;
    case "malformed-pct":
      return `Bearer ${b}%E0%A4%A`;
    case "double-space":
      return `Bearer  ${b}`;
    default:
      throw new Error(`unknown bearer kind ${s.bearer}`);
  }
}

/** Plain request headers (Node outgoing-header shape, as Next's adapter receives them). */
export function requestHeaders(s, m) {
  const headers = { host: new URL(s.origin).host, cookie: cookieHeader(s, m), "user-agent": "differential-test" };
  const authorization = authorizationHeader(s, m);
  if (authorization !== undefined) headers.authorization = authorization;
  return headers;
}
