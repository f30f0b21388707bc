// Item 1 (Node half): `decode` of the same tokens, next-auth/jwt vs ours from the package.
// Both are called exactly as users call them: `decode({ token, secret })` → Promise<claims>.
// next-auth derives its key (HKDF) on every call; ours keeps it per secret — that difference is
// part of what is measured. Under Node our package opens AES-GCM with node:crypto; a second,
// separate instance of our wasm without that host (`oursSoftware`) shows the software-AES path
// edge runtimes take, in the same run. Prints one JSON line for bench/run.mjs.

import { decode as nextAuthDecode } from "next-auth/jwt";
import { decode as ourDecode } from "nextauth-edge";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { loadMaterials } from "./lib/materials.mjs";
import { interleave } from "./lib/stats.mjs";

// The query string makes a module instance of its own: its wasm never gets node:crypto.
const software = await import("../pkg/wasm/nextauth_edge.js?software-aes");
software.initSync({ module: readFileSync(new URL("../pkg/wasm/nextauth_edge_bg.wasm", import.meta.url)) });

const { secret, tokens } = await loadMaterials();
const rows = {};
for (const kind of ["typical", "large"]) {
  const token = tokens[kind];
  // Same answer first: a fast wrong decode is worth nothing.
  const [a, b, c] = await Promise.all([
    nextAuthDecode({ token, secret }),
    ourDecode({ token, secret }),
    software.decode({ token, secret }),
  ]);
  if (!isDeepStrictEqual(a, b) || !isDeepStrictEqual(a, c)) throw new Error(`decode(${kind}): ours and next-auth's disagree`);
  rows[kind] = {
    chars: token.length,
    ...(await interleave(
      {
        nextauth: { run: () => nextAuthDecode({ token, secret }) },
        ours: { run: () => ourDecode({ token, secret }) },
        oursSoftware: { run: () => software.decode({ token, secret }) },
      },
      { batch: 200, batches: 100, seconds: 8 },
    )),
  };
}
console.log(JSON.stringify({ decode: rows }));
