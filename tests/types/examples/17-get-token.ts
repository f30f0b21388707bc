// getToken in middleware (NextRequest), an API route (NextApiRequest) and getServerSideProps.
import type { GetServerSidePropsContext, NextApiRequest, NextApiResponse } from "next"
import { NextResponse, type NextRequest } from "next/server"
import { getToken, type JWT } from "$JWT"

const secret = process.env.NEXTAUTH_SECRET

export async function middleware(req: NextRequest) {
  const token: JWT | null = await getToken({ req, secret })
  if (!token) return NextResponse.redirect(new URL("/login", req.url))
  const raw: string = await getToken({ req, raw: true })
  return NextResponse.next({ headers: { "x-token-length": String(raw.length), "x-user": token.name ?? "" } })
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const token = await getToken({ req, secret, cookieName: "next-auth.session-token", secureCookie: false })
  res.status(token ? 200 : 401).json({ email: token?.email ?? null })
}

export async function getServerSideProps(ctx: GetServerSidePropsContext) {
  const token = await getToken({ req: ctx.req, secret, logger: console })
  return { props: { name: token?.name ?? null } }
}
