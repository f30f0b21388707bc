// One scenario through one `withAuth` implementation, reduced to a plain, comparable observation.
// Shared by both runners (next-auth's and ours): same request construction, same options, same
// callbacks, same environment handling — only the `withAuth` function differs.

import "./edge-globals.mjs";
import {
  envFor,
  optionsSecret,
  pagesFor,
  requestHeaders,
  requestUrl,
  CUSTOM_COOKIE_NAME,
  AUTHJS_COOKIE_NAME,
  SECRETS,
} from "./materials.mjs";
import { FORMS } from "./scenarios.mjs";
import { decode as decodeV5 } from "@auth/core/jwt";
import { capturingConsole, envSwitch } from "../common/process-state.mjs";

const { adapter } = await import("next/dist/server/web/adapter.js");
const { NextRequest } = await import("next/server.js");

export const ENV_KEYS = ["NEXTAUTH_SECRET", "AUTH_SECRET", "AUTH_SECRET_1", "NEXTAUTH_URL", "VERCEL"];

/** Set while the factory forms build their handler: call-time reading must ignore it. */
export const DECOY_ENV = {
  NEXTAUTH_SECRET: "decoy-secret-set-at-creation-time",
  AUTH_SECRET: "decoy-auth-secret-set-at-creation-time",
  AUTH_SECRET_1: "decoy-auth-secret-1-set-at-creation-time",
  NEXTAUTH_URL: "https://decoy.invalid/decoy/auth",
  VERCEL: "1",
};

const { setEnv, restoreEnv } = envSwitch(ENV_KEYS);
export { restoreEnv };

/**
 * The request and event exactly as Next.js 15.5 hands them to middleware: we run Next's own
 * edge `adapter()` (what `middleware.ts` is wrapped in at build time) with the full URL (basePath
 * included) and `nextConfig.basePath`, and capture what it passes to the handler. That strips
 * the basePath from `req.nextUrl.pathname`, sets `req.nextUrl.basePath`, normalises 127.0.0.1 to
 * localhost and re-serialises the query string (`two words` → `two+words`), as at runtime.
 */
export async function nextRequest(s, m) {
  let captured;
  await adapter({
    page: "/middleware",
    handler: async (req, event) => {
      captured = { req, event };
    },
    request: {
      url: requestUrl(s),
      headers: requestHeaders(s, m),
      method: "GET",
      nextConfig: { basePath: s.basePath, trailingSlash: false },
    },
  });
  if (!(captured?.req instanceof NextRequest)) throw new Error("Next's adapter did not hand over a NextRequest");
  return captured;
}

class CallbackError extends Error {}

/** Builds options + callbacks for the scenario; every callback records what it saw in `rec`. */
function buildOptions(s, m, rec) {
  if (!FORMS[s.form].options) return undefined;
  const options = {};
  if (s.pages === "custom") options.pages = { ...pagesFor(s) };
  const secret = optionsSecret(s);
  if (secret !== undefined) options.secret = secret;
  if (s.cookieName === "custom") options.cookies = { sessionToken: { name: CUSTOM_COOKIE_NAME } };
  if (s.authorized !== "absent") {
    const answers = {
      true: () => true,
      false: () => false,
      null: () => null,
      undefined: () => undefined,
      "async-true": async () => true,
      "async-false": async () => false,
      throws: () => {
        throw (rec.thrown = new CallbackError("authorized callback exploded"));
      },
      "role-admin": ({ token }) => token?.role === "admin",
      "truthy-string": () => "yes",
      zero: () => 0,
      "thenable-false": () => ({ then: (resolve) => resolve(false) }),
    };
    const answer = answers[s.authorized];
    options.callbacks = {
      authorized(params) {
        rec.authorized.push({
          thisIsCallbacks: this === options.callbacks,
          argCount: arguments.length,
          keys: Object.keys(params).sort(),
          reqIsRequest: params.req === rec.req,
          token: params.token,
        });
        rec.authorizedTokens.push(params.token);
        return answer(params);
      },
    };
  }
  if (s.quirk === "secret-array") options.secret = [SECRETS.other, m.secret];
  if (s.quirk === "secret-empty-string") options.secret = "";
  // Replay target for `auth-secret-rotation`: next-auth told the rotated secret directly.
  if (s.quirk === "rotation-as-options-secret") options.secret = SECRETS.rotated;
  if (s.quirk === "signin-absolute-url") options.pages = { ...options.pages, signIn: "https://auth.example.com/login" };
  if (s.quirk.startsWith("authjs-name-")) options.cookies = { sessionToken: { name: AUTHJS_COOKIE_NAME } };
  if (s.quirk === "secret-number") options.secret = 12345;
  if (s.quirk === "signin-no-slash") options.pages = { ...options.pages, signIn: "login" };
  if (s.quirk === "signin-empty") options.pages = { ...options.pages, signIn: "" };
  if (s.decode === "as-authjs-v5") {
    // Replay target for the `authjs-v5-cookie` difference: next-auth reading v5 cookies the way
    // Auth.js itself does. Not recorded: it stands in for our built-in decoder.
    options.jwt = { decode: ({ token, secret }) => decodeV5({ token, secret, salt: m.cookieName }) };
  } else if (s.decode !== "builtin") {
    options.jwt = {
      decode(params) {
        rec.decode.push({
          thisIsJwt: this === options.jwt,
          thisIsUndefined: this === undefined,
          argCount: arguments.length,
          keys: Object.keys(params).sort(),
          token: params.token,
          secret: params.secret,
        });
        switch (s.decode) {
          case "custom-echo":
            return Promise.resolve({ decodedBy: "custom", raw: params.token, secretUsed: params.secret, role: "admin" });
          case "custom-throws":
            throw new CallbackError("decode exploded");
          case "custom-async-null":
            return Promise.resolve(null);
        }
      },
    };
  }
  return options;
}

