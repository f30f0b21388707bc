// Hostile input and faults through the package's withAuth: every case must end in the documented
// answer (no session → 307 to sign-in, or a clear rejection), within a bounded time, without
// logging token contents, and the next ordinary request must still work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { CompactEncrypt, EncryptJWT, base64url } from "jose";
import hkdf from "@panva/hkdf";
import { encode as realEncode } from "next-auth/jwt";
import { encode as authjsEncode } from "@auth/core/jwt";
import { withAuth } from "../../pkg/wasm/node.mjs";

const SECRET = "hostile-secret";
const NAME = "next-auth.session-token";
const V4_INFO = "NextAuth.js Generated Encryption Key";
const BUDGET_MS = 250; // per request, on a busy 2-core machine; real figures are far lower

const v4Key = () => hkdf("sha256", SECRET, "", V4_INFO, 32);

/** A v4 JWE around an arbitrary payload text, encrypted with the right key. */
async function v4WithPayload(text) {
  return new CompactEncrypt(new TextEncoder().encode(text)).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(await v4Key());
}

async function v4WithClaims(claims) {
  return new EncryptJWT(claims).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(await v4Key());
}

const gate = withAuth({ secret: SECRET, callbacks: { authorized: ({ token }) => !!token } });

async function run(url, headers = {}) {
  const started = performance.now();
  const res = await gate(new Request(url, { headers }));
  const ms = performance.now() - started;
  assert.ok(ms < BUDGET_MS, `${url.slice(0, 80)} took ${ms.toFixed(1)} ms`);
  return res;
}

async function assertSignedOut(url, headers) {
  const res = await run(url, headers);
  assert.ok(res instanceof Response, "expected a redirect, got continue");
  assert.equal(res.status, 307);
  const location = res.headers.get("location");
  assert.ok(location.startsWith("http://localhost:3000/api/auth/signin?callbackUrl=%2F"), location.slice(0, 120));
  assert.ok(!/[\u0000-\u001f\u007f]/.test(location), "control character in Location");
  return location;
}

const cookie = (pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("; ");

test("oversized and malformed Cookie headers are no session, quickly", async () => {
  const token = await realEncode({ token: { name: "A" }, secret: SECRET });
  const cases = {
    "1 MiB header of tiny cookies": cookie(Array.from({ length: 100_000 }, (_, i) => [`c${i}`, "xxxx"])).slice(0, 1 << 20),
    "10 000 cookies": cookie(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, "v"])),
    "300 chunks": cookie(Array.from({ length: 300 }, (_, i) => [`${NAME}.${i}`, "abcd"])),
    "a 1 MiB session cookie": cookie([[NAME, "a".repeat(1 << 20)]]),
    "chunk gap": cookie([[`${NAME}.0`, token.slice(0, 100)], [`${NAME}.2`, token.slice(100)]]),
    "duplicate chunk numbers": cookie([[`${NAME}.0`, token.slice(0, 100)], [`${NAME}.0`, "junk"], [`${NAME}.1`, token.slice(100)]]),
    "leading-zero chunk": cookie([[`${NAME}.00`, token]]),
    "invalid percent-encoding": cookie([[NAME, "%E0%A4%A"]]),
    "percent-encoded invalid UTF-8": cookie([[NAME, "%C3%28"]]),
    "bare name, no value": NAME,
  };
  for (const [name, header] of Object.entries(cases)) {
    await test(name, () => assertSignedOut("http://localhost:3000/p", { cookie: header }));
  }
});

