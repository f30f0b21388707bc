// `wrangler deploy --dry-run` bundles the Worker offline, as a deploy would upload it; the
// upload must stay within the budget (README, "Cloudflare Worker").
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers.mjs";

const BUDGET_GZIP_KB = 400;

test(`wrangler deploy --dry-run: the upload is at most ${BUDGET_GZIP_KB} KB gzip`, () => {
  const outdir = mkdtempSync(join(tmpdir(), "nextauth-edge-dist-"));
  try {
    const run = spawnSync(
      "node_modules/.bin/wrangler",
      ["deploy", "--dry-run", "--outdir", outdir],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.status, 0, output);
    const size = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(output);
    assert.ok(size, output);
    const gzipKB = (Number(size[2]) * 1024) / 1000;
    console.log(`wrangler deploy --dry-run: ${size[1]} KiB, ${size[2]} KiB gzip (${gzipKB.toFixed(1)} KB)`);
    assert.ok(gzipKB <= BUDGET_GZIP_KB, `${gzipKB.toFixed(1)} KB gzip is over the ${BUDGET_GZIP_KB} KB budget`);
    const files = readdirSync(outdir);
    assert.ok(files.some((f) => f.endsWith(".wasm")), `no wasm in ${files}`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
