// Node (`import`). Plain Node reads the .wasm file next to this one: the fastest start. Code that
// Next.js bundles for its Node runtime (Next 16 proxy.ts, `runtime: "nodejs"`) does not ship that
// file, so there the read fails and the inlined copy (brotli + base64) is loaded instead, only then.
// Node may compile wasm from bytes; edge runtimes get edge.mjs / workerd.mjs instead.
import { createDecipheriv, createSecretKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { initSync, __useHostAesGcm } from "./wasm/nextauth_edge.js";

// AES-256-GCM from node:crypto (OpenSSL, AES-NI) for the wasm token decoder: software AES in wasm
// costs ~20 ns a byte, OpenSSL ~1 ns plus ~3 µs a call. Keys arrive once per derived key, as a
// view of wasm memory copied into a KeyObject. `open` verifies the tag (OpenSSL, constant time)
// before it writes plaintext back; any failure is `false`: no session. node.cjs has the twin;
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

function wasmFile() {
  try {
    return readFileSync(new URL("./wasm/nextauth_edge_bg.wasm", import.meta.url));
  } catch {
    return undefined;
  }
}

// node:zlib is loaded only for the inlined copy: importing it costs ~1.5 ms of start-up.
async function inlinedWasm() {
  const [{ brotliDecompressSync }, inline] = await Promise.all([
    import("node:zlib"),
    import("./wasm/nextauth_edge_bg.inline.cjs"),
  ]);
  return brotliDecompressSync(Buffer.from(inline.default, "base64"));
}

const bytes = wasmFile() ?? (await inlinedWasm());
initSync({ module: bytes });
__useHostAesGcm(nodeAesGcm);

export * from "./wasm/nextauth_edge.js";
export { withAuth as default } from "./wasm/nextauth_edge.js";
