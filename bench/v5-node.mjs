// Auth.js v5 middleware per request in Node: next-auth@5.0.0-beta.32's `NextAuth(config).auth`
// (installed as "next-auth-v5") vs `nextauth-edge/v5`, on real NextRequests, interleaved.
// The config is the split-config middleware of the README: `providers: []` and
// `authorized: ({ auth }) => !!auth`; AUTH_SECRET from process.env. A fresh NextRequest +
// NextFetchEvent per call is built untimed; `auth(req, ev)` and its promise are timed.
//   node bench/v5-node.mjs        (also a step of `make bench`)

import { NextRequest, NextFetchEvent } from "./lib/node-next.mjs";
import { register } from "node:module";
import { encode } from "@auth/core/jwt";
import { interleave } from "./lib/stats.mjs";

// The same resolve hooks the v5 differential suite loads next-auth@5 with.
register("../tests/node/v5/next-resolve-hooks.mjs", import.meta.url);
const { default: RealNextAuth } = await import("next-auth-v5");
const { default: OurNextAuth } = await import("nextauth-edge/v5");

process.env.AUTH_SECRET = "bench-AUTH_SECRET-0123456789abcdef-0123456789";
process.env.AUTH_URL = "http://localhost:3000";
const config = () => ({ providers: [], callbacks: { authorized: ({ auth }) => !!auth } });
const token = await encode({
  token: { sub: "user-1", name: "Ada Lovelace", email: "ada@example.com", picture: null },
  secret: process.env.AUTH_SECRET,
  salt: "authjs.session-token",
});
const REQUESTS = {
  "signed in": `authjs.session-token=${token}`,
  "signed out": "",
};
const sides = { nextauth: RealNextAuth(config()).auth, ours: OurNextAuth(config()).auth };

const rows = {};
for (const [kind, cookie] of Object.entries(REQUESTS)) {
  const make = () => {
    const headers = { host: "localhost:3000", "x-forwarded-proto": "http" };
    if (cookie) headers.cookie = cookie;
    const req = new NextRequest("http://localhost:3000/dashboard", { headers });
    return [req, new NextFetchEvent({ request: req, page: "/middleware" })];
  };
  const seen = {};
  for (const [n, auth] of Object.entries(sides)) {
    const res = await auth(...make());
    seen[n] = `${res.status} ${res.headers.get("location") ?? ""} ${res.headers.getSetCookie().length} cookies`;
  }
  if (seen.nextauth !== seen.ours) throw new Error(`v5 ${kind}: ${JSON.stringify(seen)}`);
  const silence = console.error;
  rows[kind] = await interleave(
    Object.fromEntries(Object.entries(sides).map(([n, auth]) => [n, { make, run: ([req, ev]) => auth(req, ev) }])),
    { batch: 50, batches: 60, seconds: 6 },
  );
  console.error = silence;
}
console.log(JSON.stringify({ v5Node: rows }));
