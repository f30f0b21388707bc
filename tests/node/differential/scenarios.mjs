// Scenario generator for the differential test: a seeded pairwise covering design over the
// dimensions below (every valid pair of values of any two dimensions appears in at least one
// scenario), plus targeted scenarios for each cookie kind, each path, each secret source, …
// The list is deterministic: same seed, same scenarios, same ids.

/** The six `withAuth` call forms of next-auth v4. */
export const FORMS = {
  // withAuth(req)
  req: { options: false, middleware: false, factory: false },
  // withAuth(req, event): `export { default } from "next-auth/middleware"`
  "req-event": { options: false, middleware: false, factory: false },
  // withAuth(req, options)
  "req-options": { options: true, middleware: false, factory: false },
  // withAuth(middleware)(req, ev)
  mw: { options: false, middleware: true, factory: true },
  // withAuth(middleware, options)(req, ev)
  "mw-options": { options: true, middleware: true, factory: true },
  // withAuth(options)(req, ev)
  options: { options: true, middleware: false, factory: true },
};

export const SIGN_IN_TOKEN = "<signIn>";
export const ERROR_TOKEN = "<error>";

/** Dimension → values. The first value of each dimension is its default. */
export const DIMENSIONS = {
  form: Object.keys(FORMS),
  pages: ["default", "custom"], // custom = { signIn: "/login", error: "/oops" }
  basePath: ["", "/custom-base-path"],
  origin: ["http://localhost:3000", "https://example.com", "http://127.0.0.1:3000"],
  nextauthUrl: [
    "unset",
    "http://localhost:3000",
    "https://example.com",
    "https://example.com/custom/auth",
    "example.com/custom/auth", // no scheme: parseUrl assumes https://, getToken does not
    "https://example.com/custom/auth/", // trailing slash
    "https://example.com/", // path "/" → /api/auth
  ],
  vercel: ["unset", "1"],
  secret: ["nextauth", "options", "auth", "none", "options+env", "nextauth+auth", "empty-nextauth+auth"],
  cookieName: ["default", "custom"], // custom = cookies.sessionToken.name "my-app.session"
  cookie: [
    "none",
    "valid",
    "expired",
    "expired-within-skew", // exp 10 s ago: inside next-auth's 15 s clock tolerance
    "tampered",
    "wrong-secret",
    "chunked-3",
    "chunked-12-shuffled",
    "chunked-real",
    "secure-prefixed",
    "plain-name",
    "stale-unsuffixed+chunks",
    "lookalike-only",
    "valid+lookalike",
    "duplicate-last-valid",
    "duplicate-first-valid",
    "duplicate-last-bad",
    "percent-encoded",
    "bad-percent",
    "empty-value",
    "no-equals",
  ],
  cookieSep: ["; ", ";", ";   "],
  bearer: ["none", "valid", "garbage", "lowercase", "pct-encoded", "malformed-pct", "double-space"],
  authorized: [
    "absent",
    "true",
    "false",
    "null",
    "undefined",
    "async-true",
    "async-false",
    "throws",
    "role-admin", // ({ token }) => token?.role === "admin"
    "truthy-string", // "yes"
    "zero", // 0: falsy but not nullish, so no fallback to !!token
    "thenable-false", // a non-Promise thenable resolving to false
  ],
  decode: ["builtin", "custom-echo", "custom-throws", "custom-async-null"],
  path: [
    "/protected?x=1&y=two words",
    "/_next/x",
    "/_nextfoo",
    "/favicon.ico",
    SIGN_IN_TOKEN,
    ERROR_TOKEN,
    `${SIGN_IN_TOKEN}/`,
    "/api/auth/x",
    "/api/authors",
    "/custom/auth/callback",
    "/caf%C3%A9/%20x",
    "/café/日本",
    "/",
  ],
  mwReturn: ["n/a", "undefined", "response", "sentinel", "throws"], // only for middleware forms
  invokeArgs: ["n/a", "req,ev", "req", "req,ev,extra"], // only for the factory forms
};

const DIM_NAMES = Object.keys(DIMENSIONS);

/**
 * Values only the targeted scenarios use (not part of the pairwise design: they end the request
 * early or go beyond next-auth's documented API, and would only dilute the pairwise rows).
 */
