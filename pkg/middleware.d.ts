// `nextauth-edge/middleware`: `withAuth` alone, as `next-auth/middleware` exports it (with the
// types a middleware file names), over a module built without the rest of the API: a cold start
// compiles less. The declarations are the package's own (index.d.ts), so an app's augmentation of
// `JWT` (`declare module "nextauth-edge"` or `"next-auth/jwt"`) types this entry too.
export { withAuth, withAuth as default } from "./index.js"
export type {
  AuthorizedRequest,
  DefaultJWT,
  JWT,
  JWTDecodeParams,
  JWTOptions,
  MiddlewareEvent,
  MiddlewareWithAuth,
  NextAuthMiddlewareOptions,
  NextMiddleware,
  NextMiddlewareWithAuth,
  NextRequestLike,
  NextRequestWithAuth,
  NextURLParts,
  RequestWithAuth,
  Secret,
  SecretOption,
  WithAuthArgs,
} from "./index.js"
