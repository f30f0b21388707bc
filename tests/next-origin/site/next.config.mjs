import { createRequire } from "node:module"

// The same site for Next 15 (webpack) and Next 16 (Turbopack); basePath from the test
// (NEXT_ORIGIN_BASE_PATH). Next 16 dropped the `eslint` key and wants Turbopack's root.
const major = Number(createRequire(import.meta.url)("next/package.json").version.split(".")[0])

export default {
  outputFileTracingRoot: import.meta.dirname,
  basePath: process.env.NEXT_ORIGIN_BASE_PATH || undefined,
  ...(major >= 16 ? { turbopack: { root: import.meta.dirname } } : { eslint: { ignoreDuringBuilds: true } }),
}