export const EXTRA_VALUES = {
  // NEXTAUTH_URL values where a URL parser's details matter: empty (a common `.env` line
  // `NEXTAUTH_URL=`), invalid host, dot segments, non-ASCII path, backslashes, upper-case scheme,
  // scheme without "//", query and fragment.
  nextauthUrl: [
    "",
    "http://[not-a-url",
    "https://example.com/x/../api/auth",
    "https://example.com/café",
    "https://example.com\\custom\\auth",
    "HTTPS://EXAMPLE.COM/custom/auth",
    "http:example.com/custom/auth",
    "https://example.com/custom/auth?next=1#top",
  ],
  invokeArgs: ["req,ev,extra,more"],
  quirk: [
    "none",
    "plain-request", // a Fetch Request without nextUrl (next-auth needs NextRequest)
    "secret-array", // options.secret = [wrong, right]
    "secret-number", // options.secret = 12345
    "signin-no-slash", // pages.signIn = "login"
    "signin-empty", // pages.signIn = ""
    "options-filled-after-creation", // withAuth(opts) first, then Object.assign(opts, …)
    "secret-empty-string", // options.secret = "" next to NEXTAUTH_SECRET (?? keeps "")
    "signin-absolute-url", // pages.signIn = "https://auth.example.com/login"
    "authjs-name-v4-token", // cookies.sessionToken.name = "authjs.session-token", a v4 token in it
    "authjs-name-v5-token", // … and an Auth.js v5 token (minted by @auth/core) in it
    "v4-name-v5-token", // next-auth's own cookie name holding an Auth.js v5 token salted with it
    "rotation-auth-secret-1", // AUTH_SECRET_1 set next to NEXTAUTH_SECRET; the token sealed with it
  ],
};

/** Every field of a scenario besides its id. */
export const FIELDS = [...DIM_NAMES, "quirk"];

/** A scenario with every dimension at its default, completed for `form`. */
export function defaults(form = "mw-options") {
  const s = Object.fromEntries(DIM_NAMES.map((d) => [d, DIMENSIONS[d][0]]));
  s.quirk = "none";
  s.form = form;
  s.mwReturn = FORMS[form].middleware ? "sentinel" : "n/a";
  s.invokeArgs = FORMS[form].factory ? "req,ev" : "n/a";
  return s;
}

function needsOptions(p) {
  return (
    (p.pages !== undefined && p.pages !== "default") ||
    (p.cookieName !== undefined && p.cookieName !== "default") ||
    (p.authorized !== undefined && p.authorized !== "absent") ||
    (p.decode !== undefined && p.decode !== "builtin") ||
    p.secret === "options" ||
    p.secret === "options+env" ||
    (p.quirk !== undefined && p.quirk !== "none" && p.quirk !== "plain-request")
  );
}

function formAllows(form, p) {
  const f = FORMS[form];
  if (!f.options && needsOptions(p)) return false;
  if (p.mwReturn !== undefined && (p.mwReturn === "n/a") === f.middleware) return false;
  if (p.invokeArgs !== undefined && (p.invokeArgs === "n/a") === f.factory) return false;
  if (p.quirk === "options-filled-after-creation" && !f.factory) return false;
  return true;
}

/** Is this (partial) assignment completable into a scenario that makes sense? */
export function isValid(p) {
  if (p.form !== undefined) return formAllows(p.form, p);
  return Object.keys(FORMS).some((form) => formAllows(form, p));
}

/** mulberry32: small, fast, seeded. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pairKey = (i, a, j, b) => (i < j ? `${i}=${a}|${j}=${b}` : `${j}=${b}|${i}=${a}`);

/** Every valid pair of (dimension, value) × (other dimension, value). */
export function allPairs() {
  const pairs = new Set();
  for (let i = 0; i < DIM_NAMES.length; i++) {
    for (let j = i + 1; j < DIM_NAMES.length; j++) {
      for (let a = 0; a < DIMENSIONS[DIM_NAMES[i]].length; a++) {
        for (let b = 0; b < DIMENSIONS[DIM_NAMES[j]].length; b++) {
          const p = { [DIM_NAMES[i]]: DIMENSIONS[DIM_NAMES[i]][a], [DIM_NAMES[j]]: DIMENSIONS[DIM_NAMES[j]][b] };
          if (isValid(p)) pairs.add(pairKey(i, a, j, b));
        }
      }
    }
  }
  return pairs;
}

