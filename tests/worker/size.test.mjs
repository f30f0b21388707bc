// `wrangler deploy --dry-run` builds (scripts/build-worker.sh: the production build, no demo, no
// test instrumentation) and bundles the Worker offline, as a deploy would upload it; the upload
// must stay within the budget (README, "Cloudflare Worker"). The size is printed, and so is the
// opt-in ES256 build's (WORKER_FEATURES=es256).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers.mjs";

const BUDGET_GZIP_KIB = 200;
// The opt-in ES256 build (`WORKER_FEATURES=es256`: jwt-compact + p256 for ASSERTION_KEY) is
// printed next to it, with a ceiling of its own so it cannot grow unnoticed.
const ES256_BUDGET_GZIP_KIB = 300;

/** `wrangler deploy --dry-run` with `env` added; `script`: another entry than wrangler.toml's. */
function dryRun(env, script) {
  const outdir = mkdtempSync(join(tmpdir(), "nextauth-edge-dist-"));
  try {
    const run = spawnSync(
      "node_modules/.bin/wrangler",
      ["deploy", ...(script ? [script] : []), "--dry-run", "--outdir", outdir],
      {
        cwd: ROOT,
        encoding: "utf8",
        // Whatever the caller's shell has: a deploy builds without extra features unless asked.
        env: { ...process.env, NEXTAUTH_EDGE_WORKER_FEATURES: "", WORKER_FEATURES: "", NEXTAUTH_EDGE_WORKER_OUT: "", CI: "true", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", ...env },
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.status, 0, output);
    const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
    assert.ok(size, output);
    const files = readdirSync(outdir);
    assert.ok(files.some((f) => f.endsWith(".wasm")), `no wasm in ${files}`);
    return { totalKiB: size[1], gzipKiB: Number(size[2]) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

// First, so build/ ends as the production build the later suites use: the ES256 build goes to
// build/es256/ (NEXTAUTH_EDGE_WORKER_OUT), never to build/.
test(`WORKER_FEATURES=es256 wrangler deploy --dry-run: printed, at most ${ES256_BUDGET_GZIP_KIB} KiB gzip`, (t) => {
  const { totalKiB, gzipKiB } = dryRun({ WORKER_FEATURES: "es256", NEXTAUTH_EDGE_WORKER_OUT: "build/es256" }, "build/es256/worker/shim.mjs");
  const report = `WORKER_FEATURES=es256 wrangler deploy --dry-run: Total Upload ${totalKiB} KiB / gzip ${gzipKiB} KiB (ES256 assertions; the default build's budget is ${BUDGET_GZIP_KIB} KiB gzip)`;
  t.diagnostic(report);
  console.log(report);
  assert.ok(gzipKiB <= ES256_BUDGET_GZIP_KIB, `${gzipKiB} KiB gzip is over the ES256 build's ${ES256_BUDGET_GZIP_KIB} KiB ceiling`);
});

test(`wrangler deploy --dry-run: the upload is at most ${BUDGET_GZIP_KIB} KiB gzip`, (t) => {
  const { totalKiB, gzipKiB } = dryRun({});
  const report = `wrangler deploy --dry-run: Total Upload ${totalKiB} KiB / gzip ${gzipKiB} KiB (budget ${BUDGET_GZIP_KIB} KiB gzip)`;
  t.diagnostic(report);
  console.log(report);
  assert.ok(gzipKiB <= BUDGET_GZIP_KIB, `${gzipKiB} KiB gzip is over the ${BUDGET_GZIP_KIB} KiB budget`);
});
