// Turns the measurements into the results table, with the issue's goals (#6) next to each figure.
// A row: work, next-auth, ours, floor, "ours faster by" (next-auth ÷ ours for times, ours ÷
// next-auth for req/s), the goal and PASS/MISS. Times are "median (p90)".

import { fmt } from "./lib/stats.mjs";

const KINDS = ["signed in", "signed out", "tampered", "chunked"];
const cell = (s) => (s ? `${fmt(s.median)} (${fmt(s.p90)})` : "—");
const times = (x) => `${x.toFixed(x >= 10 ? 0 : x >= 1 ? 1 : 2)}×`;

/** goal: { text, pass(value) } evaluated on `value` (the ratio unless given). */
const atLeast = (n) => ({ text: `≥ ${n}×`, pass: (r) => r >= n });
const atMost = (n, unit = "×") => ({ text: `≤ ${n}${unit === "×" ? "×" : ` ${unit}`}`, pass: (v) => v <= n });

function row(work, { nextauth, ours, floor, ratio, goal, value = ratio } = {}) {
  const verdict = goal && Number.isFinite(value) ? (goal.pass(value) ? "PASS" : "MISS") : "";
  return { work, nextauth, ours, floor, ratio: Number.isFinite(ratio) ? times(ratio) : "", goal: goal?.text ?? "", verdict };
}

