// Node (`import`). Plain Node reads the .wasm file next to this one: the fastest start. Code that
// Next.js bundles for its Node runtime (Next 16 proxy.ts, `runtime: "nodejs"`) does not ship that
// file, so there the read fails and the inlined copy (base64) is loaded instead, only then.
// Node may compile wasm from bytes; edge runtimes get edge.mjs / workerd.mjs instead.
// The package ships this file as wasm/node.mjs, with its two local imports inlined
// (scripts/pkg-node.mjs): one ES module loads in one round instead of two.
import { readFileSync } from "node:fs";
import { initSync, __useHostAesGcm } from "./wasm/nextauth_edge.js";
import { nodeAesGcm } from "./node-aes-gcm.mjs";

function wasmFile() {
  try {
    return readFileSync(new URL("./wasm/nextauth_edge_bg.wasm", import.meta.url));
  } catch {
    return undefined;
  }
}

async function inlinedWasm() {
  const inline = await import("./wasm/nextauth_edge_bg.inline.cjs");
  return Buffer.from(inline.default, "base64");
}

const bytes = wasmFile() ?? (await inlinedWasm());
initSync({ module: bytes });
__useHostAesGcm(nodeAesGcm);

export * from "./wasm/nextauth_edge.js";
export { withAuth as default } from "./wasm/nextauth_edge.js";
