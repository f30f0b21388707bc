// `nextauth-edge/v5`: next-auth@5's `NextAuth(config)` shape, for middleware.ts / proxy.ts.
// Only `auth` runs here; `handlers`, `signIn`, `signOut` stay with next-auth (they throw here).

/** The request `auth((req) => …)` hands your function: a NextRequest with `auth`. */
export type NextAuthRequest = Request & {
  nextUrl: URL & { clone(): URL };
  auth: Session | null;
};

export interface Session {
  user?: { name?: string | null; email?: string | null; image?: string | null; [key: string]: unknown };
  expires: string;
  [key: string]: unknown;
}

export type JWT = Record<string, unknown>;

type Awaitable<T> = T | Promise<T>;

export interface NextAuthConfig {
  /** Required by next-auth@5 (`[]` in an edge-safe auth.config.ts). */
  providers: unknown[];
  secret?: string | string[];
  basePath?: string;
  trustHost?: boolean;
  useSecureCookies?: boolean;
  pages?: { signIn?: string; [page: string]: string | undefined };
  session?: { strategy?: "jwt"; maxAge?: number; updateAge?: number };
  jwt?: {
    maxAge?: number;
    encode?: (params: { token: JWT; secret: string | string[]; maxAge: number; salt: string }) => Awaitable<string>;
    decode?: (params: { token: string; secret: string | string[]; salt: string }) => Awaitable<JWT | null>;
  };
  cookies?: Partial<Record<"sessionToken" | "callbackUrl" | "csrfToken", { name?: string; options?: { secure?: boolean } }>>;
  callbacks?: {
    authorized?: (params: { request: NextAuthRequest; auth: Session | null }) => Awaitable<boolean | Response | undefined | null>;
    jwt?: (params: { token: JWT; session?: unknown }) => Awaitable<JWT | null>;
    session?: (params: { session: Session; token: JWT }) => Awaitable<Session | Record<string, unknown>>;
    redirect?: (params: { url: string; baseUrl: string }) => Awaitable<string>;
    [callback: string]: unknown;
  };
  events?: { session?: (message: { session: Session; token: JWT }) => Awaitable<void>; [event: string]: unknown };
  [option: string]: unknown;
}

type Middleware = (req: Request, ev?: unknown) => Promise<Response>;
type Wrapped = (req: NextAuthRequest, ev?: unknown) => Awaitable<Response | void | undefined | null>;

export interface AuthMiddleware {
  (req: Request, ev?: unknown): Promise<Response>;
  (handler: Wrapped): Middleware;
}

export interface NextAuthResult {
  /** The middleware / proxy: `export { auth as middleware }`, or `export default auth((req) => …)`. */
  auth: AuthMiddleware;
  /** Throws: route handlers stay with next-auth. */
  handlers: { GET: never; POST: never };
  /** Throws: signIn stays with next-auth. */
  signIn: never;
  /** Throws: signOut stays with next-auth. */
  signOut: never;
  unstable_update: never;
}

export default function NextAuth(config: NextAuthConfig | ((req: Request | undefined) => Awaitable<NextAuthConfig>)): NextAuthResult;
export { NextAuth };
