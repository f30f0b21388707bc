// The one timing method every Node-side measurement shares: batches of calls, two or more sides
// interleaved batch by batch (alternating who goes first) so machine noise hits all sides alike.
// A batch's time divided by its size is one per-call sample; we report the median and p90 of
// those samples. Inputs for a batch are built before its clock starts (untimed).

import { performance } from "node:perf_hooks";

export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), n: sorted.length };
}

/**
 * sides: { name: { make(i) → input (untimed), run(input) → value | Promise (timed) } }
 * Returns { name: { median, p90, n } } in µs per call.
 * `seconds` bounds the measuring phase (after warm-up) so a slow side can't blow the budget.
 */
export async function interleave(sides, { batch = 200, batches = 40, warmup = 5, seconds = 8 } = {}) {
  const names = Object.keys(sides);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const deadline = () => performance.now() + seconds * 1000;
  let stopAt = Infinity;
  for (let b = 0; b < warmup + batches; b++) {
    if (b === warmup) stopAt = deadline();
    if (performance.now() > stopAt && b >= warmup + 5) break;
    // Alternate the order: neither side always runs right after the other's garbage.
    const order = b % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const side = sides[name];
      const inputs = new Array(batch);
      for (let i = 0; i < batch; i++) inputs[i] = side.make ? side.make(i) : undefined;
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) await side.run(inputs[i]);
      const perCall = ((performance.now() - t0) * 1000) / batch;
      if (b >= warmup) samples[name].push(perCall);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(samples[n])]));
}

/** Fixed-width number for tables: 3 significant digits, no exponent. */
export function fmt(x) {
  if (x === undefined || x === null || Number.isNaN(x)) return "—";
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
}
