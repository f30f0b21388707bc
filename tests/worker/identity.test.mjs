// Identity to the origin, and nothing spoofable, on workerd: the identity headers a guarded
// request with a session carries, every identity header name a client sends removed (guarded or
// not, signed in or not), FORWARD_SESSION_COOKIE, GUARDED_CACHE, and authorized.js seeing the
// canonical URL.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { encode } from "next-auth/jwt";
import { startWorker, listenInRange, PRODUCTION_BUILD } from "./helpers.mjs";

const SECRET = "identity-suite-secret-do-not-use";
const MATCHER = ["/dashboard/:path*", "/admin/:path*"];
const COOKIE = "next-auth.session-token";

// An origin that echoes the request and answers with the cache headers the test asks for.
let origin;
before(async () => {
  const server = http.createServer((req, res) => {
    const headers = { "content-type": "application/json" };
    const cache = new URL(req.url, "http://x").searchParams.get("cc");
    if (cache) headers["cache-control"] = cache;
    if (req.url.includes("cdn=1")) {
      headers["cdn-cache-control"] = "max-age=3600";
      headers["cloudflare-cdn-cache-control"] = "max-age=3600";
      headers.vary = "Accept-Encoding";
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify({ url: req.url, headers: req.headers }));
  });
  const port = await listenInRange(server, 8800, 8899);
  origin = {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
});
after(async () => {
  await origin?.close();
});

async function withWorker(extra, fn, options) {
  const worker = await startWorker({ NEXTAUTH_SECRET: SECRET, UPSTREAM: origin.url, MATCHER, ...extra }, options);
  try {
    return await fn(worker);
  } finally {
    await worker.dispose();
  }
}

const cookie = async (claims) => `${COOKIE}=${await encode({ token: claims, secret: SECRET })}`;

// Every name the gate may set (defaults, a configured one, the assertion header) plus the
// oauth2-proxy family, in the spellings a client might use.
const SPOOFED = {
  "X-Auth-Request-User": "spoof-user",
  "x-auth-request-email": "spoof@evil.example",
  "X-AUTH-REQUEST-PREFERRED-USERNAME": "spoof-name",
  "X-Auth-Request-Groups": "admins",
  "X-Auth-Request-Access-Token": "spoof-token",
  "X-Auth-Request-Jwt-Assertion": "spoof.jwt.assertion",
  "X-User-Role": "spoofed-admin",
};

test("identity headers: set from the session on guarded requests, never the client's", async () => {
  await withWorker({ IDENTITY_HEADERS: JSON.stringify({
    "X-Auth-Request-User": "sub",
    "X-Auth-Request-Email": "email",
    "X-Auth-Request-Preferred-Username": "name",
    "X-User-Role": "role",
  }) }, async (worker) => {
    const ada = await cookie({ sub: "u-42", name: "Zoë Ada", email: "ada@example.com", role: "admin" });
    const noEmail = await cookie({ sub: "u-7", name: "Bob", role: "user" });
    const cases = [
      { path: "/dashboard", cookie: ada, guarded: true, session: true },
      { path: "/dashboard", cookie: noEmail, guarded: true, session: true },
      { path: "/about", cookie: ada, guarded: false, session: true },
      { path: "/about", cookie: undefined, guarded: false, session: false },
      { path: "/api/auth/session", cookie: undefined, guarded: false, session: false },
    ];
    for (const c of cases) {
      const headers = { ...SPOOFED, ...(c.cookie ? { cookie: c.cookie } : {}) };
      const res = await worker.fetch(c.path, { headers });
      assert.equal(res.status, 200, c.path);
      const seen = (await res.json()).headers;
      for (const [name, spoofed] of Object.entries(SPOOFED)) {
        assert.notEqual(seen[name.toLowerCase()], spoofed, `${name} reached the origin on ${c.path}`);
      }
      if (c.guarded && c.cookie === ada) {
        assert.equal(seen["x-auth-request-user"], "u-42");
        assert.equal(seen["x-auth-request-email"], "ada@example.com");
        assert.equal(seen["x-auth-request-preferred-username"], "Zo%C3%AB Ada");
        assert.equal(decodeURIComponent(seen["x-auth-request-preferred-username"]), "Zoë Ada");
        assert.equal(seen["x-user-role"], "admin");
      } else if (c.guarded) {
        assert.equal(seen["x-auth-request-user"], "u-7");
        assert.equal(seen["x-auth-request-email"], undefined, "a missing claim sends no header");
        assert.equal(seen["x-user-role"], "user");
      } else {
        for (const name of Object.keys(SPOOFED)) assert.equal(seen[name.toLowerCase()], undefined, name);
      }
    }
    // Signed out on a guarded path: nothing is forwarded at all.
    const res = await worker.fetch("/dashboard", { headers: SPOOFED });
    assert.equal(res.status, 307);
  });
});

test("defaults: oauth2-proxy's names; FORWARD_SESSION_COOKIE=false keeps the session cookie back", async () => {
  const user = await cookie({ sub: "u-1", name: "Ann", email: "ann@example.com" });
  await withWorker({}, async (worker) => {
    const res = await worker.fetch("/dashboard", { headers: { cookie: `theme=dark; ${user}` } });
    const seen = (await res.json()).headers;
    assert.equal(seen["x-auth-request-user"], "u-1");
    assert.equal(seen["x-auth-request-email"], "ann@example.com");
    assert.equal(seen["x-auth-request-preferred-username"], "Ann");
    assert.match(seen.cookie, /next-auth\.session-token=/);
  });
  await withWorker({ FORWARD_SESSION_COOKIE: "false" }, async (worker) => {
    const big = await encode({ token: { sub: "u-2", blob: "x".repeat(6000) }, secret: SECRET });
    const chunks = `${COOKIE}.0=${big.slice(0, 3933)}; ${COOKIE}.1=${big.slice(3933)}`;
    for (const [path, jar] of [["/dashboard", `theme=dark; ${user}`], ["/dashboard/x", `${chunks}; theme=dark`], ["/about", `${user}; theme=dark`]]) {
      const res = await worker.fetch(path, { headers: { cookie: jar } });
      assert.equal(res.status, 200, path);
      const seen = (await res.json()).headers;
      assert.equal(seen.cookie, "theme=dark", path);
    }
    const res = await worker.fetch("/dashboard", { headers: { cookie: user } });
    const seen = (await res.json()).headers;
    assert.equal(seen.cookie, undefined);
    assert.equal(seen["x-auth-request-user"], "u-1");
  });
});

test("GUARDED_CACHE: guarded responses leave private; unguarded ones and the opt-out untouched", async () => {
  const user = await cookie({ sub: "u-1" });
  await withWorker({}, async (worker) => {
    let res = await worker.fetch(`/dashboard?cc=${encodeURIComponent("public, max-age=600, s-maxage=3600")}&cdn=1`, { headers: { cookie: user } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "private, max-age=600");
    assert.equal(res.headers.get("vary"), "Accept-Encoding, Cookie");
    assert.equal(res.headers.get("cdn-cache-control"), null);
    assert.equal(res.headers.get("cloudflare-cdn-cache-control"), null);
    assert.equal((await res.json()).url.startsWith("/dashboard?"), true);
    res = await worker.fetch("/dashboard/x", { headers: { cookie: user } });
    assert.equal(res.headers.get("cache-control"), "private");
    assert.equal(res.headers.get("vary"), "Cookie");
    res = await worker.fetch(`/dashboard?cc=no-store`, { headers: { cookie: user } });
    assert.equal(res.headers.get("cache-control"), "no-store");
    res = await worker.fetch(`/about?cc=${encodeURIComponent("public, max-age=600")}&cdn=1`);
    assert.equal(res.headers.get("cache-control"), "public, max-age=600");
    assert.equal(res.headers.get("cdn-cache-control"), "max-age=3600");
  });
  await withWorker({ GUARDED_CACHE: "origin" }, async (worker) => {
    const res = await worker.fetch(`/dashboard?cc=${encodeURIComponent("public, max-age=600")}&cdn=1`, { headers: { cookie: user } });
    assert.equal(res.headers.get("cache-control"), "public, max-age=600");
    assert.equal(res.headers.get("cdn-cache-control"), "max-age=3600");
  });
});

test("authorized.js and the origin see the canonical URL; ambiguous guarded spellings are 400", async () => {
  const user = await cookie({ sub: "u-1", role: "user" });
  const admin = await cookie({ sub: "u-2", role: "admin" });
  await withWorker({}, async (worker) => {
    // `/%61dmin/users` is /admin/users: authorized.js's role check sees it and refuses a user.
    let res = await worker.fetch("http://127.0.0.1:8787/%61dmin//users", { headers: { cookie: user } });
    assert.equal(res.status, 307);
    assert.equal(res.headers.get("location"), "http://127.0.0.1:8787/api/auth/signin?callbackUrl=%2Fadmin%2Fusers");
    res = await worker.fetch("http://127.0.0.1:8787/%61dmin//users?x=1", { headers: { cookie: admin } });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).url, "/admin/users?x=1");
    for (const spelling of ["/dashboard/..%2Fadmin", "/dashboard/..;/admin", "/ADMIN", "/_next/..%2Fadmin"]) {
      res = await worker.fetch(`http://127.0.0.1:8787${spelling}`, { headers: { cookie: user } });
      assert.equal(res.status, 400, spelling);
      assert.equal(res.headers.get("cache-control"), "no-store");
    }
  });
  await withWorker({ PATH_POLICY: "bogus" }, async (worker) => {
    const res = await worker.fetch("/about");
    assert.equal(res.status, 500);
    assert.match(await res.text(), /PATH_POLICY/);
  });
});

