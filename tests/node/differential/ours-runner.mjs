// Runner B: OUR `withAuth` (nextauth-edge), same harness, same requests.

import "./edge-globals.mjs";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runScenario } from "./harness.mjs";

// Root package.json has "nextauth-edge": "file:pkg" (node_modules/nextauth-edge -> ../pkg), so
// ours is imported the way users import it. Without that link, use the one-line fallback:
//   new URL("../../../pkg/wasm/node.mjs", import.meta.url).href
// NEXTAUTH_EDGE_MODULE=<url or specifier> overrides it (e.g. to test an installed tarball).
export const OURS_SPECIFIER = process.env.NEXTAUTH_EDGE_MODULE ?? "nextauth-edge";

export const label = "nextauth-edge";

/**
 * `{ withAuth, module }` when our package can be imported; `{ missing: reason }` when it is not
 * installed or its wasm has not been built yet (the comparison skips); `{ error }` for any other
 * failure (the comparison fails: a broken build must not look like a skip). Never throws, so
 * next-auth's side always runs.
 */
export async function loadOurs() {
  let entry;
  try {
    entry = OURS_SPECIFIER.startsWith("file:") ? OURS_SPECIFIER : import.meta.resolve(OURS_SPECIFIER);
  } catch {
    return { missing: `${OURS_SPECIFIER} is not installed (npm install)` };
  }
  // Under Node the entry is pkg/wasm/node.mjs, which `make pkg` generates (pkg/wasm/ is git-ignored).
  if (!existsSync(fileURLToPath(entry))) {
    return { missing: `${fileURLToPath(entry)} does not exist yet (build it with \`make pkg\`)` };
  }
  let module;
  try {
    module = await import(OURS_SPECIFIER);
  } catch (error) {
    return { error };
  }
  if (typeof module.withAuth !== "function") return { error: new Error(`${OURS_SPECIFIER} has no withAuth export`) };
  return { withAuth: module.withAuth, module };
}

export function runOurs(withAuth, scenario, materials) {
  return runScenario(withAuth, scenario, materials);
}
