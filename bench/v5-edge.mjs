// Auth.js v5 middleware per request inside the `edge-runtime` sandbox (what Next.js runs edge
// middleware in): next-auth@5.0.0-beta.32's `auth` vs `nextauth-edge/v5`, each bundled by esbuild
// with the `edge-light` condition in its own sandbox, our wasm compiled outside and handed in.
// Requests are built inside each sandbox, untimed; `auth(req, ev)` is timed, interleaved.
//   node bench/v5-edge.mjs        (also a step of `make bench`)

import { encode } from "@auth/core/jwt";
import { edgeSides } from "./lib/edge-sandbox.mjs";
import { interleave } from "./lib/stats.mjs";

const ENV = { AUTH_SECRET: "bench-AUTH_SECRET-0123456789abcdef-0123456789", AUTH_URL: "http://localhost:3000" };
const sides = await edgeSides({
  nextauthEntry: "bench/edge/v5-nextauth-entry.mjs",
  oursEntry: "bench/edge/v5-ours-entry.mjs",
  env: ENV,
});
const token = await encode({
  token: { sub: "user-1", name: "Ada Lovelace", email: "ada@example.com", picture: null },
  secret: ENV.AUTH_SECRET,
  salt: "authjs.session-token",
});
const REQUESTS = { "signed in": `authjs.session-token=${token}`, "signed out": "" };

const rows = {};
for (const [kind, cookie] of Object.entries(REQUESTS)) {
  const makers = Object.fromEntries(
    Object.entries(sides).map(([n, { NextRequest, NextFetchEvent }]) => [
      n,
      () => {
        const headers = { host: "localhost:3000", "x-forwarded-proto": "http" };
        if (cookie) headers.cookie = cookie;
        const req = new NextRequest("http://localhost:3000/dashboard", { headers });
        return [req, new NextFetchEvent({ request: req, page: "/middleware" })];
      },
    ]),
  );
  const seen = {};
  for (const [n, s] of Object.entries(sides)) {
    const res = await s.auth(...makers[n]());
    seen[n] = `${res.status} ${res.headers.get("location") ?? ""} ${res.headers.getSetCookie().length} cookies`;
  }
  if (seen.nextauth !== seen.ours) throw new Error(`v5 edge ${kind}: ${JSON.stringify(seen)}`);
  rows[kind] = await interleave(
    Object.fromEntries(Object.entries(sides).map(([n, s]) => [n, { make: makers[n], run: ([req, ev]) => s.auth(req, ev) }])),
    { batch: 50, batches: 60, seconds: 6 },
  );
}
console.log(JSON.stringify({ v5Edge: rows }));
