// Node (`import`). Plain Node reads the .wasm file next to this one: the fastest start. Code that
// Next.js bundles for its Node runtime (Next 16 proxy.ts, `runtime: "nodejs"`) does not ship that
// file, so there the read fails and the inlined copy (brotli + base64) is loaded instead, only then.
// Node may compile wasm from bytes; edge runtimes get edge.mjs / workerd.mjs instead.
import { readFileSync } from "node:fs";
import { brotliDecompressSync } from "node:zlib";
import { initSync } from "./wasm/nextauth_edge.js";

function wasmFile() {
  try {
    return readFileSync(new URL("./wasm/nextauth_edge_bg.wasm", import.meta.url));
  } catch {
    return undefined;
  }
}

const bytes =
  wasmFile() ??
  brotliDecompressSync(Buffer.from((await import("./wasm/nextauth_edge_bg.inline.cjs")).default, "base64"));
initSync({ module: bytes });

export * from "./wasm/nextauth_edge.js";
export { withAuth as default } from "./wasm/nextauth_edge.js";
