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
import net from "node:net";
import path from "node:path";
import { startWorker, listenInRange } from "./helpers.mjs";

const SECRET = "path-parity-secret-do-not-use";
const MATCHER = ["/dashboard/:path*", "/admin/:path*"];

// ---- How origins read a request target (the path part) --------------------------------------

function percentDecode(text) {
  // Bytes, then UTF-8 (invalid sequences replaced: never a guarded name); null when malformed.
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

// Go's path.Clean / nginx: slashes merged, `.` and `..` resolved, `..` above root dropped.
function clean(p) {
  const out = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return `/${out.join("/")}`;
}

export const ORIGINS = {
  // net/http: URL.Path is the decoded path (%2F becomes /), ServeMux cleans it.
  go: (target) => {
    const decoded = percentDecode(target);
    return decoded === null ? null : clean(decoded);
  },
  // nginx: decodes, merges slashes, resolves dots in one pass; refuses a decoded NUL.
  nginx: (target) => {
    const decoded = percentDecode(target);
    if (decoded === null || decoded.includes("\0")) return null;
    return clean(decoded);
  },
  // Express with serve-static style handlers: decodeURIComponent, path.normalize, and routing
  // that ignores case and a trailing slash.
  express: (target) => {
    let decoded;
    try {
      decoded = decodeURIComponent(target);
    } catch {
      return null;
    }
    return clean(path.posix.normalize(decoded)).toLowerCase();
  },
  // Tomcat: `;params` dropped from each segment before decoding, then decoded (as if
  // ALLOW_ENCODED_SLASH and ALLOW_BACKSLASH were on), `\` as `/`, normalized.
  tomcat: (target) => {
    const stripped = target
      .split("/")
      .map((seg) => seg.split(";")[0])
      .join("/");
    const decoded = percentDecode(stripped);
    if (decoded === null || decoded.includes("\0")) return null;
    return clean(decoded.replaceAll("\\", "/"));
  },
};

function guardedResource(resource, base) {
  if (resource === null) return false;
  const lower = resource.toLowerCase();
  return ["/dashboard", "/admin"].some((area) => {
    const p = `${base}${area}`;
    return lower === p || lower.startsWith(`${p}/`);
  });
}

// ---- The corpus ------------------------------------------------------------------------------

const hexOf = (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`;

// Each class: a spelling of `/${t}` (t without a leading slash), and whether the spelling is
// already canonical (then an unguarded one must reach the origin byte for byte).
const CLASSES = {
  plain: { spell: (t) => `/${t}`, canonical: true },
  "escaped first letter": { spell: (t) => `/${hexOf(t[0])}${t.slice(1)}` },
  "all escaped, upper hex": {
    spell: (t) => `/${[...t].map((c) => (c === "/" ? c : hexOf(c).toUpperCase())).join("")}`,
  },
  "leading //": { spell: (t) => `//${t}` },
  "inner //": { spell: (t) => `/${t.replace("/", "//")}//` },
  "backslash": { spell: (t) => `/\\${t}` },
  "dot segments": { spell: (t) => `/x/../${t}` },
  "/./ segments": { spell: (t) => `/./${t}/.` },
  "encoded dots": { spell: (t) => `/x/%2e%2e/${t}` },
  "half-encoded dots": { spell: (t) => `/x/.%2E/${t}` },
  "encoded slash": { spell: (t) => `/x%2F..%2F${t}`, canonical: true },
  "encoded backslash": { spell: (t) => `/x%5C..%5C${t}`, canonical: true },
  "double-encoded letter": { spell: (t) => `/%25${hexOf(t[0]).slice(1)}${t.slice(1)}`, canonical: true },
  "double-encoded slash": { spell: (t) => `/x%252F..%252F${t}`, canonical: true },
  "double-encoded dots": { spell: (t) => `/x/%252e%252e/${t}`, canonical: true },
  ";params": { spell: (t) => `/${t};jsessionid=1`, canonical: true },
  "..;/": { spell: (t) => `/x/..;/${t}`, canonical: true },
  "encoded ;": { spell: (t) => `/${t}%3Bx`, canonical: true },
  "upper case": { spell: (t) => `/${t.toUpperCase()}`, canonical: true },
  "NUL": { spell: (t) => `/${t}%00.html` },
  "double-encoded NUL": { spell: (t) => `/${t}%2500.html`, canonical: true },
  "/_next/..%2F": { spell: (t) => `/_next/..%2F${t}`, canonical: true },
  "/api/auth/..%2F..%2F": { spell: (t) => `/api/auth/..%2F..%2F${t}`, canonical: true },
};

const TARGETS = [
  { t: "dashboard", guarded: true },
  { t: "admin/users", guarded: true },
  { t: "about", guarded: false },
];

function corpus(base) {
  const rows = [];
  for (const [name, cls] of Object.entries(CLASSES)) {
    for (const { t, guarded } of TARGETS) {
      let spelling = cls.spell(t);
      // With basePath the spelling's tricks come after it (`/docs/x/../dashboard`).
      if (base) spelling = `${base}${spelling}`;
      rows.push({ class: name, spelling, guarded, canonical: !!cls.canonical });
    }
  }
  return rows;
}

// ---- The origin and the raw client -----------------------------------------------------------

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

/** Sends one raw request line; resolves to the status code (0: the connection closed first). */
function rawGet(port, target) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let data = "";
    socket.setTimeout(10_000, () => {
      socket.destroy();
      reject(new Error(`timeout on ${target}`));
    });
    socket.on("connect", () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`),
    );
    const done = () => {
      socket.destroy();
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0));
    };
    // workerd may keep the connection open despite `Connection: close`: the head is enough.
    socket.on("data", (d) => {
      data += d.toString("latin1");
      if (data.includes("\r\n\r\n")) done();
    });
    socket.on("end", done);
    socket.on("error", reject);
  });
}

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
      if (r.class.includes("NUL")) {
        if (r.class === "NUL" && r.status !== 400) failures.push(`${r.spelling}: status ${r.status}, not 400`);
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
