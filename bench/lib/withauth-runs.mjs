// Shared by the Node and edge-runtime `withAuth` measurements: check that both sides answer each
// request kind alike (continue, or the same status + Location), then time them interleaved.
//
// As users meet it: each timed call builds its NextRequest + NextFetchEvent right before calling
// the middleware, the way Next's adapter does, so the middleware runs on a fresh request whose
// lazy getters (nextUrl, headers, cookies) nobody has touched, between other work. A third side,
// `floor`, only builds the request, interleaved in the same loop; a side's own cost is its median
// minus the floor's median.

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
    const timed = Object.fromEntries(
      Object.entries(sides).map(([n, s]) => [
        n,
        {
          run: () => {
            const [req, ev] = makers[n]();
            return s.withAuth(req, ev);
          },
        },
      ]),
    );
    // The floor builds requests with the first side's realm (both realms' classes cost the same).
    const [firstMaker] = Object.values(makers);
    timed.floor = { run: () => void firstMaker() };
    const measured = await interleave(timed, options);
    const own = (x) => ({
      median: x.median - measured.floor.median,
      p90: x.p90 - measured.floor.median,
      n: x.n,
      withConstruction: x,
    });
    rows[kind] = Object.fromEntries(Object.keys(sides).map((n) => [n, own(measured[n])]));
    rows[kind].floor = measured.floor;
  }
  return rows;
}

/** µs to build one NextRequest + NextFetchEvent in a tight loop (for reference; the floor above is
 * the same work measured interleaved). */
export function constructionCost(make) {
  const samples = [];
  for (let b = 0; b < 30; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) make();
    if (b >= 5) samples.push(((performance.now() - t0) * 1000) / 100);
  }
  return summarize(samples);
}
