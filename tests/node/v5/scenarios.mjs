// The v5 scenarios: a seeded sample over every dimension (each value of each dimension paired
// with the others many times over), plus targeted cases for the rules that need a specific
// combination to show.

import { ENVS, PATHS } from "./harness.mjs";

export const DIMENSIONS = {
  form: ["bare", "wrapped", "lazy-bare", "lazy-wrapped"],
  env: Object.keys(ENVS),
  config: ["default", "config-secret", "base-path", "sign-in-page", "trust-false", "max-age", "secure-cookies", "custom-cookie"],
  cookie: ["none", "valid", "user-role", "expired", "wrong-secret", "tampered", "v4-token", "rotated", "chunked", "valid+callback-path", "callback-evil", "callback-javascript", "empty-value"],
  authorized: ["absent", "true", "false", "undefined", "null", "async-false", "signed-in", "role-admin", "redirect-abs", "redirect-self-action", "redirect-relative", "response-401", "throws"],
  jwt: ["absent", "identity", "add-claim", "null", "throws"],
  session: ["absent", "add-field", "null", "no-user"],
  wrapped: ["undefined", "response", "throws"],
  path: PATHS,
  proto: ["http", "https", undefined],
};

export const DEFAULTS = {
  form: "bare", env: "auth-secret", config: "default", cookie: "valid", authorized: "signed-in",
  jwt: "absent", session: "absent", wrapped: "undefined", path: "/dashboard?tab=a b&x=1", proto: "http",
};

function prng(seed) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 2 ** 32;
  };
}

const TARGETED = [
  // Every form with every authorized answer, signed in and out, on the default setup.
  ...DIMENSIONS.form.flatMap((form) =>
    DIMENSIONS.authorized.flatMap((authorized) => ["valid", "none"].map((cookie) => ({ form, authorized, cookie })))),
  // Every env with every cookie (bare, signed-in check).
  ...DIMENSIONS.env.flatMap((env) => DIMENSIONS.cookie.map((cookie) => ({ env, cookie }))),
  // The sign-in page guard, default and custom pages.
  ...["/api/auth/signin", "/login", "/custom/auth/signin", "/"].flatMap((path) =>
    ["default", "sign-in-page", "base-path"].map((config) => ({ path, config, cookie: "none", authorized: "false" }))),
  { config: "no-providers" },
  { config: "no-providers", form: "lazy-bare" },
];

export function generateScenarios({ sampled = 420, seed = 5 } = {}) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const out = [];
  const seen = new Set();
  const add = (partial) => {
    const s = { ...DEFAULTS, ...partial };
    const key = JSON.stringify(s);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ id: `v5-${out.length}`, ...s });
  };
  TARGETED.forEach(add);
  for (let i = 0; i < sampled; i++) add(Object.fromEntries(Object.entries(DIMENSIONS).map(([k, v]) => [k, pick(v)])));
  return out;
}
