import { NextResponse } from "next/server"
import { withAuth } from "nextauth-edge/middleware"

export default withAuth(
  function proxy(req) {
    const res = NextResponse.next()
    res.headers.set("x-signed-in-as", String(req.nextauth.token?.name))
    return res
  },
  { callbacks: { authorized: ({ token }) => token?.role === "admin" } },
)
export const config = { matcher: ["/dashboard"] }
