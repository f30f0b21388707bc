// Item 4 (Node): module import → first answered request, each in a fresh `node` process, next-auth
// and ours alternating. Timed inside the child with performance.now() (process start-up and
// Next's own modules excluded: see cold/child.mjs).

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ENV, loadMaterials } from "./lib/materials.mjs";
import { summarize } from "./lib/stats.mjs";

const RUNS = 15;
const child = fileURLToPath(new URL("./cold/child.mjs", import.meta.url));
const { requests } = await loadMaterials();
const BENCH_COLD = JSON.stringify({ env: ENV, request: requests["signed in"] });

const runs = { nextauth: [], ours: [] };
for (let i = 0; i < RUNS; i++) {
  for (const side of i % 2 ? ["ours", "nextauth"] : ["nextauth", "ours"]) {
    const out = execFileSync(process.execPath, [child, side], { env: { ...process.env, BENCH_COLD }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const run = JSON.parse(out.trim().split("\n").pop());
    if (run.outcome !== "continue") throw new Error(`cold ${side}: signed-in request answered ${run.outcome}`);
    runs[side].push(run);
  }
}
const report = (list) => ({
  firstAnswer: summarize(list.map((r) => r.firstAnswerMs)),
  import: summarize(list.map((r) => r.importMs)),
});
console.log(JSON.stringify({ coldNode: { nextauth: report(runs.nextauth), ours: report(runs.ours) } }));
