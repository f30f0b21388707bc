// One v5 scenario through one `NextAuth` (the real next-auth@5 or ours), reduced to a plain,
// comparable observation. Same requests (built by Next 15.5's own middleware adapter), same
// config and callbacks, same environment, same frozen clock for both sides.

import "../differential/edge-globals.mjs";
import { encode as encodeV5, decode as decodeV5 } from "@auth/core/jwt";
import { encode as encodeV4 } from "next-auth/jwt";
import { capturingConsole, envSwitch } from "../common/process-state.mjs";

const { adapter } = await import("next/dist/server/web/adapter.js");

export const SECRETS = {
  auth: "AUTH_SECRET-v5-0123456789abcdef",
  nextauth: "NEXTAUTH_SECRET for v5 tests",
  rotated: "AUTH_SECRET_1 rotated secret",
  config: "config.secret ünïcødé ✓",
  other: "a-completely-different-secret",
};

/** The frozen clock (whole seconds): tokens, `expires` and cookie `Expires` agree on both sides. */
export const NOW = Math.floor(Date.now() / 1000) * 1000;

export const ENV_KEYS = [
  "AUTH_SECRET", "NEXTAUTH_SECRET", "AUTH_SECRET_1", "AUTH_URL", "NEXTAUTH_URL",
  "AUTH_TRUST_HOST", "VERCEL", "CF_PAGES", "NODE_ENV",
];

export const ENVS = {
  "auth-secret": { AUTH_SECRET: SECRETS.auth },
  "nextauth-secret": { NEXTAUTH_SECRET: SECRETS.nextauth },
  "both-secrets": { AUTH_SECRET: SECRETS.auth, NEXTAUTH_SECRET: SECRETS.nextauth },
  "auth-secret+rotation": { AUTH_SECRET: SECRETS.auth, AUTH_SECRET_1: SECRETS.rotated },
  "rotation-only": { AUTH_SECRET_1: SECRETS.rotated },
  "empty-auth-secret+rotation": { AUTH_SECRET: "", AUTH_SECRET_1: SECRETS.rotated },
  "no-secret": {},
  "auth-url": { AUTH_SECRET: SECRETS.auth, AUTH_URL: "https://app.example.com" },
  "nextauth-url-path": { AUTH_SECRET: SECRETS.auth, NEXTAUTH_URL: "http://localhost:3000/custom/auth" },
  production: { AUTH_SECRET: SECRETS.auth, NODE_ENV: "production" },
  "production+trust": { AUTH_SECRET: SECRETS.auth, NODE_ENV: "production", AUTH_TRUST_HOST: "false" },
  "empty-auth-url": { AUTH_SECRET: SECRETS.auth, AUTH_URL: "", AUTH_TRUST_HOST: "1", NODE_ENV: "production" },
};

const { setEnv, restoreEnv } = envSwitch(ENV_KEYS);
export { restoreEnv };

/** The secret list the real Auth.js decodes with for this scenario (for minting and checking). */
export function decodingSecrets(s) {
  const e = ENVS[s.env];
  if (s.config === "config-secret") return [SECRETS.config];
  const current = e.AUTH_SECRET ?? e.NEXTAUTH_SECRET;
  if (current) return [current];
  return [e.AUTH_SECRET_1, e.AUTH_SECRET].filter(Boolean);
}

export function cookieSecure(s) {
  if (s.config === "secure-cookies") return true;
  const e = ENVS[s.env];
  const url = e.AUTH_URL ?? e.NEXTAUTH_URL;
  if (url) return url.startsWith("https:");
  return (s.proto ?? "https") === "https";
}

export function sessionCookieName(s) {
  if (s.config === "custom-cookie") return "my-app.v5-session";
  return `${cookieSecure(s) ? "__Secure-" : ""}authjs.session-token`;
}

const CLAIMS = { sub: "user-ada", name: "Ada Lovelace", email: "ada@example.com", picture: null, role: "admin", nested: { a: [1, "two"] } };

