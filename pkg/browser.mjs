// Browsers, and any other ES module runtime (the `default` condition): the standard
// wasm-bindgen way, a URL next to this file that bundlers turn into an asset, fetched once.
import init from "./wasm/nextauth_edge.js";

await init({ module_or_path: new URL("./wasm/nextauth_edge_bg.wasm", import.meta.url) });

export * from "./wasm/nextauth_edge.js";
export { withAuth as default } from "./wasm/nextauth_edge.js";
