import { createRequire } from "node:module"

// The same site for Next 15 (webpack) and Next 16 (Turbopack); basePath (NEXT_ORIGIN_BASE_PATH)
// and Pages Router i18n locales (NEXT_ORIGIN_LOCALES, a JSON array) from the test. Next 16
// dropped the `eslint` key and wants Turbopack's root.
const major = Number(createRequire(import.meta.url)("next/package.json").version.split(".")[0])

export default {
  outputFileTracingRoot: import.meta.dirname,
  basePath: process.env.NEXT_ORIGIN_BASE_PATH || undefined,
  ...(process.env.NEXT_ORIGIN_LOCALES
    ? { i18n: { locales: JSON.parse(process.env.NEXT_ORIGIN_LOCALES), defaultLocale: JSON.parse(process.env.NEXT_ORIGIN_LOCALES)[0] } }
    : {}),
  ...(major >= 16 ? { turbopack: { root: import.meta.dirname } } : { eslint: { ignoreDuringBuilds: true } }),
}
