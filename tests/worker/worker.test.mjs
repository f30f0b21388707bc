// End to end on workerd (Miniflare running build/dev/, the worker-build output with the demo and
// the test instrumentation, and build/, what `wrangler deploy` uploads), with a local upstream: the Worker guards, forwards, refuses and fails the way the
// README says. Cookies are minted by the real next-auth (`next-auth/jwt` encode).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { encode, decode } from "next-auth/jwt";
import { encode as authjsEncode } from "@auth/core/jwt";
import { startUpstream, startWorker, freePort, PRODUCTION_BUILD } from "./helpers.mjs";

const SECRET = "worker-suite-secret-do-not-use";
const MATCHER = ["/dashboard/:path*", "/admin/:path*"];
const COOKIE = "next-auth.session-token";
const ORIGIN = "http://127.0.0.1:8787";

let upstream;
before(async () => {
  upstream = await startUpstream();
});
after(async () => {
  await upstream?.close();
});

async function withWorker(bindings, fn) {
  const worker = await startWorker(bindings);
  try {
    return await fn(worker);
  } finally {
    await worker.dispose();
  }
}

const gate = (extra = {}) => ({ NEXTAUTH_SECRET: SECRET, UPSTREAM: upstream.url, MATCHER, ...extra });
const cookie = async (claims) => `${COOKIE}=${await encode({ token: claims, secret: SECRET })}`;

test("guarded paths: sign-in redirect, real cookies, chunks, Bearer, roles, bodies", async () => {
  await withWorker(gate(), async (worker) => {
    // Signed out: 307 to sign-in with callbackUrl, like next-auth.
    let res = await worker.fetch("/dashboard/reports?tab=1");
    assert.equal(res.status, 307);
    assert.equal(
      res.headers.get("location"),
      `${ORIGIN}/api/auth/signin?callbackUrl=%2Fdashboard%2Freports%3Ftab%3D1`,
    );

    // A cookie minted by next-auth itself: the upstream answers, and sees the request as sent.
    const user = await cookie({ name: "Bob", email: "bob@example.com", role: "user" });
    res = await worker.fetch("/dashboard/reports?tab=1", { headers: { cookie: `theme=dark; ${user}` } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("x-upstream"), "yes");
    const seen = await res.json();
    assert.equal(seen.url, "/dashboard/reports?tab=1");
    assert.equal(seen.headers.host, `127.0.0.1:${upstream.port}`);
    assert.equal(seen.headers["x-forwarded-host"], "127.0.0.1:8787");
    assert.equal(seen.headers["x-forwarded-proto"], "http");
    assert.match(seen.headers.cookie, /theme=dark/);

    // A session too large for one cookie, chunked the way next-auth chunks (3933 characters).
    const big = await encode({ token: { name: "Big", blob: "x".repeat(6000) }, secret: SECRET });
    assert.ok(big.length > 3933);
    const chunks = [big.slice(0, 3933), big.slice(3933)];
    res = await worker.fetch("/dashboard", {
      headers: { cookie: `${COOKIE}.1=${chunks[1]}; ${COOKIE}.0=${chunks[0]}` },
    });
    assert.equal(res.status, 200);

    // No cookie, a Bearer token instead.
    const bearer = await encode({ token: { name: "Api" }, secret: SECRET });
    res = await worker.fetch("/dashboard", { headers: { authorization: `Bearer ${bearer}` } });
    assert.equal(res.status, 200);

    // authorized.js: /admin needs role admin (an async check); others are refused to sign-in.
    res = await worker.fetch("/admin", { headers: { cookie: user } });
    assert.equal(res.status, 307);
    assert.equal(res.headers.get("location"), `${ORIGIN}/api/auth/signin?callbackUrl=%2Fadmin`);
    const admin = await cookie({ name: "Ada", role: "admin" });
    res = await worker.fetch("/admin/users", { headers: { cookie: admin } });
    assert.equal(res.status, 200);

    // Bodies and methods are forwarded as they came.
    res = await worker.fetch("/dashboard/save", {
      method: "POST",
      headers: { cookie: user, "content-type": "application/json" },
      body: JSON.stringify({ hello: "upstream" }),
    });
    assert.equal(res.status, 200);
    const posted = await res.json();
    assert.equal(posted.method, "POST");
    assert.equal(posted.body, '{"hello":"upstream"}');

    // Invalid, expired or foreign cookies are no session.
    const foreign = await encode({ token: { name: "X" }, secret: "another-secret" });
    const expired = await encode({ token: { name: "X" }, secret: SECRET, maxAge: -60 });
    for (const value of ["garbage", foreign, expired]) {
      res = await worker.fetch("/dashboard", { headers: { cookie: `${COOKIE}=${value}` } });
      assert.equal(res.status, 307, value.slice(0, 20));
    }
  });
});

test("Auth.js v5 sessions minted by @auth/core: SESSION_COOKIE names the cookie and salt, AUTH_SECRET_1..3 rotate", async () => {
  for (const name of ["authjs.session-token", "__Secure-authjs.session-token"]) {
    const bindings = { AUTH_SECRET: "v5-current", AUTH_SECRET_1: "v5-rotated", UPSTREAM: upstream.url, MATCHER, SESSION_COOKIE: name };
    await withWorker(bindings, async (worker) => {
      for (const secret of ["v5-current", "v5-rotated"]) {
        const token = await authjsEncode({ token: { name: "Eve", sub: "1" }, secret, salt: name });
        const res = await worker.fetch("/dashboard", { headers: { cookie: `${name}=${token}` } });
        assert.equal(res.status, 200, `${name} under ${secret}`);
        await res.arrayBuffer();
      }
      // Salted for another cookie, or sealed with an unknown secret: signed out.
      const wrongSalt = await authjsEncode({ token: { name: "Eve" }, secret: "v5-current", salt: "authjs.other" });
      const unknown = await authjsEncode({ token: { name: "Eve" }, secret: "nope", salt: name });
      for (const token of [wrongSalt, unknown]) {
        const res = await worker.fetch("/dashboard", { headers: { cookie: `${name}=${token}` } });
        assert.equal(res.status, 307);
      }
    });
  }
});

test("unguarded paths go straight to the upstream, redirects untouched", async () => {
  await withWorker(gate(), async (worker) => {
    const before = upstream.seen.length;
    for (const path of ["/", "/pricing?plan=pro", "/api/auth/session", "/_next/static/app.js", "/Dashboard"]) {
      const res = await worker.fetch(path);
      assert.equal(res.status, 200, path);
      assert.equal((await res.json()).url, path);
    }
    assert.equal(upstream.seen.length, before + 5);
    const res = await worker.fetch("/redirect-me");
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), "/elsewhere");
  });
});

