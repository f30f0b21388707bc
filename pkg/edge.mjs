// Next.js edge runtime (middleware.ts, Vercel Edge): `?module` makes the bundler ship the .wasm
// file and hand over a compiled WebAssembly.Module. Nothing here compiles wasm from bytes, which
// edge hosts forbid.
import wasm from "./wasm/nextauth_edge_bg.wasm?module";
import { initSync } from "./wasm/nextauth_edge.js";

// Under `next start`/`next dev` the Module comes from the sandbox's outer realm, so wasm-bindgen's
// `instanceof WebAssembly.Module` test fails and it would try to compile it as bytes. It is a real
// Module: give it this realm's prototype.
if (!(wasm instanceof WebAssembly.Module)) Object.setPrototypeOf(wasm, WebAssembly.Module.prototype);
initSync({ module: wasm });

export * from "./wasm/nextauth_edge.js";
export { withAuth as default } from "./wasm/nextauth_edge.js";
