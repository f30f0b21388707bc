#!/usr/bin/env node
// Installs the example's locked dependencies (when package.json/package-lock.json changed) and
// refreshes its copy of nextauth-edge from ../../pkg (when `make pkg` rebuilt it); with --env,
// also writes .env.local with a random NEXTAUTH_SECRET on first run. `make next-app` runs it, and
// so does the browser suite (tests/browser/), as a module.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const APP = fileURLToPath(new URL("..", import.meta.url));
const PKG = join(APP, "../../pkg");
const STAMP = join(APP, "node_modules", ".example-stamp.json");
const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"];

function npm(args) {
  const r = spawnSync("npm", [...args, ...NPM_FLAGS], { cwd: APP, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`npm ${args.join(" ")} failed in ${APP} (exit ${r.status})`);
}

/** sha256 over the named files (paths relative to `root`, contents), in order. */
export function hashFiles(root, files) {
  const h = createHash("sha256");
  for (const f of files) {
    h.update(relative(root, f)).update("\0").update(readFileSync(f)).update("\0");
  }
  return h.digest("hex");
}

/** Every file under `dir`, sorted, skipping the named directories. */
export function listFiles(dir, skip = new Set()) {
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    if (skip.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listFiles(path, skip));
    else out.push(path);
  }
  return out;
}

/** The files npm would pack from pkg/ (its package.json "files", plus package.json). */
export function packageFiles() {
  const manifest = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  const files = ["package.json", ...manifest.files].map((f) => join(PKG, f));
  for (const f of files) {
    if (!existsSync(f)) throw new Error(`${f} is missing: build the package first (make pkg)`);
  }
  return files;
}

export function install() {
  const lock = hashFiles(APP, [join(APP, "package.json"), join(APP, "package-lock.json")]);
  const pkg = hashFiles(PKG, packageFiles());
  let stamp = existsSync(STAMP) ? JSON.parse(readFileSync(STAMP, "utf8")) : {};
  if (stamp.lock !== lock) {
    console.log("next-app: npm ci (its package-lock.json changed or first run)");
    npm(["ci"]);
    stamp = { lock, pkg };
  } else if (stamp.pkg !== pkg || !sameWasm()) {
    // npm ci copied pkg/ as it was then (install-links, .npmrc); copy the new build the same way.
    // npm sees the same name and version and says "up to date" without copying: remove the old
    // copy first so the new build is what gets installed.
    console.log("next-app: reinstalling nextauth-edge from ../../pkg (rebuilt)");
    rmSync(join(APP, "node_modules/nextauth-edge"), { recursive: true, force: true });
    npm(["install", "--no-save", "--install-links", "../../pkg"]);
    stamp.pkg = pkg;
  }
  if (!sameWasm()) throw new Error("examples/next-app/node_modules/nextauth-edge is not the build in pkg/");
  // Written only once the installed copy is the build, so a failed run retries next time.
  writeFileSync(STAMP, JSON.stringify(stamp));
}

/** Whether the app's installed copy carries the .wasm that pkg/ has now. */
function sameWasm() {
  const installed = join(APP, "node_modules/nextauth-edge/wasm/nextauth_edge_bg.wasm");
  if (!existsSync(installed)) return false;
  return readFileSync(installed).equals(readFileSync(join(PKG, "wasm/nextauth_edge_bg.wasm")));
}

/** .env.local with a random NEXTAUTH_SECRET, once; never overwritten. */
export function ensureEnvFile(port = 3000) {
  const path = join(APP, ".env.local");
  if (existsSync(path)) return false;
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(
    path,
    `# Made by examples/next-app/scripts/setup.mjs (make next-app) on first run; local use only.\n` +
      `NEXTAUTH_SECRET=${secret}\nNEXTAUTH_URL=http://localhost:${port}\n`,
    { mode: 0o600 },
  );
  console.log("next-app: created .env.local with a random NEXTAUTH_SECRET");
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  install();
  if (process.argv.includes("--env")) {
    const port = process.argv[process.argv.indexOf("--env") + 1];
    ensureEnvFile(port && /^\d+$/.test(port) ? Number(port) : 3000);
  }
}
