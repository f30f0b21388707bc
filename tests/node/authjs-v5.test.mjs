// Auth.js v5 sessions minted by the real @auth/core, read through every entry point of the
// package: decode, getToken, withAuth (Auth.js cookie names), getServerSession; and our encode
// with an Auth.js salt read back by @auth/core. One session reader serves them all (src/reader).
import { test } from "node:test";
import assert from "node:assert/strict";
import { NextRequest } from "next/server.js";
import { encode as authjsEncode, decode as authjsDecode } from "@auth/core/jwt";
import { withAuth, getToken, decode, encode, getServerSession } from "../../pkg/wasm/node.mjs";

const SECRET = "authjs-v5-suite-secret";
const NAMES = ["authjs.session-token", "__Secure-authjs.session-token"];
const claims = { name: "Eve", email: "eve@example.com", picture: null, sub: "42", role: "admin" };

const mint = (salt, extra = {}) => authjsEncode({ token: claims, secret: SECRET, salt, ...extra });
const request = (name, token, path = "/dashboard") =>
  new NextRequest(`http://localhost:3000${path}`, { headers: { cookie: `${name}=${token}` } });

test("decode reads @auth/core tokens given their salt, as @auth/core's decode does", async () => {
  for (const salt of NAMES) {
    const token = await mint(salt);
    const ours = await decode({ token, secret: SECRET, salt });
    assert.deepEqual(ours, await authjsDecode({ token, secret: SECRET, salt }));
    assert.equal(ours.role, "admin");
    // A secret list with the right one second (Auth.js rotation) works too.
    assert.equal((await decode({ token, secret: ["other", SECRET], salt })).name, "Eve");
    // The wrong salt is refused, with the reason.
    await assert.rejects(decode({ token, secret: SECRET, salt: "authjs.other" }), /kid/);
  }
});

test("encode with an Auth.js salt writes what @auth/core's decode reads", async () => {
  for (const salt of NAMES) {
    const token = await encode({ token: { name: "Ours" }, secret: SECRET, salt, maxAge: 60 });
    const header = JSON.parse(Buffer.from(token.split(".")[0], "base64url"));
    assert.deepEqual(Object.keys(header).sort(), ["alg", "enc", "kid"]);
    assert.equal(header.enc, "A256CBC-HS512");
    const real = await authjsDecode({ token, secret: SECRET, salt });
    assert.equal(real.name, "Ours");
    assert.equal(real.exp - real.iat, 60);
  }
});

test("getToken reads v5 cookies by cookieName, and the raw token", async () => {
  for (const name of NAMES) {
    const token = await mint(name);
    const req = request(name, token);
    const read = await getToken({ req, secret: SECRET, cookieName: name });
    assert.equal(read.email, "eve@example.com");
    assert.equal(await getToken({ req, secret: SECRET, cookieName: name, raw: true }), token);
    assert.equal(await getToken({ req, secret: "wrong", cookieName: name }), null);
  }
});

test("withAuth with an Auth.js cookie name lets a v5 session through and hands authorized its token", async () => {
  for (const name of NAMES) {
    const token = await mint(name);
    let seen;
    const mw = withAuth({
      secret: SECRET,
      cookies: { sessionToken: { name } },
      callbacks: { authorized: ({ token }) => ((seen = token), token?.role === "admin") },
    });
    assert.equal(await mw(request(name, token)), undefined);
    assert.equal(seen.name, "Eve");
    const signedOut = await mw(request(name, "garbage"));
    assert.equal(signedOut.status, 307);
  }
});

test("withAuth reads AUTH_SECRET_1..3 rotation from the environment, in Auth.js's order", async () => {
  const name = NAMES[0];
  const saved = { ...process.env };
  try {
    delete process.env.NEXTAUTH_SECRET;
    process.env.AUTH_SECRET = "current";
    process.env.AUTH_SECRET_1 = "rotated";
    const token = await authjsEncode({ token: claims, secret: "rotated", salt: name });
    const mw = withAuth({ cookies: { sessionToken: { name } } });
    assert.equal(await mw(request(name, token)), undefined);
    delete process.env.AUTH_SECRET_1;
    const after = await withAuth({ cookies: { sessionToken: { name } } })(request(name, token));
    assert.equal(after.status, 307);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
});

test("getServerSession reads a v5 session (no longer clearing it) and re-issues a v5 cookie", async () => {
  for (const name of NAMES) {
    const token = await mint(name);
    const headers = new Headers();
    const session = await getServerSession(request(name, token, "/"), headers, {
      secret: SECRET,
      cookies: { sessionToken: { name, options: { secure: name.startsWith("__Secure-") } } },
    });
    assert.equal(session.user.name, "Eve");
    assert.equal(session.user.email, "eve@example.com");
    const setCookie = headers.getSetCookie();
    assert.equal(setCookie.length, 1, setCookie.join("\n"));
    assert.ok(setCookie[0].startsWith(`${name}=`), setCookie[0]);
    assert.doesNotMatch(setCookie[0], /Max-Age=0/);
    const reissued = setCookie[0].slice(name.length + 1).split(";")[0];
    const real = await authjsDecode({ token: reissued, secret: SECRET, salt: name });
    assert.equal(real.role, "admin");
  }
});

test("getServerSession ignores Bearer tokens (next-auth's session store reads cookies only)", async () => {
  const token = await mint("next-auth.session-token");
  const req = new NextRequest("http://localhost:3000/", { headers: { authorization: `Bearer ${token}` } });
  assert.equal(await getServerSession(req, new Headers(), { secret: SECRET }), null);
});
