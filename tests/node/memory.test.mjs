// Regression: an async `authorized` callback used to leak its timeout closure (and through it the
// request) on every call: ~0.9 KB of JS heap per request, found by the Worker load test. The heap
// must stay flat across tens of thousands of requests, for every callback shape.
import { test } from "node:test";
import assert from "node:assert/strict";
import v8 from "node:v8";
import vm from "node:vm";
import { encode } from "next-auth/jwt";
import { withAuth } from "../../pkg/wasm/node.mjs";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
const SECRET = "memory-secret";
const ROUND = 15_000;

async function heapAfter(gate, cookies) {
  for (let i = 0; i < ROUND; i++) {
    await gate(new Request(`http://localhost:3000/p/${i}`, { headers: { cookie: cookies[i % cookies.length] } }));
  }
  gc();
  return process.memoryUsage().heapUsed;
}

test("the JS heap stays flat over many requests (sync, async and absent callbacks)", async (t) => {
  const valid = await encode({ token: { name: "A" }, secret: SECRET });
  const cookies = [`next-auth.session-token=${valid}`, "", "next-auth.session-token=junk"];
  const shapes = {
    absent: {},
    sync: { callbacks: { authorized: ({ token }) => !!token } },
    async: { callbacks: { authorized: async ({ token }) => !!token } },
    "async decode": { jwt: { decode: async () => ({ name: "A" }) } },
  };
  for (const [name, options] of Object.entries(shapes)) {
    const gate = withAuth({ secret: SECRET, ...options });
    const warm = await heapAfter(gate, cookies);
    const after = await heapAfter(gate, cookies);
    const grownKiB = (after - warm) / 1024;
    t.diagnostic(`${name}: heap ${(warm / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MiB over ${ROUND} requests`);
    assert.ok(grownKiB < 2048, `${name}: the heap grew ${grownKiB.toFixed(0)} KiB over ${ROUND} requests`);
  }
});

test("JS handles stay flat: Node's plain-object req.headers and every request shape", async () => {
  // The wasm module's table of JS handles (externref slots) only grows when slots leak: an
  // exception caught across the boundary used to leave one behind, and calling `headers.get` on
  // Node's plain-object `req.headers` threw on every request.
  const { initSync } = await import("../../pkg/wasm/node.mjs");
  const { getToken, getServerSession } = await import("../../pkg/wasm/node.mjs");
  const handles = initSync().__wbindgen_externrefs;
  const valid = await encode({ token: { name: "A" }, secret: SECRET });
  const nodeReq = (i) => ({ headers: { cookie: `next-auth.session-token=${i % 2 ? valid : "junk"}`, host: "localhost:3000" }, url: `/p/${i}` });
  const res = () => ({ headers: {}, setHeader(name, value) { this.headers[name] = value; }, getHeader(name) { return this.headers[name]; } });
  const gate = withAuth({ secret: SECRET, callbacks: { authorized: ({ token }) => !!token } });
  const round = async () => {
    for (let i = 0; i < 3000; i++) {
      await getToken({ req: nodeReq(i), secret: SECRET });
      await getServerSession(nodeReq(i), res(), { secret: SECRET });
      await gate(new Request(`http://localhost:3000/p/${i}`, { headers: { cookie: `next-auth.session-token=${valid}` } }));
    }
  };
  await round();
  const before = handles.length;
  await round();
  assert.ok(handles.length - before <= 64, `the handle table grew from ${before} to ${handles.length}`);
});