export function buildRows(r, failed) {
  const rows = [];
  const missing = (name) => rows.push(row(`${name}: ${failed[name] ? "FAILED (see log above)" : "not measured"}`));

  if (r.decode) {
    for (const id of ["typical", "large"]) {
      const d = r.decode[id];
      const native = r.native?.[id];
      rows.push(row(`\`decode\`, ${d.chars}-char token (Node)`, {
        nextauth: cell(d.nextauth), ours: cell(d.ours), floor: native ? `${cell(native)} native` : "—",
        ratio: d.nextauth.median / d.ours.median, goal: atLeast(3),
      }));
      if (native) {
        const slower = d.ours.median / native.median;
        rows.push(row(`↳ our wasm \`decode\` time ÷ our native Rust's, ${d.chars}-char`, { ours: times(slower), goal: atMost(5), value: slower }));
      }
      if (d.oursSoftware) {
        rows.push(row(`↳ same, software AES (the edge runtimes' path; Node's is node:crypto), ${d.chars}-char`, {
          nextauth: cell(d.nextauth), ours: cell(d.oursSoftware), floor: native ? `${times(d.oursSoftware.median / native.median)} native` : "—",
          ratio: d.nextauth.median / d.oursSoftware.median,
        }));
      }
    }
  } else missing("decode");

  const withAuthRows = (key, where, signedInGoal, construction) => {
    if (!r[key]) return missing(key);
    for (const kind of KINDS) {
      const s = r[key][kind];
      const goal = kind === "signed in" ? atLeast(signedInGoal) : kind === "signed out" ? atLeast(1) : undefined;
      const label = { "signed out": "signed out → 307", tampered: "tampered cookie → 307", chunked: "chunked cookie (2 chunks)" }[kind] ?? kind;
      rows.push(row(`\`withAuth\` ${label} (${where}), own cost on a fresh request`, {
        nextauth: cell(s.nextauth), ours: cell(s.ours), floor: s.floor ? `${cell(s.floor)} request` : "—",
        ratio: s.nextauth.median / s.ours.median, goal,
      }));
    }
    if (construction) rows.push(row(`↳ new NextRequest + NextFetchEvent in a tight loop (${where}; the floor column is the same work interleaved)`, { floor: cell(construction) }));
  };
  // Issue #17's goals: signed in ≥ 12× (Node) and ≥ 15× (edge); signed out faster than next-auth.
  withAuthRows("withAuthNode", "Node", 12, r.nextRequestNode);
  withAuthRows("withAuthEdge", "edge-runtime", 15, r.nextRequestEdge);

  // Auth.js v5 (issue #15): next-auth@5's `auth` middleware vs nextauth-edge/v5.
  for (const [key, where] of [["v5Node", "Node"], ["v5Edge", "edge-runtime"]]) {
    if (!r[key]) { missing(key); continue; }
    for (const kind of ["signed in", "signed out"]) {
      const s = r[key][kind];
      rows.push(row(`Auth.js v5 \`auth\` middleware, ${kind === "signed out" ? "signed out → 307" : kind} (${where})`, {
        nextauth: cell(s.nextauth), ours: cell(s.ours), ratio: s.nextauth.median / s.ours.median,
        goal: kind === "signed in" ? atLeast(10) : atLeast(1),
      }));
    }
  }

  if (r.workerd) {
    const w = r.workerd;
    const floorRps = w.passthrough ? `${fmt(w.passthrough.rps)} pass-through` : "—";
    const floorCpu = w.passthrough ? `${fmt(w.passthrough.workerdCpuUs)} pass-through` : "—";
    for (const [name, label] of [["ours", "our Rust Worker"], ["pkg", "our package in a JS Worker"]]) {
      const o = w[name];
      if (o?.skipped) { rows.push(row(`workerd req/s, ${label}: ${o.skipped}`)); continue; }
      rows.push(row(`workerd req/s, ${w.concurrency} in flight, signed in: ${label}`, {
        nextauth: fmt(w.nextauth.rps), ours: fmt(o.rps), floor: floorRps, ratio: o.rps / w.nextauth.rps,
      }));
      rows.push(row(`↳ workerd CPU µs per request: ${label}`, {
        nextauth: fmt(w.nextauth.workerdCpuUs), ours: fmt(o.workerdCpuUs), floor: floorCpu,
        ratio: w.nextauth.workerdCpuUs / o.workerdCpuUs,
      }));
      if (w.passthrough) {
        // The gate alone: CPU above the pass-through Worker (10 ms /proc ticks: ± ~10 µs/request).
        const gate = (x) => x.workerdCpuUs - w.passthrough.workerdCpuUs;
        const show = (x) => (gate(x) > 0 ? fmt(gate(x)) : "≈ 0 (noise)");
        rows.push(row(`↳ the gate's own workerd CPU µs (minus pass-through): ${label}`, {
          nextauth: show(w.nextauth), ours: show(o),
          ratio: gate(w.nextauth) > 0 && gate(o) > 0 ? gate(w.nextauth) / gate(o) : NaN,
        }));
      }
    }
  } else missing("workerd");

  if (r.gateCpu) {
    // Issue #17: the gate's own CPU per request on workerd, from a V8 profile of the Worker's
    // isolate (bench/workerd-gate-cpu.mjs), not the difference of two whole-request figures.
    const g = r.gateCpu;
    for (const kind of ["signed in", "signed out"]) {
      const floor = g.passthrough ? `${cell(g.passthrough[kind].gate)} pass-through` : "—";
      for (const [name, label] of [
        ["ours", "our Rust Worker"],
        ["oursCheckOnly", "our Rust Worker doing only the check (IDENTITY_HEADERS={}, GUARDED_CACHE=origin)"],
        ["pkg", "our package in a JS Worker"],
        ["floor", "FLOOR, not a gate: the least any gate does (JS, WebCrypto; bench/workerd/floor-worker.mjs)"],
      ]) {
        const o = g[name];
        if (!o) continue;
        if (o.skipped) { rows.push(row(`gate's own CPU µs, workerd, ${label}: ${o.skipped}`)); continue; }
        rows.push(row(`gate's own CPU µs per request on workerd, measured directly (V8 profile), ${kind}: ${label}`, {
          nextauth: cell(g.nextauth[kind].gate), ours: cell(o[kind].gate), floor,
          ratio: g.nextauth[kind].gate.median / o[kind].gate.median,
          goal: name === "ours" ? atLeast(5) : undefined,
        }));
      }
    }
  } else missing("gateCpu");

  if (r.coldNode) {
    const c = r.coldNode;
    for (const [theirs, side, what] of [
      ["nextauth", "ours", "Node, installed: import → first answer, ours from `nextauth-edge`"],
      ["nextauth", "oursMiddleware", "Node, installed: import → first answer, ours from `nextauth-edge/middleware`"],
      ["nextauthBundled", "oursMiddlewareBundled", "Node, bundled as Next bundles a Node-runtime middleware / proxy.ts (ours: `nextauth-edge/middleware`, its inlined copy)"],
    ]) {
      rows.push(row(`cold start ms, ${what}`, {
        nextauth: cell(c[theirs].firstAnswer), ours: cell(c[side].firstAnswer),
        ratio: c[theirs].firstAnswer.median / c[side].firstAnswer.median, goal: atMost(8, "ms"), value: c[side].firstAnswer.median,
      }));
      rows.push(row("↳ of which the import (ms)", { nextauth: cell(c[theirs].import), ours: cell(c[side].import) }));
    }
  } else missing("coldNode");

  if (r.coldEdge) {
    // Own cost = the side's figure minus the floor's (a bundle of next/server alone), as for the
    // per-request rows; the sandbox's creation is left out of all three (cold/edge-child.mjs).
    const c = r.coldEdge;
    const own = (side) => c[side].firstAnswer.median - c.floor.firstAnswer.median;
    const split = (side) => ["compile", "evaluate", "answer"].map((part) => fmt(c[side][part].median)).join(" / ");
    for (const [side, entry] of [["ours", "nextauth-edge"], ["oursMiddleware", "nextauth-edge/middleware"]]) {
      rows.push(row(`cold start ms, edge-runtime: compile the .wasm + evaluate the bundle + first answer, ours from \`${entry}\``, {
        nextauth: cell(c.nextauth.firstAnswer), ours: cell(c[side].firstAnswer), floor: `${cell(c.floor.firstAnswer)} next/server alone`,
        ratio: own("nextauth") / own(side), goal: atMost(8, "ms"), value: own(side),
      }));
      rows.push(row("↳ own cost (minus the floor), ms", { nextauth: fmt(own("nextauth")), ours: fmt(own(side)) }));
      rows.push(row("↳ split, ms: compile the .wasm / evaluate the bundle / first answer (floor: evaluate next/server)", {
        nextauth: split("nextauth"), ours: split(side), floor: fmt(c.floor.evaluate.median),
      }));
    }
    rows.push(row("↳ the second request, warm (ms)", { nextauth: cell(c.nextauth.secondAnswer), ours: cell(c.ours.secondAnswer) }));
    rows.push(row("↳ creating the EdgeRuntime, left out of all of the above (ms)", { floor: cell(c.floor.runtime) }));
  } else missing("coldEdge");

  if (r.coldWorkerd) {
    const c = r.coldWorkerd;
    const floor = c.passthrough ? `${cell(c.passthrough)} pass-through` : "—";
    for (const [name, label] of [["ours", "our Rust Worker"], ["pkg", "our package in a JS Worker"]]) {
      if (c[name]?.skipped) { rows.push(row(`cold start ms, workerd, ${label}: ${c[name].skipped}`)); continue; }
      rows.push(row(`cold start ms, workerd: new Miniflare → first answer, ${label}`, {
        nextauth: cell(c.nextauth), ours: cell(c[name]), floor, ratio: c.nextauth.median / c[name].median,
      }));
    }
  } else missing("coldWorkerd");

  if (r.size?.pkg) {
    for (const [key, module] of [["pkg", "the whole API"], ["pkgMiddleware", "`withAuth` alone, nextauth-edge/middleware"]]) {
      const { rawKB, gzipKB } = r.size[key];
      rows.push(row(`package .wasm KB, ${module}: raw / gzip -9`, { ours: `${rawKB.toFixed(0)} / ${gzipKB.toFixed(1)}`, goal: atMost(150, "KB gzip"), value: gzipKB }));
    }
  } else missing("size");
  if (r.size?.worker) {
    rows.push(row("Worker .wasm KB (build/index_bg.wasm), raw / gzip -9", { ours: `${r.size.worker.rawKB.toFixed(0)} / ${r.size.worker.gzipKB.toFixed(1)}` }));
  }
  return rows;
}

export function markdown(rows) {
  const head = ["work", "next-auth", "ours", "floor", "ours faster by", "goal", "result"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) lines.push(`| ${[r.work, r.nextauth ?? "", r.ours ?? "", r.floor ?? "", r.ratio, r.goal, r.verdict].join(" | ")} |`);
  return lines.join("\n");
}
