// Types mirror next-auth v4's `next-auth/middleware` and `next-auth/jwt`, so switching is a
// change of import. Extras beyond next-auth are marked "nextauth-edge".
//
// In a Next.js app the request types are Next's own, as with next-auth: `req` in
// `callbacks.authorized` is a `NextRequest`, the wrapped middleware gets a `NextRequestWithAuth` (a
// `NextRequest` with `nextauth.token`) and a `NextFetchEvent`. Where `next` cannot be resolved (a
// Worker, plain Node) they are a Fetch `Request` whose `nextUrl` is optional: those runtimes do not
// have it (the URL is then read from `req.url`). A Worker-style handler `(request, env, ctx)` gets
// `RequestWithAuth` (nextauth-edge), `nextUrl` optional, with or without Next.js installed.
//
// `JWT` extends next-auth's `JWT` when next-auth is installed, so an app's existing
// `declare module "next-auth/jwt" { interface JWT { role?: string } }` types our tokens too. Our own
// interface can be augmented the same way, with or without next-auth:
// `declare module "nextauth-edge" { interface JWT { role?: string } }`.
//
// Both imports are optional peers and type-only: unresolved, the `@ts-ignore` silences the missing
// module and `IfInstalled` picks the fallback.
// @ts-ignore -- optional: `next` (Next.js apps)
import type { NextFetchEvent as NextServerFetchEvent, NextRequest as NextServerRequest } from "next/server.js"
// @ts-ignore -- optional: `next-auth` (its JWT interface, with the app's augmentations)
import type { JWT as NextAuthJWT } from "next-auth/jwt"
// @ts-ignore -- optional: `next-auth` (its AuthOptions and Session, with the app's augmentations)
import type { AuthOptions as NextAuthAuthOptions, Session as NextAuthSession } from "next-auth"

/** `Installed`, unless its optional import did not resolve (an error type, which `unknown` extends): then `Fallback`. */
type IfInstalled<Installed, Fallback> = unknown extends Installed ? Fallback : Installed

type Awaitable<T> = T | PromiseLike<T>

export interface DefaultJWT extends Record<string, unknown> {
  name?: string | null
  email?: string | null
  picture?: string | null
  sub?: string
  /** nextauth-edge: typed (next-auth leaves `iat`, `exp`, `jti` to the index signature). */
  iat?: number
  exp?: number
  jti?: string
}

/**
 * The decoded session token: next-auth's `JWT` (with the app's `declare module "next-auth/jwt"`
 * augmentations) when next-auth is installed, else `DefaultJWT`. Augment it directly with
 * `declare module "nextauth-edge" { interface JWT { role?: string } }`.
 */
export interface JWT extends JWTBase {}
type JWTBase = IfInstalled<NextAuthJWT, DefaultJWT> & Pick<DefaultJWT, "iat" | "exp" | "jti">

/** The URL parts nextauth-edge reads from `req.nextUrl` (Next.js's `NextURL` has them all). */
export interface NextURLParts {
  pathname: string
  search: string
  origin: string
  basePath: string
}

/** nextauth-edge: a request from any runtime: a Fetch `Request`, with `nextUrl` under Next.js. */
export type NextRequestLike = Request & {
  nextUrl?: NextURLParts
  nextauth?: { token: JWT | null }
}

/** `req` in `callbacks.authorized`: Next.js's `NextRequest`; without Next.js a Fetch `Request` (no `nextUrl`). */
export type AuthorizedRequest = IfInstalled<NextServerRequest, Request & { nextUrl?: NextURLParts }>

/** The wrapped middleware's `req`: next-auth's type, a `NextRequest` with the token `authorized` saw. */
export interface NextRequestWithAuth extends AuthorizedRequest {
  nextauth: { token: JWT | null }
}

/** nextauth-edge: `req` of a wrapped Worker / Node handler: a Fetch `Request`, `nextUrl` only under Next.js. */
export type RequestWithAuth = Request & {
  nextUrl?: NextURLParts
  nextauth: { token: JWT | null }
}

