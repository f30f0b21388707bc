import { getServerSession } from "nextauth-edge"

export const runtime = "edge"

// The edge form: the cookie is rolled through the response headers, marked private.
export async function GET(req: Request) {
  const headers = new Headers({ "content-type": "application/json" })
  const session = await getServerSession(req, headers, { secret: process.env.NEXTAUTH_SECRET })
  return new Response(JSON.stringify({ name: session?.user?.name ?? null, runtime: "edge" }), { headers })
}
