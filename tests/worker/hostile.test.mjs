// Hostile input through the Worker on workerd: every case ends in the documented answer (307 to
// sign-in, never a 500), within a bounded time, and `Location` stays one same-origin header.
// (tests/node/hostile.test.mjs runs the same families through the npm package's withAuth.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { CompactEncrypt, EncryptJWT, base64url } from "jose";
import hkdf from "@panva/hkdf";
import { encode } from "next-auth/jwt";
import { startUpstream, startWorker } from "./helpers.mjs";

const SECRET = "worker-hostile-secret";
const NAME = "next-auth.session-token";
const BUDGET_MS = 500; // per request on a busy 2-core machine, Miniflare's own overhead included

let upstream;
let worker;
before(async () => {
  upstream = await startUpstream();
  worker = await startWorker({ NEXTAUTH_SECRET: SECRET, UPSTREAM: upstream.url, MATCHER: "/dashboard/:path*" });
});
after(async () => {
  await worker?.dispose();
  await upstream?.close();
});

async function expectSignIn(path, headers = {}) {
  const started = performance.now();
  const res = await worker.fetch(path, { headers });
  const ms = performance.now() - started;
  await res.arrayBuffer();
  assert.ok(ms < BUDGET_MS, `${path.slice(0, 60)}: ${ms.toFixed(0)} ms`);
  assert.equal(res.status, 307, `${path.slice(0, 60)}: status ${res.status}`);
  const location = res.headers.get("location");
  assert.ok(!/[\u0000-\u001f\u007f]/.test(location), "control character in Location");
  const callback = new URL(location).searchParams.get("callbackUrl");
  assert.ok(callback.startsWith("/") && !callback.startsWith("//") && !callback.startsWith("/\\"), callback.slice(0, 80));
}

const v4Key = () => hkdf("sha256", SECRET, "", "NextAuth.js Generated Encryption Key", 32);
const raw = async (text) =>
  new CompactEncrypt(new TextEncoder().encode(text)).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(await v4Key());
const claims = async (payload) => new EncryptJWT(payload).setProtectedHeader({ alg: "dir", enc: "A256GCM" }).encrypt(await v4Key());

test("oversized and malformed Cookie headers", async () => {
  const token = await encode({ token: { name: "A" }, secret: SECRET });
  const pairs = (n, make) => Array.from({ length: n }, (_, i) => make(i)).join("; ");
  const cases = {
    "64 KiB of tiny cookies": pairs(8000, (i) => `c${i}=x`).slice(0, 64 * 1024),
    "3000 cookies": pairs(3000, (i) => `k${i}=v`),
    "300 chunks": pairs(300, (i) => `${NAME}.${i}=abcd`),
    "a chunk gap": `${NAME}.0=${token.slice(0, 100)}; ${NAME}.2=${token.slice(100)}`,
    "duplicate chunk numbers": `${NAME}.0=${token.slice(0, 100)}; ${NAME}.0=junk; ${NAME}.1=${token.slice(100)}`,
    "invalid percent-encoding": `${NAME}=%E0%A4%A`,
    "percent-encoded invalid UTF-8": `${NAME}=%C3%28`,
  };
  for (const [name, header] of Object.entries(cases)) {
    await test(name, () => expectSignIn("/dashboard/x", { cookie: header }));
  }
});

test("tokens that are not sessions: bad claims, deep nesting, foreign salt, alg none", async () => {
  const cases = {
    "exp as a string": await claims({ name: "A", exp: "9999999999" }),
    "exp 1e309": await raw('{"name":"A","exp":1e309}'),
    "negative exp": await claims({ name: "A", exp: -1 }),
    "duplicate exp": await raw(`{"exp":1,"exp":${2 ** 40}}`),
    "500-deep nesting": await raw(`{"a":${"[".repeat(500)}${"]".repeat(500)}}`),
    "another salt": await encode({ token: { name: "A" }, secret: SECRET, salt: "other" }),
    "alg none": `${base64url.encode('{"alg":"none"}')}.${base64url.encode('{"name":"A"}')}.`,
    "a 100 KiB token": "a".repeat(100 * 1024),
  };
  for (const [name, token] of Object.entries(cases)) {
    await test(name, () => expectSignIn("/dashboard/x", { cookie: `${NAME}=${token}` }));
  }
});

test("headers over workerd's own limit are refused by the runtime (431), before the Worker", async () => {
  const res = await worker.fetch("/dashboard/x", { headers: { cookie: `${NAME}=${"a".repeat(300 * 1024)}` } });
  assert.equal(res.status, 431);
  await res.arrayBuffer();
});

test("hostile paths keep callbackUrl on this origin and Location a single header", async () => {
  for (const path of ["/dashboard/%0D%0ASet-Cookie:%20x=1", "/dashboard/%01?q=%0A", `/dashboard/${"x/".repeat(4000)}`]) {
    await expectSignIn(path);
  }
  // NUL has no reading an origin should act on (PATH_POLICY): refused before the gate.
  const nul = await worker.fetch("/dashboard/%00?q=%0A");
  assert.equal(nul.status, 400);
  await nul.arrayBuffer();
  // With every path guarded (no MATCHER), a pathname starting with `//` reaches the gate: its
  // callbackUrl must not become a network-path reference to another host.
  const everything = await startWorker({ NEXTAUTH_SECRET: SECRET, UPSTREAM: upstream.url });
  try {
    for (const path of ["//evil.example/x", "/%5Cevil.example", "///evil.example"]) {
      const res = await everything.fetch(path);
      // `%5C` reads as `\` or `/` depending on the origin: PATH_POLICY strict refuses it (400).
      if (path.includes("%5C")) {
        assert.equal(res.status, 400, path);
        continue;
      }
      assert.equal(res.status, 307, path);
      const callback = new URL(res.headers.get("location")).searchParams.get("callbackUrl");
      assert.equal(new URL(callback, "http://127.0.0.1:8787").origin, "http://127.0.0.1:8787", `${path} → ${callback}`);
    }
  } finally {
    await everything.dispose();
  }
});