/** The wrapped middleware's second argument: Next.js's `NextFetchEvent`; without Next.js, whatever the handler got (a Worker's `env`). */
export type MiddlewareEvent = IfInstalled<NextServerFetchEvent, any>

type NextMiddlewareResult = Response | null | undefined | void

/** A middleware for `withAuth` to wrap, as next-auth types it: `(NextRequestWithAuth, NextFetchEvent)`. */
export type NextMiddlewareWithAuth = (
  request: NextRequestWithAuth,
  event: MiddlewareEvent,
) => NextMiddlewareResult | Promise<NextMiddlewareResult>

// withAuth's parameter: also the third argument (a Worker's `ctx`), which is forwarded too. An
// unannotated `(req, env, ctx) =>` takes its parameter types from the first overload, which must
// therefore have three.
type WrappableMiddleware = (
  request: NextRequestWithAuth,
  event: MiddlewareEvent,
  ctx?: any,
) => NextMiddlewareResult | Promise<NextMiddlewareResult>

/** nextauth-edge: a handler for `withAuth` to wrap outside Next.js: a Worker's `(request, env, ctx)`, Node. */
export type MiddlewareWithAuth = (request: RequestWithAuth, env?: any, ctx?: any) => Awaitable<NextMiddlewareResult>

/** What `withAuth(options)` and `withAuth(middleware, options)` return: Next.js calls it with `(NextRequest, NextFetchEvent)`, a Worker with `(request, env, ctx)`. */
export type NextMiddleware = (req: any, event?: any, ctx?: any) => Promise<Response | null | undefined | void>

/** withAuth's call forms, as next-auth's `WithAuthArgs`. */
export type WithAuthArgs =
  | [NextRequestWithAuth]
  | [NextRequestWithAuth, MiddlewareEvent]
  | [NextRequestWithAuth, NextAuthMiddlewareOptions<SecretOption>]
  | [NextMiddlewareWithAuth]
  | [NextMiddlewareWithAuth, NextAuthMiddlewareOptions<SecretOption>]
  | [NextAuthMiddlewareOptions<SecretOption>]
  | []

/** A secret, or (nextauth-edge) a list for rotation: the first that opens the token wins. */
export type SecretOption = string | string[]
/** next-auth's is `string | Buffer`; nextauth-edge takes strings (or a list of them). */
export type Secret = SecretOption

/** TypeScript's `NoInfer` (5.4+), spelled for older versions: `secret`'s type comes from the `secret` option, not from a callback's parameter. */
type NoInferSecret<S> = [S][S extends any ? 0 : never]

