// One cold start: a fresh `node` process running a child script that prints its timings as the
// last JSON line, for a signed-in request that must have been let through.

import { execFileSync } from "node:child_process";
import { ENV, loadMaterials } from "./materials.mjs";

/** BENCH_COLD for the children: the bench's environment and its signed-in request. */
export async function coldRequest() {
  const { requests } = await loadMaterials();
  return JSON.stringify({ env: ENV, request: requests["signed in"] });
}

/** Runs `node <child> ...args` with `env` added; its timings, or a throw naming `label`. */
export function coldRun(child, args, env, label) {
  const out = execFileSync(process.execPath, [child, ...args], { env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const run = JSON.parse(out.trim().split("\n").pop());
  if (run.outcome !== "continue") throw new Error(`${label}: the signed-in request answered ${run.outcome}`);
  return run;
}
