// Item 1 (native floor): `cargo bench --bench decode` (benches/decode.rs) on the run's tokens, then
// criterion's raw samples (target/criterion/decode/<id>/new/sample.json: per-sample iteration
// counts and total ns) reduced to per-call µs with the same median/p90 as the Node side.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { summarize } from "./lib/stats.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TARGET = process.env.CARGO_TARGET_DIR ?? `${ROOT}target`;

// Criterion's report goes to stderr so the run's progress stays visible; stdout is ours.
execFileSync("cargo", ["bench", "--quiet", "--bench", "decode", "--", "--quiet"], { cwd: ROOT, stdio: ["ignore", 2, "inherit"] });
const rows = {};
for (const id of ["typical", "large"]) {
  const { iters, times } = JSON.parse(readFileSync(`${TARGET}/criterion/decode/${id}/new/sample.json`, "utf8"));
  rows[id] = summarize(times.map((ns, i) => ns / iters[i] / 1000));
}
console.log(JSON.stringify({ native: rows }));
