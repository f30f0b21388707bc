// `make bench`: every measurement of issue #6 in one run, on one machine, then the table (printed
// and written to bench/results.md). Each measurement runs in its own `node` process (own heap and
// JIT state, no globals shared between the Node and edge set-ups) and prints one JSON line.
// A MISS is reported, not fatal; a measurement that breaks (or whose sides disagree) fails the run.

import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { machine, load } from "./lib/machine.mjs";
import { mint } from "./lib/materials.mjs";
import { buildRows, markdown } from "./report.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STEPS = [
  ["native", "criterion.mjs", "decode, native Rust (criterion)"],
  ["decode", "decode.mjs", "decode in Node: next-auth/jwt vs ours"],
  ["withAuthNode", "withauth-node.mjs", "withAuth in Node"],
  ["withAuthEdge", "withauth-edge.mjs", "withAuth in the edge-runtime sandbox"],
  ["v5Node", "v5-node.mjs", "Auth.js v5 auth middleware in Node: next-auth@5 vs ours"],
  ["v5Edge", "v5-edge.mjs", "Auth.js v5 auth middleware in the edge-runtime sandbox"],
  ["workerd", "workerd-throughput.mjs", "req/s on workerd (Miniflare)"],
  ["gateCpu", "workerd-gate-cpu.mjs", "the gate's own CPU on workerd (V8 profile of the Worker's isolate)"],
  ["coldNode", "cold-node.mjs", "cold start, Node"],
  ["coldEdge", "cold-edge.mjs", "cold start, edge-runtime sandbox"],
  ["coldWorkerd", "cold-workerd.mjs", "cold start, workerd"],
  ["size", "size.mjs", "wasm size"],
];

const m = machine();
const started = performance.now();
const header = `${m.nproc} × ${m.model}, Node ${m.node}, ${m.rustc}`;
const loadAtStart = load();
console.log(`# make bench — ${header}; load average ${loadAtStart}\n`);

mkdirSync(`${ROOT}target/bench`, { recursive: true });
const tokensFile = `${ROOT}target/bench/tokens.json`;
writeFileSync(tokensFile, JSON.stringify(await mint()));
const env = { ...process.env, NEXTAUTH_EDGE_BENCH_TOKENS: tokensFile };

function step(file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}bench/${file}`], { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop();
      if (code !== 0 || !last) return reject(new Error(`bench/${file} exited with ${code}`));
      resolve(JSON.parse(last));
    });
  });
}

const results = {};
const failed = {};
for (const [key, file, what] of STEPS) {
  const t0 = performance.now();
  process.stdout.write(`… ${what}\n`);
  try {
    Object.assign(results, await step(file));
  } catch (error) {
    failed[key] = true;
    console.error(`✗ ${what}: ${error.message}`);
  }
  console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const rows = buildRows(results, failed);
const table = markdown(rows);
const minutes = ((performance.now() - started) / 60000).toFixed(1);
const doc = [
  "# Benchmark results",
  "",
  `Produced by \`make bench\` (${minutes} min) on ${header}; load average ${loadAtStart} at the start, ${load()} at the end`,
  "(1, 5, 15 min: other work on this shared machine adds noise; ratios within one run are what count).",
  "Times are CPU-bound wall time per call in µs, median (p90) over interleaved batches, unless the row says",
  "ms or req/s. \"ours faster by\" = next-auth ÷ ours (for req/s: ours ÷ next-auth). Floor: our native Rust",
  "(criterion) for `decode`; a gate-less pass-through Worker on workerd; the request's construction for `withAuth`;",
  "a bundle of next/server alone for the edge cold start. Goals from issue #6, and from #17 for the fresh-request,",
  "workerd CPU and cold-start rows.",
  "",
  table,
  "",
].join("\n");
writeFileSync(`${ROOT}bench/results.md`, doc);
writeFileSync(`${ROOT}target/bench/results.json`, JSON.stringify(results, null, 2));
console.log(`\n${table}\n`);
const misses = rows.filter((r) => r.verdict === "MISS").map((r) => r.work);
console.log(`${rows.filter((r) => r.verdict === "PASS").length} goals met, ${misses.length} missed${misses.length ? `: ${misses.join("; ")}` : ""}`);
console.log(`written to bench/results.md (${minutes} min)`);
if (Object.keys(failed).length) process.exit(1);
