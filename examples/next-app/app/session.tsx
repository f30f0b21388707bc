// What our getServerSession (nextauth-edge/next, next-auth's App Router form) reads.
import { getServerSession, type AuthOptions } from "nextauth-edge/next"
import { authOptions } from "../auth"

export async function WhoAmI() {
  // The cast is a type gap in nextauth-edge 0.1.0, not a runtime one: its AuthOptions type refuses
  // next-auth's NextAuthOptions (callbacks.jwt typed without `user`/`account`, jwt.encode's secret
  // typed string | string[]). The same object is passed either way.
  const session = await getServerSession(authOptions as unknown as AuthOptions)
  const user = session?.user as { name?: string; email?: string; role?: string } | undefined
  if (!user) return <p id="who">Not signed in.</p>
  return (
    <p id="who">
      Signed in as <strong>{user.name}</strong> ({user.email}), role <code>{user.role}</code>.
    </p>
  )
}
