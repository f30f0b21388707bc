// The `secret` option (defaults to NEXTAUTH_SECRET) and `cookies.sessionToken.name`.
import { withAuth } from "$MIDDLEWARE"

export default withAuth({
  secret: process.env.NEXTAUTH_SECRET,
  cookies: { sessionToken: { name: "my-app.session-token" } },
})

export const literal = withAuth({ secret: "a-literal-secret" })
