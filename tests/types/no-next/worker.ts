// A Cloudflare Worker / plain Node program: neither next nor next-auth installed. `req` is a Fetch
// `Request`; `nextUrl` exists only under Next.js, so it is optional here.
import withAuth, { decode, encode, getToken, type JWT, type RequestWithAuth } from "nextauth-edge"

interface Env {
  NEXTAUTH_SECRET: string
}
interface Ctx {
  waitUntil(promise: Promise<unknown>): void
}

const gate = withAuth(
  async (req: RequestWithAuth, env: Env, ctx: Ctx) => {
    ctx.waitUntil(Promise.resolve(env.NEXTAUTH_SECRET))
    return new Response(`hello ${req.nextauth.token?.name ?? "guest"}`)
  },
  {
    callbacks: {
      authorized: ({ req, token }) =>
        new URL(req.url).pathname.startsWith("/admin") ? token?.role === "admin" : !!token,
    },
  },
)

export const unannotated = withAuth(async (req, env, ctx) => {
  ctx.waitUntil(Promise.resolve())
  return new Response(String(req.nextauth.token?.email ?? env.FALLBACK))
})

export default {
  async fetch(request: Request, env: Env, ctx: Ctx): Promise<Response> {
    const refused = await withAuth(request, { secret: env.NEXTAUTH_SECRET })
    if (refused) return refused
    const token: JWT | null = await getToken({ req: request, secret: env.NEXTAUTH_SECRET })
    const raw: string = await getToken({ req: request, secret: env.NEXTAUTH_SECRET, raw: true })
    const again = await decode({ token: await encode({ token: { name: token?.name ?? raw }, secret: env.NEXTAUTH_SECRET }), secret: env.NEXTAUTH_SECRET })
    return (await gate(request, env, ctx)) || new Response(again?.name ?? "passed")
  },
}

export const pathname = withAuth({
  callbacks: {
    authorized: ({ req }) => {
      // @ts-expect-error -- no `nextUrl` outside Next.js
      const path: string = req.nextUrl.pathname
      return (req.nextUrl?.pathname ?? new URL(req.url).pathname) === path
    },
  },
})