test("no UPSTREAM: forwarded to the request's own URL; a loop back into the Worker is a 508", async () => {
  await withWorker({ NEXTAUTH_SECRET: SECRET, MATCHER }, async (worker) => {
    // Reached at the upstream's address, the Worker forwards to that same URL (Worker on a route).
    let res = await worker.fetch(`${upstream.url}/pricing`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).url, "/pricing");
    // Reached at its own address, the forwarded request comes back to it.
    res = await worker.fetch(`http://127.0.0.1:${worker.port}/pricing`);
    assert.equal(res.status, 508);
    assert.match(await res.text(), /Set UPSTREAM/);
  });
});

test("ON_UNAUTHORIZED=forbidden: 403 for a refused signed-in user, sign-in when signed out", async () => {
  await withWorker(gate({ ON_UNAUTHORIZED: "forbidden" }), async (worker) => {
    const user = await cookie({ name: "Bob", role: "user" });
    let res = await worker.fetch("/admin", { headers: { cookie: user } });
    assert.equal(res.status, 403);
    assert.equal(await res.text(), "Forbidden");
    res = await worker.fetch("/admin");
    assert.equal(res.status, 307);
  });
});

test("a throwing authorized callback: 500, nothing forwarded, no token in the log", async () => {
  await withWorker(gate(), async (worker) => {
    const before = upstream.seen.length;
    // worker/authorized.js throws on a role that is not a string.
    const odd = await cookie({ name: "Mallory", role: 42, marker: "token-content-marker" });
    const res = await worker.fetch("/dashboard", { headers: { cookie: odd } });
    assert.equal(res.status, 500);
    assert.match(await res.text(), /not let through/);
    assert.equal(upstream.seen.length, before);
    await new Promise((r) => setTimeout(r, 100));
    const logs = worker.logs();
    assert.match(logs, /authorized\.js threw \(TypeError\)/);
    assert.doesNotMatch(logs, /token-content-marker|Mallory|eyJ/);
    assert.ok(!logs.includes(SECRET));
  });
});

