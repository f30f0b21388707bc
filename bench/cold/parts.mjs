// Where the Node cold start goes, step by step, each run in a fresh `node` process (medians of 9),
// for the package's Node entry as shipped (`pkg/wasm/node.mjs`, or with `--middleware`
// `pkg/wasm/middleware/node.mjs`, nextauth-edge/middleware) but taken apart: reading the .wasm,
// V8 validating it (`new WebAssembly.Module`; function bodies compile lazily, at their first
// call), evaluating the wasm-bindgen glue, instantiating (with node:crypto's AES-GCM plugged in,
// as the entry does), and the first `withAuth` answer on the signed-in request (NextRequest built
// before the clock, as in cold/child.mjs). The same steps run a second time in processes where V8
// compiles every function up front (`--no-wasm-lazy-compilation`): their first answer is the
// request's own work, and the difference is what lazy compilation of the request path costs.
// A third process, under V8's `--trace-wasm-compilation-times`, counts the functions (and their
// body bytes) that the first answer compiles.
// Not part of `make bench`: run `node bench/cold/parts.mjs [--middleware] [--software] [--async]`
// when the cold-start rows need explaining. `--software` leaves node:crypto out (software AES-GCM
// in wasm, the edge runtimes' path); `--async` validates with `await WebAssembly.compile` (what
// streaming compilation does off the main thread) instead.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { coldRequest } from "../lib/cold.mjs";

const STEPS = ["read", "validate", "glue", "instantiate", "firstAnswer"];
const RUNS = 9;
const [FIRST_ANSWER, ANSWERED] = ["-- first answer --", "-- answered --"];

if (process.argv[2] === "child") {
  const { performance } = await import("node:perf_hooks");
  const { readFileSync } = await import("node:fs");
  const { NextRequest, NextFetchEvent } = await import("../lib/node-next.mjs");
  const { requestMaker, outcome } = await import("../lib/next-request.mjs");
  const { nodeAesGcm } = await import("../../pkg/node-aes-gcm.mjs");
  const { env, request } = JSON.parse(process.env.BENCH_COLD);
  Object.assign(process.env, env);
  const [req, ev] = requestMaker({ NextRequest, NextFetchEvent }, request)();
  const dir = new URL(process.argv.includes("--middleware") ? "../../pkg/wasm/middleware/" : "../../pkg/wasm/", import.meta.url);

  const t = [performance.now()];
  const bytes = readFileSync(new URL("nextauth_edge_bg.wasm", dir));
  t.push(performance.now());
  const module = process.argv.includes("--async") ? await WebAssembly.compile(bytes) : new WebAssembly.Module(bytes);
  t.push(performance.now());
  const glue = await import(new URL("nextauth_edge.js", dir).href);
  t.push(performance.now());
  glue.initSync({ module });
  if (!process.argv.includes("--software")) glue.__useHostAesGcm(nodeAesGcm);
  t.push(performance.now());
  console.log(FIRST_ANSWER);
  const response = await glue.withAuth(req, ev);
  t.push(performance.now());
  console.log(ANSWERED);
  if (outcome(response) !== "continue") throw new Error(`the signed-in request answered ${outcome(response)}`);
  console.log(JSON.stringify(Object.fromEntries(STEPS.map((s, i) => [s, t[i + 1] - t[i]]))));
} else {
  const BENCH_COLD = await coldRequest();
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const child = (v8Flags) => execFileSync(process.execPath,
    [...v8Flags, fileURLToPath(import.meta.url), "child", ...process.argv.slice(2)],
    { encoding: "utf8", env: { ...process.env, BENCH_COLD } });
  const measure = (v8Flags) => {
    const runs = Array.from({ length: RUNS }, () => JSON.parse(child(v8Flags).trim().split("\n").pop()));
    return Object.fromEntries(STEPS.map((step) => [step, median(runs.map((r) => r[step]))]));
  };
  const lazy = measure([]);
  const eager = measure(["--no-wasm-lazy-compilation"]);
  const total = (m) => STEPS.reduce((sum, step) => sum + m[step], 0);
  console.log(`${process.argv.includes("--middleware") ? "pkg/wasm/middleware" : "pkg/wasm"} (ms, medians of ${RUNS} fresh processes each)`);
  console.log(`${"step".padEnd(12)} ${"as shipped".padStart(11)} ${"all compiled up front".padStart(22)}`);
  for (const step of [...STEPS, "total"]) {
    const [a, b] = step === "total" ? [total(lazy), total(eager)] : [lazy[step], eager[step]];
    console.log(`${step.padEnd(12)} ${a.toFixed(2).padStart(11)} ${b.toFixed(2).padStart(22)}`);
  }
  console.log(`lazy compilation of the request path (first answer, as shipped − up front): ${(lazy.firstAnswer - eager.firstAnswer).toFixed(2)} ms`);
  // V8 prints "Compiled function …#<index> using Liftoff, took … bodysize <bytes> …" per function.
  const trace = child(["--trace-wasm-compilation-times"]);
  const during = trace.slice(trace.indexOf(FIRST_ANSWER), trace.indexOf(ANSWERED));
  const bodies = [...during.matchAll(/^Compiled function .* bodysize (\d+)/gm)].map((m) => Number(m[1]));
  const kb = bodies.reduce((sum, n) => sum + n, 0) / 1000;
  console.log(`compiled by the first answer: ${bodies.length} functions, ${kb.toFixed(1)} KB of function bodies`);
}
