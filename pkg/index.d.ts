// Types mirror next-auth v4's `next-auth/middleware` and `next-auth/jwt`, so switching is a
// change of import. Extras beyond next-auth are marked "nextauth-edge".

export interface DefaultJWT extends Record<string, unknown> {
  name?: string | null
  email?: string | null
  picture?: string | null
  sub?: string
  iat?: number
  exp?: number
  jti?: string
}

/** The decoded session token. Augment it like next-auth's: `declare module "nextauth-edge" { interface JWT { role?: string } }` */
export interface JWT extends DefaultJWT {}

type Awaitable<T> = T | PromiseLike<T>

/** A `Request` as Next.js passes it (`NextRequest`) or any Fetch `Request`. */
export type NextRequestLike = Request & {
  nextUrl?: { pathname: string; search: string; origin: string; basePath: string }
  nextauth?: { token: JWT | null }
}

export interface NextRequestWithAuth extends Request {
  nextUrl?: NextRequestLike["nextUrl"]
  nextauth: { token: JWT | null }
}

export type NextMiddleware = (req: any, event?: any, ctx?: any) => Awaitable<Response | null | undefined | void>
export type NextMiddlewareWithAuth = (req: NextRequestWithAuth, event?: any, ctx?: any) => Awaitable<Response | null | undefined | void>

export interface JWTDecodeParams {
  token?: string
  secret: string | string[]
  /** nextauth-edge: v4 salt, as next-auth's `decode` takes it. */
  salt?: string
  /** nextauth-edge: milliseconds since the epoch to check `exp`/`nbf` against (tests). */
  now?: number
}

export interface JWTEncodeParams {
  token?: JWT
  secret: string | string[]
  salt?: string
  maxAge?: number
}

export interface NextAuthMiddlewareOptions {
  pages?: { signIn?: string; error?: string; [page: string]: string | undefined }
  cookies?: { sessionToken?: { name?: string } }
  jwt?: { decode?: (params: JWTDecodeParams) => Awaitable<JWT | null> }
  callbacks?: {
    authorized?: (params: { token: JWT | null; req: NextRequestWithAuth }) => Awaitable<boolean | null | undefined>
  }
  /** A string, or (nextauth-edge) a list for rotation: the first that opens the token wins. */
  secret?: string | string[]
  /** nextauth-edge: what a signed-in user refused by `authorized` gets. Default `"redirect"` (next-auth's behaviour). */
  onUnauthorized?: "redirect" | "forbidden" | ((params: { token: JWT | null; req: NextRequestWithAuth }) => Awaitable<Response>)
  /** nextauth-edge: force the `__Secure-` cookie prefix choice instead of guessing it from NEXTAUTH_URL / VERCEL. */
  secureCookie?: boolean
  /** nextauth-edge: Next.js `basePath` for runtimes without `req.nextUrl`. */
  basePath?: string
  /** nextauth-edge: log which session cookie is read, and why. */
  debug?: boolean
  /** nextauth-edge: how long an async `authorized`/`jwt.decode`/`onUnauthorized` may stay pending, in ms (default 10000; 0 waits forever). */
  callbackTimeoutMs?: number
}

export function withAuth(): Promise<Response | undefined>
export function withAuth(req: Request, event?: unknown): Promise<Response | undefined>
export function withAuth(req: Request, options: NextAuthMiddlewareOptions): Promise<Response | undefined>
export function withAuth(middleware: NextMiddlewareWithAuth, options?: NextAuthMiddlewareOptions): NextMiddleware
export function withAuth(options: NextAuthMiddlewareOptions): NextMiddleware
export default withAuth

export interface GetTokenParams<R extends boolean = false> {
  req: Request | { headers: Headers | Record<string, string>; cookies?: unknown }
  secret?: string | string[]
  salt?: string
  cookieName?: string
  secureCookie?: boolean
  raw?: R
  decode?: (params: JWTDecodeParams) => Awaitable<JWT | null>
}
export function getToken<R extends boolean = false>(params: GetTokenParams<R>): Promise<R extends true ? string : JWT | null>
export function decode(params: JWTDecodeParams): Promise<JWT | null>
export function encode(params: JWTEncodeParams): Promise<string>

/** The session next-auth's `getServerSession` returns. Augment it like next-auth's `Session`. */
export interface Session extends Record<string, unknown> {
  user?: { name?: string | null; email?: string | null; image?: string | null }
  expires: string
}

/** The parts of next-auth's `AuthOptions` that reading a JWT session uses. */
export interface AuthOptions {
  secret?: string | string[]
  session?: { strategy?: "jwt" | "database"; maxAge?: number; updateAge?: number }
  jwt?: {
    secret?: string | string[]
    encode?: (params: JWTEncodeParams) => Awaitable<string>
    decode?: (params: JWTDecodeParams) => Awaitable<JWT | null>
  }
  cookies?: { sessionToken?: { name?: string; options?: { secure?: boolean } } }
  useSecureCookies?: boolean
  callbacks?: {
    jwt?: (params: { token: JWT; session?: unknown }) => Awaitable<JWT>
    session?: (params: { session: Session; token: JWT }) => Awaitable<Session | Record<string, unknown>>
  }
  events?: { session?: (message: { session: Session; token: JWT }) => Awaitable<void> }
  /** A database adapter means database sessions, which cannot be read at the edge: getServerSession throws. */
  adapter?: unknown
  [option: string]: unknown
}

type RequestLike = Request | { headers: Headers | Record<string, string | string[] | undefined> }
type ResponseLike = Headers | Response | { getHeader(name: string): unknown; setHeader(name: string, value: unknown): unknown }

/** next-auth's `getServerSession(req, res, authOptions)`: Set-Cookie (and `Cache-Control: private, no-store`) go on `res`. */
export function getServerSession(req: RequestLike, res: ResponseLike, options: AuthOptions): Promise<Session | null>
/** Edge form: the session only; use `readSession` to get the Set-Cookie values too. */
export function getServerSession(req: RequestLike, options: AuthOptions): Promise<Session | null>
/** The session and the Set-Cookie values that roll its expiry. */
export function readSession(req: RequestLike, options: AuthOptions): Promise<{ session: Session | null; setCookie: string[] }>
