// A real Next.js app behind the Worker on workerd (issues 13 and 18): tests/next-origin/site/
// built with Next 15 (webpack) and Next 16 (Turbopack), with and without basePath, served by
// `next start` as the Worker's UPSTREAM. Guarded pages print `GUARDED:<page>` (HTML, RSC payload,
// getServerSideProps data), so the app itself says what it served: a test fails when any answer
// to a visitor who may not see a page carries that page's marker.
//
//   1. the path-parity corpus (tests/worker/path-corpus.mjs) as raw request lines, signed out;
//   2. every spelling Next's router reads as a guarded page (data routes, RSC requests and their
//      headers, `.rsc`/`.prefetch.rsc`/`.segments` URLs, `Next-Url` interception, the image
//      optimizer), signed out and as a user without the admin role; the same requests straight
//      to Next (no Worker) and as an admin show the markers, so the check can fail;
//   3. `_rsc` never in `callbackUrl`, `x-nextjs-redirect` for data requests, and headers that
//      skip Next's middleware (CVE-2025-29927) never reach the app;
//   4. Chromium through the Worker's demo sign-in: client-side navigations as Bob (no admin role)
//      and Ada (admin), every response body the browser received checked for markers.
//
//   make test-next-origin
//   node --test --test-concurrency=1 tests/next-origin/
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, startWorker } from "../worker/helpers.mjs";
import { CLASSES, corpus, rawRequest } from "../worker/path-corpus.mjs";
import { NEXT_VERSIONS, buildApp, startApp } from "./apps.mjs";
import { journey, launch } from "../browser/browser.mjs";

const SECRET = "next-origin-suite-secret";
const COOKIE = "next-auth.session-token";
const MATCHER = ["/dashboard/:path*", "/admin/:path*"];
const BASE = "/docs";
const { encode } = await import(pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("next-auth/jwt")).href);

const session = async (name, role) =>
  `${COOKIE}=${await encode({ token: { name, email: `${name.toLowerCase()}@example.com`, sub: name, role }, secret: SECRET })}`;
const VISITORS = {
  "signed out": null,
  "Bob (role user)": await session("Bob", "user"),
  "Ada (role admin)": await session("Ada", "admin"),
};

/** Markers a visitor must never receive: everything signed out, the admin area without the role. */
const forbiddenFor = {
  "signed out": /GUARDED:/,
  "Bob (role user)": /GUARDED:(app|pages)\/admin/,
  "Ada (role admin)": null,
};

const STATE_TREE = encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null, true]));
const escapeFirst = (p) => p.replace(/^\/(\w)/, (_, c) => `/%${c.charCodeAt(0).toString(16)}`);

/**
 * Every spelling under which Next's router serves a guarded page, found in Next 15.5 and 16's
 * server (base-server, next-server, the RSC/data normalizers, routes-manifest interception
 * rewrites). `shown` marks those this app does serve with the page's marker when asked directly.
 */
