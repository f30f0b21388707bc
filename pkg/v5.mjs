// `nextauth-edge/v5`: next-auth@5's `NextAuth(config)` for middleware.ts / Next 16 proxy.ts.
// `auth` is the middleware: `export { auth as middleware }` (or `as proxy`), or
// `export default auth((req) => …)` with `req.auth`. The route handlers, signIn and signOut stay
// with next-auth: export them from auth.ts (`import NextAuth from "next-auth"`) and share one
// auth.config.ts between auth.ts and middleware.ts.
//
// This file is glue: it calls your callbacks and builds the Responses, in next-auth@5's order.
// Every rule (env, secrets, cookie names, CSRF, decode, re-encode, chunking, what `authorized`'s
// answer does) is decided in the wasm module's AuthjsCore (src/wasm/v5.rs, src/v5).
// `#nextauth-edge` is this package's runtime entry (package.json "imports": edge, workerd, node…).
import { AuthjsCore } from "#nextauth-edge";

const ROUTE_ONLY =
  "stays with next-auth: nextauth-edge/v5 replaces only `auth` as middleware/proxy. Export it from " +
  'auth.ts built with `import NextAuth from "next-auth"` and the shared auth.config.ts.';
const NOT_MIDDLEWARE =
  "nextauth-edge/v5: `auth` here is the middleware / proxy: call it as `auth(req, ev)` " +
  "(export { auth as middleware }) or `auth((req) => …)`. For `await auth()` in Server Components " +
  "and route handlers on Node, use next-auth's own `auth`.";

const env = () => globalThis.process?.env ?? {};
const envUrl = () => {
  const e = env();
  return e.AUTH_URL ?? e.NEXTAUTH_URL;
};

/** `new URL(url).origin`, the last answer kept (the env URL rarely changes; this throws like
 * next-auth's own parse when it is invalid). */
let lastOrigin = [undefined, undefined];
function originOf(url) {
  if (lastOrigin[0] !== url) lastOrigin = [url, new URL(url).origin];
  return lastOrigin[1];
}

/** next-auth@5's setEnvDefaults, as NextAuth(config) runs it (once; per request when lazy). */
function prepare(config) {
  // next-auth@5 maps `config.providers` here: without an array it throws this TypeError too.
  if (!Array.isArray(config?.providers)) {
    throw new TypeError(
      "nextauth-edge/v5: config.providers must be an array (next-auth@5 throws on it too): put " +
        "`providers: []` in auth.config.ts and the real providers in auth.ts",
    );
  }
  let pathname;
  try {
    const url = envUrl();
    if (url) pathname = new URL(url).pathname;
  } catch {}
  return { config, core: new AuthjsCore(config, env(), pathname) };
}

function logError(text) {
  console.error(`[auth][error] ${text}`);
}

/** @auth/core's Auth() for the `session` action: `{ auth, cookies }`. */
async function getSession(req, { config, core }) {
  const headers = req.headers;
  const url = envUrl();
  let origin;
  if (url) origin = originOf(url);
  else {
    const host = headers.get("x-forwarded-host") ?? headers.get("host");
    const proto = headers.get("x-forwarded-proto") ?? "https";
    origin = new URL(`${proto.endsWith(":") ? proto : `${proto}:`}//${host}`).origin;
  }
  const cookie = headers.get("cookie") ?? undefined;
  const [error, secure, , callbackCookie, csrf] = core.prelude(cookie, origin);
  if (error) {
    logError(error);
    return { auth: null, cookies: [] };
  }
  const callbacks = config.callbacks ?? {};
  const cookies = [];
  if (callbackCookie !== undefined) {
    let valid = false;
    try {
      valid = /^https?:/.test(new URL(callbackCookie, callbackCookie.startsWith("/") ? origin : undefined).protocol);
    } catch {}
    if (!valid) {
      logError(`InvalidCallbackUrl: Invalid callback URL. Received: ${callbackCookie}`);
      return { auth: null, cookies: [] };
    }
  }
  if (csrf) cookies.push(csrf);
  let callbackUrl = origin;
  if (callbackCookie !== undefined) {
    try {
      if (callbacks.redirect) callbackUrl = await callbacks.redirect({ url: callbackCookie, baseUrl: origin });
      else {
        // @auth/core's default callbacks.redirect: a path joins the base URL, a URL of the same
        // origin is kept, anything else becomes the base URL.
        if (callbackCookie.startsWith("/")) callbackUrl = `${origin}${callbackCookie}`;
        else callbackUrl = new URL(callbackCookie).origin === origin ? callbackCookie : origin;
      }
    } catch (e) {
      logError(`${e?.name ?? "Error"}: ${e?.message}`);
      return { auth: null, cookies: [] };
    }
  }
  if (callbackUrl !== callbackCookie) cookies.push(core.callbackSetCookie(callbackUrl, secure));

  const raw = core.rawToken(cookie, secure);
  if (raw === undefined) return { auth: null, cookies };
  const jwt = config.jwt ?? {};
  const now = Date.now();
  try {
    let token;
    let tokenJson;
    if (jwt.decode) {
      token = await jwt.decode({ secret: core.secret, maxAge: core.jwtMaxAge, ...jwt, token: raw, salt: nameOf(core, secure) });
      if (!token) throw new Error("Invalid JWT");
    } else {
      tokenJson = core.decode(raw, secure, now);
    }
    if (callbacks.jwt) {
      token = await callbacks.jwt({ token: token ?? JSON.parse(tokenJson), session: undefined });
      tokenJson = undefined;
      if (token === null) return { auth: null, cookies: cookies.concat(core.clean(cookie, secure)) };
    }
    // The session is only parsed when someone looks at it (authorized, a wrapped function).
    const expires = new Date(now + core.sessionMaxAge * 1000);
    let session;
    const sessionOf = (t) => {
      const base = { user: { name: t.name, email: t.email, image: t.picture }, expires: expires.toISOString() };
      return base;
    };
    if (callbacks.session || events(config)) {
      token ??= JSON.parse(tokenJson);
      const base = sessionOf(token);
      const custom = callbacks.session ? await callbacks.session({ session: base, token }) : undefined;
      session = { user: token, ...(custom ?? { ...base, expires: base.expires }) };
    } else if (token) {
      session = sessionOf(token);
    }
    let setCookies;
    if (jwt.encode) {
      token ??= JSON.parse(tokenJson);
      const encoded = await jwt.encode({ secret: core.secret, maxAge: core.jwtMaxAge, ...jwt, token, salt: nameOf(core, secure) });
      setCookies = core.chunk(encoded, cookie, secure, now);
    } else {
      setCookies = core.issue(tokenJson ?? JSON.stringify(token), cookie, secure, now);
    }
    const onSession = events(config);
    if (onSession) {
      try {
        await onSession({ session, token });
      } catch (e) {
        logError(`EventError: ${e?.message}`);
      }
    }
    const auth = session === undefined ? lazyDefault(tokenJson, expires) : json(session);
    return { auth, cookies: cookies.concat(setCookies) };
  } catch (e) {
    logError(`JWTSessionError: ${e?.message ?? e}`);
    return { auth: null, cookies: cookies.concat(core.clean(cookie, secure)) };
  }
}

