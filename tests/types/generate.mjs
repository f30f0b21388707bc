// Writes the typed examples of tests/types/examples/ twice: importing from next-auth, and from
// nextauth-edge. Each example is a template: `"$MIDDLEWARE"` and `"$JWT"` stand for the module
// specifiers (`next-auth/middleware`, `next-auth/jwt` → `nextauth-edge/middleware`, `nextauth-edge`),
// so the two copies differ in their imports only. A line `// @next-auth-expect-error -- why` marks something
// next-auth's own types refuse under `strict` while ours accept it: it becomes `// @ts-expect-error`
// in the next-auth copy only (and an error if next-auth ever starts accepting it).
//
//   node tests/types/generate.mjs <outDir>   writes <outDir>/next-auth/*.ts, <outDir>/nextauth-edge/*.ts
//
// tests/node/types.test.mjs calls `generate` and type-checks both copies.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), "examples")

export const COPIES = {
  "next-auth": { $MIDDLEWARE: "next-auth/middleware", $JWT: "next-auth/jwt" },
  "nextauth-edge": { $MIDDLEWARE: "nextauth-edge/middleware", $JWT: "nextauth-edge" },
}

const NEXT_AUTH_ONLY = "// @next-auth-expect-error"

export function render(template, copy) {
  const specifiers = COPIES[copy]
  let out = template.replace(/"(\$MIDDLEWARE|\$JWT)"/g, (_, name) => JSON.stringify(specifiers[name]))
  out = out.replaceAll(NEXT_AUTH_ONLY, copy === "next-auth" ? "// @ts-expect-error" : "// (next-auth refuses this:)")
  const left = out.match(/\$(MIDDLEWARE|JWT)\b/)
  if (left) throw new Error(`unreplaced placeholder ${left[0]} (placeholders are quoted: "$MIDDLEWARE", "$JWT")`)
  return out
}

/** Writes both copies under `outDir`; returns { copy: [file paths] }. */
export function generate(outDir) {
  const templates = readdirSync(EXAMPLES).filter((f) => f.endsWith(".ts")).sort()
  const written = {}
  for (const copy of Object.keys(COPIES)) {
    const dir = join(outDir, copy)
    mkdirSync(dir, { recursive: true })
    written[copy] = templates.map((file) => {
      const path = join(dir, file)
      writeFileSync(path, render(readFileSync(join(EXAMPLES, file), "utf8"), copy))
      return path
    })
  }
  return written
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2]
  if (!outDir) {
    console.error("usage: node tests/types/generate.mjs <outDir>")
    process.exit(2)
  }
  const written = generate(outDir)
  for (const [copy, files] of Object.entries(written)) console.log(`${copy}: ${files.length} files in ${join(outDir, copy)}`)
}
