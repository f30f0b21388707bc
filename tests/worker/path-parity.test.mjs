// Path parity on workerd: a signed-out visitor sends raw request lines (spellings of guarded and
// unguarded paths, with and without basePath) to the built Worker, and an origin reads every
// path it receives the way Go's net/http, nginx, Express and Tomcat do. None of them may act on
// a guarded path; unguarded paths reach the origin as sent.
//
// One recording origin applies all four readings to each request it receives: the Worker
// forwards the same bytes whichever server is behind it, so this is the same as four origins.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startWorker, listenInRange } from "./helpers.mjs";
import { ORIGINS, corpus, guardedResource, rawGet } from "./path-corpus.mjs";

const SECRET = "path-parity-secret-do-not-use";
const MATCHER = ["/dashboard/:path*", "/admin/:path*"];

// ---- The recording origin ------------------------------------------------------------------

let origin;
before(async () => {
  const seen = new Map();
  const server = http.createServer((req, res) => {
    const probe = /[?&]probe=(\d+)/.exec(req.url)?.[1];
    seen.set(probe, req.url);
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("origin");
  });
  const port = await listenInRange(server, 8800, 8899);
  origin = {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
});
after(async () => {
  await origin?.close();
});

let probes = 0;

async function runCorpus(base, extraBindings = {}) {
  const worker = await startWorker({
    NEXTAUTH_SECRET: SECRET,
    UPSTREAM: origin.url,
    MATCHER,
    ...(base ? { BASE_PATH: base } : {}),
    ...extraBindings,
  });
  const results = [];
  try {
    for (const row of corpus(base)) {
      const probe = String(++probes);
      const status = await rawGet(worker.port, `${row.spelling}?probe=${probe}`);
      const received = origin.seen.get(probe) ?? null;
      results.push({ ...row, status, received });
    }
  } finally {
    await worker.dispose();
  }
  return results;
}

function check(results, base) {
  const counts = Object.fromEntries(Object.keys(ORIGINS).map((o) => [o, { sent: 0, reached: 0, guardedRead: 0 }]));
  const failures = [];
  for (const r of results) {
    const target = r.received?.split("?")[0] ?? null;
    for (const [style, read] of Object.entries(ORIGINS)) {
      const c = counts[style];
      c.sent++;
      if (target === null) continue;
      c.reached++;
      const resource = read(target);
      if (guardedResource(resource, base)) {
        c.guardedRead++;
        failures.push(`${style} serves ${resource} for ${r.spelling} (received ${target}, status ${r.status})`);
      }
    }
    if (!r.guarded) {
      // A decoded NUL is refused (no origin reads it the same way); a double-encoded one is
      // just `%25` followed by `00`, and passes like any other unguarded path (below).
      if (r.class === "NUL") {
        if (r.status !== 400) failures.push(`${r.spelling}: status ${r.status}, not 400`);
        continue;
      }
      if (r.status !== 200 || target === null) {
        failures.push(`unguarded ${r.spelling} did not reach the origin (status ${r.status})`);
      } else if (r.canonical && target !== r.spelling) {
        failures.push(`unguarded ${r.spelling} reached the origin changed: ${target}`);
      } else if (ORIGINS.go(target) !== ORIGINS.go(r.spelling.replaceAll("\\", "/"))) {
        failures.push(`unguarded ${r.spelling} reached the origin as another resource: ${target}`);
      }
    } else {
      if (![307, 400].includes(r.status)) failures.push(`guarded ${r.spelling}: status ${r.status}`);
    }
  }
  return { counts, failures };
}

test("signed out, no spelling of a guarded path reaches an origin that reads it as guarded", async () => {
  const report = {};
  for (const base of ["", "/docs"]) {
    const results = await runCorpus(base);
    assert.ok(results.length >= 60, `${results.length} spellings`);
    const { counts, failures } = check(results, base);
    report[base || "(no basePath)"] = {
      spellings: results.length,
      refused400: results.filter((r) => r.status === 400).length,
      redirected307: results.filter((r) => r.status === 307).length,
      forwarded: results.filter((r) => r.received !== null).length,
      ...Object.fromEntries(Object.entries(counts).map(([s, c]) => [s, `${c.reached} reached, ${c.guardedRead} read as guarded`])),
    };
    assert.deepEqual(failures, [], failures.join("\n"));
  }
  console.log(JSON.stringify(report, null, 2));
});

test("PATH_POLICY=guard: ambiguous spellings are guarded (sign-in), never forwarded signed out", async () => {
  const results = await runCorpus("", { PATH_POLICY: "guard" });
  const { failures } = check(results, "");
  assert.deepEqual(failures, [], failures.join("\n"));
  const encodedSlash = results.find((r) => r.class === "encoded slash" && r.guarded);
  assert.equal(encodedSlash.status, 307);
});
