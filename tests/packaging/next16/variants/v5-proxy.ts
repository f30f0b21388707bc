// Auth.js v5 as a Next 16 proxy through nextauth-edge/v5: `auth((req) => …)` with `req.auth`.
import { NextResponse } from "next/server"
import NextAuth, { type NextAuthConfig } from "nextauth-edge/v5"

const authConfig = {
  providers: [],
  callbacks: { authorized: ({ auth }) => !!auth },
} satisfies NextAuthConfig

export default NextAuth(authConfig).auth((req) => {
  if (!req.auth) return NextResponse.redirect(new URL("/api/auth/signin", req.nextUrl))
  const res = NextResponse.next()
  res.headers.set("x-signed-in-as", String(req.auth.user?.name))
  return res
})
export const config = { matcher: ["/dashboard"] }