test("tokens next-auth would accept but that are not sessions to us, or to anyone", async () => {
  const deep = "[".repeat(5000) + "]".repeat(5000);
  const cases = {
    "exp as a string": await v4WithClaims({ name: "A", exp: "9999999999" }),
    "exp 1e309 (Infinity in JS: never expires)": await v4WithPayload('{"name":"A","exp":1e309}'),
    "negative exp": await v4WithClaims({ name: "A", exp: -1 }),
    "float exp in the past": await v4WithClaims({ name: "A", exp: 1.5 }),
    "duplicate exp (JSON.parse keeps the last)": await v4WithPayload(`{"exp":1,"exp":${2 ** 40}}`),
    "deeply nested payload": await v4WithPayload(`{"a":${deep}}`),
    "payload is an array": await v4WithPayload("[1,2]"),
    "another salt": await realEncode({ token: { name: "A" }, secret: SECRET, salt: "other" }),
    "v5 token with an unknown kid": (await authjsEncode({ token: { name: "A" }, secret: SECRET, salt: "authjs.session-token" })).replace(
      /^[^.]+/,
      base64url.encode(JSON.stringify({ alg: "dir", enc: "A256CBC-HS512", kid: "nope" })),
    ),
    "alg none": `${base64url.encode('{"alg":"none"}')}.${base64url.encode('{"name":"A"}')}.`,
  };
  for (const [name, token] of Object.entries(cases)) {
    await test(name, () => assertSignedOut("http://localhost:3000/p", { cookie: `${NAME}=${token}` }));
  }
  // A float exp in the future is a session, like jose's numeric check.
  const ok = await v4WithClaims({ name: "A", exp: Date.now() / 1000 + 60.5 });
  assert.equal(await run("http://localhost:3000/p", { cookie: `${NAME}=${ok}` }), undefined);
});

test("hostile paths: callbackUrl stays a same-origin path, Location stays one header", async () => {
  const long = "/x".repeat(50_000);
  for (const path of ["//evil.example/x", "/%5Cevil.example", "/\\evil.example", "/a%0D%0ASet-Cookie:%20x=1", "/%00nul?q=%0A", long, "/?" + "q=".repeat(20_000)]) {
    const location = await assertSignedOut(`http://localhost:3000${path}`);
    const callback = new URL(location).searchParams.get("callbackUrl");
    assert.ok(callback.startsWith("/") && !callback.startsWith("//") && !callback.startsWith("/\\"), callback.slice(0, 80));
    assert.equal(new URL(callback, "http://localhost:3000").origin, "http://localhost:3000");
  }
});

test("faults: throwing, rejecting, junk and never-settling callbacks; the next request still works", async () => {
  const token = await realEncode({ token: { name: "A" }, secret: SECRET });
  const req = () => new Request("http://localhost:3000/p", { headers: { cookie: `${NAME}=${token}` } });
  const logs = [];
  const original = console.error;
  console.error = (...args) => logs.push(args.join(" "));
  try {
    const never = () => new Promise(() => {});
    const stuck = withAuth({ secret: SECRET, callbackTimeoutMs: 50, callbacks: { authorized: never } });
    await assert.rejects(stuck(req()), /callbacks\.authorized did not settle within 50 ms/);
    const stuckDecode = withAuth({ secret: SECRET, callbackTimeoutMs: 50, jwt: { decode: never } });
    assert.equal((await stuckDecode(req())).status, 307, "a decode that never settles is no session");
    const junk = withAuth({ secret: SECRET, callbacks: { authorized: () => ({ not: "a boolean" }) } });
    assert.equal(await junk(req()), undefined, "a truthy object allows, as in next-auth");
    const junkDecode = withAuth({ secret: SECRET, jwt: { decode: () => 42 } });
    let seen;
    await withAuth((r) => { seen = r.nextauth.token; }, { secret: SECRET, jwt: { decode: () => 42 } })(req());
    assert.equal(seen, 42, "whatever decode returns is the token, as in next-auth");
    assert.equal(await junkDecode(req()), undefined);
    const throwingMiddleware = withAuth(() => { throw new TypeError("handler bug"); }, { secret: SECRET });
    await assert.rejects(throwingMiddleware(req()), TypeError);
  } finally {
    console.error = original;
  }
  assert.ok(logs.every((line) => !line.includes(token) && !line.includes(SECRET)), "a log line carried a secret or token");
  assert.equal(await gate(req()), undefined, "the instance still answers");
});
