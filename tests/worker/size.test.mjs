// `wrangler deploy --dry-run` builds (scripts/build-worker.sh: the production build, no demo, no
// test instrumentation) and bundles the Worker offline, as a deploy would upload it; the upload
// must stay within the budget (README, "Cloudflare Worker"). The size is printed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers.mjs";

const BUDGET_GZIP_KIB = 200;

test(`wrangler deploy --dry-run: the upload is at most ${BUDGET_GZIP_KIB} KiB gzip`, (t) => {
  const outdir = mkdtempSync(join(tmpdir(), "nextauth-edge-dist-"));
  try {
    const run = spawnSync(
      "node_modules/.bin/wrangler",
      ["deploy", "--dry-run", "--outdir", outdir],
      {
        cwd: ROOT,
        encoding: "utf8",
        // Whatever the caller's shell has: a deploy builds without extra features.
        env: { ...process.env, NEXTAUTH_EDGE_WORKER_FEATURES: "", CI: "true", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.status, 0, output);
    const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
    assert.ok(size, output);
    const gzipKiB = Number(size[2]);
    const report = `wrangler deploy --dry-run: Total Upload ${size[1]} KiB / gzip ${size[2]} KiB (budget ${BUDGET_GZIP_KIB} KiB gzip)`;
    t.diagnostic(report);
    console.log(report);
    assert.ok(gzipKiB <= BUDGET_GZIP_KIB, `${gzipKiB} KiB gzip is over the ${BUDGET_GZIP_KIB} KiB budget`);
    const files = readdirSync(outdir);
    assert.ok(files.some((f) => f.endsWith(".wasm")), `no wasm in ${files}`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
