// The gate's own CPU per request on workerd, measured directly: a V8 CPU profile of each Worker's
// isolate (Miniflare's inspector, the DevTools protocol's Profiler domain) while the Node client
// sends a fixed number of requests. workerd freezes Date.now()/performance.now() while a request
// runs, so the Worker cannot time itself; the profiler's samples (every INTERVAL_US, with their
// real time deltas) can. A sample is the gate's when its stack holds a frame of the Worker's own
// code (its JS modules or its wasm) and no frame of what a gate-less pass-through also does to
// forward the request: the runtime's `fetch` and the outbound `Request` constructor. Everything
// else the isolate runs (Miniflare's entry worker is another isolate; workerd's own HTTP, the
// upstream connection, idle time) has no Worker frame on its stack and is left out.
//
// Rounds alternate between Workers; each round profiles PER_ROUND requests of one kind (signed in:
// forwarded to the upstream; signed out: the sign-in redirect). Prints one JSON line for
// bench/run.mjs: { gateCpu: { <worker>: { "signed in": µs, "signed out": µs, ... } } }.
// `GATE_CPU_DUMP=dir` also writes each profile (.cpuprofile, opens in Chrome DevTools).

import { writeFileSync, mkdirSync } from "node:fs";
import WebSocket from "ws";
import { summarize } from "./lib/stats.mjs";
import { cpuMicros } from "./lib/proc.mjs";
import { withWorkers, drive } from "./workerd/targets.mjs";

const CONCURRENCY = 8;
const PER_ROUND = Number(process.env.GATE_CPU_PER_ROUND ?? 1500);
const ROUNDS = Number(process.env.GATE_CPU_ROUNDS ?? 6);
const INTERVAL_US = Number(process.env.GATE_CPU_INTERVAL ?? 50);
const KINDS = ["signed in", "signed out"];
const DUMP = process.env.GATE_CPU_DUMP;
// The Workers profiled (bench/workerd/targets.mjs); `baseline` joins when
// NEXTAUTH_EDGE_BENCH_BASELINE names another Rust Worker build. `floor` is not a gate: the least
// any gate must do on workerd (bench/workerd/floor-worker.mjs), for what is reachable at all.
const ONLY = (process.env.GATE_CPU_ONLY ?? "passthrough,nextauth,floor,pkg,ours,oursCheckOnly,baseline").split(",");

/** A DevTools protocol session on one isolate's inspector WebSocket. */
async function inspect(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => { ws.once("open", resolve); ws.once("error", reject); });
  let next = 1;
  const pending = new Map();
  ws.on("message", (data) => {
    const msg = JSON.parse(data);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      msg.error ? reject(new Error(`${msg.error.message}`)) : resolve(msg.result);
    }
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return { send, close: () => ws.close() };
}

/** The user Worker's inspector URL (Miniflare's own entry worker is not profiled). */
async function workerInspectorUrl(mf) {
  const base = await mf.getInspectorURL();
  const list = await (await fetch(`http://${base.host}/json/list`)).json();
  const user = list.filter((t) => !/core:(entry|loopback)/.test(t.id ?? "") && !/miniflare/i.test(t.title ?? t.id ?? ""));
  const target = user.find((t) => /core:user:/.test(t.id ?? "")) ?? user[0] ?? list[0];
  return target.webSocketDebuggerUrl ?? `ws://${base.host}/${target.id}`;
}

/** The sampler's period while the isolate is busy: the mode of the deltas (5 µs bins), refined. */
function samplerTick(deltas) {
  const bins = new Map();
  for (const d of deltas) bins.set(Math.round(d / 5), (bins.get(Math.round(d / 5)) ?? 0) + 1);
  const mode = 5 * [...bins].sort((a, b) => b[1] - a[1])[0][0];
  const near = deltas.filter((d) => d >= 0.7 * mode && d <= 1.3 * mode).sort((a, b) => a - b);
  return near[near.length >> 1];
}

/** What a pass-through Worker does as well: forwarding the request. */
const FORWARDING = new Set(["fetch", "Request"]);

/**
 * Splits a profile's time: µs with a Worker frame on the stack (the gate), of which µs under the
 * forwarding calls; plus a per-function breakdown of the gate's self time.
 */
