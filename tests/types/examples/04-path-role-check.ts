// The example: `req.nextUrl` in `authorized` (TS18048 "possibly 'undefined'" before the fix).
import { withAuth } from "$MIDDLEWARE"

export default withAuth({
  callbacks: {
    authorized: ({ token, req }) =>
      req.nextUrl.pathname.startsWith("/admin") ? token?.role === "admin" : !!token,
  },
})

export const config = { matcher: ["/admin/:path*", "/dashboard/:path*"] }
