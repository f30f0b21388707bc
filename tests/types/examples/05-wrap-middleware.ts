// Docs, "wrap middleware": runs only when `authorized` returns true; `req.nextauth.token` is set.
import { withAuth } from "$MIDDLEWARE"

export default withAuth(
  function middleware(req) {
    console.log(req.nextauth.token)
  },
  {
    callbacks: {
      authorized: ({ token }) => token?.role === "admin",
    },
  },
)
