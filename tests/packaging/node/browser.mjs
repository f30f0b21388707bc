// The `browser`/`default` entry, which Node never resolves (it matches `node` first): loaded by
// path, with fetch taught to read file: URLs, to check its wiring (init from a URL next to it).
import { readFile } from "node:fs/promises"

const realFetch = globalThis.fetch
globalThis.fetch = async (url, init) => {
  const href = String(url instanceof Request ? url.url : url)
  if (!href.startsWith("file:")) return realFetch(url, init)
  return new Response(await readFile(new URL(href)), { headers: { "content-type": "application/wasm" } })
}
const entry = new URL("./node_modules/nextauth-edge/browser.mjs", import.meta.url)
const { default: withAuth, encode, decode } = await import(entry.href)
const secret = "browser-entry"
const claims = await decode({ token: await encode({ token: { name: "from-browser-entry" }, secret }), secret })
console.log(JSON.stringify({ withAuth: typeof withAuth, name: claims.name }))
