// The usual `types/next-auth.d.ts` augmentation of next-auth's JWT, kept as it is when switching:
// it types `token.role` for withAuth and getToken of either package.
import type { NextRequest } from "next/server"
import { getToken, type JWT } from "$JWT"
import { withAuth } from "$MIDDLEWARE"

declare module "next-auth/jwt" {
  interface JWT {
    role?: "admin" | "user"
  }
}

export const role = (token: JWT): "admin" | "user" | undefined => token.role

export default withAuth({
  callbacks: {
    authorized: ({ token }) => {
      const role: "admin" | "user" | undefined = token?.role
      // @ts-expect-error -- the augmentation narrows `role`: "superuser" is not one of its values
      if (token?.role === "superuser") return true
      return role === "admin"
    },
  },
})

export async function roleOf(req: NextRequest): Promise<"admin" | "user" | undefined> {
  return (await getToken({ req }))?.role
}
