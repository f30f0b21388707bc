// Node entry: Node may compile wasm from bytes, so read the module file next to this one.
import { readFileSync } from "node:fs";
import { initSync, withAuth, getToken, decode, encode } from "./wasm/nextauth_edge.js";

initSync({ module: readFileSync(new URL("./wasm/nextauth_edge_bg.wasm", import.meta.url)) });

export { withAuth, getToken, decode, encode };
export default withAuth;
