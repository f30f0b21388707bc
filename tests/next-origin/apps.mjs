// The real Next.js apps the Worker fronts in tests/next-origin/: tests/next-origin/site/ (App
// Router and Pages Router pages, guarded ones printing a `GUARDED:<page>` marker) built with the
// Next 15 and Next 16 that tests/packaging/ pins (its package.json + package-lock.json, so one
// lockfile per Next version), in tests/next-origin/.cache/<version>[-basepath]/ (git-ignored).
// `npm ci` runs when the lockfile changed; `next build` when the sources, the lockfile or the
// basePath changed.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, stopProcessGroup } from "../worker/helpers.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const SITE = join(HERE, "site");
const PACKAGING = join(HERE, "../packaging");

/** The Next versions checked, by the packaging fixture that pins each. */
export const NEXT_VERSIONS = ["next15", "next16"];

function cleanEnv(extra = {}) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  for (const key of ["NODE_TEST_CONTEXT", "NODE_OPTIONS", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "AUTH_SECRET"]) delete env[key];
  return env;
}

/** What site/next.config.mjs reads, for `next build` and `next start` alike. */
function siteEnv({ basePath, locales }) {
  return { NEXT_ORIGIN_BASE_PATH: basePath, NEXT_ORIGIN_LOCALES: locales.length ? JSON.stringify(locales) : "" };
}

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}:\n${out.slice(-6000)}`)),
    );
  });
}

function filesUnder(dir, prefix = "") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

function hash(...parts) {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
}

/**
 * Installs and builds the site with `version`'s Next (and `basePath`, "" for none; `locales`,
 * the Pages Router's i18n locales, [] for none); returns `{ dir, buildId, version, basePath,
 * locales, buildSeconds }` (buildSeconds 0: the build was current).
 */
export async function buildApp(version, basePath = "", locales = []) {
  const flavour = [basePath && "basepath", locales.length && "i18n"].filter(Boolean).join("-");
  const dir = join(HERE, ".cache", flavour ? `${version}-${flavour}` : version);
  mkdirSync(dir, { recursive: true });
  const pkg = readFileSync(join(PACKAGING, version, "package.json"));
  const lock = readFileSync(join(PACKAGING, version, "package-lock.json"));
  const lockHash = hash(pkg, lock);
  const installStamp = join(dir, "node_modules", ".next-origin-install");
  if (!existsSync(installStamp) || readFileSync(installStamp, "utf8") !== lockHash) {
    writeFileSync(join(dir, "package.json"), pkg);
    writeFileSync(join(dir, "package-lock.json"), lock);
    await run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir, env: cleanEnv() });
    writeFileSync(installStamp, lockHash);
  }
  const sources = filesUnder(SITE).sort();
  const inputs = hash(lockHash, basePath, JSON.stringify(locales), ...sources.flatMap((f) => [f, readFileSync(join(SITE, f))]));
  const buildStamp = join(dir, ".next", ".next-origin-inputs");
  if (existsSync(buildStamp) && readFileSync(buildStamp, "utf8") === inputs) {
    return { dir, version, basePath, locales, buildId: readFileSync(join(dir, ".next/BUILD_ID"), "utf8").trim(), buildSeconds: 0 };
  }
  for (const sub of ["app", "pages"]) rmSync(join(dir, sub), { recursive: true, force: true });
  cpSync(SITE, dir, { recursive: true });
  const start = performance.now();
  const out = await run(process.execPath, [join(dir, "node_modules/next/dist/bin/next"), "build"], {
    cwd: dir,
    env: cleanEnv(siteEnv({ basePath, locales })),
  });
  if (!/Checking validity of types|Running TypeScript|Linting and checking/.test(out)) {
    throw new Error(`next build (${version}) did not type-check:\n${out.slice(-3000)}`);
  }
  writeFileSync(buildStamp, inputs);
  const buildSeconds = (performance.now() - start) / 1000;
  return { dir, version, basePath, locales, buildId: readFileSync(join(dir, ".next/BUILD_ID"), "utf8").trim(), buildSeconds };
}

/** `next start` on a free port (8800–8899, the upstream range); `stop()` ends it. */
export async function startApp(app) {
  const port = await freePort(8800, 8899);
  const child = spawn(process.execPath, [join(app.dir, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: app.dir,
    env: cleanEnv(siteEnv(app)),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const stop = () => stopProcessGroup(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}${app.basePath}/about`);
      if (res.status !== 200) throw new Error(`next start answered ${res.status} for ${app.basePath}/about:\n${output}`);
      break;
    } catch (err) {
      if (err.message.startsWith("next start")) {
        await stop();
        throw err;
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`next start did not answer in 60 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { url, port, output: () => output, stop };
}
