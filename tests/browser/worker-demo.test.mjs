// `make dev`'s Worker demo in a real browser: scripts/dev-worker.sh (wrangler dev with DEV_DEMO) on
// free ports, chromium walking it as Bob (role user) and Ada (role admin) through the demo's
// sign-in page, the gate's redirects, sign-out and an expired session; then the same Worker with
// ON_UNAUTHORIZED=forbidden. Screenshots: tests/browser/output/worker-demo/.
//
//   make test-browser         (builds the Worker first)
//   node --test tests/browser/worker-demo.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, stopProcessGroup, waitForServer, wranglerDevPorts } from "../worker/helpers.mjs";
import { back, cookie, journey, launch } from "./browser.mjs";

const SECRET = "browser-suite-worker-secret";
const COOKIE = "next-auth.session-token";
const { encode } = await import(pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("next-auth/jwt")).href);

let browser;
const running = new Set();

/** wrangler dev with the demo, as `make dev` runs it, with these extra `--var`s. */
async function startDemo(vars = {}) {
  const [port, inspector] = await wranglerDevPorts();
  const varFlags = Object.entries({ NEXTAUTH_SECRET: SECRET, ...vars }).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  let output = "";
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  const child = spawn("scripts/dev-worker.sh", [String(port), "--inspector-port", String(inspector), ...varFlags], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  running.add(child);
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(base, child, () => output);
  return {
    base,
    url: (path) => `${base}${path}`,
    stop: async () => {
      await stopProcessGroup(child);
      running.delete(child);
    },
  };
}

const signIn = (callbackUrl) => `/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
const pathOf = (page) => {
  const u = new URL(page.url());
  return `${u.pathname}${u.search}`;
};

/** The demo's sign-in page: one button per demo user. */
async function pick(j, name) {
  await Promise.all([j.page.waitForNavigation(), j.page.click(`button:has-text("${name}")`)]);
}

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const child of running) await stopProcessGroup(child);
});

test("the make dev demo as Bob and Ada: sign in, refused, sign out, admin, expired", { timeout: 240_000 }, async (t) => {
  const demo = await startDemo();
  const j = await journey(browser, "worker-demo");
  const { page } = j;
  try {
    await t.test("the demo origin page is public", async () => {
      const res = await page.goto(demo.url("/"));
      assert.equal(res.status(), 200);
      assert.match(await page.textContent("h2"), /Not signed in/);
      await j.shot("home-public");
    });

    await t.test("/dashboard → the demo sign-in page → Bob → back on /dashboard", async () => {
      j.mark();
      await page.goto(demo.url("/dashboard?tab=activity"));
      assert.deepEqual(j.trail(), ["GET /dashboard?tab=activity 307", `GET ${signIn("/dashboard?tab=activity")} 200`]);
      await j.shot("signin-page");
      j.mark();
      await pick(j, "Bob Example");
      assert.deepEqual(j.trail(), ["POST /api/auth/signin 303", "GET /dashboard?tab=activity 200"]);
      assert.equal(pathOf(page), "/dashboard?tab=activity");
      assert.match(await page.textContent("body"), /Signed in[\s\S]*Bob Example/);
      const c = await cookie(j.context, COOKIE);
      assert.ok(c, `no ${COOKIE} in the browser`);
      assert.equal(c.httpOnly, true);
      assert.equal(c.sameSite, "Lax");
      assert.equal(c.path, "/");
      await j.shot("dashboard-bob");
    });

    await t.test("Bob at /admin is sent to sign-in once (ON_UNAUTHORIZED=redirect), no loop", async () => {
      j.mark();
      await page.goto(demo.url("/admin"));
      assert.deepEqual(j.trail(), ["GET /admin 307", `GET ${signIn("/admin")} 200`]);
      assert.match(await page.textContent("body"), /You are signed in as .*Bob Example.*refused this session/s);
      await j.shot("admin-redirect-bob");
      // Bob again: back to /admin, refused again, one redirect per attempt.
      j.mark();
      await pick(j, "Bob Example");
      assert.deepEqual(j.trail(), ["POST /api/auth/signin 303", "GET /admin 307", `GET ${signIn("/admin")} 200`]);
    });

    await t.test("sign out; /dashboard is protected again", async () => {
      await page.goto(demo.url("/dashboard"));
      await page.goto(demo.url("/api/auth/signout"));
      j.mark();
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign out")')]);
      assert.equal(pathOf(page), "/");
      assert.equal(await cookie(j.context, COOKIE), undefined, "the session cookie is still in the browser");
      assert.match(await page.textContent("h2"), /Not signed in/);
      await j.shot("signed-out");
      // The Back button, twice, to the dashboard Bob saw: not shown from a cache, asked again.
      await back(page, "/api/auth/signout");
      await back(page, signIn("/dashboard"));
      assert.doesNotMatch(await page.textContent("body"), /Signed in/);
      j.mark();
      await page.goto(demo.url("/dashboard"));
      assert.deepEqual(j.trail(), ["GET /dashboard 307", `GET ${signIn("/dashboard")} 200`]);
    });

    await t.test("Ada signs in from /admin and gets in", async () => {
      await page.goto(demo.url("/admin"));
      j.mark();
      await pick(j, "Ada Lovelace");
      assert.deepEqual(j.trail(), ["POST /api/auth/signin 303", "GET /admin 200"]);
      assert.match(await page.textContent("body"), /Signed in[\s\S]*Ada Lovelace/);
      await j.shot("admin-ada");
    });

    await t.test("an expired session (next-auth's encode, exp in the past) is sent to sign-in", async () => {
      const claims = { name: "Ada Lovelace", email: "ada@example.com", sub: "demo-ada", role: "admin" };
      await j.context.clearCookies();
      await j.context.addCookies([{ name: COOKIE, value: await encode({ token: claims, secret: SECRET }), url: demo.base, httpOnly: true, sameSite: "Lax" }]);
      assert.equal((await page.goto(demo.url("/admin"))).status(), 200);
      await j.context.clearCookies();
      await j.context.addCookies([{ name: COOKIE, value: await encode({ token: claims, secret: SECRET, maxAge: -60 }), url: demo.base, httpOnly: true, sameSite: "Lax" }]);
      j.mark();
      await page.goto(demo.url("/admin"));
      assert.deepEqual(j.trail(), ["GET /admin 307", `GET ${signIn("/admin")} 200`]);
      await j.shot("expired-session-signin");
    });
  } finally {
    await j.close();
    await demo.stop();
  }
});

test("the demo with ON_UNAUTHORIZED=forbidden: Bob gets a 403 at /admin, Ada gets in", { timeout: 240_000 }, async () => {
  const demo = await startDemo({ ON_UNAUTHORIZED: "forbidden" });
  const j = await journey(browser, "worker-demo-forbidden");
  try {
    await j.page.goto(demo.url("/admin"));
    await pick(j, "Bob Example");
    j.mark();
    const res = await j.page.goto(demo.url("/admin"));
    assert.equal(res.status(), 403);
    assert.deepEqual(j.trail(), ["GET /admin 403"]);
    await j.shot("admin-403-bob");
    await j.context.clearCookies();
    await j.page.goto(demo.url("/admin"));
    await pick(j, "Ada Lovelace");
    assert.equal(pathOf(j.page), "/admin");
    assert.match(await j.page.textContent("body"), /Signed in[\s\S]*Ada Lovelace/);
  } finally {
    await j.close();
    await demo.stop();
  }
});