/** The Cookie header for the scenario, with tokens minted by the real @auth/core / next-auth. */
export async function cookieHeader(s) {
  const name = sessionCookieName(s);
  const secrets = decodingSecrets(s);
  const secret = secrets[0] ?? SECRETS.other;
  const now = NOW / 1000;
  const mint = (claims = CLAIMS, sec = secret, maxAge = 3600) =>
    withClock(() => encodeV5({ token: claims, secret: sec, salt: name, maxAge }));
  const parts = [];
  switch (s.cookie) {
    case "none":
      break;
    case "valid":
      parts.push(`${name}=${await mint()}`);
      break;
    case "user-role":
      parts.push(`${name}=${await mint({ ...CLAIMS, role: "user" })}`);
      break;
    case "expired":
      parts.push(`${name}=${await withClock(() => encodeV5({ token: CLAIMS, secret, salt: name, maxAge: -60 }))}`);
      break;
    case "wrong-secret":
      parts.push(`${name}=${await mint(CLAIMS, SECRETS.other)}`);
      break;
    case "tampered": {
      const t = await mint();
      parts.push(`${name}=${t.slice(0, -3)}${t.endsWith("AAA") ? "BBB" : "AAA"}`);
      break;
    }
    case "v4-token":
      parts.push(`${name}=${await withClock(() => encodeV4({ token: CLAIMS, secret, maxAge: 3600 }))}`);
      break;
    case "rotated":
      parts.push(`${name}=${await mint(CLAIMS, SECRETS.rotated)}`);
      break;
    case "chunked": {
      const big = { ...CLAIMS, blob: "x".repeat(5000) };
      const t = await mint(big);
      const size = 4096 - 160;
      for (let i = 0; i * size < t.length; i++) parts.push(`${name}.${i}=${t.slice(i * size, (i + 1) * size)}`);
      break;
    }
    case "valid+callback-path":
      parts.push(`${name}=${await mint()}`, `${cookieSecure(s) ? "__Secure-" : ""}authjs.callback-url=${encodeURIComponent("/after")}`);
      break;
    case "callback-evil":
      parts.push(`${cookieSecure(s) ? "__Secure-" : ""}authjs.callback-url=${encodeURIComponent("https://evil.example/x")}`);
      break;
    case "callback-javascript":
      parts.push(`${name}=${await mint()}`, `${cookieSecure(s) ? "__Secure-" : ""}authjs.callback-url=${encodeURIComponent("javascript:alert(1)")}`);
      break;
    case "empty-value":
      parts.push(`${name}=`);
      break;
    default:
      throw new Error(`unknown cookie ${s.cookie}`);
  }
  void now;
  return parts.join("; ");
}

async function withClock(fn) {
  const saved = Date.now;
  Date.now = () => NOW;
  try {
    return await fn();
  } finally {
    Date.now = saved;
  }
}

export const PATHS = ["/", "/dashboard?tab=a b&x=1", "/api/auth/signin", "/login", "/api/auth/session", "/custom/auth/signin"];

/** The NextRequest exactly as Next.js 15.5's middleware adapter hands it over. */
export async function nextRequest(s, cookie) {
  let captured;
  const headers = { host: "localhost:3000" };
  if (s.proto) headers["x-forwarded-proto"] = s.proto;
  if (cookie) headers.cookie = cookie;
  await adapter({
    page: "/middleware",
    handler: async (req, event) => {
      captured = { req, event };
    },
    request: { url: `http://localhost:3000${s.path}`, headers, method: "GET", nextConfig: { basePath: "", trailingSlash: false } },
  });
  return captured;
}

class CallbackError extends Error {}

