// getServerSession, differentially: the real next-auth 4.24.15 `getServerSession(req, res, options)`
// against ours for the same cookies, callbacks and frozen clock. Compared: the session object, and
// the Set-Cookie values after decoding (names, attributes, and the re-issued token's claims).
import { test } from "node:test";
import assert from "node:assert/strict";
import { getServerSession as realGetServerSession } from "next-auth/next";
import { encode as realEncode, decode as realDecode } from "next-auth/jwt";
import { getServerSession, readSession } from "../../pkg/wasm/node.mjs";

const SECRET = "server-session-secret";
const NOW_MS = 1_764_158_400_123;
const RealDate = globalThis.Date;

/** Runs `fn` with `Date.now()` and `new Date()` frozen at NOW_MS (jose uses `new Date()`). */
async function frozen(fn) {
  globalThis.Date = class extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [NOW_MS]));
    }
    static now() {
      return NOW_MS;
    }
  };
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

function nodeReq(cookies, headers = {}) {
  const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join("; ");
  return { headers: { host: "localhost:3000", ...(cookie ? { cookie } : {}), ...headers }, cookies: { ...cookies } };
}

function nodeRes() {
  const headers = {};
  return {
    headers,
    getHeader: (name) => headers[name.toLowerCase()],
    setHeader: (name, value) => (headers[name.toLowerCase()] = value),
  };
}

const silent = { error() {}, warn() {}, debug() {} };

/** A Set-Cookie value → { name, attributes, claims } with the token decoded by real next-auth. */
function describeCookie(header) {
  const [pair, ...attributes] = header.split("; ");
  const name = pair.slice(0, pair.indexOf("="));
  const value = pair.slice(pair.indexOf("=") + 1);
  return { name, attributes, value: value.length > 0 };
}

async function sessionCookieClaims(setCookie, name) {
  const values = setCookie
    .filter((h) => h.startsWith(`${name}=`) || h.startsWith(`${name}.`))
    .filter((h) => !h.includes("Max-Age=0"))
    .sort()
    .map((h) => h.slice(h.indexOf("=") + 1, h.indexOf(";")));
  if (!values.length) return null;
  const { jti, ...claims } = await realDecode({ token: values.join(""), secret: SECRET });
  return { ...claims, jti: typeof jti };
}

const CALLBACKS = {
  none: undefined,
  "jwt-adds-role": { jwt: ({ token }) => ({ ...token, role: "admin" }) },
  "session-from-token": {
    jwt: async ({ token }) => ({ ...token, role: "editor" }),
    session: async ({ session, token }) => ({ ...session, role: token.role, sub: token.sub }),
  },
  "jwt-throws": { jwt: () => { throw new Error("jwt exploded"); } },
  "session-empty": { session: () => ({}) },
};

async function cookiesFor(kind) {
  const claims = { name: "Ada", email: "ada@example.com", picture: "https://x/a.png", sub: "u1" };
  const token = await realEncode({ token: claims, secret: SECRET });
  switch (kind) {
    case "none":
      return {};
    case "valid":
      return { "next-auth.session-token": token };
    case "expired":
      return { "next-auth.session-token": await realEncode({ token: claims, secret: SECRET, maxAge: -60 }) };
    case "tampered":
      return { "next-auth.session-token": token.slice(0, -3) + (token.endsWith("A") ? "BBB" : "AAA") };
    case "big": {
      const big = await realEncode({ token: { ...claims, bio: "x".repeat(6000) }, secret: SECRET });
      return { "next-auth.session-token.0": big.slice(0, 3933), "next-auth.session-token.1": big.slice(3933) };
    }
    case "stale-chunks":
      return { "next-auth.session-token": token, "next-auth.session-token.5": "stale" };
  }
}

const SCENARIOS = [];
for (const cookie of ["none", "valid", "expired", "tampered", "big", "stale-chunks"]) {
  for (const callbacks of Object.keys(CALLBACKS)) {
    for (const maxAge of [undefined, 3600]) SCENARIOS.push({ cookie, callbacks, maxAge });
  }
}

