// Where our `withAuth` spends its time in Node, on fresh requests as Next's adapter builds them:
//   node bench/profile-withauth.mjs ["signed in" | "signed out" | "tampered" | "chunked"] [calls]
// V8's sampling profiler (node:inspector) runs over `calls` calls (a NextRequest + NextFetchEvent
// built right before each, as in withauth-node.mjs); samples inside `withAuth` are given to the
// innermost frame that belongs to a part below, and the parts are printed as shares of the
// middleware's time. Not part of `make bench`: it explains the withAuth rows. The package's wasm has
// no name section, so our Rust code is one part.

import { Session } from "node:inspector/promises";
import { NextRequest, NextFetchEvent } from "./lib/node-next.mjs";
import { withAuth } from "nextauth-edge";
import { ENV, loadMaterials } from "./lib/materials.mjs";
import { requestMaker } from "./lib/next-request.mjs";

const kind = process.argv[2] ?? "signed in";
const calls = Number(process.argv[3] ?? 100_000);
Object.assign(process.env, ENV);
const { requests } = await loadMaterials();
if (!requests[kind]) throw new Error(`no request kind "${kind}" (${Object.keys(requests).join(", ")})`);
const make = requestMaker({ NextRequest, NextFetchEvent }, requests[kind]);

// Innermost first: the first test a frame passes names the part a sample belongs to.
const PARTS = [
  ["node:crypto (AES-GCM: createDecipheriv, update, final)", (f) => /internal\/crypto\/|^node:crypto$/.test(f.url)],
  ["undici (Response, Headers)", (f) => /undici/.test(f.url)],
  ["Next.js (NextRequest, NextURL, cookies getters)", (f) => /next\/dist\//.test(f.url)],
  ["our Rust code (wasm)", (f) => f.url.startsWith("wasm://") || /^(wasm-function|js-to-wasm|wasm-to-js)/.test(f.functionName)],
  ["our JS (wasm-bindgen glue, node-aes-gcm, process.env reads)", (f) => /nextauth-edge|\/pkg\//.test(f.url)],
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
];

for (let i = 0; i < 20_000; i++) await withAuth(...make()); // JIT warm-up
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 25 });
await session.post("Profiler.start");
for (let i = 0; i < calls; i++) await withAuth(...make());
const { profile } = await session.post("Profiler.stop");
session.disconnect();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const totals = new Map();
let inside = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  const stack = [];
  for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame);
  if (!stack.some((f) => f.functionName === "withAuth")) return;
  inside += dt;
  const part = stack.map((f) => PARTS.find(([, test]) => test(f))?.[0]).find(Boolean) ?? "other (V8 builtins, promises)";
  totals.set(part, (totals.get(part) ?? 0) + dt);
});
console.log(`withAuth, ${kind}, ${calls} fresh requests: ${(inside / calls).toFixed(1)} µs a call under the profiler`);
for (const [part, us] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`${((100 * us) / inside).toFixed(1).padStart(5)} %  ${part}`);
