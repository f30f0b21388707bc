// Shared by the Worker suites: ports in the ranges this machine allots (Worker 8700–8799,
// upstream 8800–8899), a local upstream that echoes what it received, and Miniflare on the
// built Worker with its logs captured: the development build (build/dev/, with the demo and the
// test instrumentation: `make worker-dev`) unless a suite asks for the production one (build/,
// what `wrangler deploy` uploads: `make worker`).
import http from "node:http";
import net from "node:net";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BUILD = `${ROOT}build/dev/`;
export const PRODUCTION_BUILD = `${ROOT}build/`;
export const COMPATIBILITY_DATE = /compatibility_date\s*=\s*"([^"]+)"/.exec(
  readFileSync(`${ROOT}wrangler.toml`, "utf8"),
)[1];

function shuffled(from, to) {
  const ports = [];
  for (let p = from; p <= to; p++) ports.push(p);
  for (let i = ports.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [ports[i], ports[j]] = [ports[j], ports[i]];
  }
  return ports;
}

/** Listens on the first free port in [from, to] (other suites may hold some). */
export async function listenInRange(server, from, to) {
  for (const port of shuffled(from, to)) {
    try {
      await new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          resolve();
        });
      });
      return port;
    } catch (err) {
      if (err.code !== "EADDRINUSE") throw err;
    }
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export async function freePort(from, to) {
  const probe = net.createServer();
  const port = await listenInRange(probe, from, to);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Two different free ports for `wrangler dev`: its HTTP port and its inspector's. */
export async function wranglerDevPorts() {
  const port = await freePort(8700, 8799);
  let inspector = await freePort(8700, 8799);
  while (inspector === port) inspector = await freePort(8700, 8799);
  return [port, inspector];
}

/** An upstream that answers with JSON describing the request; `/redirect-me` answers 302. */
export async function startUpstream() {
  const seen = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const record = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      seen.push(record);
      if (req.url === "/redirect-me") {
        res.writeHead(302, { location: "/elsewhere" });
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "x-upstream": "yes" });
      res.end(JSON.stringify(record));
    });
  });
  const port = await listenInRange(server, 8800, 8899);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}

/**
 * The built Worker on Miniflare with these bindings; `logs()` is what it printed. Options:
 * `build` (default BUILD), `serviceBindings` (the Worker's, e.g. `{ ORIGIN: "origin" }`) and
 * `workers` (more Workers in the same Miniflare, for those bindings to name).
 */
export async function startWorker(bindings, { build = BUILD, serviceBindings, workers = [] } = {}) {
  let output = "";
  const port = await freePort(8700, 8799);
  const mf = new Miniflare({
    host: "127.0.0.1",
    port,
    cf: false,
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (d) => (output += d));
      stderr.on("data", (d) => (output += d));
    },
    workers: [
      {
        name: "nextauth-edge",
        modules: true,
        scriptPath: `${build}worker/shim.mjs`,
        modulesRoot: build,
        modulesRules: [
          { type: "ESModule", include: ["**/*.js", "**/*.mjs"] },
          { type: "CompiledWasm", include: ["**/*.wasm"] },
        ],
        compatibilityDate: COMPATIBILITY_DATE,
        bindings,
        serviceBindings,
      },
      ...workers.map((worker) => ({ compatibilityDate: COMPATIBILITY_DATE, modules: true, ...worker })),
    ],
  });
  await mf.ready;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    fetch: (path, init = {}) =>
      mf.dispatchFetch(path.startsWith("http") ? path : `http://127.0.0.1:8787${path}`, {
        redirect: "manual",
        ...init,
      }),
    logs: () => output,
    dispose: () => mf.dispose(),
  };
}

/** Waits until `base` answers at all (wrangler dev builds, then starts workerd). */
export async function waitForServer(base, child, log, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${log()}`);
    try {
      await fetch(`${base}/`, { redirect: "manual" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`wrangler dev was not ready in ${timeoutMs / 1000} s:\n${log()}`);
}

/** Ends a detached child's whole process group (wrangler and its workerd), SIGKILL after 5 s. */
export async function stopProcessGroup(child) {
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
  await new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
      resolve();
    }, 5000);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
