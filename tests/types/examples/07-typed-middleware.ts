// A middleware typed with NextRequestWithAuth, using what NextRequest offers (common in apps).
import { NextResponse, type NextRequest } from "next/server"
import { withAuth, type NextRequestWithAuth } from "$MIDDLEWARE"

function redirectTo(path: string, req: NextRequest) {
  const url = req.nextUrl.clone()
  url.pathname = path
  return NextResponse.redirect(url)
}

export default withAuth(
  function middleware(req: NextRequestWithAuth) {
    const { pathname } = req.nextUrl
    const token = req.nextauth.token
    const theme: string | undefined = req.cookies.get("theme")?.value
    if (pathname.startsWith("/admin") && token?.role !== "admin") {
      return NextResponse.redirect(new URL("/denied", req.url))
    }
    if (pathname === "/old") return redirectTo("/new", req)
    if (theme === "dark") return NextResponse.rewrite(new URL("/dark" + pathname, req.url))
    return NextResponse.next()
  },
  {
    callbacks: { authorized: ({ token }) => !!token },
    pages: { signIn: "/login" },
  },
)

export const config = { matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"] }
