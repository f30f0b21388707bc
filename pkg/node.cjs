"use strict";
// Node (`require`): node.mjs's twin over the CommonJS copy of the wasm-bindgen glue — the .wasm
// file when it is there, the inlined copy inside bundles that don't ship it.
const { createDecipheriv, createSecretKey } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const glue = require("./wasm/nextauth_edge.cjs");

// AES-256-GCM from node:crypto (OpenSSL, AES-NI) for the wasm token decoder: software AES in wasm
// costs ~20 ns a byte, OpenSSL ~1 ns plus ~3 µs a call. Keys arrive once per derived key, as a
// view of wasm memory copied into a KeyObject. `open` verifies the tag (OpenSSL, constant time)
// before it writes plaintext back; any failure is `false`: no session. node.mjs has the twin;
// inlined in both: a separate module costs ~2 ms of start-up when imported from ESM.
const nodeAesGcm = {
  importKey(bytes) {
    return bytes.length === 32 ? createSecretKey(bytes) : null;
  },
  open(key, iv, aad, data, tag) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      const plaintext = decipher.update(data);
      decipher.final();
      data.set(plaintext);
      return true;
    } catch {
      return false;
    }
  },
};

function wasmBytes() {
  try {
    return readFileSync(join(__dirname, "wasm", "nextauth_edge_bg.wasm"));
  } catch {
    // node:zlib only here: importing it costs ~1.5 ms of start-up.
    const { brotliDecompressSync } = require("node:zlib");
    return brotliDecompressSync(Buffer.from(require("./wasm/nextauth_edge_bg.inline.cjs"), "base64"));
  }
}

glue.initSync({ module: wasmBytes() });
glue.__useHostAesGcm(nodeAesGcm);

const withAuth = glue.withAuth;
const { __useHostAesGcm, ...api } = glue;
module.exports = { ...api, default: withAuth };
Object.defineProperty(module.exports, "__esModule", { value: true });
