// A bounded load run against `wrangler dev` on 127.0.0.1 (issue: hardening): 20 000 requests at
// concurrency 50, a mix of valid, expired, tampered and absent session cookies, through the Worker
// to a local upstream. Every answer must be the expected one (200 from the upstream, or 307 to
// sign-in), workerd's memory must stay flat, and the latency percentiles are reported.
// LOAD_REQUESTS / LOAD_CONCURRENCY override the defaults.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { encode } from "next-auth/jwt";
import { ROOT, startUpstream, stopProcessGroup, waitForServer, wranglerDevPorts } from "./helpers.mjs";

const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 50);
const SECRET = "load-test-secret";
const NAME = "next-auth.session-token";

/** Resident memory (KiB) of the workerd processes in wrangler's process group. */
function workerdRssKiB(groupId) {
  const pids = execFileSync("ps", ["-o", "pid=,comm=", "-g", String(groupId)], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes("workerd"))
    .map((line) => line.trim().split(/\s+/)[0]);
  return pids.reduce((sum, pid) => {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return sum + (match ? Number(match[1]) : 0);
  }, 0);
}


function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

test(`load: ${REQUESTS} mixed requests at concurrency ${CONCURRENCY} through wrangler dev`, { timeout: 600_000 }, async (t) => {
  const upstream = await startUpstream();
  const [port, inspector] = await wranglerDevPorts();
  let output = "";
  const child = spawn(
    "node_modules/.bin/wrangler",
    // The development build (build/dev/): the DEBUG memory headers are test instrumentation.
    ["dev", "build/dev/worker/shim.mjs", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector),
      "--show-interactive-dev-session=false", "--var", `NEXTAUTH_SECRET:${SECRET}`, "--var", `UPSTREAM:${upstream.url}`,
      "--var", "MATCHER:/dashboard/:path*", "--var", "DEV_DEMO:false", "--var", "DEBUG:true"],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXTAUTH_EDGE_WORKER_FEATURES: "demo,test-instrumentation,es256",
        CI: "true", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" } },
  );
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(base, child, () => output);
    const valid = await encode({ token: { name: "Ada" }, secret: SECRET });
    const kinds = [
      { kind: "valid", cookie: `${NAME}=${valid}`, status: 200 },
      { kind: "expired", cookie: `${NAME}=${await encode({ token: { name: "Ada" }, secret: SECRET, maxAge: -60 })}`, status: 307 },
      { kind: "tampered", cookie: `${NAME}=${valid.slice(0, -4)}AAAA`, status: 307 },
      { kind: "absent", cookie: "", status: 307 },
    ];
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    // From the DEBUG headers on the Worker's own redirects: wasm memory (bytes), the Rust heap's
    // live bytes and the live JS handles (externref slots) the module holds.
    let [wasmMemory, liveHeap, liveHandles] = [0, 0, 0];
    const get = (path, cookie) =>
      new Promise((resolve, reject) => {
        const req = http.get(`${base}${path}`, { agent, headers: cookie ? { cookie } : {} }, (res) => {
          const memory = Number(res.headers["x-nextauth-edge-wasm-memory"]);
          if (memory) wasmMemory = memory;
          if (res.headers["x-nextauth-edge-live-heap"]) {
            liveHeap = Number(res.headers["x-nextauth-edge-live-heap"]);
            liveHandles = Number(res.headers["x-nextauth-edge-live-handles"]);
          }
          res.resume();
          res.on("end", () => resolve(res.statusCode));
        });
        req.on("error", reject);
      });

    // Warm up, then take the memory baselines. Live counts are read between requests, one at a
    // time: under load they also count what the requests in flight hold.
    for (let i = 0; i < 200; i++) await get("/dashboard/warm", kinds[i % 4].cookie);
    await get("/dashboard/quiet", "");
    const [heapBefore, handlesBefore] = [liveHeap, liveHandles];
    const rssBefore = workerdRssKiB(child.pid);
    const upstreamBefore = upstream.seen.length;

    const latencies = [];
    const unexpected = {};
    let next = 0;
    let rssMiddle = 0;
    let wasmMiddle = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const i = next++;
          if (i === REQUESTS / 2) [rssMiddle, wasmMiddle] = [workerdRssKiB(child.pid), wasmMemory];
          const { kind, cookie, status } = kinds[i % kinds.length];
          const t0 = performance.now();
          const got = await get(`/dashboard/item/${i}?q=${i}`, cookie);
          latencies.push(performance.now() - t0);
          if (got !== status) unexpected[`${kind}: ${got}`] = (unexpected[`${kind}: ${got}`] ?? 0) + 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await get("/dashboard/quiet", "");
    const [heapAfter, handlesAfter] = [liveHeap, liveHandles];
    const rssAfter = workerdRssKiB(child.pid);
    agent.destroy();

    latencies.sort((a, b) => a - b);
    const report =
      `${REQUESTS} requests in ${seconds.toFixed(1)} s (${(REQUESTS / seconds).toFixed(0)} req/s), ` +
      `latency ms p50 ${percentile(latencies, 50).toFixed(2)}, p95 ${percentile(latencies, 95).toFixed(2)}, ` +
      `p99 ${percentile(latencies, 99).toFixed(2)}, max ${latencies.at(-1).toFixed(2)}; ` +
      `wasm memory MiB ${(wasmMiddle / 2 ** 20).toFixed(2)} → ${(wasmMemory / 2 ** 20).toFixed(2)}, ` +
      `live Rust heap bytes ${heapBefore} → ${heapAfter}, live JS handles ${handlesBefore} → ${handlesAfter}; ` +
      `workerd RSS MiB ${(rssBefore / 1024).toFixed(1)} → ${(rssMiddle / 1024).toFixed(1)} → ${(rssAfter / 1024).toFixed(1)}`;
    t.diagnostic(report);
    console.log(`load: ${report}`);

    assert.deepEqual(unexpected, {}, "every answer is the expected 200 or 307");
    assert.equal(upstream.seen.length - upstreamBefore, REQUESTS / 4, "exactly the valid sessions reached the upstream");
    // Nothing accumulates per request: the Rust heap's live bytes and the JS handles the module
    // holds are the same after the run as before it (a leaked externref per request, from an
    // exception caught across the boundary, was found this way and fixed). Small slack for
    // caches that fill on first use. wasm memory (which never shrinks) is bounded loosely;
    // workerd's own RSS under `wrangler dev` grows with any Worker, a pass-through JS one
    // included (+300 MiB over 80 000 requests, measured), so it is reported, not asserted.
    assert.ok(heapBefore > 0 && handlesBefore > 0, "the DEBUG headers reported live counts");
    assert.ok(heapAfter - heapBefore <= 16 << 10, `the live Rust heap grew by ${heapAfter - heapBefore} bytes`);
    assert.ok(handlesAfter - handlesBefore <= 8, `live JS handles grew by ${handlesAfter - handlesBefore}`);
    assert.ok(wasmMiddle > 0, "the DEBUG header reported the wasm heap");
    assert.ok(wasmMemory - wasmMiddle <= 1 << 20, `the wasm heap grew ${wasmMemory - wasmMiddle} bytes in the second half`);
    assert.ok(wasmMemory <= 8 << 20, `the wasm heap reached ${wasmMemory} bytes`);
  } finally {
    await stopProcessGroup(child);
    await upstream.close();
  }
});