// ASSERTION_KEY needs a Worker built with the `es256` feature (see README): the test build
// (build/dev, `make worker-dev`) has it, so the assertion is really verified here.
test("the signed assertion verifies with jose against the JWKS route; tampered, expired or foreign-audience ones do not", async () => {
  const { generateKeyPairSync } = await import("node:crypto");
  const { createLocalJWKSet, jwtVerify, decodeProtectedHeader } = await import("jose");
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" });
  const user = await cookie({ sub: "u-9", email: "eve@example.com", name: "Eve", role: "user" });
  await withWorker({ ASSERTION_KEY: pem }, async (worker) => {
    const jwksRes = await worker.fetch("/.well-known/nextauth-edge/jwks.json");
    assert.equal(jwksRes.status, 200, "the test build has es256 (make worker-dev)");
    const jwks = await jwksRes.json();
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].d, undefined, "no private part published");
    const keySet = createLocalJWKSet(jwks);

    const res = await worker.fetch("/dashboard", { headers: { cookie: user, "x-auth-request-jwt-assertion": "spoofed" } });
    const seen = (await res.json()).headers;
    const token = seen["x-auth-request-jwt-assertion"];
    assert.notEqual(token, "spoofed");
    assert.equal(decodeProtectedHeader(token).alg, "ES256");
    const { payload } = await jwtVerify(token, keySet, {
      issuer: "http://127.0.0.1:8787",
      audience: origin.url,
      algorithms: ["ES256"],
    });
    assert.equal(payload.sub, "u-9");
    assert.equal(payload.email, "eve@example.com");
    assert.ok(payload.exp - payload.iat <= 60);

    await assert.rejects(jwtVerify(token, keySet, { issuer: "http://127.0.0.1:8787", audience: "https://other.example" }));
    const [h, p, s] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: "admin" })).toString("base64url");
    await assert.rejects(jwtVerify(`${h}.${forged}.${s}`, keySet));
    await assert.rejects(jwtVerify(token, keySet, { currentDate: new Date((payload.exp + 1) * 1000) }));

    // Unguarded requests and signed-out ones carry no assertion (and never the client's).
    const about = await (await worker.fetch("/about", { headers: { cookie: user, "x-auth-request-jwt-assertion": "spoofed" } })).json();
    assert.equal(about.headers["x-auth-request-jwt-assertion"], undefined);
  });
});

