// Node (`import`), including code that Next.js bundles for its Node runtime (Next 16 proxy.ts,
// `runtime: "nodejs"`): a bundler there does not ship a file read with fs next to this one, so the
// wasm is inlined (brotli + base64, smaller than the .wasm itself) and compiled here, which Node
// allows. `require` gets the same through node.cjs.
import { brotliDecompressSync } from "node:zlib";
import { initSync } from "./wasm/nextauth_edge.js";
import inlined from "./wasm/nextauth_edge_bg.inline.cjs";

initSync({ module: brotliDecompressSync(Buffer.from(inlined, "base64")) });

export * from "./wasm/nextauth_edge.js";
export { withAuth as default } from "./wasm/nextauth_edge.js";