test("no secret: next-auth's NO_SECRET log and a redirect to the error page", async () => {
  await withWorker({ UPSTREAM: upstream.url, MATCHER }, async (worker) => {
    let res = await worker.fetch("/dashboard");
    assert.equal(res.status, 307);
    assert.equal(res.headers.get("location"), `${ORIGIN}/api/auth/error?error=Configuration`);
    res = await worker.fetch("/public");
    assert.equal(res.status, 200);
    await new Promise((r) => setTimeout(r, 100));
    assert.match(worker.logs(), /\[next-auth\]\[error\]\[NO_SECRET\]/);
  });
});

test("upstream down: 502 with a clear body", async () => {
  const closed = await freePort(8800, 8899);
  await withWorker(gate({ UPSTREAM: `http://127.0.0.1:${closed}` }), async (worker) => {
    for (const [path, headers] of [["/dashboard", { cookie: await cookie({ name: "Bob" }) }], ["/", {}]]) {
      const res = await worker.fetch(path, { headers });
      assert.equal(res.status, 502, path);
      assert.equal(await res.text(), "Bad Gateway: nextauth-edge could not reach the origin server.");
    }
    await new Promise((r) => setTimeout(r, 100));
    assert.match(worker.logs(), new RegExp(`origin http://127\\.0\\.0\\.1:${closed} could not be reached`));
  });
});

test("an origin that never answers: 504 after UPSTREAM_TIMEOUT_MS, fast answers unaffected", async () => {
  const http = await import("node:http");
  const port = await freePort(8800, 8899);
  // Accepts the connection and never answers (a hung origin); "/fast" answers at once.
  const hung = http.createServer((req, res) => req.url === "/fast" && res.end("fast"));
  await new Promise((resolve) => hung.listen(port, "127.0.0.1", resolve));
  try {
    await withWorker(gate({ UPSTREAM: `http://127.0.0.1:${port}`, UPSTREAM_TIMEOUT_MS: "400" }), async (worker) => {
      const started = Date.now();
      const res = await worker.fetch("/dashboard", { headers: { cookie: await cookie({ name: "Bob" }) } });
      assert.equal(res.status, 504);
      assert.equal(await res.text(), "Gateway Timeout: the origin server did not answer in time.");
      assert.ok(Date.now() - started < 5000, "answered soon after the timeout");
      assert.equal(await (await worker.fetch("/fast")).text(), "fast");
      await new Promise((r) => setTimeout(r, 100));
      assert.match(worker.logs(), /did not answer within UPSTREAM_TIMEOUT_MS/);
    });
  } finally {
    hung.closeAllConnections();
    await new Promise((resolve) => hung.close(resolve));
  }
});

