// Cold start of other builds of our Node entry, side by side: `node bench/cold/entries.mjs
// <entry.mjs>...` (paths from the repository root; e.g. `pkg/node.mjs pkg/wasm/node.mjs`: the
// entry as written, importing the glue and node-aes-gcm.mjs, against the one file `make pkg`
// ships). Each run is a fresh `node` process of cold/child.mjs, entries alternating; prints the
// medians. Not part of `make bench`: it is how a change to the entry is measured.

import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { coldRequest, coldRun } from "../lib/cold.mjs";
import { summarize } from "../lib/stats.mjs";

const RUNS = Number(process.env.RUNS ?? 21);
const entries = process.argv.slice(2);
if (entries.length === 0) throw new Error("usage: node bench/cold/entries.mjs <entry.mjs>...");
const root = fileURLToPath(new URL("../..", import.meta.url));
const child = fileURLToPath(new URL("./child.mjs", import.meta.url));
const BENCH_COLD = await coldRequest();

const runs = Object.fromEntries(entries.map((e) => [e, []]));
for (let i = 0; i < RUNS; i++) {
  for (const entry of i % 2 ? [...entries].reverse() : entries) {
    runs[entry].push(coldRun(child, [pathToFileURL(resolve(root, entry)).href], { BENCH_COLD }, entry));
  }
}
for (const entry of entries) {
  const first = summarize(runs[entry].map((r) => r.firstAnswerMs));
  const imported = summarize(runs[entry].map((r) => r.importMs));
  console.log(`${entry.padEnd(24)} import → first answer ${first.median.toFixed(2)} ms (p90 ${first.p90.toFixed(2)}), of which the import ${imported.median.toFixed(2)} ms`);
}
