import { getServerSession } from "nextauth-edge/next"

export const dynamic = "force-dynamic"

// next-auth's App Router form: no request argument, the session comes from headers().
export default async function Me() {
  const session = await getServerSession({ secret: process.env.NEXTAUTH_SECRET })
  return <p>{`me: ${session?.user?.name ?? "signed out"}`}</p>
}