function nextSpellings(base, buildId) {
  const rows = [];
  const add = (kind, page, target, headers = {}) => rows.push({ kind, page, target: `${base}${target}`, headers });
  for (const page of ["/dashboard", "/admin", "/admin/users"]) {
    add("document", page, page);
    add("RSC navigation (RSC: 1)", page, page, { RSC: "1" });
    add("RSC with a Next-Router-State-Tree", page, page, { RSC: "1", "Next-Router-State-Tree": STATE_TREE });
    add("RSC prefetch (Next-Router-Prefetch: 1)", page, page, { RSC: "1", "Next-Router-Prefetch": "1" });
    add("segment prefetch (Next-Router-Segment-Prefetch)", page, page, { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" });
    add("?_rsc= cache-buster", page, `${page}?_rsc=1a2b3`, { RSC: "1" });
    add(".rsc URL", page, `${page}.rsc`);
    add(".prefetch.rsc URL", page, `${page}.prefetch.rsc`);
    add(".segments URL", page, `${page}.segments/_tree.segment.rsc`);
    add("trailing slash", page, `${page}/`);
    add("escaped letter", page, escapeFirst(page));
  }
  for (const page of ["/dashboard/legacy", "/admin/legacy"]) {
    add("Pages Router document", page, page);
    add("data route", page, `/_next/data/${buildId}${page}.json`);
    add("data route + x-nextjs-data", page, `/_next/data/${buildId}${page}.json`, { "x-nextjs-data": "1" });
    add("data route, index/ prefix", page, `/_next/data/${buildId}/index${page}.json`);
    add("data route, escaped letter", page, `/_next/data/${buildId}${escapeFirst(page)}.json`);
    add("data route, dot segments", page, `/_next/data/${buildId}/x/..${page}.json`);
    add("data route, another build id", page, `/_next/data/not-the-build${page}.json`);
    add("?__nextDataReq=1", page, `${page}?__nextDataReq=1`);
    add("x-nextjs-data header", page, page, { "x-nextjs-data": "1" });
  }
  // Interception: app/admin/(..)about renders when /about is asked for with Next-Url in /admin.
  for (const from of ["/admin", "/admin/", "/admin/users"]) {
    add(`Next-Url: ${base}${from} (RSC)`, "/admin", "/about", { RSC: "1", "Next-Url": `${base}${from}` });
    add(`Next-Url: ${base}${from} (document)`, "/admin", "/about", { "Next-Url": `${base}${from}` });
    if (base) add(`Next-Url: ${from} without basePath`, "/admin", "/about", { RSC: "1", "Next-Url": from });
  }
  add("image optimizer", "/admin", `/_next/image?url=${encodeURIComponent(`${base}/admin`)}&w=64&q=75`);
  return rows;
}

/**
 * One request as a client router sends it: Next 16 answers an RSC request whose `_rsc` does not
 * match its headers' hash with a 307 to the same page with the right `_rsc`, which fetch()
 * follows; so does this (that hop only).
 */
async function send(port, target, headers) {
  const res = await rawRequest(port, target, headers);
  const location = /\r\nlocation: ([^\r]*)/i.exec(res.head)?.[1];
  if ([307, 308].includes(res.status) && location && /[?&]_rsc(=|&|$)/.test(location)) {
    const next = new URL(location, "http://x");
    if (next.pathname === new URL(target, "http://x").pathname) return rawRequest(port, `${next.pathname}${next.search}`, headers);
  }
  return res;
}

/** The Pages Router spellings of a guarded page under i18n locales (NEXT_LOCALES). */
function localeSpellings(buildId) {
  const rows = [];
  for (const page of ["/dashboard/legacy", "/admin/legacy"]) {
    for (const locale of ["fr", "FR", "en-US"]) {
      rows.push({ kind: `locale ${locale}`, page, target: `/${locale}${page}`, headers: {} });
      rows.push({ kind: `data route, locale ${locale}`, page, target: `/_next/data/${buildId}/${locale}${page}.json`, headers: { "x-nextjs-data": "1" } });
    }
  }
  return rows;
}

const LOCALES = ["en-US", "fr"];
const apps = [];
const running = [];
let browser;

before(async () => {
  for (const version of NEXT_VERSIONS) {
    for (const basePath of ["", BASE]) {
      const app = await buildApp(version, basePath);
      console.log(`next-origin: ${version}${basePath ? ` basePath ${basePath}` : ""} built (build id ${app.buildId}, ${app.buildSeconds ? `${app.buildSeconds.toFixed(0)} s` : "up to date"})`);
      apps.push(app);
    }
    const i18n = await buildApp(version, "", LOCALES);
    console.log(`next-origin: ${version} i18n ${JSON.stringify(LOCALES)} built (${i18n.buildSeconds ? `${i18n.buildSeconds.toFixed(0)} s` : "up to date"})`);
    apps.push(i18n);
  }
});

after(async () => {
  await browser?.close();
  for (const r of running) await r.stop();
});

async function withGate(app, bindings, fn) {
  const next = await startApp(app);
  running.push(next);
  const worker = await startWorker({
    NEXTAUTH_SECRET: SECRET,
    UPSTREAM: next.url,
    MATCHER,
    ...(app.basePath ? { BASE_PATH: app.basePath } : {}),
    ...bindings,
  });
  try {
    return await fn({ next, worker });
  } finally {
    await worker.dispose();
    await next.stop();
    running.splice(running.indexOf(next), 1);
  }
}

const label = (app) => `${app.version}${app.basePath ? ` basePath ${app.basePath}` : ""}`;

for (const version of NEXT_VERSIONS) {
  for (const basePath of ["", BASE]) {
    const appOf = () => apps.find((a) => a.version === version && a.basePath === basePath && !a.locales.length);

    test(`${version}${basePath ? ` basePath ${basePath}` : ""}: the path-parity corpus, signed out, never renders a guarded page`, async () => {
      const app = appOf();
      await withGate(app, {}, async ({ worker }) => {
        const targets = [
          { t: "dashboard", guarded: true },
          { t: "admin/users", guarded: true },
          { t: "about", guarded: false },
        ];
        const rows = corpus(basePath, targets);
        assert.ok(rows.length >= 60, `${rows.length} spellings`);
        const leaks = [];
        const statuses = {};
        for (const row of rows) {
          const res = await rawRequest(worker.port, row.spelling);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (/GUARDED:/.test(res.body)) leaks.push(`${row.class}: ${row.spelling} → ${res.status} with ${/GUARDED:[^ <"]*/.exec(res.body)[0]}`);
          if (row.class === "plain" && !row.guarded) {
            assert.equal(res.status, 200, `${row.spelling} reaches the app`);
            assert.match(res.body, /public about page/);
          }
        }
        console.log(`next-origin: ${label(app)}: ${rows.length} spellings (${Object.keys(CLASSES).length} classes), statuses ${JSON.stringify(statuses)}, guarded pages rendered: ${leaks.length}`);
        assert.deepEqual(leaks, [], leaks.join("\n"));
      });
    });

    test(`${version}${basePath ? ` basePath ${basePath}` : ""}: Next's data, RSC and interception spellings of guarded pages`, async () => {
      const app = appOf();
      await withGate(app, {}, async ({ next, worker }) => {
        const rows = nextSpellings(basePath, app.buildId);
        const direct = [];
        const leaks = [];
        const shownToAda = [];
        for (const row of rows) {
          // Straight to Next, signed out: which spellings the app serves with a marker at all.
          const straight = await send(next.port, row.target, row.headers);
          if (/GUARDED:/.test(straight.body)) direct.push(row);
          for (const [visitor, cookie] of Object.entries(VISITORS)) {
            const res = await send(worker.port, row.target, { ...row.headers, ...(cookie ? { Cookie: cookie } : {}) });
            const forbidden = forbiddenFor[visitor];
            if (forbidden?.test(res.body)) {
              leaks.push(`${visitor}: ${row.kind} ${row.target} ${JSON.stringify(row.headers)} → ${res.status} ${forbidden.exec(res.body)[0]}`);
            }
            if (visitor === "Ada (role admin)" && /GUARDED:/.test(res.body)) shownToAda.push(row);
          }
        }
        console.log(
          `next-origin: ${label(app)}: ${rows.length} Next spellings × 3 visitors; straight to Next ${direct.length} render a guarded page to anyone; ` +
            `through the Worker: ${leaks.length} leaks, ${shownToAda.length} shown to the admin`,
        );
        for (const row of direct) console.log(`  served by Next: ${row.kind}: ${row.target} ${Object.keys(row.headers).join(", ")}`);
        assert.deepEqual(leaks, [], leaks.join("\n"));
        // The check can fail: these spellings do render guarded pages, straight and for the admin.
        const interception = basePath ? "Next-Url: /admin without basePath" : "Next-Url: /admin (RSC)";
        for (const kind of ["document", "RSC navigation (RSC: 1)", "data route", interception]) {
          assert.ok(direct.some((r) => r.kind === kind), `straight to Next, "${kind}" renders a guarded page`);
          assert.ok(shownToAda.some((r) => r.kind === kind), `through the Worker, "${kind}" reaches the admin`);
        }
      });
    });

    test(`${version}${basePath ? ` basePath ${basePath}` : ""}: callbackUrl without _rsc, x-nextjs-redirect for data requests, no middleware-skipping headers`, async () => {
      const app = appOf();
      await withGate(app, {}, async ({ next, worker }) => {
        // As a client navigation sends it (`_rsc` alone) and among other parameters.
        for (const [search, kept] of [["?_rsc=1a2b3", ""], ["?tab=2&_rsc=1a2b3", "?tab=2"]]) {
          const rsc = await rawRequest(worker.port, `${basePath}/dashboard${search}`, { RSC: "1" });
          assert.equal(rsc.status, 307);
          const location = decodeURIComponent(/\r\nlocation: ([^\r]*)/i.exec(rsc.head)?.[1] ?? "");
          assert.ok(location.endsWith(`callbackUrl=${basePath}/dashboard${kept}`), location);
        }

        const data = await rawRequest(worker.port, `${basePath}/_next/data/${app.buildId}/admin/legacy.json`, { "x-nextjs-data": "1" });
        assert.match(data.head, /\r\nx-nextjs-redirect: [^\r]*signin/i, data.head);
        assert.doesNotMatch(data.head, /\r\nlocation:/i);

        const skip = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
        const straight = JSON.parse((await rawRequest(next.port, `${basePath}/api/headers`, skip)).body);
        assert.ok("x-middleware-subrequest" in straight, "the app sees the header when nothing strips it");
        const through = JSON.parse((await rawRequest(worker.port, `${basePath}/api/headers`, skip)).body);
        assert.ok(!("x-middleware-subrequest" in through), "the Worker strips x-middleware-subrequest");
      });
    });
  }

  test(`${version} i18n: a locale prefix (NEXT_LOCALES) is taken off before the gate matches, as Next's router does`, async () => {
    const app = apps.find((a) => a.version === version && a.locales.length);
    const rows = localeSpellings(app.buildId);
    const leaks = async (bindings) => {
      const found = [];
      const shownToAda = [];
      await withGate(app, bindings, async ({ next, worker }) => {
        for (const row of rows) {
          const straight = await send(next.port, row.target, row.headers);
          assert.match(straight.body, /GUARDED:/, `straight to Next, ${row.target} renders ${row.page}`);
          for (const [visitor, cookie] of Object.entries(VISITORS)) {
            const res = await send(worker.port, row.target, { ...row.headers, ...(cookie ? { Cookie: cookie } : {}) });
            if (forbiddenFor[visitor]?.test(res.body)) found.push(`${visitor}: ${row.kind} ${row.target}`);
            if (visitor === "Ada (role admin)" && /GUARDED:/.test(res.body)) shownToAda.push(row.target);
          }
        }
      });
      return { found, shownToAda };
    };
    const gated = await leaks({ NEXT_LOCALES: LOCALES });
    assert.deepEqual(gated.found, [], gated.found.join("\n"));
    assert.equal(gated.shownToAda.length, rows.length, "the admin still gets every localized page");
    // Without NEXT_LOCALES the gate matches `/fr/admin/legacy` as written, and misses it.
    const blind = await leaks({});
    assert.ok(blind.found.length > 0, "without NEXT_LOCALES, localized spellings pass the gate");
    console.log(`next-origin: ${version} i18n: ${rows.length} localized spellings × 3 visitors: 0 leaks with NEXT_LOCALES, ${blind.found.length} without`);
  });

  test(`${version}: Chromium through the Worker's demo sign-in — client-side navigation as Bob and Ada`, { timeout: 240_000 }, async () => {
    const app = apps.find((a) => a.version === version && !a.basePath && !a.locales.length);
    browser ??= await launch();
    await withGate(app, { DEV_DEMO: "true" }, async ({ worker }) => {
      const j = await journey(browser, `next-origin-${version}`);
      const { page } = j;
      const received = []; // every response the browser got: who, URL, RSC/data request, markers
      let who = "signed out";
      page.on("response", async (res) => {
        const req = res.request();
        let body = "";
        try {
          body = await res.text();
        } catch {}
        received.push({
          who,
          url: res.url(),
          status: res.status(),
          rsc: req.headers().rsc === "1",
          data: req.headers()["x-nextjs-data"] === "1",
          markers: body.match(/GUARDED:[a-z/().]+/g) ?? [],
        });
      });
      const url = (p) => `${worker.url}${p}`;
      const settle = () => page.waitForLoadState("networkidle");
      const clickAndSettle = async (selector, urlPredicate) => {
        await Promise.all([page.waitForURL(urlPredicate, { timeout: 20_000 }), page.click(selector)]);
        await settle();
      };
      const text = () => page.textContent("body");
      try {
        // Signed out: a client-side navigation to /dashboard lands on sign-in, without _rsc.
        await page.goto(url("/"));
        assert.match(await text(), /public home/);
        await clickAndSettle("#to-dashboard", (u) => u.pathname === "/api/auth/signin");
        await j.shot("signed-out-dashboard-link");
        const callback = new URL(page.url()).searchParams.get("callbackUrl");
        assert.match(callback, /\/dashboard$/, `callbackUrl ${callback}`);
        assert.doesNotMatch(page.url(), /_rsc/);

        // Bob signs in and is sent back to /dashboard (no _rsc in the address bar).
        who = "Bob";
        await Promise.all([page.waitForURL((u) => u.pathname === "/dashboard"), page.click('button:has-text("Bob Example")')]);
        await settle();
        assert.doesNotMatch(page.url(), /_rsc/);
        assert.match(await text(), /GUARDED:app\/dashboard/);
        await j.shot("bob-dashboard");

        // Bob, client-side, into the admin area (App Router RSC fetch): refused, sent to sign-in.
        await page.goto(url("/"));
        await clickAndSettle("#to-admin", (u) => u.pathname !== "/");
        await j.shot("bob-admin-link");
        assert.doesNotMatch(await text(), /GUARDED:app\/admin/);
        assert.equal(new URL(page.url()).pathname, "/api/auth/signin");
        // ... and the Pages Router: the data route for /admin/legacy is refused the same way.
        await page.goto(url("/legacy"));
        await clickAndSettle("#to-admin-legacy", (u) => u.pathname !== "/legacy");
        await j.shot("bob-admin-legacy-link");
        assert.doesNotMatch(await text(), /GUARDED:pages\/admin/);
        assert.equal(new URL(page.url()).pathname, "/api/auth/signin");
        // ... while his own pages still navigate client-side.
        await page.goto(url("/legacy"));
        await clickAndSettle("#to-dashboard-legacy", (u) => u.pathname === "/dashboard/legacy");
        assert.match(await text(), /GUARDED:pages\/dashboard\/legacy/);

        // Ada (admin): the same clicks show the admin pages (the markers are detectable).
        await j.context.clearCookies();
        who = "Ada";
        await page.goto(url(`/api/auth/signin?callbackUrl=${encodeURIComponent("/")}`));
        await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.click('button:has-text("Ada Lovelace")')]);
        await settle();
        await clickAndSettle("#to-admin", (u) => u.pathname === "/admin");
        assert.match(await text(), /GUARDED:app\/admin/);
        await j.shot("ada-admin");
        // From /admin the client router sends `Next-Url: /admin`; Ada passes the gate for /admin,
        // so the header reaches Next and it renders the intercepting route.
        await clickAndSettle("#to-about-from-admin", (u) => u.pathname === "/about");
        assert.match(await text(), /GUARDED:app\/admin\/\(\.\.\)about/);
        await j.shot("ada-about-intercepted");
        await page.goto(url("/legacy"));
        await clickAndSettle("#to-admin-legacy", (u) => u.pathname === "/admin/legacy");
        assert.match(await text(), /GUARDED:pages\/admin\/legacy/);
        await j.shot("ada-admin-legacy");
      } finally {
        await j.close();
      }
      const forbidden = received.filter(
        (r) => (r.who === "signed out" && r.markers.length) || (r.who === "Bob" && r.markers.some((m) => /GUARDED:(app|pages)\/admin/.test(m))),
      );
      assert.deepEqual(forbidden, [], JSON.stringify(forbidden, null, 2));
      const kinds = received.filter((r) => r.rsc || r.data || /_next\/data/.test(r.url));
      console.log(
        `next-origin: ${version} in Chromium: ${received.length} responses, ${kinds.length} of them RSC/data requests the client router sent ` +
          `(${[...new Set(kinds.map((r) => `${new URL(r.url).pathname.replace(app.buildId, "<build>")}${r.rsc ? " RSC" : ""} ${r.who} ${r.status}`))].join("; ")})`,
      );
      assert.ok(kinds.some((r) => r.rsc), "the browser made RSC requests");
      assert.ok(kinds.some((r) => /_next\/data/.test(r.url)), "the browser fetched a data route");
    });
  });
}
