// Drop-in for getServerSession: the app's own next-auth `AuthOptions` (the object its
// `[...nextauth]` route uses, with `jwt({ token, user })` adding a role) is accepted as it is, and
// a `declare module "next-auth" { interface Session }` augmentation types the session we return.
import type { DefaultSession, NextAuthOptions } from "next-auth"
import CredentialsProvider from "next-auth/providers/credentials"
import { getServerSession } from "nextauth-edge"
import { getServerSession as appRouterSession } from "nextauth-edge/next"

declare module "next-auth" {
  interface Session {
    user: { id: string; role?: string } & DefaultSession["user"]
  }
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt" },
  providers: [CredentialsProvider({ credentials: {}, authorize: async () => ({ id: "1", name: "Ada" }) })],
  callbacks: {
    jwt: async ({ token, user }) => (user ? { ...token, role: "admin" } : token),
    session: async ({ session, token }) => ({ ...session, user: { ...session.user, id: token.sub ?? "" } }),
  },
}

export async function GET(request: Request) {
  const headers = new Headers()
  const session = await getServerSession(request, headers, authOptions)
  const id: string | undefined = session?.user.id
  // @ts-expect-error -- the augmented `id` is a string
  const wrong: number | undefined = session?.user.id
  const page = await appRouterSession(authOptions)
  return Response.json({ id, wrong, page: page?.user.id ?? null }, { headers })
}
