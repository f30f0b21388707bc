// The drop-in, exactly as with next-auth: only the package name changed (next-auth/middleware →
// nextauth-edge/middleware, the withAuth-only module).
export { default } from "nextauth-edge/middleware"
export const config = { matcher: ["/dashboard"] }
