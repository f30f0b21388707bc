// Docs, "wrap middleware" with its parameter type spelled out with Next's NextRequest.
import type { NextRequest } from "next/server"
import type { JWT } from "$JWT"
import { withAuth } from "$MIDDLEWARE"

// As printed in the docs, `token: JWT` is not what withAuth passes (`JWT | null`): under `strict`
// next-auth's own types refuse it, and so do ours.
export const asPrinted = withAuth(
  // @ts-expect-error -- `token: JWT` but withAuth passes `JWT | null`
  function middleware(req: NextRequest & { nextauth: { token: JWT } }) {
    console.log(req.nextauth.token)
  },
  { callbacks: { authorized: ({ token }) => token?.role === "admin" } },
)

// With the nullable token it compiles: our `req` is Next's own NextRequest.
export default withAuth(
  function middleware(req: NextRequest & { nextauth: { token: JWT | null } }) {
    console.log(req.nextUrl.pathname, req.nextauth.token?.name)
  },
  { callbacks: { authorized: ({ token }) => token?.role === "admin" } },
)
