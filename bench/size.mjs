// Item 4 (size): the package's two .wasm (the whole API; withAuth alone for nextauth-edge/middleware)
// raw and gzip -9 (what the 150 KB budget is about), and the Rust Worker's .wasm when built.

import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const measure = (path) => {
  if (!existsSync(ROOT + path)) return undefined;
  const bytes = readFileSync(ROOT + path);
  // KB of 1000 bytes, as scripts/build-pkg.sh and the packaging test state the 150 KB budget.
  return { path, rawKB: bytes.length / 1000, gzipKB: gzipSync(bytes, { level: 9 }).length / 1000 };
};
console.log(JSON.stringify({ size: {
  pkg: measure("pkg/wasm/nextauth_edge_bg.wasm"),
  pkgMiddleware: measure("pkg/wasm/middleware/nextauth_edge_bg.wasm"),
  worker: measure("build/index_bg.wasm"),
} }));
