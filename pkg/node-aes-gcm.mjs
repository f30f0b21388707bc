// AES-256-GCM from node:crypto (OpenSSL, AES-NI) for the wasm token decoder under Node: software
// AES in wasm costs ~20 ns a byte, OpenSSL ~1 ns plus ~3 µs a call. Keys arrive once per derived
// key, as a view of wasm memory copied into a KeyObject. `open` verifies the tag (OpenSSL, constant
// time) before it writes plaintext back; any failure is `false`: no session. node.mjs imports this
// file; scripts/pkg-node.mjs inlines it into wasm/node.mjs and writes the CommonJS copy node.cjs
// requires (wasm/node-aes-gcm.cjs).
import { createDecipheriv, createSecretKey } from "node:crypto";

export const nodeAesGcm = {
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
