// The npm package as users get it: `npm pack ./pkg`, the tarball installed into fixture apps,
// then every runtime the package claims, with real HTTP and cookies minted by the real next-auth:
//   node/     plain Node: ESM import, CJS require, the browser entry's wiring, types (node16)
//   workerd/  a Worker bundled by wrangler, run in workerd (Miniflare), which refuses to compile
//             wasm from bytes: the honest proof that the edge entries don't
//   next15/   Next 15 (webpack): edge middleware.ts, the one-line drop-in and the wrapped form
//             with a role callback; and the drop-in on the Node.js middleware runtime
//   next16/   Next 16 (Turbopack): middleware.ts (edge) and proxy.ts (Node)
// Each expected redirect/pass-through is what the real next-auth 4.24.15 withAuth does with the
// same request. Fixture node_modules stay cached in each fixture (git-ignored): `npm ci` runs
// when the lockfile changed, and the tarball is reinstalled when it changed.
//
//   make test-packaging            (builds pkg/ first)
//   node --test tests/packaging/packaging.test.mjs

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { AsyncLocalStorage } from "node:async_hooks";
import { render as renderTypedExample } from "../types/generate.mjs";

// next/server (loaded by next-auth/middleware) captures the edge runtime's AsyncLocalStorage global.
globalThis.AsyncLocalStorage ??= AsyncLocalStorage;

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "../..");
const CACHE = join(HERE, ".cache");
const SECRET = "packaging-fixture-secret";
const WASM_GZIP_BUDGET = 150_000; // bytes (150 KB), gzip -9 of the package's .wasm
const TARBALL_FILES = [
  "browser.mjs",
  "edge.mjs",
  "index.d.ts",
  "middleware.d.ts",
  "next.d.ts",
  "next.mjs",
  "node.cjs",
  "package.json",
  "v5.d.ts",
  "v5.mjs",
  "wasm/index.d.cts",
  "wasm/middleware/browser.mjs",
  "wasm/middleware/edge.mjs",
  "wasm/middleware/index.d.cts",
  "wasm/middleware/nextauth_edge.cjs",
  "wasm/middleware/nextauth_edge.d.ts",
  "wasm/middleware/nextauth_edge.js",
  "wasm/middleware/nextauth_edge_bg.inline.cjs",
  "wasm/middleware/nextauth_edge_bg.wasm",
  "wasm/middleware/node-aes-gcm.cjs",
  "wasm/middleware/node.cjs",
  "wasm/middleware/node.mjs",
  "wasm/middleware/workerd.mjs",
  "wasm/nextauth_edge.cjs",
  "wasm/nextauth_edge.d.ts",
  "wasm/nextauth_edge.js",
  "wasm/nextauth_edge_bg.inline.cjs",
  "wasm/nextauth_edge_bg.wasm",
  "wasm/node-aes-gcm.cjs",
  "wasm/node.mjs",
  "workerd.mjs",
];

const TYPES_EXAMPLES = join(ROOT, "tests/types/examples");
const TYPED_EXAMPLES = "typed-examples"; // in each Next fixture while it builds (git-ignored)
// `next build` says it type-checks (Next 15: "Checking validity of types"; Next 16: "Running
// TypeScript"); a build that skipped it would pass type errors.
const TYPE_CHECKED = /Checking validity of types|Running TypeScript/;

const rootRequire = createRequire(join(ROOT, "package.json"));
const timings = [];
const children = new Set();
let tarball; // { path, sha, size, unpackedSize, files }
let tokens; // cookie headers minted by the real next-auth

// ---------------------------------------------------------------------------------------------
// helpers

function log(line) {
  console.log(`packaging: ${line}`);
}

async function timed(label, fn) {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    const seconds = (performance.now() - start) / 1000;
    timings.push([label, seconds]);
    log(`${label}: ${seconds.toFixed(1)} s`);
  }
}

const sha256 = (...buffers) => buffers.reduce((h, b) => h.update(b), createHash("sha256")).digest("hex");

function cleanEnv(extra = {}) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CI: "true", WRANGLER_SEND_METRICS: "false", ...extra };
  for (const key of ["NODE_TEST_CONTEXT", "NODE_OPTIONS", "NEXTAUTH_URL", "NEXTAUTH_SECRET", "AUTH_SECRET", "VERCEL"]) {
    if (!(key in extra)) delete env[key];
  }
  return env;
}

