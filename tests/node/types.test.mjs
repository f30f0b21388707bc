// The package's types as a drop-in for next-auth's: every typed example of tests/types/examples/
// is written twice by tests/types/generate.mjs (imports from next-auth, imports from nextauth-edge;
// nothing else differs) and both copies must compile with `tsc --noEmit --strict` and zero errors:
//
//   - as a Next.js app compiles them: Next's default tsconfig (`moduleResolution: "bundler"`,
//     `skipLibCheck`), `next/server` and `next-auth` installed;
//   - with `module`/`moduleResolution: "node16"`, as CommonJS (next-auth's own types are CommonJS;
//     `require` of nextauth-edge gets `wasm/index.d.cts`, a copy of `pkg/index.d.ts`, see
//     scripts/pkg-node.mjs);
//   - tests/types/no-next/: a Worker / plain Node program where neither `next` nor `next-auth` can be
//     resolved (`node16` ESM, `skipLibCheck: false`): the fallback types for a plain Fetch `Request`.
//
// tests/types/edge-only/ holds nextauth-edge's extras (checked with the nextauth-edge copy; `*.bundler.ts`
// ones only in the bundler run). `nextauth-edge` is mapped with `paths` to this checkout's pkg/ (node_modules/nextauth-edge may be
// a link into another checkout), and the check asserts tsc read that file. The examples contain
// `// @ts-expect-error` lines (misuse both must refuse), so a check that resolved nothing would fail.
// pkg/index.d.ts is self-contained (the optional `next` / `next-auth` imports aside): no `make pkg`
// needed. Needs `typescript` and `@types/node` (root devDependencies).
import { test } from "node:test"
import assert from "node:assert/strict"
import { spawn } from "node:child_process"
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { COPIES, generate } from "../types/generate.mjs"
import { middlewareTypesForRequire } from "../../scripts/pkg-middleware.mjs"

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..")
const TYPES = join(ROOT, "tests/types")
const PKG_TYPES = join(ROOT, "pkg/index.d.ts")
const PKG_MIDDLEWARE_TYPES = join(ROOT, "pkg/middleware.d.ts")
const TSC = join(ROOT, "node_modules/typescript/bin/tsc")

// Next.js 15's generated tsconfig.json (`create-next-app`), minus the plugin and incremental build.
const NEXT_APP = {
  target: "ES2017",
  lib: ["dom", "dom.iterable", "esnext"],
  allowJs: true,
  skipLibCheck: true,
  strict: true,
  noEmit: true,
  esModuleInterop: true,
  module: "esnext",
  moduleResolution: "bundler",
  resolveJsonModule: true,
  isolatedModules: true,
  jsx: "preserve",
}
const NODE16 = { ...NEXT_APP, module: "node16", moduleResolution: "node16", target: "es2022" }

function tsc(project) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSC, "-p", project, "--pretty", "false", "--listFiles"], { stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.stderr.on("data", (d) => (out += d))
    child.on("error", reject)
    child.on("close", (code) => {
      const lines = out.split("\n")
      resolve({
        code,
        errors: lines.filter((l) => /error TS\d+/.test(l) || /^\s{2,}\S/.test(l)),
        files: lines.filter((l) => l.startsWith("/")),
      })
    })
  })
}

function writeJson(path, value) {
  writeFileSync(path, JSON.stringify(value, null, 2))
}

function check(t, name, result, mustRead) {
  const read = new Set(result.files)
  for (const file of mustRead) assert.ok(read.has(file), `${name}: tsc did not read ${file}`)
  assert.equal(result.errors.length, 0, `${name}: tsc reported\n${result.errors.join("\n")}`)
  assert.equal(result.code, 0, `${name}: tsc exited ${result.code}`)
  t.diagnostic(`${name}: ${mustRead.length} checked files, 0 errors (${result.files.length} files in the program)`)
}

