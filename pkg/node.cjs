"use strict";
// Node (`require`): node.mjs's twin over the CommonJS copy of the wasm-bindgen glue.
const { brotliDecompressSync } = require("node:zlib");
const glue = require("./wasm/nextauth_edge.cjs");

glue.initSync({ module: brotliDecompressSync(Buffer.from(require("./wasm/nextauth_edge_bg.inline.cjs"), "base64")) });

const withAuth = glue.withAuth;
module.exports = { ...require("./wasm/nextauth_edge.cjs"), default: withAuth };
Object.defineProperty(module.exports, "__esModule", { value: true });
