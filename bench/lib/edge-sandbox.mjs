// One middleware bundle in its own `edge-runtime` sandbox, set up the way Next's sandbox is
// (server/web/sandbox/context.js: process.env, AsyncLocalStorage, wasm bindings). Our wasm is
// compiled OUTSIDE and handed in as a binding, so the sandbox never compiles from bytes (code
// generation is off there, as in Next's production runtime).
import { EdgeRuntime } from "edge-runtime";
import { AsyncLocalStorage } from "node:async_hooks";
import { readFile } from "node:fs/promises";
import { bundleForEdge } from "./bundle.mjs";

export const WASM_BINDING = "wasm_nextauth_edge";

const wasm = WebAssembly.compile(await readFile(new URL("../../pkg/wasm/nextauth_edge_bg.wasm", import.meta.url)));

function sandbox(code, env, extraGlobals) {
  const runtime = new EdgeRuntime({
    extend(context) {
      context.process = { env: { ...env, NEXT_RUNTIME: "edge" } };
      context.AsyncLocalStorage = AsyncLocalStorage;
      Object.assign(context, extraGlobals);
      return context;
    },
  });
  runtime.evaluate(code);
  return runtime.context.__bench;
}

/** `{ nextauth, ours }`: each entry bundled with the `edge-light` condition, in its own sandbox. */
export async function edgeSides({ nextauthEntry, oursEntry, env }) {
  const [nextAuthCode, ourCode] = await Promise.all([
    bundleForEdge(nextauthEntry),
    bundleForEdge(oursEntry, { wasmBinding: WASM_BINDING }),
  ]);
  return {
    nextauth: sandbox(nextAuthCode, env, {}),
    ours: sandbox(ourCode, env, { [WASM_BINDING]: await wasm }),
  };
}
