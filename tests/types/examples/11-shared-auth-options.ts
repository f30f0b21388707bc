// Docs: "You can extract these to a common configuration object to reuse them": the middleware
// options taken from the NextAuth configuration (next-auth stays installed for the route handler).
import type { AuthOptions } from "next-auth"
import { withAuth } from "$MIDDLEWARE"

export const authOptions: AuthOptions = {
  providers: [],
  secret: process.env.NEXTAUTH_SECRET,
  pages: { signIn: "/login", error: "/login/error" },
  jwt: {
    decode: async ({ token }) => (token ? { name: "from custom decode" } : null),
  },
}

export default withAuth({
  pages: authOptions.pages,
  secret: authOptions.secret,
  jwt: { decode: authOptions.jwt?.decode },
})