test("types: next-auth's typed examples compile against nextauth-edge, import changed only", async (t) => {
  const started = performance.now()
  const next = mkdtempSync(join(tmpdir(), "nextauth-edge-types-"))
  const plain = mkdtempSync(join(tmpdir(), "nextauth-edge-types-plain-"))
  t.after(() => {
    rmSync(next, { recursive: true, force: true })
    rmSync(plain, { recursive: true, force: true })
  })

  // A Next.js app: the two copies, node_modules (next, next-auth, @types/node) from this checkout.
  symlinkSync(join(ROOT, "node_modules"), join(next, "node_modules"), "dir")
  writeJson(join(next, "package.json"), { private: true, type: "commonjs" })
  const written = generate(join(next, "src"))
  const edgeOnly = readdirSync(join(TYPES, "edge-only")).filter((f) => f.endsWith(".ts"))
  for (const file of edgeOnly) copyFileSync(join(TYPES, "edge-only", file), join(next, "src/nextauth-edge", file))
  // `*.bundler.ts`: ESM-only entries (nextauth-edge/next), not for the CommonJS node16 run.
  const edgeOnlyFor = (mode) => edgeOnly.filter((f) => mode === "bundler" || !f.endsWith(".bundler.ts"))
  const filesFor = (copy, mode) =>
    copy === "next-auth"
      ? written["next-auth"]
      : [...written["nextauth-edge"], ...edgeOnlyFor(mode).map((f) => join(next, "src/nextauth-edge", f))]
  // `require("nextauth-edge")` types: the .d.cts copy the build makes of index.d.ts.
  const cjsTypes = join(next, "cjs/index.d.cts")
  cpSync(PKG_TYPES, cjsTypes)
  // `require("nextauth-edge/middleware")`: its .d.cts, re-exporting the one above.
  const cjsMiddlewareTypes = join(next, "cjs/middleware/index.d.cts")
  mkdirSync(dirname(cjsMiddlewareTypes))
  writeFileSync(cjsMiddlewareTypes, middlewareTypesForRequire(readFileSync(PKG_MIDDLEWARE_TYPES, "utf8")))

  const runs = []
  for (const copy of Object.keys(COPIES)) {
    for (const [mode, options, pkgTypes, middlewareTypes] of [
      ["bundler", NEXT_APP, PKG_TYPES, PKG_MIDDLEWARE_TYPES],
      ["node16", NODE16, cjsTypes, cjsMiddlewareTypes],
    ]) {
      const project = join(next, `tsconfig.${copy}.${mode}.json`)
      const files = filesFor(copy, mode)
      const paths = {
        "nextauth-edge": [pkgTypes],
        "nextauth-edge/middleware": [middlewareTypes],
        "nextauth-edge/next": [join(ROOT, "pkg/next.d.ts")],
      }
      writeJson(project, { compilerOptions: { ...options, paths }, files })
      const mustRead = copy === "nextauth-edge" ? [...files, pkgTypes, middlewareTypes] : files
      runs.push({ name: `${copy}, ${mode}`, project, mustRead })
    }
  }

  // No Next.js: neither next nor next-auth resolvable from the package or the program.
  const plainTypes = join(plain, "nextauth-edge/index.d.ts")
  cpSync(PKG_TYPES, plainTypes)
  writeJson(join(plain, "nextauth-edge/package.json"), { type: "module" })
  writeJson(join(plain, "package.json"), { private: true, type: "module" })
  cpSync(join(TYPES, "no-next"), join(plain, "src"), { recursive: true })
  const plainFiles = readdirSync(join(plain, "src")).map((f) => join(plain, "src", f))
  const plainProject = join(plain, "tsconfig.json")
  writeJson(plainProject, {
    compilerOptions: {
      module: "node16", moduleResolution: "node16", target: "es2022", lib: ["es2022", "dom", "dom.iterable"],
      types: [], strict: true, noEmit: true, skipLibCheck: false,
      paths: { "nextauth-edge": [plainTypes] },
    },
    files: plainFiles,
  })
  runs.push({ name: "no next, node16 ESM, skipLibCheck false", project: plainProject, mustRead: [...plainFiles, plainTypes] })

  const results = await Promise.all(runs.map((run) => tsc(run.project)))
  const failures = []
  runs.forEach((run, i) => {
    try {
      check(t, run.name, results[i], run.mustRead)
    } catch (err) {
      failures.push(err.message)
    }
  })
  const plainRead = results.at(-1).files
  assert.ok(!plainRead.some((f) => /\/node_modules\/(next|next-auth)\//.test(f)), "the no-next program must not see next or next-auth")
  t.diagnostic(`${runs.length} tsc runs in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  assert.deepEqual(failures, [])
})
