// Docs, `callbacks` "(default value)": a method returning `true` or nothing. next-auth types
// `authorized` as returning `boolean`, so under `strict` its own documented default is refused;
// ours accepts `null`/`undefined`, which mean "signed in?" (`?? !!token`, as next-auth at runtime).
import { withAuth } from "$MIDDLEWARE"

// @next-auth-expect-error -- `true | undefined` is not `boolean`
export default withAuth({
  callbacks: {
    authorized({ req, token }) {
      if (token) return true // If there is a token, the user is authenticated
    },
  },
})
