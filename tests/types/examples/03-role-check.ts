// Docs, "default withAuth export": only admins get in.
import { withAuth } from "$MIDDLEWARE"

export default withAuth({
  callbacks: {
    authorized: ({ token }) => token?.role === "admin",
  },
})

export const config = { matcher: ["/admin/:path*"] }
