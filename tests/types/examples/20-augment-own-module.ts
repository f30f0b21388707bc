// Augmenting the JWT interface of the module the app imports from (`next-auth/jwt`, or
// `nextauth-edge` after the switch).
import type { JWT } from "$JWT"
import { withAuth } from "$MIDDLEWARE"

declare module "$JWT" {
  interface JWT {
    orgId?: number
  }
}

export const org = (token: JWT): number | undefined => token.orgId

export default withAuth({
  callbacks: {
    authorized: ({ token }) => {
      // @ts-expect-error -- `orgId` is a number
      const wrong: string | undefined = token?.orgId
      return typeof token?.orgId === "number" && wrong === undefined
    },
  },
})
