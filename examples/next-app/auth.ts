// next-auth v4, unchanged: the real sign-in, sign-out and session routes live in
// app/api/auth/[...nextauth]/route.ts. Two demo users; the role is put into the JWT by the
// `jwt` callback, which is what nextauth-edge's withAuth (middleware.ts) reads at the edge.
import type { NextAuthOptions } from "next-auth"
import CredentialsProvider from "next-auth/providers/credentials"

export const DEMO_PASSWORD = "demo"

const USERS: Record<string, { id: string; name: string; email: string; role: "admin" | "user" }> = {
  ada: { id: "1", name: "Ada Lovelace", email: "ada@example.com", role: "admin" },
  bob: { id: "2", name: "Bob Builder", email: "bob@example.com", role: "user" },
}

export const authOptions: NextAuthOptions = {
  // NEXTAUTH_SECRET (and NEXTAUTH_URL) come from the environment: `make next-app` writes
  // .env.local with a random secret on first run.
  session: { strategy: "jwt" },
  providers: [
    CredentialsProvider({
      name: "Demo users",
      credentials: {
        username: { label: "Username (ada or bob)", type: "text" },
        password: { label: `Password (${DEMO_PASSWORD})`, type: "password" },
      },
      async authorize(credentials) {
        const user = USERS[credentials?.username?.trim().toLowerCase() ?? ""]
        if (!user || credentials?.password !== DEMO_PASSWORD) return null
        return user
      },
    }),
  ],
  callbacks: {
    // `user` is there on sign-in only: copy the role into the token once.
    async jwt({ token, user }) {
      if (user) token.role = (user as { role?: string }).role
      return token
    },
    async session({ session, token }) {
      if (session.user) (session.user as { role?: unknown }).role = token.role
      return session
    },
  },
}
