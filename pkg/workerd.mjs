// Cloudflare Workers (wrangler, workerd) and other `worker` bundlers: a .wasm import is a
// compiled WebAssembly.Module. Nothing here compiles wasm from bytes, which workerd forbids.
import wasm from "./wasm/nextauth_edge_bg.wasm";
import { initSync } from "./wasm/nextauth_edge.js";

initSync({ module: wasm });

export * from "./wasm/nextauth_edge.js";
export { withAuth as default } from "./wasm/nextauth_edge.js";