function pairsOf(s) {
  const idx = DIM_NAMES.map((d) => DIMENSIONS[d].indexOf(s[d]));
  const keys = [];
  for (let i = 0; i < DIM_NAMES.length; i++) {
    for (let j = i + 1; j < DIM_NAMES.length; j++) keys.push(pairKey(i, idx[i], j, idx[j]));
  }
  return keys;
}

/** Greedy AETG-style pairwise generation with constraints. */
export function pairwise(seed, candidatesPerRow = 24) {
  const random = rng(seed);
  const uncovered = allPairs();
  const rows = [];
  while (uncovered.size > 0) {
    const open = [...uncovered];
    let best = null;
    let bestScore = -1;
    for (let c = 0; c < candidatesPerRow; c++) {
      const [left, right] = open[Math.floor(random() * open.length)].split("|");
      const s = {};
      const assigned = [];
      for (const part of [left, right]) {
        const [i, a] = part.split("=").map(Number);
        s[DIM_NAMES[i]] = DIMENSIONS[DIM_NAMES[i]][a];
        assigned.push(i);
      }
      const rest = DIM_NAMES.map((_, i) => i).filter((i) => !assigned.includes(i));
      for (let k = rest.length - 1; k > 0; k--) {
        const r = Math.floor(random() * (k + 1));
        [rest[k], rest[r]] = [rest[r], rest[k]];
      }
      for (const i of rest) {
        const dim = DIM_NAMES[i];
        let choice = [];
        let choiceGain = -1;
        DIMENSIONS[dim].forEach((value, a) => {
          if (!isValid({ ...s, [dim]: value })) return;
          let gain = 0;
          for (const j of assigned) {
            if (uncovered.has(pairKey(i, a, j, DIMENSIONS[DIM_NAMES[j]].indexOf(s[DIM_NAMES[j]])))) gain++;
          }
          if (gain > choiceGain) {
            choice = [value];
            choiceGain = gain;
          } else if (gain === choiceGain) {
            choice.push(value);
          }
        });
        s[dim] = choice[Math.floor(random() * choice.length)];
        assigned.push(i);
      }
      const score = pairsOf(s).filter((k) => uncovered.has(k)).length;
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    for (const k of pairsOf(best)) uncovered.delete(k);
    rows.push(best);
  }
  return rows;
}

/** Targeted scenarios: each cookie kind, each path, each secret source, … on purpose. */
export function targeted() {
  const out = [];
  const add = (tag, s) => out.push({ tag, ...s });
  const protectedPath = "/protected?x=1&y=two words";

  // Every cookie kind through every call form, on a protected path with a secret.
  for (const cookie of DIMENSIONS.cookie) {
    for (const form of Object.keys(FORMS)) add(`cookie:${cookie}:${form}`, { ...defaults(form), cookie, path: protectedPath });
  }
  // Every cookie kind next to a valid Bearer header (the fallback applies only without a cookie value).
  for (const cookie of DIMENSIONS.cookie) add(`cookie+bearer:${cookie}`, { ...defaults("mw-options"), cookie, bearer: "valid" });
  // Every cookie kind under a custom cookie name.
  for (const cookie of DIMENSIONS.cookie) add(`custom-name:${cookie}`, { ...defaults("options"), cookieName: "custom", cookie });
  // Every cookie kind under the __Secure- name chosen from NEXTAUTH_URL=https://….
  for (const cookie of DIMENSIONS.cookie) {
    add(`https-name:${cookie}`, { ...defaults("mw"), nextauthUrl: "https://example.com", cookie });
  }
  // Every Bearer variant without and with a cookie.
  for (const bearer of DIMENSIONS.bearer) {
    for (const cookie of ["none", "valid", "empty-value", "bad-percent"]) {
      add(`bearer:${bearer}:${cookie}`, { ...defaults("mw-options"), bearer, cookie });
    }
    add(`bearer-custom-decode:${bearer}`, { ...defaults("mw-options"), bearer, decode: "custom-echo" });
  }
  // Every path × basePath × pages, signed out (redirects) and signed in.
  for (const path of DIMENSIONS.path) {
    for (const basePath of DIMENSIONS.basePath) {
      for (const pages of DIMENSIONS.pages) {
        add(`path:${path}:${basePath || "no-base"}:${pages}`, { ...defaults("mw-options"), path, basePath, pages, cookie: "none" });
      }
      add(`path-signed-in:${path}:${basePath || "no-base"}`, { ...defaults("mw"), path, basePath, cookie: "valid" });
    }
  }
  // NEXTAUTH_URL × basePath on the paths the auth-path prefix test is about.
  for (const nextauthUrl of DIMENSIONS.nextauthUrl) {
    for (const basePath of DIMENSIONS.basePath) {
      for (const path of ["/api/auth/x", "/custom/auth/callback", "/api/authors", "/protected?x=1&y=two words"]) {
        add(`authpath:${nextauthUrl}:${basePath || "no-base"}:${path}`, { ...defaults("options"), nextauthUrl, basePath, path });
      }
    }
  }
  // NEXTAUTH_URL × VERCEL decide the cookie name.
  for (const nextauthUrl of DIMENSIONS.nextauthUrl) {
    for (const vercel of DIMENSIONS.vercel) {
      for (const cookie of ["valid", "secure-prefixed", "plain-name"]) {
        add(`cookie-name:${nextauthUrl}:${vercel}:${cookie}`, { ...defaults("req"), nextauthUrl, vercel, cookie });
      }
    }
  }
  // Every secret source in every form that can carry it; signed in and signed out.
  for (const secret of DIMENSIONS.secret) {
    for (const form of Object.keys(FORMS)) {
      const s = { ...defaults(form), secret };
      if (!isValid(s)) continue;
      add(`secret:${secret}:${form}`, { ...s, cookie: "valid" });
      add(`secret-signed-out:${secret}:${form}`, { ...s, cookie: "none" });
    }
  }
  // Every authorized answer, with and without a session, with and without a Bearer user.
  for (const authorized of DIMENSIONS.authorized) {
    for (const cookie of ["none", "valid", "tampered"]) add(`authorized:${authorized}:${cookie}`, { ...defaults("mw-options"), authorized, cookie });
    add(`authorized-bearer:${authorized}`, { ...defaults("options"), authorized, bearer: "valid" });
    add(`authorized-req:${authorized}`, { ...defaults("req-options"), authorized, cookie: "valid" });
  }
  // Every custom decode against several cookies.
  for (const decode of DIMENSIONS.decode) {
    for (const cookie of ["none", "valid", "expired", "tampered", "chunked-3", "stale-unsuffixed+chunks", "lookalike-only"]) {
      add(`decode:${decode}:${cookie}`, { ...defaults("mw-options"), decode, cookie, secret: "options" });
    }
  }
  // Every middleware return × every way of invoking the returned function.
  for (const form of ["mw", "mw-options"]) {
    for (const mwReturn of DIMENSIONS.mwReturn.slice(1)) {
      for (const invokeArgs of DIMENSIONS.invokeArgs.slice(1)) {
        add(`mw:${form}:${mwReturn}:${invokeArgs}`, { ...defaults(form), mwReturn, invokeArgs, cookie: "valid" });
      }
    }
  }
  for (const invokeArgs of DIMENSIONS.invokeArgs.slice(1)) {
    for (const cookie of ["none", "valid"]) add(`invoke-options:${invokeArgs}:${cookie}`, { ...defaults("options"), invokeArgs, cookie });
  }
  // Every separator, every request origin.
  for (const cookieSep of DIMENSIONS.cookieSep) {
    for (const cookie of ["valid", "chunked-12-shuffled", "duplicate-last-valid"]) add(`sep:${JSON.stringify(cookieSep)}:${cookie}`, { ...defaults("mw"), cookieSep, cookie });
  }
  for (const origin of DIMENSIONS.origin) {
    for (const basePath of DIMENSIONS.basePath) {
      for (const secret of ["nextauth", "none"]) add(`origin:${origin}:${basePath || "no-base"}:${secret}`, { ...defaults("mw"), origin, basePath, secret, cookie: "none" });
    }
  }
  // Unusual NEXTAUTH_URL values, on paths each could (or could not) make auth paths.
  for (const nextauthUrl of EXTRA_VALUES.nextauthUrl) {
    for (const form of ["req", "mw"]) {
      for (const path of ["/protected?x=1&y=two words", "/_next/x", "/api/auth/x", "/custom/auth/callback", "/caf%C3%A9/%20x"]) {
        for (const cookie of ["none", "valid"]) add(`nextauth-url:${JSON.stringify(nextauthUrl)}:${form}:${path}:${cookie}`, { ...defaults(form), nextauthUrl, path, cookie });
      }
    }
    add(`nextauth-url:${JSON.stringify(nextauthUrl)}:vercel`, { ...defaults("mw"), nextauthUrl, vercel: "1", cookie: "valid" });
  }
  // Four arguments to the returned function.
  for (const form of ["mw", "mw-options"]) add(`mw:${form}:sentinel:4-args`, { ...defaults(form), invokeArgs: "req,ev,extra,more", cookie: "valid" });
  // Beyond the documented API: each quirk in every form it applies to, signed in and signed out.
  for (const quirk of EXTRA_VALUES.quirk.slice(1)) {
    for (const form of Object.keys(FORMS)) {
      const base = { ...defaults(form), quirk, secret: quirk.startsWith("secret-") && quirk !== "secret-empty-string" ? "options" : "nextauth" };
      // A plain Request keeps its query as written; Next re-serialises it (`two words` → `two+words`).
      if (quirk === "plain-request") base.path = "/protected?x=1&y=2";
      if (!isValid(base)) continue;
      for (const cookie of ["none", "valid"]) add(`quirk:${quirk}:${form}:${cookie}`, { ...base, cookie });
    }
    for (const path of ["/_next/x", "/api/auth/x"]) {
      const s = { ...defaults("options"), quirk, path, cookie: "valid", secret: quirk.startsWith("secret-") && quirk !== "secret-empty-string" ? "options" : "nextauth" };
      add(`quirk:${quirk}:options:${path}`, s);
    }
  }
  for (const cookie of ["chunked-3", "expired", "tampered", "stale-unsuffixed+chunks"]) {
    for (const quirk of ["authjs-name-v4-token", "authjs-name-v5-token", "v4-name-v5-token"]) add(`quirk:${quirk}:${cookie}`, { ...defaults("mw-options"), quirk, cookie });
  }
  // A protocol-relative pathname: next-auth copies it into callbackUrl verbatim (a deliberate difference).
  for (const form of ["mw", "req", "options"]) add(`path:protocol-relative:${form}`, { ...defaults(form), path: "//evil.example/x?y=1" });
  add("quirk:plain-request:basePath", { ...defaults("mw"), quirk: "plain-request", basePath: "/custom-base-path", cookie: "none", path: "/protected?x=1" });
  add("quirk:options-filled-after-creation:custom", {
    ...defaults("mw-options"),
    quirk: "options-filled-after-creation",
    pages: "custom",
    secret: "options",
    cookieName: "custom",
    authorized: "role-admin",
    decode: "custom-echo",
    cookie: "valid",
  });
  // The example from BEHAVIOUR.md §2.6.
  add("spec-example:basePath", { ...defaults("mw"), basePath: "/custom-base-path", path: "/protected/pathA", cookie: "none" });
  return out;
}

/** The full, deduplicated, deterministic list, each with a stable `id`. */
export function generateScenarios({ seed = 20241126 } = {}) {
  const seen = new Set();
  const list = [];
  const push = (id, s) => {
    const full = { quirk: "none", ...s };
    const key = JSON.stringify(FIELDS.map((d) => full[d]));
    if (seen.has(key)) return;
    seen.add(key);
    const scenario = { id };
    for (const d of FIELDS) scenario[d] = full[d];
    if (!isValid(scenario)) throw new Error(`invalid scenario ${id}: ${JSON.stringify(scenario)}`);
    list.push(scenario);
  };
  targeted().forEach(({ tag, ...s }, i) => push(`t${String(i).padStart(3, "0")}:${tag}`, s));
  pairwise(seed).forEach((s, i) => push(`pw${String(i).padStart(3, "0")}`, s));
  return list;
}

/** Which valid pairs the list misses (should be none). */
export function uncoveredPairs(list) {
  const pairs = allPairs();
  for (const s of list) for (const k of pairsOf(s)) pairs.delete(k);
  return [...pairs].map((k) =>
    k.split("|").map((part) => {
      const [i, a] = part.split("=").map(Number);
      return `${DIM_NAMES[i]}=${DIMENSIONS[DIM_NAMES[i]][a]}`;
    }),
  );
}