const events = (config) => config.events?.session;
const nameOf = (core, secure) => core.sessionCookieName(secure);

/** `response.json()` of the session body: a JSON round trip, or null. */
function json(value) {
  const text = JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

/** The default session of an untouched token, built only when read. */
function lazyDefault(tokenJson, expires) {
  return {
    lazy: true,
    get value() {
      const t = JSON.parse(tokenJson);
      return json({ user: { name: t.name, email: t.email, image: t.picture }, expires: expires.toISOString() });
    },
  };
}

const valueOf = (auth) => (auth && auth.lazy === true ? auth.value : auth);

/** NextRequest, found from the request without importing next/server: the class right below
 * Request in its chain (Next hands middleware a subclass, NextRequestHint). */
function nextRequestClass(req) {
  let C = req.constructor;
  while (C && Object.getPrototypeOf(C) !== Request && Object.getPrototypeOf(C) !== Function.prototype) C = Object.getPrototypeOf(C);
  return C && Object.getPrototypeOf(C) === Request ? C : req.constructor;
}

function nextResponse() {
  return new Response(null, { headers: { "x-middleware-next": "1" } });
}

/** next-auth@5's handleAuth. */
async function handleAuth(req, ev, prepared, wrapped) {
  const { config, core } = prepared;
  const url = envUrl();
  // reqWithEnvURL: a new NextRequest with the env URL's origin.
  let request = req;
  if (url) {
    const envOrigin = originOf(url);
    if (config.callbacks?.authorized || wrapped) {
      const { href, origin } = req.nextUrl;
      request = new (nextRequestClass(req))(href.replace(origin, envOrigin), req);
    }
  }
  const session = await getSession(req, prepared);
  const authorized = config.callbacks?.authorized;
  const needsAuth = authorized || wrapped;
  const auth = needsAuth ? valueOf(session.auth) : null;
  let answer = 0;
  let value;
  if (authorized) {
    value = await authorized.call(config.callbacks, { request, auth });
    answer = value instanceof Response ? 1 : value ? 3 : 2;
  }
  let response;
  let ours = true;
  switch (core.outcome(answer, !!wrapped, needsAuth ? request.nextUrl.pathname : "")) {
    case 1: {
      const location = value.headers.get("Location");
      // next-auth@5's loop guard parses it: a relative Location throws there too.
      if (location) new URL(location);
      response = value;
      ours = false;
      break;
    }
    case 2:
      request.auth = auth;
      response = await wrapped(request, ev);
      ours = response == null;
      if (ours) response = nextResponse();
      break;
    case 3: {
      const signInUrl = request.nextUrl.clone();
      signInUrl.pathname = core.signInPage;
      signInUrl.searchParams.set("callbackUrl", request.nextUrl.href);
      response = new Response(null, { status: 307, headers: { Location: new URL(String(signInUrl)).toString() } });
      break;
    }
    default:
      response = nextResponse();
  }
  // next-auth@5 answers `new Response(response?.body, response)` plus the Auth() cookies.
  const final = ours ? response : new Response(response?.body, response);
  for (const c of session.cookies) final.headers.append("set-cookie", c);
  return final;
}

function initAuth(source) {
  const lazy = typeof source === "function";
  const ready = lazy ? undefined : prepare(source);
  const configFor = async (req) => (lazy ? prepare(await source(req)) : ready);
  return (...args) => {
    if (args[0] instanceof Request) {
      const [req, ev] = args;
      return configFor(req).then((prepared) => handleAuth(req, ev, prepared));
    }
    if (typeof args[0] === "function") {
      const wrapped = args[0];
      return async (...args) => handleAuth(args[0], args[1], await configFor(args[0]), wrapped);
    }
    return Promise.reject(new Error(NOT_MIDDLEWARE));
  };
}

function notHere(name) {
  return () => {
    throw new Error(`nextauth-edge/v5: ${name} ${ROUTE_ONLY}`);
  };
}

export default function NextAuth(config) {
  return {
    auth: initAuth(config),
    handlers: { GET: notHere("handlers.GET"), POST: notHere("handlers.POST") },
    signIn: notHere("signIn"),
    signOut: notHere("signOut"),
    unstable_update: notHere("unstable_update"),
  };
}

export { NextAuth };
