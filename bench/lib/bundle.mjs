// esbuild bundles for sandboxes and Workers, resolved the way their bundlers resolve packages.

import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * `?module` wasm imports (pkg/edge.mjs) become a read of the global `binding`: that is how Next's
 * edge build hands a middleware its wasm — compiled outside, put on the sandbox's context.
 */
const wasmAsGlobal = (binding) => ({
  name: "wasm-as-global",
  setup(build) {
    build.onResolve({ filter: /\.wasm\?module$/ }, (args) => ({ path: args.path, namespace: "wasm-global" }));
    build.onLoad({ filter: /.*/, namespace: "wasm-global" }, () => ({
      contents: `export default globalThis[${JSON.stringify(binding)}];`,
      loader: "js",
    }));
  },
});

/** A script (IIFE) for Next's edge sandbox: `edge-light` first, as Next's edge compiler does. */
export async function bundleForEdge(entry, { wasmBinding } = {}) {
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    conditions: ["edge-light", "worker", "browser"],
    // Next's edge build inlines these; its compiled deps reference __dirname at load.
    define: { "process.env.NODE_ENV": '"production"', "process.env.NEXT_RUNTIME": '"edge"', __dirname: '"/"' },
    plugins: wasmBinding ? [wasmAsGlobal(wasmBinding)] : [],
    logLevel: "error",
  });
  return result.outputFiles[0].text;
}

/** An ES module Worker for workerd: `.wasm` imports stay external (Miniflare's CompiledWasm rule). */
export async function bundleForWorker(entry, outfile) {
  await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    outfile,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".wasm": "copy" },
    logLevel: "error",
  });
}

/**
 * `withAuth` from `specifier`, as an ES module for Node the way Next.js bundles a Node-runtime
 * middleware or proxy.ts: everything in one file (`node` condition), `next` left to the app. The
 * package's `.wasm` is not beside the bundle, so our entry loads its inlined copy, as it does
 * inside `.next/server`.
 */
export async function bundleForNode(specifier, outfile) {
  await esbuild.build({
    stdin: { contents: `export { withAuth } from ${JSON.stringify(specifier)};`, resolveDir: ROOT, loader: "js" },
    bundle: true,
    outfile,
    format: "esm",
    platform: "node",
    conditions: ["node"],
    external: ["next", "next/*"],
    // next-auth is CommonJS: its `require("next/server")` needs a `require` in an ES module.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    logLevel: "error",
  });
}
