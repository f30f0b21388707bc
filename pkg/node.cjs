"use strict";
// Node (`require`): node.mjs's twin over the CommonJS copy of the wasm-bindgen glue — the .wasm
// file when it is there, the inlined copy inside bundles that don't ship it.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const glue = require("./wasm/nextauth_edge.cjs");
const { nodeAesGcm } = require("./wasm/node-aes-gcm.cjs");

function wasmBytes() {
  try {
    return readFileSync(join(__dirname, "wasm", "nextauth_edge_bg.wasm"));
  } catch {
    return Buffer.from(require("./wasm/nextauth_edge_bg.inline.cjs"), "base64");
  }
}

glue.initSync({ module: wasmBytes() });
glue.__useHostAesGcm(nodeAesGcm);

const withAuth = glue.withAuth;
const { __useHostAesGcm, ...api } = glue;
module.exports = { ...api, default: withAuth };
Object.defineProperty(module.exports, "__esModule", { value: true });
