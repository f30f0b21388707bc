// The tokens and requests every measurement uses, minted by the REAL next-auth `encode`, so both
// sides (and criterion, through the same file) decode identical bytes. `bench/run.mjs` mints them
// once per run into $NEXTAUTH_EDGE_BENCH_TOKENS; a measurement run alone mints its own.

import { readFileSync } from "node:fs";
import { encode } from "next-auth/jwt";

export const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";
// Set in production: next-auth then picks the `__Secure-` cookie and parses this URL per request.
export const NEXTAUTH_URL = "https://app.example.com";
export const COOKIE = "__Secure-next-auth.session-token";
export const URL_SIGNED = "https://app.example.com/dashboard/settings?tab=profile";
// next-auth's SessionStore chunk size (4096 minus room for the cookie's attributes).
const CHUNK = 3933;

const user = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  picture: "https://avatars.example.com/u/42?v=4",
  sub: "42",
};

/** A token (~330 chars, next-auth's default claims), a ~3 KB one, and one big enough to chunk. */
export async function mint() {
  const typical = await encode({ secret: SECRET, token: user });
  const large = await encode({ secret: SECRET, token: { ...user, groups: "g".repeat(2100) } });
  const chunked = await encode({ secret: SECRET, token: { ...user, groups: "g".repeat(4400) } });
  return { secret: SECRET, tokens: { typical, large, chunked } };
}

export async function loadMaterials() {
  const file = process.env.NEXTAUTH_EDGE_BENCH_TOKENS;
  const { secret, tokens } = file ? JSON.parse(readFileSync(file, "utf8")) : await mint();
  return { secret, tokens, requests: requestsFor(tokens) };
}

/** One flipped character in the ciphertext: still valid base64url, so the AES-GCM tag check fails. */
export function tamper(token) {
  const parts = token.split(".");
  const c = parts[3];
  const i = c.length >> 1;
  parts[3] = c.slice(0, i) + (c[i] === "A" ? "B" : "A") + c.slice(i + 1);
  return parts.join(".");
}

const BROWSER_HEADERS = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-language": "en-GB,en;q=0.9",
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
};
// Cookies a signed-in next-auth user's browser also sends.
const OTHER_COOKIES =
  "theme=dark; __Secure-next-auth.callback-url=https%3A%2F%2Fapp.example.com%2Fdashboard; " +
  `__Host-next-auth.csrf-token=${"a1".repeat(32)}%7C${"b2".repeat(32)}`;

/** The four request kinds: { url, headers } as plain data (each runtime builds its own Request). */
export function requestsFor(tokens) {
  const chunks = [];
  for (let i = 0; i * CHUNK < tokens.chunked.length; i++) chunks.push(tokens.chunked.slice(i * CHUNK, (i + 1) * CHUNK));
  const withCookies = (session) => ({ ...BROWSER_HEADERS, cookie: `${OTHER_COOKIES}; ${session}` });
  return {
    "signed in": { url: URL_SIGNED, headers: withCookies(`${COOKIE}=${tokens.typical}`) },
    "signed out": { url: URL_SIGNED, headers: { ...BROWSER_HEADERS } },
    tampered: { url: URL_SIGNED, headers: withCookies(`${COOKIE}=${tamper(tokens.typical)}`) },
    chunked: { url: URL_SIGNED, headers: withCookies(chunks.map((c, i) => `${COOKIE}.${i}=${c}`).join("; ")) },
  };
}

/** What each request kind must produce, on both sides, before anything is timed. */
export const EXPECTED_STATUS = { "signed in": undefined, "signed out": 307, tampered: 307, chunked: undefined };

/** The environment of a production next-auth app: both sides read it per request. */
export const ENV = { NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL };
