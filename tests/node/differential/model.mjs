// An independent model of next-auth v4's `withAuth`, written from BEHAVIOUR.md §1–3 and the
// cookie kinds' intent, NOT from running next-auth. Used only to sanity-check next-auth's own
// answers (and so the generator, materials and harness) — the differential test never needs it.

import { envFor, optionsSecret, pagesFor, requestPath } from "./materials.mjs";
import { FORMS } from "./scenarios.mjs";

/** What kind of token a callback saw. */
export function tokenClass(token) {
  if (token === undefined) return "undefined";
  if (token === null) return null;
  if (token.decodedBy === "custom") return "custom";
  return { "user-ada": "cookie", "user-big": "big", "bearer-bob": "bearer", "user-stale": "stale" }[token.sub] ?? "other";
}

/** parseUrl(NEXTAUTH_URL).path; throws (TypeError: Invalid URL) for "" and for junk. */
function authPathOf(nextauthUrl) {
  if (nextauthUrl === undefined) return "/api/auth";
  if (nextauthUrl === "") return new URL(""); // `url ?? default` keeps "", then new URL("") throws
  const url = nextauthUrl.startsWith("http") ? nextauthUrl : `https://${nextauthUrl}`;
  const p = new URL(url).pathname;
  return (p === "/" ? "/api/auth" : p).replace(/\/$/, "");
}

/** The URL parts Next.js gives middleware (basePath stripped, query form-re-serialised). */
export function modelUrl(s) {
  const u = new URL(`${s.origin.replace("127.0.0.1", "localhost")}${s.basePath}${requestPath(s)}`);
  let pathname = u.pathname;
  let basePath = "";
  if (s.basePath && (pathname === s.basePath || pathname.startsWith(`${s.basePath}/`))) {
    basePath = s.basePath;
    pathname = pathname.slice(s.basePath.length) || "/";
  }
  const query = new URLSearchParams(u.search).toString();
  return { origin: u.origin, basePath, pathname, search: query ? `?${query}` : "" };
}

/** { raw: "absent" | "present", decodes: token class when decoded with the right secret }. */
function cookieValue(s, m) {
  const good = { raw: "present", decodes: "cookie" };
  const bad = { raw: "present", decodes: null };
  const absent = { raw: "absent", decodes: null };
  switch (s.cookie) {
    case "none":
    case "bad-percent": // badly encoded values are dropped by the cookie parser
    case "empty-value": // "" is no value: Bearer fallback
      return absent;
    case "valid":
    case "expired-within-skew": // inside the 15 s clock tolerance
    case "chunked-3":
    case "chunked-12-shuffled": // numeric sort of the suffixes
    case "percent-encoded": // cookie values are percent-decoded
    case "duplicate-last-valid": // last duplicate wins
    case "duplicate-last-bad": // the badly encoded duplicate is dropped
    case "lookalike-only": // next-auth joins every cookie whose name starts with the name
      return good;
    case "chunked-real":
      return { raw: "present", decodes: "big" };
    case "expired":
    case "tampered":
    case "wrong-secret":
    case "stale-unsuffixed+chunks": // next-auth concatenates the stale cookie with the chunks
    case "valid+lookalike": // … and the look-alike with the real one
    case "duplicate-first-valid":
    case "no-equals": // value "true"
      return bad;
    case "secure-prefixed":
      return m.cookieName === "__Secure-next-auth.session-token" ? good : absent;
    case "plain-name":
      return m.cookieName === "next-auth.session-token" ? good : absent;
    default:
      throw new Error(`model: unknown cookie kind ${s.cookie}`);
  }
}