// HS256 (ASSERTION_SECRET) is in every build: the test build (build/dev) and the production one
// (build/, `make worker`, what `wrangler deploy` uploads), so both are checked with jose.
const ASSERTION_SECRET = "an-assertion-secret-for-the-identity-suite-0123456789";
for (const [where, build] of [["test build", undefined], ["production build", PRODUCTION_BUILD]]) {
  test(`HS256 assertion (${where}): verifies with jose and the shared secret; tampered, expired, foreign-audience or other-key ones do not`, async () => {
    const { jwtVerify, decodeProtectedHeader } = await import("jose");
    const key = new TextEncoder().encode(ASSERTION_SECRET);
    const user = await cookie({ sub: "u-9", email: "eve@example.com", name: "Eve", role: "user" });
    await withWorker({ ASSERTION_SECRET }, async (worker) => {
      const res = await worker.fetch("/dashboard", { headers: { cookie: user, "x-auth-request-jwt-assertion": "spoofed" } });
      assert.equal(res.status, 200);
      const token = (await res.json()).headers["x-auth-request-jwt-assertion"];
      assert.ok(token && token !== "spoofed", "the assertion header is the gate's");
      assert.deepEqual(decodeProtectedHeader(token), { alg: "HS256", typ: "JWT" });
      const expected = { issuer: "http://127.0.0.1:8787", audience: origin.url, algorithms: ["HS256"] };
      const { payload } = await jwtVerify(token, key, expected);
      assert.equal(payload.sub, "u-9");
      assert.equal(payload.email, "eve@example.com");
      assert.equal(payload.name, "Eve");
      assert.equal(payload.role, undefined);
      assert.ok(payload.exp - payload.iat <= 60);

      await assert.rejects(jwtVerify(token, key, { ...expected, audience: "https://other.example" }));
      await assert.rejects(jwtVerify(token, key, { ...expected, issuer: "https://evil.example" }));
      await assert.rejects(jwtVerify(token, new TextEncoder().encode(`${ASSERTION_SECRET}-other`), expected));
      await assert.rejects(jwtVerify(token, key, { ...expected, currentDate: new Date((payload.exp + 1) * 1000) }));
      const [h, , sig] = token.split(".");
      const forged = Buffer.from(JSON.stringify({ ...payload, sub: "admin" })).toString("base64url");
      await assert.rejects(jwtVerify(`${h}.${forged}.${sig}`, key, expected));
      // ES256 only: a shared secret is never published.
      const jwks = await worker.fetch("/.well-known/nextauth-edge/jwks.json");
      assert.notEqual(jwks.headers.get("content-type"), "application/jwk-set+json");
      await jwks.body?.cancel();

      const about = await (await worker.fetch("/about", { headers: { cookie: user, "x-auth-request-jwt-assertion": "spoofed" } })).json();
      assert.equal(about.headers["x-auth-request-jwt-assertion"], undefined);
      const signedOut = await worker.fetch("/dashboard", { redirect: "manual" });
      assert.equal(signedOut.status, 307);
      await signedOut.body?.cancel();
    }, { build });
  });
}

