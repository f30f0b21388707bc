// Item 2b: `withAuth` per request inside the `edge-runtime` package's EdgeRuntime — the sandbox
// Next.js runs edge middleware in — next-auth's vs ours, both bundled by esbuild with the
// `edge-light` condition, each in its own sandbox (as each middleware gets its own context).
// Like Next in production: code generation is off; our wasm is compiled OUTSIDE and handed to the
// sandbox through `extend`, so the sandbox never compiles from bytes. Requests (NextRequest +
// NextFetchEvent) are built inside each sandbox, untimed; the timing loop runs outside.

import { EdgeRuntime } from "edge-runtime";
import { AsyncLocalStorage } from "node:async_hooks";
import { readFile } from "node:fs/promises";
import { bundleForEdge } from "./lib/bundle.mjs";
import { ENV, loadMaterials } from "./lib/materials.mjs";
import { measureWithAuth, constructionCost } from "./lib/withauth-runs.mjs";

const WASM_BINDING = "wasm_nextauth_edge";
const wasm = await WebAssembly.compile(await readFile(new URL("../pkg/wasm/nextauth_edge_bg.wasm", import.meta.url)));

function sandbox(code, extraGlobals = {}) {
  const runtime = new EdgeRuntime({
    extend(context) {
      // What Next's sandbox adds (server/web/sandbox/context.js): process.env, ALS, wasm bindings.
      context.process = { env: { ...ENV, NEXT_RUNTIME: "edge" } };
      context.AsyncLocalStorage = AsyncLocalStorage;
      Object.assign(context, extraGlobals);
      return context;
    },
  });
  runtime.evaluate(code);
  return runtime.context.__bench;
}

const [nextAuthCode, ourCode] = await Promise.all([
  bundleForEdge("bench/edge/nextauth-entry.mjs"),
  bundleForEdge("bench/edge/ours-entry.mjs", { wasmBinding: WASM_BINDING }),
]);
const sides = { nextauth: sandbox(nextAuthCode), ours: sandbox(ourCode, { [WASM_BINDING]: wasm }) };

const { requests } = await loadMaterials();
const rows = await measureWithAuth(sides, requests, { batch: 100, batches: 100, seconds: 10 });
console.log(JSON.stringify({ withAuthEdge: rows, nextRequestEdge: constructionCost(sides.ours.maker(requests["signed in"])) }));
