// One cold start in the edge-runtime sandbox, in a fresh `node` process:
// `node bench/cold/edge-child.mjs <bundle.js> [<the .wasm it binds>]`. The host (Next's server: the
// edge-runtime package, node:async_hooks) is loaded before the clock starts. Timed: what Next does
// for a middleware it has not run yet — ours: read and `WebAssembly.compile` the .wasm (Next
// compiles a bundle's wasm outside the sandbox, then binds it) — evaluating the bundle in a new
// EdgeRuntime, and the first request's answer. Left out, timed apart: creating the EdgeRuntime
// (20–50 ms here, the same empty context for any middleware, and the noisiest part) and building
// the request (NextRequest + NextFetchEvent, inside the sandbox), which Next pays for any middleware.

import { performance } from "node:perf_hooks";
import { readFileSync } from "node:fs";
import { AsyncLocalStorage } from "node:async_hooks";
import { EdgeRuntime } from "edge-runtime";
import { WASM_BINDING } from "../lib/edge-sandbox.mjs";

const [bundle, wasmFile] = process.argv.slice(2);
const { env, request } = JSON.parse(process.env.BENCH_COLD);
const code = readFileSync(bundle, "utf8");

const t0 = performance.now();
const bindings = wasmFile ? { [WASM_BINDING]: await WebAssembly.compile(readFileSync(wasmFile)) } : {};
const compiled = performance.now();
const runtime = new EdgeRuntime({
  extend(context) {
    context.process = { env: { ...env, NEXT_RUNTIME: "edge" } };
    context.AsyncLocalStorage = AsyncLocalStorage;
    return Object.assign(context, bindings);
  },
});
const created = performance.now();
runtime.evaluate(code);
const { withAuth, maker, outcome } = runtime.context.__bench;
const loaded = performance.now();
const [req, ev] = maker(request)();
const built = performance.now();
const response = withAuth ? await withAuth(req, ev) : undefined;
const answered = performance.now();
// The next request, warm: what every request after the first costs.
const [req2, ev2] = maker(request)();
const built2 = performance.now();
if (withAuth) await withAuth(req2, ev2);
const answered2 = performance.now();
console.log(JSON.stringify({
  firstAnswerMs: compiled - t0 + (loaded - created) + (answered - built),
  compileMs: compiled - t0,
  evaluateMs: loaded - created,
  answerMs: answered - built,
  secondAnswerMs: answered2 - built2,
  runtimeMs: created - compiled,
  requestMs: built - loaded,
  outcome: outcome(response),
}));
