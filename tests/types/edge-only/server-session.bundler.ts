// nextauth-edge/next's getServerSession in its three forms (an ESM-only entry: bundler runs only).
import type { NextApiRequest, NextApiResponse } from "next"
import { getServerSession, type AuthOptions } from "nextauth-edge/next"

const authOptions: AuthOptions = { secret: process.env.NEXTAUTH_SECRET, session: { strategy: "jwt" } }

export async function Page() {
  const session = await getServerSession(authOptions)
  return session?.user?.name ?? "guest"
}

export async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions)
  res.json({ expires: session?.expires ?? null })
}

export async function GET(request: Request) {
  const headers = new Headers()
  const session = await getServerSession(request, headers, authOptions)
  const edge = await getServerSession(request, authOptions)
  return Response.json({ a: session?.expires, b: edge?.expires }, { headers })
}
