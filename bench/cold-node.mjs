// Item 4 (Node): module import → first answered request, each in a fresh `node` process, the sides
// alternating. Timed inside the child with performance.now() (process start-up and Next's own
// modules excluded: see cold/child.mjs). Two settings:
// - installed: each side imported from node_modules, as plain Node (or an unbundled server) does;
//   ours reads its `.wasm` file;
// - bundled: each side bundled into one file first, untimed, as Next bundles a Node-runtime
//   middleware or a Next 16 proxy.ts (bundle.mjs `bundleForNode`); ours then loads the inlined
//   copy of its `.wasm`, the file not being beside the bundle.

import { mkdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleForNode } from "./lib/bundle.mjs";
import { coldRequest, coldRun } from "./lib/cold.mjs";
import { summarize } from "./lib/stats.mjs";

const RUNS = 15;
const child = fileURLToPath(new URL("./cold/child.mjs", import.meta.url));
const dir = fileURLToPath(new URL("../target/bench/cold-node/", import.meta.url));
mkdirSync(dir, { recursive: true });
const BENCH_COLD = await coldRequest();

const INSTALLED = { nextauth: "next-auth/middleware", ours: "nextauth-edge", oursMiddleware: "nextauth-edge/middleware" };
const modules = { ...INSTALLED };
for (const side of ["nextauth", "oursMiddleware"]) {
  const outfile = `${dir}${side}.mjs`;
  await bundleForNode(INSTALLED[side], outfile);
  modules[`${side}Bundled`] = pathToFileURL(outfile).href;
}
const SIDES = Object.keys(modules);
const runs = Object.fromEntries(SIDES.map((side) => [side, []]));
for (let i = 0; i < RUNS; i++) {
  for (const side of i % 2 ? [...SIDES].reverse() : SIDES) {
    runs[side].push(coldRun(child, [modules[side]], { BENCH_COLD }, `cold ${side}`));
  }
}
const report = (list) => ({
  firstAnswer: summarize(list.map((r) => r.firstAnswerMs)),
  import: summarize(list.map((r) => r.importMs)),
});
console.log(JSON.stringify({ coldNode: Object.fromEntries(SIDES.map((side) => [side, report(runs[side])])) }));