/** Runs a command to completion; rejects with the output's tail when it fails. */
function run(cmd, args, { cwd, env = cleanEnv() } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${code}:\n${out.slice(-6000)}`));
    });
  });
}

const nodeBin = (dir, pkg, bin) => join(HERE, dir, "node_modules", pkg, bin);

function portIsFree(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "localhost" });
    socket.once("connect", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(true));
  });
}

/**
 * `next start -p port` (or `next dev`) in its own process group; resolves once it answers HTTP.
 * Requests go to `localhost`: Next's NextURL spells 127.0.0.1 as localhost, and so does
 * next-auth's redirect. `next dev` compiles on the first request, so it gets longer to answer.
 */
async function startNext(fixture, port, command = "start", extraEnv = {}) {
  assert.ok(await portIsFree(port), `port ${port} is taken: something else is listening there`);
  const child = spawn(process.execPath, [nodeBin(fixture, "next", "dist/bin/next"), command, "-p", String(port)], {
    cwd: join(HERE, fixture),
    env: cleanEnv({ NEXTAUTH_SECRET: SECRET, ...extraEnv }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  children.add(child);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, "SIGTERM"); } catch {}
      const timer = setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch {} }, 5000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
  };
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + (command === "dev" ? 180_000 : 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next ${command} exited ${child.exitCode}:\n${out}`);
    try {
      await fetch(`${base}/`, { redirect: "manual" });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`next ${command} did not answer on ${base} in time:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { base, stop, output: () => out };
}

function killChildren() {
  for (const child of children) {
    try { process.kill(-child.pid, "SIGKILL"); } catch {}
  }
}
process.on("exit", killChildren);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    killChildren();
    process.exit(130);
  });
}

/** Installs a fixture's locked dependencies (when the lockfile changed) and then the tarball (when it changed). */
async function installFixture(fixture) {
  const dir = join(HERE, fixture);
  const lock = () => sha256(readFileSync(join(dir, "package.json")), readFileSync(join(dir, "package-lock.json")));
  const lockBefore = lock();
  const stampPath = join(dir, "node_modules", ".nextauth-edge-fixture.json");
  let stamp = existsSync(stampPath) ? JSON.parse(readFileSync(stampPath, "utf8")) : {};
  const npm = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];
  if (stamp.lock !== lockBefore) {
    await timed(`${fixture}: npm ci`, () => run("npm", ["ci", ...npm], { cwd: dir }));
    stamp = { lock: lockBefore };
    writeFileSync(stampPath, JSON.stringify(stamp));
  }
  const installed = join(dir, "node_modules", "nextauth-edge");
  if (stamp.tarball !== tarball.sha || !existsSync(installed)) {
    rmSync(installed, { recursive: true, force: true });
    await timed(`${fixture}: npm install the tarball`, () => run("npm", ["install", "--no-save", ...npm, tarball.path], { cwd: dir }));
    stamp.tarball = tarball.sha;
    writeFileSync(stampPath, JSON.stringify(stamp));
  }
  assert.equal(lock(), lockBefore, `${fixture}: installing changed its committed package.json/package-lock.json`);
  const wasm = (root) => readFileSync(join(root, "wasm/nextauth_edge_bg.wasm"));
  assert.equal(sha256(wasm(installed)), sha256(wasm(join(ROOT, "pkg"))), `${fixture}: node_modules/nextauth-edge is not the packed build`);
  return dir;
}

// ---------------------------------------------------------------------------------------------
// what the real next-auth does

async function mintTokens() {
  const { encode } = await import(pathToFileURL(rootRequire.resolve("next-auth/jwt")).href);
  // SessionStore is not exported by next-auth; its file is the real chunker (3933-character chunks).
  const { SessionStore } = rootRequire(join(dirname(rootRequire.resolve("next-auth/jwt")), "../core/lib/cookie.js"));
  const name = "next-auth.session-token";
  const cookie = (value) => `${name}=${value}`;
  const big = await encode({ token: { name: "Ada", role: "admin", groups: Array.from({ length: 400 }, (_, i) => `group-${i}`) }, secret: SECRET });
  const silent = { error() {}, warn() {}, debug() {} };
  const chunks = new SessionStore({ name, options: {} }, { cookies: {}, headers: {} }, silent).chunk(big, {});
  assert.ok(chunks.length >= 2, `the big token should need several cookies, got ${chunks.length}`);
  return {
    admin: cookie(await encode({ token: { name: "Ada", role: "admin" }, secret: SECRET })),
    user: cookie(await encode({ token: { name: "Bob", role: "user" }, secret: SECRET })),
    foreign: cookie(await encode({ token: { name: "Eve", role: "admin" }, secret: "another-secret" })),
    chunked: chunks.map((c) => `${c.name}=${c.value}`).join("; "),
    chunkCount: chunks.length,
    adminValue: await encode({ token: { name: "Ada", role: "admin" }, secret: SECRET }),
  };
}

const roleCallback = { callbacks: { authorized: ({ token }) => token?.role === "admin" } };

/**
 * The real next-auth withAuth on the same request: `{ redirect: absoluteUrl, status }` or
 * `{ pass: true }` (the page is served). `form` is "oneline" (the default export as middleware)
 * or "wrapped" (a middleware wrapped with the role callback).
 */
async function nextAuthVerdict(url, cookie, form) {
  const saved = process.env.NEXTAUTH_SECRET;
  process.env.NEXTAUTH_SECRET = SECRET;
  try {
    const { withAuth } = await import(pathToFileURL(rootRequire.resolve("next-auth/middleware")).href);
    const { NextRequest } = await import(pathToFileURL(rootRequire.resolve("next/server")).href);
    const req = new NextRequest(url, { headers: cookie ? { cookie } : {} });
    let passed = false;
    const res =
      form === "oneline"
        ? await withAuth(req, {})
        : await withAuth(() => void (passed = true), roleCallback)(req, {});
    if (res && res.status >= 300 && res.status < 400) return { status: res.status, redirect: res.headers.get("location") };
    assert.ok(form === "oneline" ? res === undefined : passed, `unexpected next-auth outcome for ${url}`);
    return { pass: true };
  } finally {
    if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
    else process.env.NEXTAUTH_SECRET = saved;
  }
}

/** The requests every runtime must answer like next-auth. */
function cases(form) {
  return [
    { name: "signed out → sign-in redirect with callbackUrl", path: "/dashboard?x=1", cookie: "", want: "redirect" },
    { name: "signed in → page", path: "/dashboard", cookie: tokens.admin, want: "pass", user: "Ada" },
    { name: "wrong role → redirect", path: "/dashboard", cookie: tokens.user, want: form === "wrapped" ? "redirect" : "pass", user: "Bob" },
    { name: `chunked cookie (${tokens.chunkCount} chunks) → page`, path: "/dashboard", cookie: tokens.chunked, want: "pass", user: "Ada" },
    { name: "token sealed with another secret → redirect", path: "/dashboard", cookie: tokens.foreign, want: "redirect" },
  ];
}

/**
 * Sends each case through `send(path, cookie) → Response` and checks it against next-auth.
 * `passBody` is the text a served page contains; `userHeader` the header a wrapped middleware sets.
 */
async function checkRequests(t, { base, form, send, passBody, userHeader }) {
  for (const c of cases(form)) {
    const expected = await nextAuthVerdict(base + c.path, c.cookie, form);
    assert.equal(expected.pass ? "pass" : "redirect", c.want, `next-auth itself: ${c.name}`);
    const res = await send(c.path, c.cookie);
    const body = await res.text();
    if (expected.pass) {
      assert.equal(res.status, 200, `${c.name}: status (body: ${body.slice(0, 300)})`);
      assert.ok(body.includes(passBody), `${c.name}: the page is served`);
      if (userHeader) assert.equal(userHeader(res, body), c.user, `${c.name}: req.nextauth.token reached the middleware`);
    } else {
      assert.equal(res.status, expected.status, `${c.name}: status`);
      const location = res.headers.get("location");
      assert.equal(new URL(location, base).href, expected.redirect, `${c.name}: Location ${location}`);
      if (c.path.includes("?x=1")) assert.ok(expected.redirect.endsWith("/api/auth/signin?callbackUrl=%2Fdashboard%3Fx%3D1"));
    }
    t.diagnostic(`${c.name}: ${res.status}${expected.pass ? "" : ` → ${res.headers.get("location")}`}`);
  }
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name));
}
// The inlined copy is the .wasm in base64: it starts with the base64 of the wasm magic and version
// (bytes 00 61 73 6d 01 00 00 00).
const INLINED_WASM_START = "AGFzbQEAAAA";
const containsInlinedWasm = (file) => readFileSync(file, "latin1").includes(INLINED_WASM_START);

// ---------------------------------------------------------------------------------------------

before(async () => {
  assert.ok(existsSync(join(ROOT, "pkg/wasm/nextauth_edge_bg.wasm")), "pkg/ is not built: run `make pkg`");
  mkdirSync(CACHE, { recursive: true });
  for (const f of readdirSync(CACHE)) if (f.endsWith(".tgz")) rmSync(join(CACHE, f));
  const out = await timed("npm pack ./pkg", () => run("npm", ["pack", "./pkg", "--json", "--pack-destination", CACHE], { cwd: ROOT }));
  const [info] = JSON.parse(out.slice(out.search(/^\[$/m))); // after the prepack script's banner
  const path = join(CACHE, info.filename);
  tarball = { path, sha: sha256(readFileSync(path)), size: info.size, unpackedSize: info.unpackedSize, files: info.files.map((f) => f.path) };
  tokens = await mintTokens();
});

after(() => {
  killChildren();
  log("timings: " + timings.map(([label, s]) => `${label} ${s.toFixed(1)} s`).join(" | "));
  const total = timings.reduce((sum, [, s]) => sum + s, 0);
  log(`total of timed steps: ${total.toFixed(1)} s`);
});

test("tarball: exactly the package's files", () => {
  assert.deepEqual([...tarball.files].sort(), TARBALL_FILES);
  const pkg = JSON.parse(readFileSync(join(ROOT, "pkg/package.json"), "utf8"));
  // Every file an exports condition points at (values, not the "./next" subpath keys).
  const values = (node) => (typeof node === "string" ? [node] : Object.values(node).flatMap(values));
  const targets = values(pkg.exports).map((target) => target.slice(2));
  for (const target of targets) assert.ok(tarball.files.includes(target), `exports target ${target} is in the tarball`);
});

test("size budget: each of the package's .wasm is at most 150 KB gzip", async (t) => {
  const dir = await installFixture("node");
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  for (const module of ["wasm", "wasm/middleware"]) {
    const wasm = readFileSync(join(dir, "node_modules/nextauth-edge", module, "nextauth_edge_bg.wasm"));
    const gz = gzipSync(wasm, { level: 9 }).length;
    const inline = readFileSync(join(dir, "node_modules/nextauth-edge", module, "nextauth_edge_bg.inline.cjs")).length;
    log(`${module}: ${kb(wasm.length)} raw, ${kb(gz)} gzip (budget ${kb(WASM_GZIP_BUDGET)}); Node inline copy ${kb(inline)}`);
    t.diagnostic(`${module}: ${wasm.length} B, gzip ${gz} B`);
    assert.ok(gz <= WASM_GZIP_BUDGET, `${module}/nextauth_edge_bg.wasm is ${gz} bytes gzip, over the ${WASM_GZIP_BUDGET}-byte budget`);
  }
  log(`tarball ${kb(tarball.size)} (${kb(tarball.unpackedSize)} unpacked)`);
});

test("Node: ESM import and CJS require of the installed package", async (t) => {
  const dir = await installFixture("node");
  const env = cleanEnv({ NEXTAUTH_SECRET: SECRET, ADMIN_TOKEN: tokens.adminValue, ORIGIN: "http://localhost:3000" });
  const expected = await nextAuthVerdict("http://localhost:3000/dashboard?x=1", "", "oneline");
  const { decode: realDecode } = await import(pathToFileURL(rootRequire.resolve("next-auth/jwt")).href);
  for (const script of ["esm.mjs", "cjs.cjs"]) {
    const out = await timed(`node ${script}`, () => run(process.execPath, [script], { cwd: dir, env }));
    const got = JSON.parse(out.trim().split("\n").at(-1));
    assert.equal(got.defaultIsWithAuth, true, `${script}: default export is withAuth`);
    assert.deepEqual(got.signedOut, { status: expected.status, location: expected.redirect }, `${script}: signed out`);
    assert.equal(got.signedIn, "passed through", `${script}: signed in`);
    assert.equal(got.getToken, "Ada");
    assert.equal(got.decode, "admin");
    assert.deepEqual(got.middleware, { exports: ["default", "withAuth"], signedOut: got.signedOut, signedIn: got.signedIn },
      `${script}: nextauth-edge/middleware is withAuth alone, answering as the main entry`);
    const real = await realDecode({ token: got.encoded, secret: SECRET });
    assert.equal(real.name, script === "esm.mjs" ? "from-esm" : "from-cjs", `${script}: next-auth decodes our token`);
    t.diagnostic(`${script}: ok`);
  }
  const browser = JSON.parse((await run(process.execPath, ["browser.mjs"], { cwd: dir, env })).trim());
  assert.deepEqual(browser, { withAuth: "function", name: "from-browser-entry" }, "browser entry");
  await timed("tsc (node16: index.d.ts for import, wasm/index.d.cts for require)", () =>
    run(process.execPath, [nodeBin("node", "typescript", "bin/tsc"), "-p", "tsconfig.json"], { cwd: dir }));
});

test("workerd: a Worker bundled by wrangler, run by Miniflare, never compiles wasm from bytes", async (t) => {
  const dir = await installFixture("workerd");
  rmSync(join(dir, "dist"), { recursive: true, force: true });
  const out = await timed("workerd: wrangler deploy --dry-run", () =>
    run(process.execPath, [nodeBin("workerd", "wrangler", "bin/wrangler.js"), "deploy", "--dry-run", "--outdir", "dist"], { cwd: dir }));
  const upload = out.match(/Total Upload: .*/)?.[0];
  log(`workerd: wrangler ${upload}`);
  const bundled = readdirSync(join(dir, "dist"));
  // Two: the main entry's and nextauth-edge/middleware's (the Worker imports both).
  assert.equal(bundled.filter((f) => f.endsWith(".wasm")).length, 2, `each .wasm is a module of its own: ${bundled}`);
  assert.ok(!containsInlinedWasm(join(dir, "dist/index.js")), "wrangler picked the workerd entry, not the Node one");

  const fixtureRequire = createRequire(join(dir, "package.json"));
  const { Miniflare } = await import(pathToFileURL(fixtureRequire.resolve("miniflare")).href);
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(dir, "dist/index.js"),
    modulesRoot: join(dir, "dist"),
    modulesRules: [
      { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    bindings: { NEXTAUTH_SECRET: SECRET },
    cf: false,
  });
  try {
    await timed("workerd: requests", async () => {
      const base = "http://localhost:8787";
      const control = await mf.dispatchFetch(`${base}/compile-from-bytes`);
      assert.match(await control.text(), /Wasm code generation disallowed by embedder/, "this workerd refuses wasm from bytes");
      const pub = await mf.dispatchFetch(`${base}/`);
      assert.equal(await pub.text(), "public page");
      const me = await mf.dispatchFetch(`${base}/me`, { headers: { cookie: tokens.admin } });
      assert.equal(await me.text(), "<h1>Hello, Ada</h1>", "a Worker handler renders the signed-in user's name");
      assert.equal(me.headers.get("cache-control"), "private, no-store");
      assert.match(me.headers.get("set-cookie") ?? "", /^next-auth\.session-token=.+; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
      const viaMiddleware = await mf.dispatchFetch(`${base}/middleware-entry/dashboard`, { headers: { cookie: tokens.admin } });
      assert.equal(await viaMiddleware.text(), "middleware entry: dashboard page for Ada", "nextauth-edge/middleware on workerd");
      const signedOut = await mf.dispatchFetch(`${base}/middleware-entry/dashboard`, { redirect: "manual" });
      assert.equal(signedOut.status, 307);
      assert.match(signedOut.headers.get("location"), /\/api\/auth\/signin\?callbackUrl=%2Fmiddleware-entry%2Fdashboard$/);
      const guest = await mf.dispatchFetch(`${base}/me`);
      assert.equal(await guest.text(), "<h1>Hello, guest</h1>");
      assert.equal(guest.headers.get("set-cookie"), null);
      await checkRequests(t, {
        base,
        form: "wrapped",
        passBody: "dashboard page",
        send: (path, cookie) => mf.dispatchFetch(base + path, { redirect: "manual", headers: cookie ? { cookie } : {} }),
        userHeader: (_res, body) => body.match(/dashboard page for (\w+)/)?.[1],
      });
    });
  } finally {
    await mf.dispose();
  }
});

/** Builds one variant of a Next fixture (its middleware file copied into place), starts it, sends the cases. */
/** getServerSession in the App Router form (Server Component, Node) and in an edge route handler. */
async function checkServerSession(base) {
  const page = async (cookie) => (await fetch(`${base}/me`, { headers: cookie ? { cookie } : {} })).text();
  assert.match(await page(tokens.admin), /me: Ada/);
  assert.match(await page(""), /me: signed out/);
  const edge = await fetch(`${base}/api/me-edge`, { headers: { cookie: tokens.chunked } });
  assert.deepEqual(await edge.json(), { name: "Ada", runtime: "edge" });
  assert.equal(edge.headers.get("cache-control"), "private, no-store");
  assert.match(edge.headers.get("set-cookie") ?? "", /next-auth\.session-token(\.0)?=.*HttpOnly/);
  const signedOut = await fetch(`${base}/api/me-edge`);
  assert.deepEqual(await signedOut.json(), { name: null, runtime: "edge" });
}

/**
 * next-auth's typed middleware examples (tests/types/examples/, importing from nextauth-edge),
 * written into the fixture so `next build` type-checks them with the app under `strict`: the
 * drop-in must compile where users compile it, not only under our own `tsc`. Left out: the two
 * that import `next-auth` itself, which the fixtures do not install (tests/node/types.test.mjs
 * checks them).
 */
function writeTypedExamples(dir) {
  const out = join(dir, TYPED_EXAMPLES);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  let count = 0;
  for (const file of readdirSync(TYPES_EXAMPLES).filter((f) => f.endsWith(".ts"))) {
    const template = readFileSync(join(TYPES_EXAMPLES, file), "utf8");
    if (/from "next-auth"|declare module "next-auth\//.test(template)) continue;
    writeFileSync(join(out, file), renderTypedExample(template, "nextauth-edge"));
    count++;
  }
  return count;
}

/**
 * Runs `fn(dir, tsconfigBefore)` with the fixture installed and `variant` copied in as `file`
 * (`middleware.ts` or `proxy.ts`), next to the typed examples; afterwards both are gone and
 * tsconfig.json is as committed.
 */
async function withVariant(fixture, variant, file, fn) {
  const dir = await installFixture(fixture);
  for (const f of ["middleware.ts", "proxy.ts"]) rmSync(join(dir, f), { force: true });
  cpSync(join(dir, "variants", variant), join(dir, file));
  const examples = writeTypedExamples(dir);
  assert.ok(examples >= 15, `${examples} typed examples`);
  const tsconfigBefore = readFileSync(join(dir, "tsconfig.json"), "utf8");
  try {
    return await fn(dir, tsconfigBefore);
  } finally {
    rmSync(join(dir, TYPED_EXAMPLES), { recursive: true, force: true });
    rmSync(join(dir, file), { force: true });
    // `next dev` may add its own settings to tsconfig.json; the fixture's stays as committed.
    writeFileSync(join(dir, "tsconfig.json"), tsconfigBefore);
  }
}

/** The variant's requests through a running Next server, checked against next-auth; then its log. */
async function checkServer(t, server, { label, form, before = async () => {}, logProblems }) {
  try {
    await timed(`${label}: requests`, async () => {
      await before(server.base);
      await checkRequests(t, {
        base: server.base,
        form,
        passBody: "dashboard page",
        send: (path, cookie) => fetch(server.base + path, { redirect: "manual", headers: cookie ? { cookie } : {} }),
        userHeader: form === "wrapped" ? (res) => res.headers.get("x-signed-in-as") : undefined,
      });
    });
    assert.doesNotMatch(server.output(), logProblems, `${label}: the server logged an error:\n${server.output()}`);
  } finally {
    await server.stop();
  }
}

async function nextVariant(t, { fixture, label, variant, file, form, port, runtime }) {
  await withVariant(fixture, variant, file, async (dir, tsconfigBefore) => {
    const out = await timed(`${label}: next build`, () =>
      run(process.execPath, [nodeBin(fixture, "next", "dist/bin/next"), "build"], { cwd: dir }));
    assert.equal(readFileSync(join(dir, "tsconfig.json"), "utf8"), tsconfigBefore, "next build rewrote the committed tsconfig.json");
    assert.match(out, TYPE_CHECKED, `${label}: next build type-checked the app and the typed examples`);
    assert.doesNotMatch(out, /Dynamic Code Evaluation|WebAssembly\.compile/, "no dynamic-code warnings");

    // Which entry the bundler picked: edge builds bind the .wasm file; Node builds carry the inline copy.
    const manifest = JSON.parse(readFileSync(join(dir, ".next/server/middleware-manifest.json"), "utf8"));
    const edge = manifest.middleware["/"];
    if (runtime === "edge") {
      assert.equal(edge?.wasm?.length, 1, "the edge middleware binds one .wasm as a WebAssembly.Module");
      // The subpath ships the withAuth-only module, the main entry the whole API's.
      const imported = readFileSync(join(dir, "variants", variant), "utf8").includes('"nextauth-edge/middleware"') ? "wasm/middleware" : "wasm";
      const bound = readFileSync(join(dir, ".next", edge.wasm[0].filePath));
      assert.equal(sha256(bound), sha256(readFileSync(join(ROOT, "pkg", imported, "nextauth_edge_bg.wasm"))), `the bound .wasm is ${imported}'s`);
      for (const f of edge.files) assert.ok(!containsInlinedWasm(join(dir, ".next", f)), `${f}: edge entry, not the Node one`);
    } else {
      assert.equal(edge, undefined, "no edge middleware: it runs on Node");
      assert.ok(filesUnder(join(dir, ".next/server")).some((f) => f.endsWith(".js") && containsInlinedWasm(f)), "the Node entry is bundled");
    }

    await checkServer(t, await startNext(fixture, port), {
      label,
      form,
      logProblems: /Error|TypeError/,
      before: async (base) => {
        const pub = await fetch(`${base}/`);
        assert.equal(pub.status, 200);
        assert.ok((await pub.text()).includes("public page"));
        if (fixture === "next15") await checkServerSession(base);
      },
    });
  });
}

