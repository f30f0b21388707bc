// `nextauth-edge/v5`: next-auth@5's `NextAuth(config)` for middleware.ts / Next 16 proxy.ts.
// `auth` is the middleware (bare `export { auth as middleware }`, or `auth((req) => …)` with
// `req.auth`), run by the wasm module. The route handlers, signIn and signOut stay with next-auth:
// import them from "next-auth" in auth.ts, and share one auth.config.ts between both files.
// `#nextauth-edge` is this package's runtime entry (package.json "imports": edge, workerd, node…).
import { __authjsAuth } from "#nextauth-edge";

const ROUTE_ONLY =
  "stays with next-auth: nextauth-edge/v5 replaces only `auth` as middleware/proxy. Export it from " +
  "auth.ts built with `import NextAuth from \"next-auth\"` and the shared auth.config.ts.";

function notHere(name) {
  const fail = () => {
    throw new Error(`nextauth-edge/v5: ${name} ${ROUTE_ONLY}`);
  };
  return fail;
}

export default function NextAuth(config) {
  return {
    auth: __authjsAuth(config),
    handlers: { GET: notHere("handlers.GET"), POST: notHere("handlers.POST") },
    signIn: notHere("signIn"),
    signOut: notHere("signOut"),
    unstable_update: notHere("unstable_update"),
  };
}

export { NextAuth };
