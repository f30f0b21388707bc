// Item 3: requests/second on workerd (Miniflare) through each Worker, same client, same
// concurrency (32 in flight), a fixed request count per round, signed-in cookie; the upstream is a
// trivial local answer. Rounds alternate between Workers so machine noise hits all. Besides req/s
// (which includes the Node client and Miniflare's entry worker, identical for all) we read each
// workerd process's CPU time per request from /proc: the Worker's own cost plus a constant.

import { performance } from "node:perf_hooks";
import { cpuMicros } from "./lib/proc.mjs";
import { summarize } from "./lib/stats.mjs";
import { withWorkers, drive } from "./workerd/targets.mjs";

const CONCURRENCY = 32;
const PER_ROUND = 1200;
const ROUNDS = 6;

const results = await withWorkers({ concurrency: CONCURRENCY }, async ({ send, running, results }) => {
  for (const w of running) Object.assign(w, { rps: [], cpu: [] });
  const round = async (w, total) => {
    const cpu0 = cpuMicros(w.pid);
    const t0 = performance.now();
    await drive(w, send, "signed in", total, CONCURRENCY);
    const seconds = (performance.now() - t0) / 1000;
    return { rps: total / seconds, cpuPerRequest: (cpuMicros(w.pid) - cpu0) / total };
  };
  for (const w of running) await round(w, 400); // warm-up: JIT, connection pools
  for (let r = 0; r < ROUNDS; r++) {
    for (const w of r % 2 ? [...running].reverse() : running) {
      const { rps, cpuPerRequest } = await round(w, PER_ROUND);
      w.rps.push(rps);
      w.cpu.push(cpuPerRequest);
    }
  }
  for (const w of running) {
    results[w.name] = { rps: summarize(w.rps).median, workerdCpuUs: summarize(w.cpu).median };
  }
});
console.log(JSON.stringify({ workerd: { concurrency: CONCURRENCY, requests: PER_ROUND * ROUNDS, ...results } }));