/**
 * `next dev`, where most users meet the package first: the dev bundler (webpack in Next 15,
 * Turbopack in Next 16) must load the edge entry and its `.wasm` the way the production build does.
 */
async function nextDevVariant(t, { fixture, label, variant, file, form, port }) {
  await withVariant(fixture, variant, file, async () => {
    const server = await timed(`${label}: next dev, first answer`, () => startNext(fixture, port, "dev"));
    await checkServer(t, server, { label, form, logProblems: /\bError\b|TypeError|Dynamic Code Evaluation/ });
  });
}

test("Next 15 (webpack), edge middleware.ts: the one-line drop-in", (t) =>
  nextVariant(t, { fixture: "next15", label: "next15 edge one-line", variant: "oneline.ts", file: "middleware.ts", form: "oneline", port: 3111, runtime: "edge" }));

test("Next 15 (webpack), edge middleware.ts: wrapped middleware with a role callback", (t) =>
  nextVariant(t, { fixture: "next15", label: "next15 edge wrapped", variant: "wrapped.ts", file: "middleware.ts", form: "wrapped", port: 3112, runtime: "edge" }));

test("Next 15 (webpack), middleware.ts on the Node.js runtime: the one-line drop-in", (t) =>
  nextVariant(t, { fixture: "next15", label: "next15 nodejs one-line", variant: "node-runtime.ts", file: "middleware.ts", form: "oneline", port: 3113, runtime: "nodejs" }));

