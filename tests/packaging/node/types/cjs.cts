// Type check (node16 resolution, CommonJS): `require` gets index.d.cts, not the ESM types.
import nextauthEdge = require("nextauth-edge")
import withAuth, { getToken } from "nextauth-edge"

export const sameFunction: typeof nextauthEdge.withAuth = withAuth
export const options = nextauthEdge.withAuth({ callbacks: { authorized: ({ token }) => !!token } })
export const token = getToken({ req: new Request("http://x/"), secret: "s" })
// nextauth-edge/middleware under `require`: wasm/middleware/index.d.cts, the same withAuth.
import middleware = require("nextauth-edge/middleware")
export const sameMiddleware: typeof nextauthEdge.withAuth = middleware.withAuth
