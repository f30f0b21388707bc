import type { AuthOptions, ServerSessionOptions, Session } from "nextauth-edge"
export type { AuthOptions, ServerSessionOptions, Session } from "nextauth-edge"
export { readSession } from "nextauth-edge"

/** A Server Component's session: as next-auth's (with the app's `Session` augmentations), without `expires` (the cookie cannot be rolled there). */
export type AppRouterSession = Omit<Session, "expires">

/** App Router (Server Components, route handlers): reads the request from `headers()`. */
export function getServerSession(options?: ServerSessionOptions): Promise<AppRouterSession | null>
/** The request forms, as exported by "nextauth-edge" (spelled out: `Parameters<>` of an overloaded function sees only its last overload). */
export function getServerSession(req: RequestLike, res: ResponseLike, options: ServerSessionOptions): Promise<Session | null>
export function getServerSession(req: RequestLike, options: ServerSessionOptions): Promise<Session | null>

type RequestLike = Parameters<typeof import("nextauth-edge").readSession>[0]
// As in index.d.ts.
type ResponseLike = Headers | Response | { getHeader(name: string): unknown; setHeader(name: string, value: unknown): unknown }
