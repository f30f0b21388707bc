// Item 4 (edge-runtime): a middleware's first request in a fresh edge sandbox, each in a fresh
// `node` process, next-auth and ours (the main entry and nextauth-edge/middleware) alternating, with the floor (a bundle of next/server alone)
// beside them: see cold/edge-child.mjs for what the clock covers. Bundles are built first
// (esbuild, `edge-light`, as Next's edge compiler resolves), untimed: Next builds them ahead.

import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bundleForEdge } from "./lib/bundle.mjs";
import { WASM_BINDING } from "./lib/edge-sandbox.mjs";
import { coldRequest, coldRun } from "./lib/cold.mjs";
import { summarize } from "./lib/stats.mjs";

const RUNS = 9;
const child = fileURLToPath(new URL("./cold/edge-child.mjs", import.meta.url));
const dir = fileURLToPath(new URL("../target/bench/cold-edge/", import.meta.url));
mkdirSync(dir, { recursive: true });
// Each side's entry and, for ours, the .wasm its bundle binds.
const entries = {
  nextauth: ["bench/edge/nextauth-entry.mjs"],
  ours: ["bench/edge/ours-entry.mjs", fileURLToPath(new URL("../pkg/wasm/nextauth_edge_bg.wasm", import.meta.url))],
  oursMiddleware: ["bench/edge/ours-middleware-entry.mjs", fileURLToPath(new URL("../pkg/wasm/middleware/nextauth_edge_bg.wasm", import.meta.url))],
  floor: ["bench/edge/floor-entry.mjs"],
};
const bundles = {};
for (const [side, [entry, wasm]] of Object.entries(entries)) {
  const options = wasm ? { wasmBinding: WASM_BINDING } : {};
  bundles[side] = `${dir}${side}.js`;
  writeFileSync(bundles[side], await bundleForEdge(entry, options));
}
const BENCH_COLD = await coldRequest();

const sides = Object.keys(entries);
const runs = Object.fromEntries(sides.map((side) => [side, []]));
for (let i = 0; i < RUNS; i++) {
  const order = i % 2 ? [...sides].reverse() : sides;
  for (const side of order) {
    const [, wasm] = entries[side];
    runs[side].push(coldRun(child, [bundles[side], ...(wasm ? [wasm] : [])], { BENCH_COLD }, `cold edge ${side}`));
  }
}
const PARTS = ["firstAnswer", "compile", "evaluate", "answer", "secondAnswer", "runtime"];
const report = (list) => Object.fromEntries(PARTS.map((part) => [part, summarize(list.map((r) => r[`${part}Ms`]))]));
console.log(JSON.stringify({ coldEdge: Object.fromEntries(sides.map((side) => [side, report(runs[side])])) }));
