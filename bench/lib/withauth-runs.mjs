// Shared by the Node and edge-runtime `withAuth` measurements: check that both sides answer each
// request kind alike (continue, or the same status + Location), then time them interleaved.

import { performance } from "node:perf_hooks";
import { EXPECTED_STATUS } from "./materials.mjs";
import { interleave, summarize } from "./stats.mjs";

/**
 * sides: { name: { withAuth, maker(spec) → () => [req, event], outcome(response) } }
 * Returns { kind: { name: { median, p90, n } } } in µs per `withAuth(req, event)` call.
 */
export async function measureWithAuth(sides, requests, options) {
  const rows = {};
  for (const [kind, spec] of Object.entries(requests)) {
    const makers = Object.fromEntries(Object.entries(sides).map(([n, s]) => [n, s.maker(spec)]));
    const seen = {};
    for (const [n, s] of Object.entries(sides)) seen[n] = s.outcome(await s.withAuth(...makers[n]()));
    const expected = EXPECTED_STATUS[kind] === undefined ? "continue" : String(EXPECTED_STATUS[kind]);
    const answers = Object.values(seen);
    if (answers.some((a) => a !== answers[0] || !a.startsWith(expected)))
      throw new Error(`withAuth ${kind}: ${JSON.stringify(seen)} (expected ${expected})`);
    rows[kind] = await interleave(
      Object.fromEntries(
        Object.entries(sides).map(([n, s]) => [n, { make: makers[n], run: ([req, ev]) => s.withAuth(req, ev) }]),
      ),
      options,
    );
  }
  return rows;
}

/** µs to build one NextRequest + NextFetchEvent: what Next pays before any middleware runs. */
export function constructionCost(make) {
  const samples = [];
  for (let b = 0; b < 30; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) make();
    if (b >= 5) samples.push(((performance.now() - t0) * 1000) / 100);
  }
  return summarize(samples);
}
