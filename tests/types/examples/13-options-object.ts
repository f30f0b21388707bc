// Options declared once with their type, used by both the options and the wrapping forms.
import { NextResponse } from "next/server"
import { withAuth, type NextAuthMiddlewareOptions } from "$MIDDLEWARE"

const options: NextAuthMiddlewareOptions = {
  callbacks: { authorized: async ({ token }) => token?.role === "admin" },
  pages: { signIn: "/login" },
}

export const optionsOnly = withAuth(options)
export default withAuth((req) => {
  if (req.nextauth.token?.email?.endsWith("@example.com")) return NextResponse.next()
  return new NextResponse("staff only", { status: 403 })
}, options)
