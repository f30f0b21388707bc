// nextauth-edge's extras in a Next.js app (not in next-auth, so not in examples/): a secret list
// for rotation, `onUnauthorized`; and `req` in the callbacks is Next's own NextRequest.
import type { NextRequest } from "next/server"
import { getToken, withAuth, type NextAuthMiddlewareOptions } from "nextauth-edge"

const pathOf = (req: NextRequest) => req.nextUrl.pathname

export const rotation = withAuth({
  secret: [process.env.NEXTAUTH_SECRET ?? "", process.env.NEXTAUTH_SECRET_PREVIOUS ?? ""],
  jwt: {
    // With a list, a custom decode gets the list.
    decode: async ({ secret, token }) => {
      const secrets: string[] = secret
      return token && secrets.length ? { name: "decoded" } : null
    },
  },
  callbacks: {
    authorized: ({ req, token }) => (pathOf(req).startsWith("/admin") ? token?.role === "admin" : !!token),
  },
  onUnauthorized: "forbidden",
})

export const custom = withAuth({
  onUnauthorized: ({ req, token }) => new Response(`${token?.name} may not see ${req.nextUrl.pathname}`, { status: 403 }),
  basePath: "/app",
  secureCookie: true,
  debug: false,
  callbackTimeoutMs: 2000,
})

const listOptions: NextAuthMiddlewareOptions<string[]> = { secret: ["new", "old"] }
export const typed = withAuth(listOptions)

export const tokenOf = (req: NextRequest) =>
  getToken({ req, secret: ["new", "old"], decode: ({ secret }) => (secret.length > 1 ? null : null) })

export const oneSecret = withAuth({
  secret: "one",
  jwt: {
    decode: ({ secret }) => {
      // @ts-expect-error -- with one secret, decode gets that string
      const secrets: string[] = secret
      return secrets ? null : null
    },
  },
})