function buildConfig(s, rec) {
  const config = { providers: [] };
  switch (s.config) {
    case "config-secret":
      config.secret = SECRETS.config;
      break;
    case "base-path":
      config.basePath = "/custom/auth";
      break;
    case "sign-in-page":
      config.pages = { signIn: "/login" };
      break;
    case "trust-false":
      config.trustHost = false;
      break;
    case "max-age":
      config.session = { maxAge: 3600 };
      break;
    case "secure-cookies":
      config.useSecureCookies = true;
      break;
    case "custom-cookie":
      config.cookies = { sessionToken: { name: "my-app.v5-session" } };
      break;
    case "no-providers":
      delete config.providers;
      break;
  }
  const callbacks = {};
  const answers = {
    true: () => true,
    false: () => false,
    undefined: () => undefined,
    null: () => null,
    "async-false": async () => false,
    "signed-in": ({ auth }) => !!auth,
    "role-admin": ({ auth }) => auth?.user?.role === "admin" || auth?.role === "admin",
    "redirect-abs": ({ request }) => Response.redirect(new URL("/elsewhere", request.nextUrl)),
    "redirect-self-action": ({ request }) => Response.redirect(new URL("/api/auth/signin", request.nextUrl)),
    "redirect-relative": () => new Response(null, { status: 302, headers: { Location: "/relative" } }),
    "response-401": () => new Response("nope", { status: 401, headers: { "x-why": "unauthorized" } }),
    throws: () => {
      throw (rec.thrown = new CallbackError("authorized exploded"));
    },
  };
  if (s.authorized !== "absent") {
    const answer = answers[s.authorized];
    callbacks.authorized = function (params) {
      rec.authorized.push({
        thisIsCallbacks: this === callbacks,
        keys: Object.keys(params).sort(),
        auth: params.auth,
        href: params.request?.nextUrl?.href,
        requestIsReq: params.request === rec.req,
      });
      return answer(params);
    };
  }
  if (s.jwt !== "absent") {
    callbacks.jwt = function (params) {
      const { iat, exp, jti, ...token } = params.token ?? {};
      rec.jwt.push({ keys: Object.keys(params).sort(), token, times: typeof iat === "number" && typeof exp === "number" && typeof jti === "string" });
      if (s.jwt === "add-claim") return { ...params.token, extra: "from-jwt" };
      if (s.jwt === "null") return null;
      if (s.jwt === "throws") throw new CallbackError("jwt exploded");
      return params.token;
    };
  }
  if (s.session !== "absent") {
    callbacks.session = function (params) {
      rec.session.push({ keys: Object.keys(params).sort(), session: params.session, tokenSub: params.token?.sub });
      if (s.session === "add-field") return { ...params.session, user: { ...params.session.user, id: params.token.sub }, extra: 1 };
      if (s.session === "null") return null;
      if (s.session === "no-user") return { expires: params.session.expires, only: "this" };
    };
  }
  if (Object.keys(callbacks).length) config.callbacks = callbacks;
  return config;
}

/** `fn` with the console captured and the clock frozen at `NOW`. */
function capturing(fn) {
  return capturingConsole(async () => {
    const savedNow = Date.now;
    Date.now = () => NOW;
    try {
      return await fn();
    } finally {
      Date.now = savedNow;
    }
  });
}

/** Runs scenario `s` through `NextAuth` and returns the observation. Sequential use only. */
const COOKIES = new Map();

