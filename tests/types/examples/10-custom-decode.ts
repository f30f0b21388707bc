// Docs, "Custom JWT decode method": the same `decode` as in [...nextauth].ts. `verify` stands for
// jsonwebtoken's (same parameter types: a string token, a string or Buffer secret).
import withAuth from "$MIDDLEWARE"
import type { JWT } from "$JWT"

declare function verify(token: string, secretOrPublicKey: string | Buffer): string | object

export default withAuth({
  jwt: {
    decode: async ({ secret, token }) => {
      return verify(token as string, secret) as any
    },
  },
  callbacks: {
    authorized: ({ token }) => !!token,
  },
})

// The decode written once, typed, shared by [...nextauth].ts and the middleware.
export async function decodeShared(params: { token?: string; secret: string | Buffer }): Promise<JWT | null> {
  return params.token ? (verify(params.token, params.secret) as JWT) : null
}
export const shared = withAuth({ jwt: { decode: decodeShared } })
