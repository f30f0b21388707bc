// Where the Node cold start goes, step by step, each run in a fresh `node` process (medians of 7):
// reading the .wasm, V8 validating it (`new WebAssembly.Module`; function bodies compile lazily
// on first call), importing the wasm-bindgen glue, instantiating, and the first `decode` (which
// includes the lazy compilation of what it touches). Not part of `make bench`: run
// `node bench/cold/parts.mjs` when the cold-start row needs explaining (V8 flags given to it, such
// as `--no-wasm-lazy-compilation`, reach the measured processes). `--async` validates with
// `await WebAssembly.compile` (what streaming compilation does off the main thread) instead.

import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const STEPS = ["read", "validate", "glue", "instantiate", "firstDecode"];

if (process.argv.includes("child")) {
  const { performance } = await import("node:perf_hooks");
  const { readFileSync } = await import("node:fs");
  const { encode } = await import("next-auth/jwt");
  const token = await encode({ token: { name: "Ada" }, secret: "parts-secret" });
  const t = [performance.now()];
  const bytes = readFileSync(new URL("../../pkg/wasm/nextauth_edge_bg.wasm", import.meta.url));
  t.push(performance.now());
  const module = process.argv.includes("--async") ? await WebAssembly.compile(bytes) : new WebAssembly.Module(bytes);
  t.push(performance.now());
  const glue = await import("../../pkg/wasm/nextauth_edge.js");
  t.push(performance.now());
  glue.initSync({ module });
  t.push(performance.now());
  await glue.decode({ token, secret: "parts-secret" });
  t.push(performance.now());
  console.log(JSON.stringify(Object.fromEntries(STEPS.map((s, i) => [s, t[i + 1] - t[i]]))));
} else {
  const runs = Array.from({ length: 7 }, () =>
    JSON.parse(execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "child", ...process.argv.slice(2)], { encoding: "utf8" })));
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  for (const step of STEPS) console.log(`${step.padEnd(12)} ${median(runs.map((r) => r[step])).toFixed(2)} ms`);
}