test("bad configuration: a 500 naming the setting, the details in the log, never a crash", async () => {
  for (const [bindings, setting, detail] of [
    [{ MATCHER: "dashboard" }, "MATCHER", /MATCHER: `dashboard`: source must start with \//],
    [{ MATCHER: ["/a/((b))"] }, "MATCHER", /Capturing groups are not allowed/],
    [{ UPSTREAM: "origin.internal" }, "UPSTREAM", /UPSTREAM: must be an http:\/\/ or https:\/\/ URL/],
    [{ ON_UNAUTHORIZED: "maybe" }, "ON_UNAUTHORIZED", /ON_UNAUTHORIZED: must be/],
    [{ SIGN_IN_PAGE: "//evil.example" }, "SIGN_IN_PAGE", /SIGN_IN_PAGE: must be a path/],
  ]) {
    await withWorker({ ...gate(), ...bindings }, async (worker) => {
      const res = await worker.fetch("/dashboard");
      assert.equal(res.status, 500, setting);
      assert.match(await res.text(), new RegExp(`configuration error in ${setting}\\.`));
      await new Promise((r) => setTimeout(r, 100));
      assert.match(worker.logs(), detail);
      assert.ok(!worker.logs().includes(SECRET));
      // The isolate keeps answering.
      assert.equal((await worker.fetch("/")).status, 500);
    });
  }
});

test("DEV_DEMO: protected page → sign-in → back, signed in with a real next-auth cookie", async () => {
  await withWorker({ NEXTAUTH_SECRET: SECRET, MATCHER, DEV_DEMO: "true" }, async (worker) => {
    let res = await worker.fetch("/dashboard");
    assert.equal(res.status, 307);
    const signIn = new URL(res.headers.get("location"));
    assert.equal(signIn.pathname, "/api/auth/signin");

    res = await worker.fetch(signIn.pathname + signIn.search);
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<form method="post" action="\/api\/auth\/signin">/);
    assert.match(page, /name="callbackUrl" value="\/dashboard"/);

    const form = { "content-type": "application/x-www-form-urlencoded" };
    res = await worker.fetch("/api/auth/signin", { method: "POST", headers: form, body: "user=bob&callbackUrl=%2Fdashboard" });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/dashboard");
    const setCookie = res.headers.get("set-cookie");
    assert.match(setCookie, /^next-auth\.session-token=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    const bob = setCookie.split(";")[0];
    // Byte-compatible with next-auth: its own decode reads our cookie.
    const claims = await decode({ token: bob.slice(bob.indexOf("=") + 1), secret: SECRET });
    assert.equal(claims.name, "Bob Example");
    assert.equal(claims.role, "user");

    res = await worker.fetch("/dashboard", { headers: { cookie: bob } });
    assert.equal(res.status, 200);
    let html = await res.text();
    assert.match(html, /Signed in/);
    assert.match(html, /Bob Example/);

    // The role check refuses Bob on /admin; the sign-in page says who is signed in.
    res = await worker.fetch("/admin", { headers: { cookie: bob } });
    assert.equal(res.status, 307);
    html = await (await worker.fetch("/api/auth/signin?callbackUrl=%2Fadmin", { headers: { cookie: bob } })).text();
    assert.match(html, /signed in as <b>Bob Example<\/b>/);
    res = await worker.fetch("/api/auth/signin", { method: "POST", headers: form, body: "user=ada&callbackUrl=%2Fadmin" });
    const ada = res.headers.get("set-cookie").split(";")[0];
    res = await worker.fetch("/admin", { headers: { cookie: ada } });
    assert.equal(res.status, 200);

    // Only same-site paths are followed after sign-in.
    for (const hostile of ["%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"]) {
      res = await worker.fetch("/api/auth/signin", { method: "POST", headers: form, body: `user=bob&callbackUrl=${hostile}` });
      assert.equal(res.headers.get("location"), "/", hostile);
    }

    // Everything rendered is escaped.
    const xss = await cookie({ name: "<script>alert(1)</script>", role: "user" });
    html = await (await worker.fetch("/dashboard", { headers: { cookie: xss } })).text();
    assert.ok(!html.includes("<script>alert"));
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);

    // Sign-out clears the cookie.
    res = await worker.fetch("/api/auth/signout", { method: "POST", headers: { cookie: bob } });
    assert.equal(res.status, 303);
    assert.match(res.headers.get("set-cookie"), /^next-auth\.session-token=; Max-Age=0; Path=\//);

    // The demo never answers off localhost, even if switched on by mistake.
    res = await worker.fetch("http://app.example.com/dashboard");
    assert.equal(res.status, 500);
    assert.match(await res.text(), /configuration error in DEV_DEMO/);
  });
});

test("the production build (what wrangler deploy uploads): no demo, no DEBUG memory headers", async () => {
  const production = (bindings) => startWorker(bindings, { build: PRODUCTION_BUILD });
  let worker = await production(gate({ DEBUG: "true" }));
  try {
    let res = await worker.fetch("/dashboard");
    assert.equal(res.status, 307);
    assert.deepEqual(
      [...res.headers.keys()].filter((name) => name.startsWith("x-nextauth-edge")),
      [],
      "the test-instrumentation headers are not built in",
    );
    res = await worker.fetch("/dashboard/x", { headers: { cookie: await cookie({ name: "Ada" }) } });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).url, "/dashboard/x");
  } finally {
    await worker.dispose();
  }
  // DEV_DEMO switched on for a build without the demo: a configuration error naming it, on
  // localhost too, and the log says how to get a build that has it.
  worker = await production({ NEXTAUTH_SECRET: SECRET, MATCHER, DEV_DEMO: "true" });
  try {
    for (const path of ["/", "/api/auth/signin", "/dashboard"]) {
      const res = await worker.fetch(path);
      assert.equal(res.status, 500, path);
      assert.match(await res.text(), /configuration error in DEV_DEMO/);
    }
    assert.match(worker.logs(), /DEV_DEMO: is on, but this build has no demo/);
    assert.match(worker.logs(), /NEXTAUTH_EDGE_WORKER_FEATURES=demo/);
  } finally {
    await worker.dispose();
  }
});
