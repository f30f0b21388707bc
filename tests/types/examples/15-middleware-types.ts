// The exported helper types: NextMiddlewareWithAuth, WithAuthArgs, NextRequestWithAuth.
import type { NextFetchEvent } from "next/server"
import { withAuth, type NextMiddlewareWithAuth, type NextRequestWithAuth, type WithAuthArgs } from "$MIDDLEWARE"

const handler: NextMiddlewareWithAuth = (req, event) => {
  event.waitUntil(Promise.resolve(req.nextauth.token?.sub))
  return undefined
}

export const wrapped: NextMiddlewareWithAuth = withAuth(handler)
export const wrappedWithOptions: NextMiddlewareWithAuth = withAuth(handler, { pages: { signIn: "/login" } })

export function forms(req: NextRequestWithAuth, event: NextFetchEvent): WithAuthArgs[] {
  return [[], [req], [req, event], [req, { secret: "s" }], [handler], [handler, {}], [{ pages: {} }]]
}