/** What a `decode` gets: `secret` is the `secret` option (a string unless you pass a list), else `NEXTAUTH_SECRET`. */
export interface JWTDecodeParams<Secret extends SecretOption = SecretOption> {
  token?: string
  secret: Secret
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

/** next-auth's `JWTOptions` (`AuthOptions["jwt"]`); its `decode` is what `jwt.decode` and getToken's `decode` take. */
export interface JWTOptions {
  secret: string
  maxAge: number
  encode: (params: JWTEncodeParams) => Awaitable<string>
  decode: (params: JWTDecodeParams<string>) => Awaitable<JWT | null>
}

/**
 * next-auth's options, plus nextauth-edge's (marked). `Secret` is `string` unless `secret` is a list
 * (withAuth infers it): it is what a custom `jwt.decode` gets as `secret`.
 */
export interface NextAuthMiddlewareOptions<Secret extends SecretOption = string> {
  pages?: { signIn?: string; error?: string; [page: string]: string | undefined }
  cookies?: { sessionToken?: { name?: string } }
  jwt?: { decode?: (params: JWTDecodeParams<NoInferSecret<Secret>>) => Awaitable<JWT | null> }
  callbacks?: {
    /** `null`/`undefined` (nextauth-edge; next-auth's type says `boolean`) mean "is there a token", as next-auth does at runtime. */
    authorized?: (params: { token: JWT | null; req: AuthorizedRequest }) => Awaitable<boolean | null | undefined>
  }
  /** A string, or (nextauth-edge) a list for rotation: the first that opens the token wins. */
  secret?: Secret
  /** nextauth-edge: what a signed-in user refused by `authorized` gets. Default `"redirect"` (next-auth's behaviour). */
  onUnauthorized?: "redirect" | "forbidden" | ((params: { token: JWT | null; req: AuthorizedRequest }) => Awaitable<Response>)
  /** nextauth-edge: force the `__Secure-` cookie prefix choice instead of guessing it from NEXTAUTH_URL / VERCEL. */
  secureCookie?: boolean
  /** nextauth-edge: Next.js `basePath` for runtimes without `req.nextUrl`. */
  basePath?: string
  /** nextauth-edge: log which session cookie is read, and why. */
  debug?: boolean
  /** nextauth-edge: how long an async `authorized`/`jwt.decode`/`onUnauthorized` may stay pending, in ms (default 10000; 0 waits forever). */
  callbackTimeoutMs?: number
}

/** Checks the request itself (a `NextRequest`, or any Fetch `Request`): a redirect/403 `Response`, or `undefined` to continue. */
export function withAuth(): Promise<Response | undefined>
export function withAuth<S extends SecretOption = string>(req: Request, options: NextAuthMiddlewareOptions<S>): Promise<Response | undefined>
export function withAuth(req: Request, event?: unknown): Promise<Response | undefined>
/** Wraps a middleware: it runs (with `req.nextauth.token`) only when `authorized` lets the request through. */
export function withAuth<S extends SecretOption = string>(middleware: WrappableMiddleware, options?: NextAuthMiddlewareOptions<S>): NextMiddleware
export function withAuth<S extends SecretOption = string>(middleware: MiddlewareWithAuth, options?: NextAuthMiddlewareOptions<S>): NextMiddleware
export function withAuth<S extends SecretOption = string>(options: NextAuthMiddlewareOptions<S>): NextMiddleware
export default withAuth

export interface GetTokenParams<R extends boolean = false, Secret extends SecretOption = string> {
  /** A `Request`/`NextRequest`, or Node's `IncomingMessage` (`NextApiRequest`, `getServerSideProps`' `req`). */
  req: Request | { headers: Headers | Record<string, string | string[] | undefined>; cookies?: unknown }
  secret?: Secret
  salt?: string
  cookieName?: string
  secureCookie?: boolean
  raw?: R
  decode?: (params: JWTDecodeParams<NoInferSecret<Secret>>) => Awaitable<JWT | null>
  /** Accepted as next-auth's is; nextauth-edge's getToken does not log. */
  logger?: unknown
}
export function getToken<R extends boolean = false, S extends SecretOption = string>(
  params: GetTokenParams<R, S>,
): Promise<R extends true ? string : JWT | null>
export function decode(params: JWTDecodeParams): Promise<JWT | null>
export function encode(params: JWTEncodeParams): Promise<string>

/** next-auth's default session (before `callbacks.session`). */
export interface DefaultSession extends Record<string, unknown> {
  user?: { name?: string | null; email?: string | null; image?: string | null }
  expires: string
}

/**
 * The session `getServerSession` returns: next-auth's `Session` (with the app's
 * `declare module "next-auth" { interface Session { … } }` augmentations) when next-auth is
 * installed, else `DefaultSession`; augment it directly with `declare module "nextauth-edge"`.
 */
export interface Session extends SessionBase {}
type SessionBase = IfInstalled<NextAuthSession, DefaultSession>

/** What `getServerSession` takes: our `AuthOptions`, or next-auth's own (the object the app's `[...nextauth]` route uses). */
export type ServerSessionOptions = AuthOptions | IfInstalled<NextAuthAuthOptions, never>

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
export function getServerSession(req: RequestLike, res: ResponseLike, options: ServerSessionOptions): Promise<Session | null>
/** Edge form: the session only; use `readSession` to get the Set-Cookie values too. */
export function getServerSession(req: RequestLike, options: ServerSessionOptions): Promise<Session | null>
/** The session and the Set-Cookie values that roll its expiry. */
export function readSession(req: RequestLike, options: ServerSessionOptions): Promise<{ session: Session | null; setCookie: string[] }>