test("Next 16 (Turbopack), middleware.ts on the edge: wrapped with a role callback", (t) =>
  nextVariant(t, { fixture: "next16", label: "next16 edge middleware", variant: "middleware.ts", file: "middleware.ts", form: "wrapped", port: 3121, runtime: "edge" }));

test("Next 16 (Turbopack), middleware.ts on the edge: the one-line drop-in from nextauth-edge/middleware", (t) =>
  nextVariant(t, { fixture: "next16", label: "next16 edge one-line", variant: "oneline.ts", file: "middleware.ts", form: "oneline", port: 3125, runtime: "edge" }));

test("Next 16 (Turbopack), proxy.ts on Node: the one-line drop-in from nextauth-edge/middleware, named `proxy`", (t) =>
  nextVariant(t, { fixture: "next16", label: "next16 node proxy one-line", variant: "oneline-proxy.ts", file: "proxy.ts", form: "oneline", port: 3126, runtime: "nodejs" }));

test("Next 16 (Turbopack), proxy.ts on Node: wrapped with a role callback", (t) =>
  nextVariant(t, { fixture: "next16", label: "next16 node proxy", variant: "proxy.ts", file: "proxy.ts", form: "wrapped", port: 3122, runtime: "nodejs" }));

test("Next 15 (webpack), next dev: edge middleware.ts, the one-line drop-in", (t) =>
  nextDevVariant(t, { fixture: "next15", label: "next15 dev edge one-line", variant: "oneline.ts", file: "middleware.ts", form: "oneline", port: 3114 }));