function buildMiddleware(s, rec) {
  return async function middleware(...args) {
    const req = args[0];
    rec.middleware.push({
      argCount: args.length,
      reqIsRequest: req === rec.req,
      evIsEvent: args[1] === rec.event,
      extraIsExtra: args.length > 2 ? args[2] === rec.extra : null,
      moreIsMore: args.length > 3 ? args[3] === rec.more : null,
      thisIsUndefined: this === undefined,
      nextauthKeys: req?.nextauth ? Object.keys(req.nextauth).sort() : null,
      token: req?.nextauth?.token,
    });
    rec.middlewareTokens.push(req?.nextauth?.token);
    switch (s.mwReturn) {
      case "undefined":
        return undefined;
      case "response":
        return (rec.mwResponse = new Response("from the wrapped middleware", { status: 203, headers: { "x-from-middleware": "yes" } }));
      case "sentinel":
        return (rec.sentinel = Object.freeze({ sentinel: "returned by the wrapped middleware" }));
      case "throws":
        throw (rec.thrown = new CallbackError("middleware exploded"));
    }
  };
}

/**
 * Runs scenario `s` (materials `m`) through `withAuth` and returns the observation.
 * Sequential use only: it sets and restores `process.env` and `console`.
 */
export async function runScenario(withAuth, s, m) {
  const next = await nextRequest(s, m);
  const event = next.event;
  let req = next.req;
  if (s.quirk === "plain-request") {
    const { host, ...headers } = requestHeaders(s, m);
    req = new Request(requestUrl(s), { headers });
  }
  const rec = {
    req,
    event,
    extra: { extra: "third argument" },
    more: { more: "fourth argument" },
    authorized: [],
    authorizedTokens: [],
    decode: [],
    middleware: [],
    middlewareTokens: [],
  };
  const options = buildOptions(s, m, rec);
  const middleware = buildMiddleware(s, rec);
  const f = FORMS[s.form];

  let outcome;
  const { logs } = await capturingConsole(async () => {
    try {
      let handler;
      if (f.factory) {
        // Build the handler under a decoy environment: next-auth reads env at call time.
        setEnv(DECOY_ENV);
        // quirk options-filled-after-creation: hand over an empty object, fill it in later.
        const given = s.quirk === "options-filled-after-creation" ? {} : options;
        try {
          if (s.form === "mw") handler = withAuth(middleware);
          else if (s.form === "mw-options") handler = withAuth(middleware, given);
          else handler = withAuth(given);
        } catch (error) {
          outcome = { threwAtCreation: true, error };
          return;
        }
        if (given !== options) Object.assign(given, options);
      }
      setEnv(envFor(s));
      let promise;
      try {
        switch (s.form) {
          case "req":
            promise = withAuth(req);
            break;
          case "req-event":
            promise = withAuth(req, event);
            break;
          case "req-options":
            promise = withAuth(req, options);
            break;
          default:
            if (typeof handler !== "function") {
              outcome = { creationReturned: typeof handler };
              return;
            }
            if (s.invokeArgs === "req") promise = handler(req);
            else if (s.invokeArgs === "req,ev") promise = handler(req, event);
            else if (s.invokeArgs === "req,ev,extra") promise = handler(req, event, rec.extra);
            else promise = handler(req, event, rec.extra, rec.more);
        }
      } catch (error) {
        outcome = { threwSynchronously: true, error };
        return;
      }
      const returnedPromise = typeof promise?.then === "function";
      try {
        outcome = { returnedPromise, value: await promise };
      } catch (error) {
        outcome = { returnedPromise, rejected: true, error };
      }
    } finally {
      restoreEnv();
    }
  });
  return observe(outcome, rec, logs);
}

function describeResponse(res) {
  return {
    status: res.status,
    location: res.headers.get("location"),
    headers: [...res.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

function observe(outcome, rec, logs) {
  const obs = {};
  if (outcome.threwAtCreation || outcome.threwSynchronously) {
    obs.result = outcome.threwAtCreation ? "threw-at-creation" : "threw-synchronously";
    obs.errorIsCallbackError = outcome.error === rec.thrown && rec.thrown !== undefined;
  } else if ("creationReturned" in outcome) {
    obs.result = `withAuth returned ${outcome.creationReturned}, not a function`;
  } else {
    obs.returnedPromise = outcome.returnedPromise;
    const v = outcome.value;
    if (outcome.rejected) {
      obs.result = "rejected";
      obs.errorIsCallbackError = outcome.error === rec.thrown && rec.thrown !== undefined;
    } else if (v === undefined) obs.result = "continue";
    else if (v === rec.mwResponse && v !== undefined) obs.result = "middleware-response";
    else if (v === rec.sentinel && v !== undefined) obs.result = "middleware-sentinel";
    else if (v instanceof Response) {
      obs.result = "response";
      Object.assign(obs, describeResponse(v));
    } else {
      obs.result = "other";
      obs.value = String(v);
    }
  }
  obs.authorized = rec.authorized;
  obs.decode = rec.decode;
  obs.middleware = rec.middleware;
  const a = rec.authorizedTokens[0];
  const w = rec.middlewareTokens[0];
  obs.authorizedAndMiddlewareSawSameTokenObject = a !== undefined && w !== undefined && a !== null ? a === w : null;
  obs.loggedNoSecret = logs.some((l) => l.level === "error" && l.text.includes("[next-auth][error][NO_SECRET]") && l.text.includes("https://next-auth.js.org/errors#no_secret"));
  // Informational only (not compared): other log lines.
  Object.defineProperty(obs, "logs", { value: logs, enumerable: false });
  return obs;
}
