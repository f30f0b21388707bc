// The Workers compared on workerd, as Miniflare options: a gate-less pass-through (what
// forwarding alone costs), next-auth's check in JS, our package's withAuth in a JS Worker, our Rust
// Worker (build/worker/shim.mjs) when it has been built, and, when asked for by name, a floor: the
// least a gate can do in JS on the platform's APIs (floor-worker.mjs; not a complete gate).

import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { bundleForWorker } from "../lib/bundle.mjs";
import { httpClient } from "../lib/http-client.mjs";
import { ENV, EXPECTED_STATUS, loadMaterials } from "../lib/materials.mjs";
import { childPids } from "../lib/proc.mjs";
import { startUpstream, UPSTREAM_BODY } from "../lib/upstream.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const OUT = `${ROOT}target/bench/workerd`;
const RUST_WORKER = `${ROOT}build/worker/shim.mjs`;
const COMPATIBILITY_DATE = "2025-09-01";

export const SKIPPED_RUST_WORKER = "skipped: Worker not built (run make worker-build)";

const modulesRules = [
  { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
  { type: "CompiledWasm", include: ["**/*.wasm"] },
];

/** The Rust Worker's own configuration (vars, compatibility date/flags) as wrangler reads it. */
async function wranglerConfig() {
  const { unstable_getMiniflareWorkerOptions } = await import("wrangler");
  const { workerOptions } = unstable_getMiniflareWorkerOptions(`${ROOT}wrangler.toml`);
  return {
    vars: workerOptions.bindings ?? {},
    compatibilityDate: workerOptions.compatibilityDate ?? COMPATIBILITY_DATE,
    compatibilityFlags: workerOptions.compatibilityFlags ?? [],
  };
}

/**
 * [{ name, options | skipped }]: Miniflare options without the upstream (added per run). `only`:
 * the names wanted (default: all four).
 */
export async function workerTargets(only) {
  mkdirSync(OUT, { recursive: true });
  const js = async (name, entry) => {
    const dir = `${OUT}/${name}`;
    await bundleForWorker(entry, `${dir}/worker.mjs`);
    return { name, options: { modules: true, scriptPath: `${dir}/worker.mjs`, modulesRoot: dir, modulesRules, compatibilityDate: COMPATIBILITY_DATE } };
  };
  const wanted = (name) => !only || only.includes(name);
  const targets = [];
  for (const [name, entry] of [
    ["passthrough", "bench/workerd/passthrough-worker.mjs"],
    ["nextauth", "bench/workerd/nextauth-worker.mjs"],
    ["pkg", "bench/workerd/pkg-worker.mjs"],
  ]) {
    if (wanted(name)) targets.push(await js(name, entry));
  }
  // Only when asked for by name (the gate-CPU bench does): not a gate, a floor.
  if (only?.includes("floor")) targets.push(await js("floor", "bench/workerd/floor-worker.mjs"));
  let ours = { name: "ours", skipped: SKIPPED_RUST_WORKER };
  if (existsSync(RUST_WORKER)) {
    const { vars, compatibilityDate, compatibilityFlags } = await wranglerConfig();
    ours = {
      name: "ours",
      vars,
      options: { modules: true, scriptPath: RUST_WORKER, modulesRoot: `${ROOT}build`, modulesRules, compatibilityDate, compatibilityFlags },
    };
  }
  if (wanted("ours")) targets.push(ours);
  // Only when asked for by name: the same Rust Worker doing only what the next-auth Worker does,
  // no identity headers (IDENTITY_HEADERS={}) and the origin's cache headers left alone
  // (GUARDED_CACHE=origin). It still removes the identity headers a client sends, canonicalizes
  // the path and asks worker/authorized.js.
  if (only?.includes("oursCheckOnly")) {
    targets.push(ours.skipped
      ? { ...ours, name: "oursCheckOnly" }
      : { ...ours, name: "oursCheckOnly", vars: { ...ours.vars, IDENTITY_HEADERS: "{}", GUARDED_CACHE: "origin" } });
  }
  // A second Rust Worker build to compare against (e.g. the previous commit's `make worker` output,
  // copied elsewhere): NEXTAUTH_EDGE_BENCH_BASELINE=<its build dir>.
  const baseline = process.env.NEXTAUTH_EDGE_BENCH_BASELINE;
  if (baseline && wanted("baseline")) {
    const { vars, compatibilityDate, compatibilityFlags } = await wranglerConfig();
    targets.push({
      name: "baseline",
      vars,
      options: { modules: true, scriptPath: `${baseline}/worker/shim.mjs`, modulesRoot: baseline, modulesRules, compatibilityDate, compatibilityFlags },
    });
  }
  return targets;
}

/**
 * Full Miniflare options for one target: the bench's secret/URL win over wrangler.toml's vars.
 * `upstream` (Miniflare's option) makes the Worker see https://app.example.com/… as the request
 * URL whatever local address the client used; UPSTREAM (the Worker's var) is the local origin.
 */
export function miniflareOptions(target, upstream) {
  return {
    ...target.options,
    cf: false,
    upstream: ENV.NEXTAUTH_URL,
    bindings: { ...(target.vars ?? {}), ...ENV, UPSTREAM: upstream },
  };
}

/**
 * `send(worker, kind)`: the bench's request of that kind through a running Worker's client
 * (`requests` from lib/materials.mjs; the Worker sees the URL's path and query).
 */
/**
 * `target` running in its own workerd (Miniflare) in front of `upstream`: `{ ...target, mf,
 * client, pid }`, with an HTTP client of `concurrency` connections and the workerd process id (for
 * its CPU time). `options` join the Miniflare options (`inspectorPort`).
 */
async function startWorker(target, upstream, concurrency, options = {}) {
  const before = new Set(childPids("workerd"));
  const mf = new Miniflare({ ...miniflareOptions(target, upstream), ...options });
  const client = httpClient(await mf.ready, concurrency);
  const pid = childPids("workerd").find((p) => !before.has(p));
  return { ...target, mf, client, pid };
}

function sender(requests) {
  const pathOf = (kind) => {
    const u = new URL(requests[kind].url);
    return u.pathname + u.search;
  };
  return (w, kind) => w.client.get(pathOf(kind), requests[kind].headers);
}

/**
 * Same behaviour before anything is timed: signed in reaches the upstream, signed out is
 * redirected (the pass-through Worker forwards both). Throws naming the Worker otherwise.
 */
async function checkSameBehaviour(running, send, { upstreamBody, signedOutStatus }) {
  for (const w of running) {
    const inside = await send(w, "signed in");
    const outside = await send(w, "signed out");
    const redirects = w.name === "passthrough" ? 200 : signedOutStatus;
    if (inside.status !== 200 || inside.body !== upstreamBody || outside.status !== redirects)
      throw new Error(`${w.name} Worker: signed in → ${inside.status} ${inside.body.slice(0, 200)}, signed out → ${outside.status}`);
  }
}

/**
 * The Workers (all, or those `only` names) each started in front of one local upstream, checked
 * for the same behaviour, then `body({ send, running, results })`; stopped afterwards, whatever
 * happens. `results` holds the skipped Workers' reasons and whatever `body` adds.
 */
export async function withWorkers({ only, concurrency, options }, body) {
  const { requests } = await loadMaterials();
  const send = sender(requests);
  const upstream = await startUpstream();
  const running = [];
  const results = {};
  try {
    for (const target of await workerTargets(only)) {
      if (target.skipped) results[target.name] = { skipped: target.skipped };
      else running.push(await startWorker(target, upstream.url, concurrency, options));
    }
    await checkSameBehaviour(running, send, { upstreamBody: UPSTREAM_BODY, signedOutStatus: EXPECTED_STATUS["signed out"] });
    await body({ send, running, results });
  } finally {
    for (const w of running) w.client.close();
    await Promise.all(running.map((w) => w.mf.dispose()));
    await upstream.close();
  }
  return results;
}

/**
 * `total` requests of `kind` to Worker `w` over its client's `concurrency` connections, each
 * checked for the status that Worker answers (the pass-through forwards signed-out requests too).
 */
export async function drive(w, send, kind, total, concurrency) {
  const want = kind === "signed in" || w.name === "passthrough" ? 200 : EXPECTED_STATUS[kind];
  let started = 0;
  const loop = async () => {
    while (started++ < total) {
      const { status } = await send(w, kind);
      if (status !== want) throw new Error(`${w.name}: ${kind} → ${status} under load`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}
