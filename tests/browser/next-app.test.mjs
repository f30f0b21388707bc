// examples/next-app in a real browser: the real next-auth v4 signs people in on its own pages
// (Credentials provider, JWT strategy), nextauth-edge's withAuth gates /dashboard, /admin and
// /reports in middleware.ts, and chromium follows every redirect as a user would. Built with
// `next build` (skipped when the inputs' hash is unchanged) and served by `next start`.
// Screenshots: tests/browser/output/next-app/.
//
//   make test-browser         (builds pkg/ and the Worker, installs chromium if missing)
//   node --test tests/browser/next-app.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, freePort, stopProcessGroup, waitForServer } from "../worker/helpers.mjs";
import { APP, hashFiles, install, listFiles, packageFiles } from "../../examples/next-app/scripts/setup.mjs";
import { back, cookie, journey, launch } from "./browser.mjs";

const SECRET = "browser-suite-next-app-secret";
const COOKIE = "next-auth.session-token";
const NEXT = join(APP, "node_modules/next/dist/bin/next");
const DIST = ".next-browser-suite"; // next.config.mjs distDir: `make next-app`'s next dev keeps .next/
const { encode } = await import(pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("next-auth/jwt")).href);

let server; // { child, base, output }
let browser;
let j; // the journey: context, page, screenshots, navigation record

function env(extra = {}) {
  const e = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: DIST, ...extra };
  for (const key of ["NODE_TEST_CONTEXT", "NODE_OPTIONS", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "AUTH_SECRET", "VERCEL"]) {
    if (!(key in extra)) delete e[key];
  }
  return e;
}

