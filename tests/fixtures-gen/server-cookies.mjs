#!/usr/bin/env node
// Records tests/fixtures/server-cookies.json with the REAL next-auth 4 and @auth/core, for the
// tower/axum tests (tests/axum_server.rs):
//
// - csrf: the CSRF cookie each library's own `GET /api/auth/csrf` sets (next-auth's
//   `AuthHandler`, serialized by next-auth's `cookie` dependency as next-auth/next does;
//   @auth/core's `Auth()` on a real `Request`), with the token its JSON body hands the page.
//   Plain and secure (`__Host-`) names; one secret, and Auth.js's rotation list.
// - chunks: the session cookies each library's `SessionStore.chunk` writes for a token too big
//   for one cookie (the large8k tokens of tests/fixtures/tokens.json).
//
//   node tests/fixtures-gen/server-cookies.mjs        (from the repo root, after mint-tokens.mjs)
//
// CSRF tokens are random on every run; the tests only rely on their shape and on the verdicts.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OUT_FILE = join(REPO_ROOT, "tests", "fixtures", "server-cookies.json");
const TOKENS = JSON.parse(readFileSync(join(REPO_ROOT, "tests", "fixtures", "tokens.json"), "utf8"));

const require = createRequire(join(REPO_ROOT, "package.json"));
const NEXT_AUTH_DIR = join(REPO_ROOT, "node_modules", "next-auth");
const AUTH_CORE_DIR = join(REPO_ROOT, "node_modules", "@auth", "core");
const version = (dir) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
// Deep paths: next-auth's exports map hides its core, which is what the Next.js routes call.
const { AuthHandler } = require(join(NEXT_AUTH_DIR, "core", "index.js"));
const { SessionStore: V4SessionStore } = require(join(NEXT_AUTH_DIR, "core", "lib", "cookie.js"));
const { serialize } = createRequire(join(NEXT_AUTH_DIR, "package.json"))("cookie");
const { Auth } = await import("@auth/core");
const { SessionStore: V5SessionStore } = await import(join(AUTH_CORE_DIR, "lib", "utils", "cookie.js"));

const quiet = { error() {}, warn() {}, debug() {} };

/** What a browser sends back for a Set-Cookie line: `name=value`. */
const cookiePair = (setCookie) => setCookie.split(";")[0];

async function v4Csrf(name, secret, secure) {
  const url = secure ? "https://app.example.com" : "http://localhost:3000";
  const result = await AuthHandler({
    req: { action: "csrf", method: "GET", cookies: {}, headers: {}, query: {}, body: {}, host: url },
    options: { secret, providers: [], logger: quiet, useSecureCookies: secure },
  });
  const cookie = result.cookies.find((c) => c.name.endsWith("next-auth.csrf-token"));
  const setCookie = serialize(cookie.name, cookie.value, cookie.options);
  return { name, library: "next-auth", secret, secure, set_cookie: setCookie, cookie: cookiePair(setCookie), csrf_token: result.body.csrfToken };
}

async function v5Csrf(name, secret, secure) {
  const origin = secure ? "https://app.example.com" : "http://localhost:3000";
  const response = await Auth(new Request(`${origin}/api/auth/csrf`), {
    secret, providers: [], basePath: "/api/auth", trustHost: true, logger: quiet,
  });
  const setCookie = response.headers.getSetCookie().find((c) => c.includes("authjs.csrf-token="));
  const { csrfToken } = await response.json();
  return { name, library: "@auth/core", secret, secure, set_cookie: setCookie, cookie: cookiePair(setCookie), csrf_token: csrfToken };
}

function chunks(name, library, tokenCase, cookieName) {
  const token = TOKENS.cases.find((c) => c.name === tokenCase);
  const cookies =
    library === "next-auth"
      ? new V4SessionStore({ name: cookieName, options: {} }, { cookies: {}, headers: {} }, quiet).chunk(token.token, {})
      : new V5SessionStore({ name: cookieName, options: {} }, {}, quiet).chunk(token.token, {});
  return { name, library, token_case: tokenCase, cookie_name: cookieName, cookies: cookies.map((c) => [c.name, c.value]) };
}

const SECRET = "correct horse battery staple";
const ROTATION = ["new-secret-2025", "old-secret-2024"]; // AUTH_SECRET_1=new, AUTH_SECRET=old

const out = {
  generated_by: {
    "next-auth": version(NEXT_AUTH_DIR),
    "@auth/core": version(AUTH_CORE_DIR),
    node: process.version,
  },
  csrf: [
    await v4Csrf("v4", SECRET, false),
    await v4Csrf("v4/secure", SECRET, true),
    await v5Csrf("v5", [SECRET], false),
    await v5Csrf("v5/secure", [SECRET], true),
    await v5Csrf("v5/rotation", ROTATION, false),
  ],
  chunks: [
    chunks("v4/large8k", "next-auth", "v4/ascii-secret/large8k", "next-auth.session-token"),
    chunks("v5/large8k", "@auth/core", "v5/ascii-secret/large8k", "authjs.session-token"),
  ],
};
writeFileSync(OUT_FILE, JSON.stringify(out, null, 2) + "\n");
console.log(`wrote ${OUT_FILE}: ${out.csrf.length} CSRF cookies, ${out.chunks.length} chunked sessions`);
