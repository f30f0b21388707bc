// nextauth-edge/middleware in place of next-auth/middleware: same options, same redirects.
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server"
import { withAuth, type JWT, type NextRequestWithAuth } from "nextauth-edge/middleware"

const isAdmin = ({ token }: { token: JWT | null }) => token?.role === "admin"

// Any signed-in user; the wrapped middleware sees the token and can pass it on.
const signedIn = withAuth(function middleware(req: NextRequestWithAuth) {
  const res = NextResponse.next()
  res.headers.set("x-gate", `signed in as ${String(req.nextauth.token?.name)}`)
  return res
})

// /admin: a signed-in user without the role gets a 403 page (nextauth-edge's `onUnauthorized`;
// the string "forbidden" gives a plain 403). No trip back to the sign-in page they just left.
const admin = withAuth({
  callbacks: { authorized: isAdmin },
  onUnauthorized: ({ token }) =>
    new Response(forbiddenPage(String(token?.name ?? "")), {
      status: 403,
      headers: { "content-type": "text/html; charset=utf-8" },
    }),
})

// /reports: next-auth's own behaviour (the default, `onUnauthorized: "redirect"`): a refused user
// is sent to the sign-in page, with this page as callbackUrl, to sign in as someone else.
const reports = withAuth({ callbacks: { authorized: isAdmin } })

export default function middleware(req: NextRequest, event: NextFetchEvent) {
  const path = req.nextUrl.pathname
  if (path === "/admin" || path.startsWith("/admin/")) return admin(req, event)
  if (path === "/reports" || path.startsWith("/reports/")) return reports(req, event)
  return signedIn(req, event)
}

export const config = { matcher: ["/dashboard/:path*", "/admin/:path*", "/reports/:path*"] }

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function forbiddenPage(name: string) {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>403 Forbidden</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>403 — admins only</h1>
<p>You are signed in as <strong>${escape(name)}</strong>, whose role is not <code>admin</code>.</p>
<p><a href="/">Home</a> · <a href="/api/auth/signout?callbackUrl=%2F">Sign out</a> (and sign in as Ada)</p>
</body></html>`
}