function run(args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(" ")} exited ${code}:\n${out.slice(-6000)}`))));
  });
}

/** `next build`, unless the suite's build was made from exactly these sources and this pkg/ build. */
async function build() {
  const skip = new Set(["node_modules", ".next", DIST, ".env.local", "next-env.d.ts", "scripts"]);
  const sources = listFiles(APP, skip).filter((f) => !f.endsWith(".tsbuildinfo"));
  const inputs = hashFiles(ROOT, [...sources, ...packageFiles()]);
  const stamp = join(APP, DIST, ".browser-suite-inputs");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === inputs && existsSync(join(APP, DIST, "BUILD_ID"))) {
    console.log(`next-app: ${DIST}/ is up to date, no build`);
    return;
  }
  const start = performance.now();
  const tsconfig = readFileSync(join(APP, "tsconfig.json"), "utf8");
  await run([NEXT, "build"], { cwd: APP, env: env() });
  assert.equal(readFileSync(join(APP, "tsconfig.json"), "utf8"), tsconfig, "next build rewrote the committed tsconfig.json");
  writeFileSync(stamp, inputs);
  console.log(`next-app: next build ${((performance.now() - start) / 1000).toFixed(0)} s`);
}

async function startServer() {
  const port = await freePort(3130, 3199);
  const base = `http://localhost:${port}`;
  let output = "";
  const child = spawn(process.execPath, [NEXT, "start", "-p", String(port)], {
    cwd: APP,
    env: env({ NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: base }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  await waitForServer(base, child, () => output, 60_000);
  return { child, base, output: () => output };
}

const url = (path) => `${server.base}${path}`;
const here = () => {
  const u = new URL(j.page.url());
  return `${u.pathname}${u.search}`;
};
const signInUrl = (callbackUrl) => `/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;

/** next-auth's own sign-in page (Credentials form): fill it in and submit. */
async function signInOnNextAuthPage(username) {
  const { page } = j;
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', "demo");
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Sign in with Demo users")')]);
}

before(async () => {
  install();
  await build();
  server = await startServer();
  browser = await launch();
  j = await journey(browser, "next-app");
}, { timeout: 600_000 });

after(async () => {
  await j?.close();
  await browser?.close();
  if (server) await stopProcessGroup(server.child);
});

test("the home page is public", async () => {
  const res = await j.page.goto(url("/"));
  assert.equal(res.status(), 200);
  await j.page.waitForSelector("text=nextauth-edge with the real next-auth");
  await j.shot("home-public");
});

test("/dashboard sends a visitor to next-auth's own sign-in page, with the page as callbackUrl", async () => {
  j.mark();
  const res = await j.page.goto(url("/dashboard?tab=activity"));
  assert.deepEqual(j.trail(), [
    "GET /dashboard?tab=activity 307",
    `GET ${signInUrl("/dashboard?tab=activity")} 200`,
  ]);
  assert.equal(res.status(), 200);
  // next-auth's built-in page (not ours): its Credentials form.
  await j.page.waitForSelector('input[name="username"]');
  assert.ok(await j.page.isVisible('button:has-text("Sign in with Demo users")'));
  await j.shot("signin-page-next-auth");
});

test("signing in as Bob on next-auth's page lands back on the page asked for", async () => {
  j.mark();
  await signInOnNextAuthPage("bob");
  assert.equal(here(), "/dashboard?tab=activity");
  assert.deepEqual(j.trail(), ["POST /api/auth/callback/credentials 302", "GET /dashboard?tab=activity 200"]);
  // The wrapped middleware ran with the token (middleware.ts sets this header).
  assert.equal(j.hops()[1].headers["x-gate"], "signed in as Bob Builder");
  assert.equal(await j.page.textContent("h1"), "Dashboard · activity");
  await j.page.waitForSelector("#who");
  assert.match(await j.page.textContent("#who"), /Signed in as Bob Builder \(bob@example\.com\), role user/);
  // The cookie the browser kept is next-auth's, with next-auth's attributes (http: no Secure).
  const c = await cookie(j.context, COOKIE);
  assert.ok(c, `no ${COOKIE} in the browser`);
  assert.equal(c.httpOnly, true);
  assert.equal(c.sameSite, "Lax");
  assert.equal(c.path, "/");
  assert.equal(c.secure, false);
  await j.shot("dashboard-bob");
});

test("Bob at /admin gets the 403 page (onUnauthorized), one request, no trip to sign-in", async () => {
  j.mark();
  const res = await j.page.goto(url("/admin"));
  assert.equal(res.status(), 403);
  assert.equal(here(), "/admin");
  assert.deepEqual(j.trail(), ["GET /admin 403"]);
  assert.match(await j.page.textContent("h1"), /403 — admins only/);
  assert.match(await j.page.textContent("body"), /signed in as Bob Builder/);
  await j.shot("admin-403-bob");
});

test("Bob at /reports is sent to sign-in once (next-auth's redirect), and it does not loop", async () => {
  j.mark();
  await j.page.goto(url("/reports"));
  assert.deepEqual(j.trail(), ["GET /reports 307", `GET ${signInUrl("/reports")} 200`]);
  await j.page.waitForSelector('input[name="username"]');
  await j.shot("reports-redirect-bob");
  // Signing in again as Bob (still no admin) comes back to /reports and is sent to sign-in again:
  // next-auth's behaviour (nextauthjs/next-auth#4090), one redirect per attempt, never a chain.
  j.mark();
  await signInOnNextAuthPage("bob");
  await j.page.waitForSelector('input[name="username"]');
  assert.deepEqual(j.trail(), [
    "POST /api/auth/callback/credentials 302",
    "GET /reports 307",
    `GET ${signInUrl("/reports")} 200`,
  ]);
});

test("the server page shows Bob from our getServerSession", async () => {
  await j.page.goto(url("/server"));
  assert.match(await j.page.textContent("#who"), /Signed in as Bob Builder \(bob@example\.com\), role user/);
});

test("signing out on next-auth's page clears the session; /dashboard is protected again", async () => {
  // With no callbackUrl, next-auth signs out to the last one it stored (its callback-url cookie:
  // /reports here), which the gate then sends to sign-in; the example's links ask for the home page.
  await j.page.goto(url("/dashboard"));
  await j.page.goto(url("/api/auth/signout?callbackUrl=%2F"));
  await j.shot("signout-page-next-auth");
  j.mark();
  await Promise.all([j.page.waitForNavigation(), j.page.click('button:has-text("Sign out")')]);
  assert.deepEqual(j.trail(), ["POST /api/auth/signout 302", "GET / 200"]);
  // The Back button, twice, to the dashboard Bob saw: not shown from a cache, asked again.
  await back(j.page, "/api/auth/signout?callbackUrl=%2F");
  await back(j.page, signInUrl("/dashboard"));
  assert.doesNotMatch(await j.page.textContent("body"), /Bob Builder/);
  assert.equal(await cookie(j.context, COOKIE), undefined, "the session cookie is still in the browser");
  j.mark();
  await j.page.goto(url("/dashboard"));
  assert.deepEqual(j.trail(), ["GET /dashboard 307", `GET ${signInUrl("/dashboard")} 200`]);
  await j.shot("dashboard-after-signout");
  await j.page.goto(url("/server"));
  assert.equal(await j.page.textContent("#who"), "Not signed in.");
});

test("Ada, an admin, signs in from /admin and gets in; /reports too", async () => {
  j.mark();
  await j.page.goto(url("/admin"));
  assert.deepEqual(j.trail(), ["GET /admin 307", `GET ${signInUrl("/admin")} 200`]);
  j.mark();
  await signInOnNextAuthPage("ada");
  assert.equal(here(), "/admin");
  assert.deepEqual(j.trail(), ["POST /api/auth/callback/credentials 302", "GET /admin 200"]);
  assert.equal(await j.page.textContent("h1"), "Admin");
  assert.match(await j.page.textContent("#who"), /Signed in as Ada Lovelace \(ada@example\.com\), role admin/);
  await j.shot("admin-ada");
  const res = await j.page.goto(url("/reports"));
  assert.equal(res.status(), 200);
  assert.equal(await j.page.textContent("h1"), "Reports");
  await j.page.goto(url("/server"));
  assert.match(await j.page.textContent("#who"), /Signed in as Ada Lovelace \(ada@example\.com\), role admin/);
  await j.shot("server-session-ada");
});

test("an expired session (next-auth's encode, exp in the past) is sent back to sign-in", async () => {
  const claims = { name: "Ada Lovelace", email: "ada@example.com", sub: "1", role: "admin" };
  await j.context.clearCookies();
  // Control: the same claims, not expired, open /admin.
  await j.context.addCookies([{ name: COOKIE, value: await encode({ token: claims, secret: SECRET }), url: server.base, httpOnly: true, sameSite: "Lax" }]);
  assert.equal((await j.page.goto(url("/admin"))).status(), 200);
  await j.context.clearCookies();
  await j.context.addCookies([{ name: COOKIE, value: await encode({ token: claims, secret: SECRET, maxAge: -60 }), url: server.base, httpOnly: true, sameSite: "Lax" }]);
  j.mark();
  await j.page.goto(url("/admin"));
  assert.deepEqual(j.trail(), ["GET /admin 307", `GET ${signInUrl("/admin")} 200`]);
  await j.page.waitForSelector('input[name="username"]');
  await j.shot("expired-session-signin");
});
