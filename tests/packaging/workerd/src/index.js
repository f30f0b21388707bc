import { getServerSession, withAuth } from "nextauth-edge"
import { withAuth as middlewareWithAuth } from "nextauth-edge/middleware"

// NEXTAUTH_SECRET is a Worker binding (env), which withAuth reads from its second argument.
const dashboard = withAuth(
  (req, env, ctx) => new Response(`dashboard page for ${req.nextauth.token?.name}`),
  { callbacks: { authorized: ({ token }) => token?.role === "admin" } },
)

// The same gate from nextauth-edge/middleware (its own, smaller module).
const middlewareDashboard = middlewareWithAuth(
  (req) => new Response(`middleware entry: dashboard page for ${req.nextauth.token?.name}`),
  { callbacks: { authorized: ({ token }) => token?.role === "admin" } },
)

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url)
    if (pathname === "/dashboard") return dashboard(request, env, ctx)
    if (pathname === "/middleware-entry/dashboard") return middlewareDashboard(request, env, ctx)
    if (pathname === "/me") {
      // getServerSession in a Worker handler: the session for the page, the rolled cookie and
      // `Cache-Control: private, no-store` for the response.
      const headers = new Headers({ "content-type": "text/html; charset=utf-8" })
      const session = await getServerSession(request, headers, { secret: env.NEXTAUTH_SECRET })
      const name = String(session?.user?.name ?? "guest").replace(/[<&>"']/g, (c) => `&#${c.charCodeAt(0)};`)
      return new Response(`<h1>Hello, ${name}</h1>`, { headers })
    }
    if (pathname === "/compile-from-bytes") {
      // The control: this runtime refuses to compile wasm from bytes, as Cloudflare does.
      try {
        new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
        return new Response("compiled")
      } catch (e) {
        return new Response(`${e.name}: ${e.message}`, { status: 500 })
      }
    }
    return new Response("public page")
  },
}
