// Type check (node16 resolution, ESM): the next-auth-shaped API, used as a TypeScript user would.
import withAuth, { getToken, decode, encode, type JWT, type NextAuthMiddlewareOptions } from "nextauth-edge"

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