/** The model's prediction for scenario `s`. */
export function predict(s, m) {
  const env = envFor(s);
  const pages = pagesFor(s);
  const f = FORMS[s.form];
  const { origin, basePath, pathname, search } = modelUrl(s);
  const none = { middlewareRan: false, authorizedCalled: false, decodeCalled: false, token: "undefined", loggedNoSecret: false };

  let authPath;
  try {
    authPath = authPathOf(env.NEXTAUTH_URL);
  } catch {
    return { ...none, result: "rejected", why: "NEXTAUTH_URL is not a URL" };
  }
  if (
    `${basePath}${pathname}`.startsWith(authPath) ||
    pathname === pages.signIn ||
    pathname === pages.error ||
    pathname.startsWith("/_next") ||
    pathname.startsWith("/favicon.ico")
  ) {
    return { ...none, result: "continue", why: "public path" };
  }

  const secret = optionsSecret(s) ?? env.NEXTAUTH_SECRET ?? env.AUTH_SECRET;
  if (!secret) {
    const url = new URL(`${basePath}${pages.error}`, origin);
    url.searchParams.append("error", "Configuration");
    return { ...none, result: "response", status: 307, location: url.href, loggedNoSecret: true, why: "no secret" };
  }

  // The raw token string: cookie first, then (only without a cookie value) a Bearer header.
  let raw;
  let decodes;
  const c = cookieValue(s, m);
  if (c.raw === "present") {
    raw = "present";
    decodes = c.decodes;
  } else {
    switch (s.bearer) {
      case "valid":
      case "pct-encoded":
        raw = "present";
        decodes = "bearer";
        break;
      case "garbage":
        raw = "present";
        decodes = null;
        break;
      default: // none, lowercase scheme, malformed percent-encoding (null at once), two spaces ("" token)
        raw = "absent";
        decodes = null;
    }
  }
  let token;
  if (raw === "absent") token = null;
  else if (s.decode === "builtin") token = decodes;
  else token = s.decode === "custom-echo" ? "custom" : null;
  const decodeCalled = raw === "present" && s.decode !== "builtin";

  const role = { cookie: "admin", big: "admin", bearer: "user", custom: "admin", stale: "admin" }[token];
  let allowed;
  switch (s.authorized) {
    case "true":
    case "async-true":
    case "truthy-string":
      allowed = true;
      break;
    case "false":
    case "async-false":
    case "zero": // `0 ?? !!token` is 0
    case "thenable-false":
      allowed = false;
      break;
    case "throws":
      return { ...none, decodeCalled, authorizedCalled: true, token, result: "rejected", why: "authorized threw" };
    case "role-admin":
      allowed = role === "admin";
      break;
    default: // absent, null, undefined → !!token
      allowed = token !== null;
  }
  const seen = { decodeCalled, authorizedCalled: s.authorized !== "absent", token, loggedNoSecret: false };
  if (allowed) {
    if (!f.middleware) return { ...seen, middlewareRan: false, result: "continue", why: "authorized" };
    const result = { undefined: "continue", response: "middleware-response", sentinel: "middleware-sentinel", throws: "rejected" }[s.mwReturn];
    return { ...seen, middlewareRan: true, result, why: "authorized → middleware" };
  }
  const url = new URL(`${basePath}${pages.signIn}`, origin);
  url.searchParams.append("callbackUrl", `${basePath}${pathname}${search}`);
  return { ...seen, middlewareRan: false, result: "response", status: 307, location: url.href, why: "not authorized" };
}

/** The same fields, read off an actual observation. */
export function summarize(obs) {
  const token = obs.authorized.length ? obs.authorized[0].token : obs.middleware.length ? obs.middleware[0].token : undefined;
  const out = {
    middlewareRan: obs.middleware.length > 0,
    authorizedCalled: obs.authorized.length > 0,
    decodeCalled: obs.decode.length > 0,
    token: tokenClass(token),
    loggedNoSecret: obs.loggedNoSecret,
    result: obs.result,
  };
  if (obs.result === "response") {
    out.status = obs.status;
    out.location = obs.location;
  }
  return out;
}

/** Scenarios the model covers: the documented API (no quirks). */
export function modelled(s) {
  return s.quirk === "none";
}

/** Differences between the model's prediction and an observation ([] = consistent). */
export function checkAgainstModel(s, m, obs) {
  if (!modelled(s)) return [];
  const { why, ...expected } = predict(s, m);
  const actual = summarize(obs);
  // Without an authorized callback or a middleware the token is not observable.
  if (!expected.authorizedCalled && !expected.middlewareRan) {
    expected.token = actual.token = "unobservable";
  }
  const problems = [];
  for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    if (expected[k] !== actual[k]) problems.push(`${k}: model ${JSON.stringify(expected[k])} (${why}), next-auth ${JSON.stringify(actual[k])}`);
  }
  return problems;
}
