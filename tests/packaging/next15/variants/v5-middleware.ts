// Auth.js v5 middleware through nextauth-edge/v5: the bare export, edge runtime.
import NextAuth, { type NextAuthConfig } from "nextauth-edge/v5"

const authConfig = {
  providers: [],
  callbacks: { authorized: ({ auth }) => !!auth },
} satisfies NextAuthConfig

export const { auth: middleware } = NextAuth(authConfig)
export const config = { matcher: ["/dashboard"] }
