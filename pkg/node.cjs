"use strict";
// Node (`require`): node.mjs's twin over the CommonJS copy of the wasm-bindgen glue — the .wasm
// file when it is there, the inlined copy inside bundles that don't ship it.
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { brotliDecompressSync } = require("node:zlib");
const glue = require("./wasm/nextauth_edge.cjs");

function wasmBytes() {
  try {
    return readFileSync(join(__dirname, "wasm", "nextauth_edge_bg.wasm"));
  } catch {
    return brotliDecompressSync(Buffer.from(require("./wasm/nextauth_edge_bg.inline.cjs"), "base64"));
  }
}

glue.initSync({ module: wasmBytes() });

const withAuth = glue.withAuth;
module.exports = { ...glue, default: withAuth };
Object.defineProperty(module.exports, "__esModule", { value: true });
