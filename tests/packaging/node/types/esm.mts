// Type check (node16 resolution, ESM): the next-auth-shaped API, used as a TypeScript user would.
import withAuth, { getToken, decode, encode, type JWT, type NextAuthMiddlewareOptions } from "nextauth-edge"
import middleware, { withAuth as middlewareWithAuth, type NextRequestWithAuth } from "nextauth-edge/middleware"

const options: NextAuthMiddlewareOptions = {
  callbacks: { authorized: ({ token }) => token?.role === "admin" },
  pages: { signIn: "/login" },
}
export const wrapped = withAuth((req) => {
  const name: string | null | undefined = req.nextauth.token?.name
  return new Response(name ?? "")
}, options)
export const direct: Promise<Response | undefined> = withAuth(new Request("http://x/"))
export const token: Promise<JWT | null> = getToken({ req: new Request("http://x/"), secret: "s" })
export const raw: Promise<string> = getToken({ req: new Request("http://x/"), secret: "s", raw: true })
export const roundTrip = encode({ token: { name: "n" }, secret: "s" }).then((t: string) => decode({ token: t, secret: "s" }))
// nextauth-edge/middleware: the same declarations, withAuth alone.
export const sameWithAuth: typeof withAuth = middlewareWithAuth
export const sameDefault: typeof withAuth = middleware
export const roleCheck = middlewareWithAuth((req: NextRequestWithAuth) => new Response(String(req.nextauth.token?.role)), options)
// @ts-expect-error -- the middleware entry has withAuth only, as next-auth/middleware
export { getToken as notThere } from "nextauth-edge/middleware"