test(`getServerSession matches next-auth's for ${SCENARIOS.length} cookie × callback × maxAge scenarios`, async () => {
  const failures = [];
  for (const s of SCENARIOS) {
    const cookies = await frozen(() => cookiesFor(s.cookie));
    const options = { secret: SECRET, logger: silent, callbacks: CALLBACKS[s.callbacks], ...(s.maxAge ? { session: { maxAge: s.maxAge } } : {}) };
    const realRes = nodeRes();
    const ourRes = nodeRes();
    const errors = console.error;
    console.error = () => {};
    let real, ours;
    try {
      real = await frozen(() => realGetServerSession(nodeReq(cookies), realRes, { ...options }));
      ours = await frozen(() => getServerSession(nodeReq(cookies), ourRes, { ...options }));
    } finally {
      console.error = errors;
    }
    // next-auth's request initialisation also sets the CSRF and callback-URL cookies its sign-in
    // forms use; a session reader has no forms and leaves them alone (README: deliberate differences).
    const SIGN_IN_FLOW = /^(__Host-|__Secure-)?next-auth\.(csrf-token|callback-url)=/;
    const realCookies = (realRes.headers["set-cookie"] ?? []).filter((c) => !SIGN_IN_FLOW.test(c));
    const ourCookies = ourRes.headers["set-cookie"] ?? [];
    const observe = async (session, setCookie) => ({
      session,
      cookies: setCookie.map(describeCookie),
      claims: await sessionCookieClaims(setCookie, "next-auth.session-token"),
    });
    const expected = await frozen(() => observe(real, realCookies));
    const actual = await frozen(() => observe(ours, ourCookies));
    try {
      assert.deepStrictEqual(actual, expected);
      assert.equal(ourRes.headers["cache-control"], ours ? "private, no-store" : undefined);
    } catch (error) {
      failures.push(`${JSON.stringify(s)}: ${error.message.slice(0, 1500)}`);
    }
  }
  assert.equal(failures.length, 0, failures.join("\n\n"));
});

test("the re-issued cookie decodes in real next-auth, and the edge forms return the same session", async () => {
  const cookies = await cookiesFor("valid");
  const headers = new Headers({ cookie: `next-auth.session-token=${cookies["next-auth.session-token"]}` });
  const req = new Request("https://app.example/page", { headers });
  const { session, setCookie } = await readSession(req, { secret: SECRET });
  assert.equal(session.user.name, "Ada");
  const token = setCookie[0].slice(setCookie[0].indexOf("=") + 1, setCookie[0].indexOf(";"));
  assert.equal((await realDecode({ token, secret: SECRET })).email, "ada@example.com");
  const responseHeaders = new Headers();
  const withoutExpiry = ({ expires, ...rest }) => rest; // each read rolls `expires` forward
  assert.deepEqual(withoutExpiry(await getServerSession(req, responseHeaders, { secret: SECRET })), withoutExpiry(session));
  assert.equal(responseHeaders.get("cache-control"), "private, no-store");
  assert.match(responseHeaders.get("set-cookie"), /^next-auth\.session-token=.*; HttpOnly; SameSite=Lax$/);
  assert.deepEqual(withoutExpiry(await getServerSession(req, { secret: SECRET })), withoutExpiry(session));
});

test("the secure cookie name follows NEXTAUTH_URL, with the Secure attribute", async () => {
  process.env.NEXTAUTH_URL = "https://app.example";
  try {
    const token = await realEncode({ token: { name: "S" }, secret: SECRET });
    const req = new Request("https://app.example/", { headers: { cookie: `__Secure-next-auth.session-token=${token}` } });
    const { session, setCookie } = await readSession(req, { secret: SECRET });
    assert.equal(session.user.name, "S");
    assert.match(setCookie[0], /^__Secure-next-auth\.session-token=.*; HttpOnly; Secure; SameSite=Lax$/);
  } finally {
    delete process.env.NEXTAUTH_URL;
  }
});

test("the database strategy is refused with an explanation; no secret names the setting", async () => {
  const req = new Request("https://app.example/");
  await assert.rejects(readSession(req, { secret: SECRET, adapter: {} }), /database strategy.*cannot reach/s);
  await assert.rejects(readSession(req, { secret: SECRET, session: { strategy: "database" } }), /JWT sessions only/);
  const saved = process.env.NEXTAUTH_SECRET;
  delete process.env.NEXTAUTH_SECRET;
  try {
    await assert.rejects(readSession(req, {}), /NEXTAUTH_SECRET/);
  } finally {
    if (saved !== undefined) process.env.NEXTAUTH_SECRET = saved;
  }
});
