// Behaviour of the npm package beyond next-auth's (the differential suite covers parity):
// opt-in refusals, secret rotation, v5 cookies, failing callbacks, and getToken/decode/encode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { NextRequest } from "next/server.js";
import { encode as realEncode, decode as realDecode } from "next-auth/jwt";
import { encode as authjsEncode } from "@auth/core/jwt";
import * as nodeEntry from "../../pkg/wasm/node.mjs";

const { withAuth, getToken, decode, encode } = nodeEntry;

const SECRET = "package-test-secret";
const ORIGIN = "http://localhost:3000";

function request(path, cookies = {}, headers = {}) {
  const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join("; ");
  return new NextRequest(ORIGIN + path, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

async function withEnv(env, fn) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

test("`import` and `require` of the Node entry export the same names", () => {
  const required = createRequire(import.meta.url)("../../pkg/node.cjs");
  const named = (keys) => keys.filter((k) => !["default", "__esModule", "__useHostAesGcm"].includes(k)).sort();
  assert.deepEqual(named(Object.keys(nodeEntry)), named(Object.keys(required)));
  assert.equal(typeof nodeEntry.default, "function");
  assert.equal(nodeEntry.default, nodeEntry.withAuth);
});

test("nextauth-edge/middleware: withAuth alone, from a module without the rest, in `import` and `require`", async () => {
  const imported = await import("../../pkg/wasm/middleware/node.mjs");
  const required = createRequire(import.meta.url)("../../pkg/wasm/middleware/node.cjs");
  const internal = ["__esModule", "__useHostAesGcm", "initSync", "start"];
  const publicNames = (keys) => keys.filter((k) => !internal.includes(k)).sort();
  assert.deepEqual(publicNames(Object.keys(imported)), ["default", "withAuth"]);
  assert.deepEqual(publicNames(Object.keys(required)), ["default", "withAuth"]);
  assert.equal(imported.default, imported.withAuth);
  // Its own instance (a second module), answering as the main entry does.
  assert.notEqual(imported.withAuth, withAuth);
  const token = await realEncode({ token: { name: "Ada" }, secret: SECRET });
  for (const entry of [imported, required, nodeEntry]) {
    const mw = entry.withAuth({ secret: SECRET });
    assert.equal(await mw(request("/p", { "next-auth.session-token": token })), undefined);
    assert.equal((await mw(request("/p?x=1"))).headers.get("location"), `${ORIGIN}/api/auth/signin?callbackUrl=%2Fp%3Fx%3D1`);
  }
});

test("our encode decodes in next-auth and theirs in ours", async () => {
  const ours = await encode({ token: { name: "Ada", n: 1.5 }, secret: SECRET, salt: "s" });
  const real = await realDecode({ token: ours, secret: SECRET, salt: "s" });
  assert.equal(real.name, "Ada");
  assert.equal(real.n, 1.5);
  const theirs = await realEncode({ token: { name: "Bob" }, secret: SECRET, maxAge: 60 });
  assert.equal((await decode({ token: theirs, secret: SECRET })).name, "Bob");
  // 60 s + 15 s tolerance later it is gone; `now` freezes the clock.
  await assert.rejects(decode({ token: theirs, secret: SECRET, now: Date.now() + 80_000 }), /expired/);
  assert.equal(await decode({ token: "", secret: SECRET }), null);
});

test("a secret list rotates v4 tokens, which next-auth cannot do", async () => {
  const old = await realEncode({ token: { name: "Old" }, secret: "old-secret" });
  const mw = withAuth({ secret: ["new-secret", "old-secret"] });
  assert.equal(await mw(request("/p", { "next-auth.session-token": old })), undefined);
  const only = withAuth({ secret: "new-secret" });
  assert.equal((await only(request("/p", { "next-auth.session-token": old }))).status, 307);
});

test("onUnauthorized: 403 or the user's response for a signed-in user; signed out still redirects", async () => {
  const token = await realEncode({ token: { role: "user" }, secret: SECRET });
  const authorized = ({ token }) => token?.role === "admin";
  const forbidden = withAuth({ secret: SECRET, callbacks: { authorized }, onUnauthorized: "forbidden" });
  const signedIn = await forbidden(request("/admin", { "next-auth.session-token": token }));
  assert.equal(signedIn.status, 403);
  assert.equal((await forbidden(request("/admin"))).status, 307);
  const custom = withAuth({
    secret: SECRET,
    callbacks: { authorized },
    onUnauthorized: ({ token }) => new Response(`no ${token.role}`, { status: 401 }),
  });
  const res = await custom(request("/admin", { "next-auth.session-token": token }));
  assert.equal(res.status, 401);
  assert.equal(await res.text(), "no user");
  assert.throws(() => withAuth({ onUnauthorized: "nope" }), /onUnauthorized/);
});

test("a throwing callback rejects like next-auth, logs without the token, and the next request works", async () => {
  const token = await realEncode({ token: { name: "Ada" }, secret: SECRET });
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args.join(" "));
  try {
    const boom = withAuth({ secret: SECRET, callbacks: { authorized: () => { throw new Error("boom"); } } });
    await assert.rejects(boom(request("/p", { "next-auth.session-token": token })), /boom/);
    const rejecting = withAuth({ secret: SECRET, callbacks: { authorized: () => Promise.reject(new Error("nope")) } });
    await assert.rejects(rejecting(request("/p", { "next-auth.session-token": token })), /nope/);
    const thrower = withAuth(() => { throw new Error("mw"); }, { secret: SECRET });
    await assert.rejects(thrower(request("/p", { "next-auth.session-token": token })), /mw/);
  } finally {
    console.error = original;
  }
  assert.ok(logged.some((line) => line.includes("callbacks.authorized threw")));
  assert.ok(logged.every((line) => !line.includes(token)), "a log line carried the token");
  const fine = withAuth({ secret: SECRET });
  assert.equal(await fine(request("/p", { "next-auth.session-token": token })), undefined);
});

test("an Auth.js v5 cookie is read with its own salt when the gate is given its name", async () => {
  const name = "authjs.session-token";
  const token = await authjsEncode({ token: { name: "Five" }, secret: SECRET, salt: name });
  let seen;
  const mw = withAuth((req) => { seen = req.nextauth.token; }, { secret: SECRET, cookies: { sessionToken: { name } } });
  await mw(request("/p", { [name]: token }));
  assert.equal(seen.name, "Five");
});

test("getToken: cookie, chunks, Bearer, raw, secureCookie and salt", async () => {
  const token = await realEncode({ token: { name: "Ada" }, secret: SECRET, salt: "x" });
  const thirds = [token.slice(0, 100), token.slice(100, 200), token.slice(200)];
  const chunked = Object.fromEntries(thirds.map((part, i) => [`next-auth.session-token.${i}`, part]));
  assert.equal((await getToken({ req: request("/", chunked), secret: SECRET, salt: "x" })).name, "Ada");
  const bearer = request("/", {}, { authorization: `Bearer ${encodeURIComponent(token)}` });
  assert.equal(await getToken({ req: bearer, secret: SECRET, raw: true }), token);
  const secure = request("/", { "__Secure-next-auth.session-token": token });
  assert.equal(await getToken({ req: secure, secret: SECRET, salt: "x" }), null);
  assert.equal((await getToken({ req: secure, secret: SECRET, salt: "x", secureCookie: true })).name, "Ada");
  await withEnv({ NEXTAUTH_URL: "https://example.com" }, async () => {
    assert.equal((await getToken({ req: secure, secret: SECRET, salt: "x" })).name, "Ada");
  });
  await assert.rejects(getToken({}), /Must pass `req`/);
});

test("a custom jwt.decode replaces ours, sync or async, and its failure is no session", async () => {
  const seen = [];
  const decodeFn = async ({ token, secret }) => { seen.push(secret); return token === "good" ? { name: "Custom" } : null; };
  let token;
  const mw = withAuth((req) => { token = req.nextauth.token; }, { secret: SECRET, jwt: { decode: decodeFn } });
  await mw(request("/p", { "next-auth.session-token": "good" }));
  assert.deepEqual(token, { name: "Custom" });
  assert.deepEqual(seen, [SECRET]);
  const throwing = withAuth({ secret: SECRET, jwt: { decode: () => { throw new Error("x"); } } });
  assert.equal((await throwing(request("/p", { "next-auth.session-token": "good" }))).status, 307);
});

test("without Next.js, basePath is an option and the URL comes from req.url", async () => {
  await withEnv({ NEXTAUTH_SECRET: SECRET }, async () => {
    const mw = withAuth({ basePath: "/docs" });
    const res = await mw(new Request("https://site.example/docs/private?q=1"));
    assert.equal(res.status, 307);
    assert.equal(res.headers.get("location"), "https://site.example/docs/api/auth/signin?callbackUrl=%2Fdocs%2Fprivate%3Fq%3D1");
    // Like next-auth, the auth-route prefix comes from NEXTAUTH_URL and includes basePath.
    assert.equal((await mw(new Request("https://site.example/docs/api/auth/session"))).status, 307);
  });
  await withEnv({ NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: "https://site.example/docs/api/auth" }, async () => {
    const mw = withAuth({ basePath: "/docs" });
    assert.equal(await mw(new Request("https://site.example/docs/api/auth/session")), undefined);
  });
});

test("Workers-style env bindings supply the secret when process.env has none", async () => {
  const token = await realEncode({ token: { name: "W" }, secret: "bound-secret" });
  const handler = withAuth((req, env, ctx) => new Response(`hi ${req.nextauth.token.name} ${ctx.id}`));
  const req = new Request("https://w.example/p", { headers: { cookie: `next-auth.session-token=${token}` } });
  const res = await handler(req, { NEXTAUTH_SECRET: "bound-secret" }, { id: 7 });
  assert.equal(await res.text(), "hi W 7");
});

test("under Node, node:crypto opens AES-GCM tokens: each real token once, a tampered one refused", async () => {
  // The Node entry (pkg/node.mjs, built with the glue inlined) exports the glue's hook.
  const glue = nodeEntry;
  const calls = { importKey: 0, open: 0, opened: 0 };
  // A spy around the package's own node:crypto provider, installed the way node.mjs installs it.
  const { nodeAesGcm } = await import("../../pkg/node-aes-gcm.mjs");
  const { createSecretKey } = await import("node:crypto");
  const spy = {
    importKey(bytes) {
      calls.importKey++;
      return nodeAesGcm.importKey(bytes);
    },
    open(...args) {
      calls.open++;
      const opened = nodeAesGcm.open(...args);
      if (opened) calls.opened++;
      return opened;
    },
  };
  const secret = "host-aes-secret";
  const big = { name: "Ada", groups: "g".repeat(3000) };
  const tokens = [await realEncode({ token: { name: "Ada" }, secret }), await realEncode({ token: big, secret })];
  glue.__useHostAesGcm(spy);
  try {
    for (const token of tokens) {
      const claims = await decode({ token, secret });
      assert.deepEqual(claims, await realDecode({ token, secret }));
    }
    assert.deepEqual(calls, { importKey: 1, open: 2, opened: 2 });
    const parts = tokens[0].split(".");
    parts[3] = (parts[3][0] === "A" ? "B" : "A") + parts[3].slice(1);
    await assert.rejects(decode({ token: parts.join("."), secret }), /refused/);
    assert.equal(calls.open, 3);
    assert.equal(calls.opened, 2);
    // A host that refuses everything: no session, and nothing falls back to software AES.
    glue.__useHostAesGcm({ importKey: (bytes) => createSecretKey(bytes), open: () => false });
    await assert.rejects(decode({ token: tokens[0], secret }), /refused/);
    // Without a host (edge runtimes), software AES opens the same tokens.
    glue.__useHostAesGcm(null);
    assert.deepEqual(await decode({ token: tokens[1], secret }), await realDecode({ token: tokens[1], secret }));
  } finally {
    glue.__useHostAesGcm(nodeAesGcm);
  }
});
