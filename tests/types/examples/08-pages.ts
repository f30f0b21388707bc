// Docs, `pages`: custom sign-in and error pages.
import withAuth from "$MIDDLEWARE"

export default withAuth({
  pages: {
    signIn: "/auth/signin",
    error: "/auth/error",
  },
})