export async function runScenario(NextAuth, s) {
  // Minted once per scenario: both sides read byte-identical cookies (same jti).
  if (!COOKIES.has(s.id)) COOKIES.set(s.id, await cookieHeader(s));
  const cookie = COOKIES.get(s.id);
  const { req, event } = await nextRequest(s, cookie);
  const rec = { req, authorized: [], jwt: [], session: [], wrapped: [] };
  const config = buildConfig(s, rec);
  let outcome;
  const { logs } = await capturing(async () => {
    setEnv(ENVS[s.env]);
    try {
      let auth;
      const lazy = s.form.startsWith("lazy");
      try {
        ({ auth } = NextAuth(lazy ? async () => config : config));
      } catch (error) {
        outcome = { threwAtCreation: true, error };
        return;
      }
      const wrappedFn = async (...args) => {
        rec.wrapped.push({ argCount: args.length, auth: args[0]?.auth, evIsEvent: args[1] === event });
        if (s.wrapped === "response") return new Response("from wrapped", { status: 203, headers: { "x-from": "wrapped" } });
        if (s.wrapped === "throws") throw (rec.thrown = new CallbackError("wrapped exploded"));
        return undefined;
      };
      let promise;
      if (s.form.endsWith("wrapped")) {
        const handler = auth(wrappedFn);
        if (typeof handler !== "function") {
          outcome = { wrapperNotAFunction: typeof handler?.then === "function" ? "a Promise" : typeof handler };
          return;
        }
        promise = handler(req, event);
      } else promise = auth(req, event);
      try {
        outcome = { value: await promise };
      } catch (error) {
        outcome = { rejected: true, error };
      }
    } finally {
      restoreEnv();
    }
  });
  return observe(s, outcome, rec, logs);
}

/** A Set-Cookie value as name, value kind and attributes; session tokens decoded. */
async function describeCookies(s, list) {
  const out = [];
  const sessionParts = [];
  for (const c of list) {
    const [pair, ...attrs] = c.split("; ");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    let value = pair.slice(eq + 1);
    if (/csrf-token$/.test(name)) value = /^[0-9a-f]{64}%7C[0-9a-f]{64}$/.test(value) ? "<csrf>" : `<bad csrf ${value}>`;
    else if (value && (name === sessionCookieName(s) || name.startsWith(`${sessionCookieName(s)}.`))) {
      sessionParts.push(value);
      value = `<token ${value.length > 3936 ? "over-chunk" : "part"}>`;
    }
    out.push({ name, value, attrs });
  }
  let token = null;
  if (sessionParts.length) {
    try {
      const payload = await withClock(() => decodeV5({ token: sessionParts.join(""), secret: decodingSecrets(s), salt: sessionCookieName(s) }));
      const { iat, exp, jti, ...rest } = payload;
      // exp comes from Date.now() (frozen); jose's iat from `new Date()` (the real clock).
      token = { claims: rest, expIn: exp - NOW / 1000, iat: typeof iat, jti: typeof jti };
    } catch (error) {
      token = { undecodable: String(error) };
    }
  }
  return { cookies: out, token };
}

async function observe(s, outcome, rec, logs) {
  const obs = {};
  if (outcome.wrapperNotAFunction) {
    obs.result = `auth(fn) returned ${outcome.wrapperNotAFunction}, not a function`;
  } else if (outcome.threwAtCreation) {
    obs.result = "threw-at-creation";
    obs.error = outcome.error?.constructor?.name;
  } else if (outcome.rejected) {
    obs.result = "rejected";
    obs.errorIsCallbackError = outcome.error === rec.thrown && rec.thrown !== undefined;
    if (!obs.errorIsCallbackError) obs.error = outcome.error?.constructor?.name;
  } else {
    const v = outcome.value;
    if (!(v instanceof Response)) {
      obs.result = `not a Response: ${String(v)}`;
    } else {
      obs.result = "response";
      obs.status = v.status;
      obs.headers = [...v.headers].filter(([k]) => k !== "set-cookie").sort(([a], [b]) => (a < b ? -1 : 1));
      obs.body = v.body ? await v.text() : null;
      Object.assign(obs, await describeCookies(s, v.headers.getSetCookie()));
    }
  }
  obs.authorized = rec.authorized;
  obs.jwt = rec.jwt;
  obs.session = rec.session;
  obs.wrapped = rec.wrapped;
  obs.errors = logs
    .filter((l) => l.level === "error")
    .map((l) => /\[auth\]\[error\](?:\x1b\[0m)?\s+(\w+)/.exec(l.text)?.[1])
    .filter(Boolean);
  Object.defineProperty(obs, "logs", { value: logs, enumerable: false });
  return obs;
}