test("assertion misconfiguration: a 500 naming the setting, never the secret", async () => {
  const { generateKeyPairSync } = await import("node:crypto");
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" });
  const cases = [
    // The production build has no ES256: the key is refused with what to do.
    [{ ASSERTION_KEY: pem }, "ASSERTION_KEY", PRODUCTION_BUILD],
    [{ ASSERTION_SECRET: "too-short" }, "ASSERTION_SECRET", PRODUCTION_BUILD],
    [{ ASSERTION_SECRET: SECRET.padEnd(40, "x"), NEXTAUTH_SECRET: SECRET.padEnd(40, "x") }, "ASSERTION_SECRET", PRODUCTION_BUILD],
    [{ ASSERTION_SECRET: pem }, "ASSERTION_SECRET", PRODUCTION_BUILD],
    [{ ASSERTION_SECRET, ASSERTION_KEY: pem }, "ASSERTION_KEY", undefined],
    [{ ASSERTION_KEY: "not a key" }, "ASSERTION_KEY", undefined],
  ];
  for (const [vars, setting, build] of cases) {
    await withWorker(vars, async (worker) => {
      const res = await worker.fetch("/about");
      assert.equal(res.status, 500, JSON.stringify(Object.keys(vars)));
      const body = await res.text();
      assert.match(body, new RegExp(setting));
      for (const value of Object.values(vars)) assert.ok(!body.includes(value), "the body quotes a setting's value");
      for (const value of Object.values(vars)) assert.ok(!worker.logs().includes(value), "the log quotes a setting's value");
      if (setting === "ASSERTION_KEY" && build) assert.match(worker.logs(), /es256/);
    }, { build });
  }
});
