// Item 4 (Node): module import → first answered request, each in a fresh `node` process, next-auth
// and ours (the main entry and nextauth-edge/middleware) alternating. Timed inside the child with performance.now() (process start-up and
// Next's own modules excluded: see cold/child.mjs).

import { fileURLToPath } from "node:url";
import { coldRequest, coldRun } from "./lib/cold.mjs";
import { summarize } from "./lib/stats.mjs";

const RUNS = 15;
const child = fileURLToPath(new URL("./cold/child.mjs", import.meta.url));
const BENCH_COLD = await coldRequest();

const SIDES = ["nextauth", "ours", "oursMiddleware"];
const runs = Object.fromEntries(SIDES.map((side) => [side, []]));
for (let i = 0; i < RUNS; i++) {
  for (const side of i % 2 ? [...SIDES].reverse() : SIDES) {
    runs[side].push(coldRun(child, [side], { BENCH_COLD }, `cold ${side}`));
  }
}
const report = (list) => ({
  firstAnswer: summarize(list.map((r) => r.firstAnswerMs)),
  import: summarize(list.map((r) => r.importMs)),
});
console.log(JSON.stringify({ coldNode: Object.fromEntries(SIDES.map((side) => [side, report(runs[side])])) }));
