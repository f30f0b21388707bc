// withAuth called with the request: `withAuth(req)`, `withAuth(req, event)`, `withAuth(req, options)`,
// and with no argument at all.
import type { NextFetchEvent } from "next/server"
import { withAuth, type NextRequestWithAuth } from "$MIDDLEWARE"

export default async function middleware(req: NextRequestWithAuth, event: NextFetchEvent) {
  if (req.nextUrl.pathname.startsWith("/public")) return
  if (req.nextUrl.pathname.startsWith("/admin")) {
    return withAuth(req, { callbacks: { authorized: ({ token }) => token?.role === "admin" } })
  }
  if (req.nextUrl.pathname === "/bare") return withAuth(req)
  return withAuth(req, event)
}

export const noArgument = withAuth()
