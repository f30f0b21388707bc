// Misuse both packages' types must refuse, so the check cannot pass vacuously.
import type { NextRequest } from "next/server"
import { withAuth } from "$MIDDLEWARE"
import { getToken, type JWT } from "$JWT"

// @ts-expect-error -- `authorized` returns a boolean, not a string
export const stringAnswer = withAuth({ callbacks: { authorized: () => "yes" } })

// @ts-expect-error -- unknown option
export const typo = withAuth({ page: { signIn: "/login" } })

export const nullToken = withAuth(function middleware(req) {
  // @ts-expect-error -- the token is `JWT | null`
  console.log(req.nextauth.token.name)
})

export async function rawIsAString(req: NextRequest) {
  // @ts-expect-error -- `raw: true` gives the encoded string, not a JWT
  const token: JWT | null = await getToken({ req, raw: true })
  // @ts-expect-error -- without `raw`, a JWT or null, not a string
  const raw: string = await getToken({ req })
  return [token, raw]
}

export const pathname = withAuth({
  callbacks: {
    // @ts-expect-error -- `pathname` is a string
    authorized: ({ req }) => req.nextUrl.pathname === 404,
  },
})