test("Next 16 (Turbopack), next dev: edge middleware.ts wrapped with a role callback", (t) =>
  nextDevVariant(t, { fixture: "next16", label: "next16 dev edge middleware", variant: "middleware.ts", file: "middleware.ts", form: "wrapped", port: 3123 }));

/**
 * Auth.js v5 through `nextauth-edge/v5`: built and served, signed out and signed in. The expected
 * answers are the real next-auth@5's (tests/node/v5-differential.test.mjs compares the two in
 * depth): a 307 to /api/auth/signin with callbackUrl and the CSRF / callback-URL cookies when
 * signed out; the page and a re-issued session cookie that the real @auth/core decodes when
 * signed in. `AUTH_TRUST_HOST`: `next start` runs with NODE_ENV=production, where Auth.js distrusts
 * the host otherwise.
 */
async function nextV5Variant(t, { fixture, label, variant, file, port, wrapped }) {
  const { encode, decode } = await import(pathToFileURL(rootRequire.resolve("@auth/core/jwt")).href);
  const token = await encode({ token: { name: "Ada", email: "ada@example.com" }, secret: SECRET, salt: "authjs.session-token" });
  await withVariant(fixture, variant, file, async (dir) => {
    const out = await timed(`${label}: next build`, () =>
      run(process.execPath, [nodeBin(fixture, "next", "dist/bin/next"), "build"], { cwd: dir }));
    assert.doesNotMatch(out, /Dynamic Code Evaluation|WebAssembly\.compile/, "no dynamic-code warnings");
    const server = await startNext(fixture, port, "start", { AUTH_TRUST_HOST: "1" });
    try {
      const base = server.base;
      const out1 = await fetch(`${base}/dashboard?x=1`, { redirect: "manual" });
      // Next's server writes a same-origin Location as a path: resolve it against the base.
      const location = new URL(out1.headers.get("location") ?? "", base).href;
      const cookies1 = out1.headers.getSetCookie().map((c) => c.split("=")[0]);
      if (wrapped) {
        assert.equal(out1.status, 307);
        assert.equal(location, `${base}/api/auth/signin`);
      } else {
        assert.equal(out1.status, 307, `${label}: signed out`);
        assert.equal(location, `${base}/api/auth/signin?x=1&callbackUrl=${encodeURIComponent(`${base}/dashboard?x=1`)}`);
      }
      assert.deepEqual(cookies1, ["authjs.csrf-token", "authjs.callback-url"], `${label}: Auth.js's cookies when signed out`);
      const in1 = await fetch(`${base}/dashboard`, { redirect: "manual", headers: { cookie: `authjs.session-token=${token}` } });
      assert.equal(in1.status, 200, `${label}: signed in`);
      assert.match(await in1.text(), /dashboard page/);
      if (wrapped) assert.equal(in1.headers.get("x-signed-in-as"), "Ada");
      const session = in1.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
      assert.ok(session, `${label}: the session cookie is re-issued`);
      const reissued = await decode({ token: session.split(";")[0].split("=")[1], secret: SECRET, salt: "authjs.session-token" });
      assert.equal(reissued.name, "Ada", "the real @auth/core decodes our re-issued token");
      assert.doesNotMatch(server.output(), /Error|TypeError/, `${label}: the server logged an error:\n${server.output()}`);
      t.diagnostic(`${label}: ok`);
    } finally {
      await server.stop();
    }
  });
}

test("next15: Auth.js v5 edge middleware.ts (bare `auth` export), built and served", { timeout: 600_000 }, (t) =>
  nextV5Variant(t, { fixture: "next15", label: "next15 v5 edge middleware", variant: "v5-middleware.ts", file: "middleware.ts", port: 3115 }));

test("next16: Auth.js v5 proxy.ts (`auth((req) => …)` with req.auth), built and served", { timeout: 600_000 }, (t) =>
  nextV5Variant(t, { fixture: "next16", label: "next16 v5 proxy", variant: "v5-proxy.ts", file: "proxy.ts", port: 3124, wrapped: true }));
