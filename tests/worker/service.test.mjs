// `UPSTREAM = "service:ORIGIN"`: the origin is another Worker behind a service binding (the
// `[[services]]` entry in wrangler.toml), reached with `env.ORIGIN.fetch(request)`. Here both
// Workers run in one Miniflare: the built Worker and a JavaScript origin Worker that echoes what
// it received.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { encode } from "next-auth/jwt";
import { startWorker } from "./helpers.mjs";

const SECRET = "service-suite-secret";
const COOKIE = "next-auth.session-token";

const ORIGIN_WORKER = {
  name: "origin",
  script: `
    export default {
      async fetch(request) {
        const url = new URL(request.url);
        if (url.pathname.endsWith("/throw")) throw new Error("origin worker failed");
        if (url.pathname.endsWith("/redirect")) {
          return new Response(null, { status: 302, headers: { location: "/elsewhere" } });
        }
        const body = await request.text();
        return Response.json(
          { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body },
          { headers: { "x-origin-worker": "yes" } },
        );
      },
    };
  `,
};

let worker;
before(async () => {
  worker = await startWorker(
    { NEXTAUTH_SECRET: SECRET, MATCHER: "/dashboard/:path*", UPSTREAM: "service:ORIGIN" },
    { serviceBindings: { ORIGIN: "origin" }, workers: [ORIGIN_WORKER] },
  );
});
after(async () => {
  await worker?.dispose();
});

test("service binding: guarded requests checked, then forwarded through env.ORIGIN.fetch", async () => {
  // Signed out: the usual redirect; the origin Worker is not asked.
  let res = await worker.fetch("/dashboard/report");
  assert.equal(res.status, 307);
  assert.equal(res.headers.get("location"), "http://127.0.0.1:8787/api/auth/signin?callbackUrl=%2Fdashboard%2Freport");

  // Signed in: method, URL (the one the client asked for), headers and body reach the origin Worker.
  const session = `${COOKIE}=${await encode({ token: { name: "Ada" }, secret: SECRET })}`;
  res = await worker.fetch("/dashboard/report?q=1", {
    method: "POST",
    headers: { cookie: session, "content-type": "text/plain", "x-custom": "kept" },
    body: "payload ✓",
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("x-origin-worker"), "yes");
  const seen = await res.json();
  assert.equal(seen.method, "POST");
  assert.equal(seen.url, "http://127.0.0.1:8787/dashboard/report?q=1");
  assert.equal(seen.body, "payload ✓");
  assert.equal(seen.headers["x-custom"], "kept");
  assert.equal(seen.headers.cookie, session);
  assert.equal(seen.headers["x-forwarded-host"], "127.0.0.1:8787");
  assert.equal(seen.headers["x-forwarded-proto"], "http");
  assert.equal(seen.headers["x-nextauth-edge-forwarded"], undefined, "no loop marker: the origin is not the Worker's own URL");

  // Unguarded paths go straight to the origin Worker; its redirects come back unchanged.
  res = await worker.fetch("/pricing");
  assert.equal(res.status, 200);
  assert.equal((await res.json()).url, "http://127.0.0.1:8787/pricing");
  res = await worker.fetch("/redirect");
  assert.equal(res.status, 302);
  assert.equal(res.headers.get("location"), "/elsewhere");
});

test("service binding: an origin Worker that throws is a 502 naming the binding in the log", async () => {
  const res = await worker.fetch("/throw");
  assert.equal(res.status, 502);
  assert.match(await res.text(), /could not reach the origin/);
  assert.match(worker.logs(), /the origin service binding ORIGIN could not be reached/);
});

test("service binding missing or misnamed: a 500 naming UPSTREAM, the fix in the log", async () => {
  const missing = await startWorker({ NEXTAUTH_SECRET: SECRET, UPSTREAM: "service:NOPE" });
  try {
    for (const path of ["/", "/dashboard"]) {
      const res = await missing.fetch(path);
      assert.equal(res.status, 500);
      assert.match(await res.text(), /configuration error in UPSTREAM/);
    }
    assert.match(missing.logs(), /UPSTREAM: names the service binding `NOPE`, which this Worker does not have/);
    assert.match(missing.logs(), /\[\[services\]\]/);
  } finally {
    await missing.dispose();
  }
  const misnamed = await startWorker({ NEXTAUTH_SECRET: SECRET, UPSTREAM: "service:my-origin" });
  try {
    const res = await misnamed.fetch("/");
    assert.equal(res.status, 500);
    assert.match(await res.text(), /configuration error in UPSTREAM/);
    assert.match(misnamed.logs(), /service binding's name/);
  } finally {
    await misnamed.dispose();
  }
});
