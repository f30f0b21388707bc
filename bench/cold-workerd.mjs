// Item 4 (workerd): Miniflare instance creation → first answered request (signed in, through to
// the upstream), per Worker, alternating; each instance is a fresh workerd process. The
// pass-through Worker is the floor: workerd start-up itself.

import { Miniflare } from "miniflare";
import { performance } from "node:perf_hooks";
import { loadMaterials } from "./lib/materials.mjs";
import { startUpstream } from "./lib/upstream.mjs";
import { summarize } from "./lib/stats.mjs";
import { workerTargets, miniflareOptions } from "./workerd/targets.mjs";

const RUNS = 5;
const { requests } = await loadMaterials();
const { url, headers } = requests["signed in"];
const upstream = await startUpstream();
const results = {};
try {
  const targets = await workerTargets();
  const times = Object.fromEntries(targets.filter((t) => !t.skipped).map((t) => [t.name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const target of targets) {
      if (target.skipped) continue;
      const t0 = performance.now();
      const mf = new Miniflare(miniflareOptions(target, upstream.url));
      try {
        const res = await mf.dispatchFetch(url, { headers });
        await res.text();
        if (res.status !== 200) throw new Error(`${target.name}: first request answered ${res.status}`);
        times[target.name].push(performance.now() - t0);
      } finally {
        await mf.dispose();
      }
    }
  }
  for (const target of targets) results[target.name] = target.skipped ? { skipped: target.skipped } : summarize(times[target.name]);
} finally {
  await upstream.close();
}
console.log(JSON.stringify({ coldWorkerd: results }));
