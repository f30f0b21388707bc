// What our getServerSession (nextauth-edge/next, next-auth's App Router form) reads.
import { getServerSession } from "nextauth-edge/next"
import { authOptions } from "../auth"

export async function WhoAmI() {
  // The same NextAuthOptions object next-auth's route handler uses.
  const session = await getServerSession(authOptions)
  const user = session?.user as { name?: string; email?: string; role?: string } | undefined
  if (!user) return <p id="who">Not signed in.</p>
  return (
    <p id="who">
      Signed in as <strong>{user.name}</strong> ({user.email}), role <code>{user.role}</code>.
    </p>
  )
}