export function attribute(profile, isWorkerFrame) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const verdict = new Map(); // node id → "gate" | "forward" | "other"
  const classify = (id) => {
    if (verdict.has(id)) return verdict.get(id);
    let worker = false;
    let forwarding = false;
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      if (isWorkerFrame(frame)) worker = true;
      else if (frame.url === "" && FORWARDING.has(frame.functionName) && !worker) forwarding = true;
    }
    // `forwarding` only counts when the native call sits below (was called by) Worker code.
    const v = !worker ? "other" : forwarding ? "forward" : "gate";
    verdict.set(id, v);
    return v;
  };
  // V8 records a sample only while the isolate is locked (running this Worker's events); between
  // events the lock is released and nothing is recorded, so a time delta can span an idle gap.
  // A sample stands for the time to the next one, at most one tick of the sampler: its period
  // while the isolate is busy (the configured interval plus the sampler's own overhead, ~80 µs
  // here for 10 µs asked), the typical delta (median of those near the most common one).
  const deltas = profile.timeDeltas;
  const tick = samplerTick(deltas.slice(1));
  const totals = { gate: 0, forward: 0, other: 0, samples: profile.samples.length, tick };
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    const dt = Math.min(deltas[i + 1] ?? tick, tick);
    const v = classify(id);
    totals[v] += dt;
    if (v === "gate") {
      const f = byId.get(id).callFrame;
      const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}`;
      self.set(key, (self.get(key) ?? 0) + dt);
    }
  }
  return { totals, self };
}

const results = await withWorkers({ only: ONLY, concurrency: CONCURRENCY, options: { inspectorPort: 0 } }, async ({ send, running, results }) => {
  for (const w of running) {
    Object.assign(w, { inspector: await inspect(await workerInspectorUrl(w.mf)), samples: Object.fromEntries(KINDS.map((k) => [k, []])), breakdown: {} });
  }
  try {
    await measure(send, running, results);
  } finally {
    for (const w of running) w.inspector?.close();
  }
});
console.log(JSON.stringify({ gateCpu: { requests: PER_ROUND * ROUNDS, intervalUs: INTERVAL_US, ...results } }));

/** The profiled rounds; each Worker's figures into `results`. */
async function measure(send, running, results) {
  // The Worker's own code: the bundled JS module(s), or the Rust Worker's shim, glue and wasm.
  const isWorkerFrame = (frame) =>
    frame.url !== "" && !frame.url.startsWith("node:") && !/^(cloudflare|miniflare|workerd):/.test(frame.url);

  const load = (w, kind, total) => drive(w, send, kind, total, CONCURRENCY);
  const round = async (w, kind, total) => {
    await w.inspector.send("Profiler.enable");
    await w.inspector.send("Profiler.setSamplingInterval", { interval: INTERVAL_US });
    await w.inspector.send("Profiler.start");
    const cpu0 = cpuMicros(w.pid);
    await load(w, kind, total);
    const processUs = (cpuMicros(w.pid) - cpu0) / total;
    const { profile } = await w.inspector.send("Profiler.stop");
    await w.inspector.send("Profiler.disable");
    return { profile, processUs };
  };
  for (const w of running) for (const kind of KINDS) await load(w, kind, 500); // JIT warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const w of r % 2 ? [...running].reverse() : running) {
      for (const kind of KINDS) {
        const { profile, processUs } = await round(w, kind, PER_ROUND);
        const { totals, self } = attribute(profile, isWorkerFrame);
        w.samples[kind].push({ gate: totals.gate / PER_ROUND, forward: totals.forward / PER_ROUND, processUs, tick: totals.tick });
        if (r === 0) {
          w.breakdown[kind] = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => [k, +(v / PER_ROUND).toFixed(2)]);
          if (DUMP) { mkdirSync(DUMP, { recursive: true }); writeFileSync(`${DUMP}/${w.name}-${kind.replace(" ", "-")}.cpuprofile`, JSON.stringify(profile)); }
        }
      }
    }
  }
  for (const w of running) {
    results[w.name] = {};
    for (const kind of KINDS) {
      const gate = summarize(w.samples[kind].map((s) => s.gate));
      const process = summarize(w.samples[kind].map((s) => s.processUs));
      results[w.name][kind] = {
        // µs per request: median and p90 over the rounds, each round's figure.
        gate: { median: gate.median, p90: gate.p90 },
        gateRuns: w.samples[kind].map((s) => +s.gate.toFixed(1)),
        // The runtime's fetch / Request under the Worker's frames (forwarding), left out above.
        forwardUs: summarize(w.samples[kind].map((s) => s.forward)).median,
        // Sanity: the whole workerd process (both isolates, HTTP, the profiler) per request.
        processUs: process.median,
        tickUs: w.samples[kind].map((s) => s.tick),
      };
    }
    if (process.env.GATE_CPU_BREAKDOWN) console.error(w.name, JSON.stringify(w.breakdown, null, 1));
  }
}
