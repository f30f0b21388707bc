// Docs, "default re-export": one line protects every matched page.
export { default } from "$MIDDLEWARE"

export const config = { matcher: ["/dashboard/:path*", "/profile/:path*"] }
