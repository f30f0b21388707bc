import type { AuthOptions, Session } from "nextauth-edge"
export type { AuthOptions, Session } from "nextauth-edge"
export { readSession } from "nextauth-edge"

/** A Server Component's session: as next-auth, without `expires` (the cookie cannot be rolled there). */
export interface AppRouterSession extends Record<string, unknown> {
  user?: Session["user"]
}

/** App Router (Server Components, route handlers): reads the request from `headers()`. */
export function getServerSession(options?: AuthOptions): Promise<AppRouterSession | null>
/** The request forms, as exported by "nextauth-edge". */
export function getServerSession(...args: Parameters<typeof import("nextauth-edge").getServerSession>): Promise<Session | null>
