// ESM `import`. Tokens come from the test (minted by the real next-auth); prints JSON findings.
import withAuth, { withAuth as named, getToken, decode, encode } from "nextauth-edge"
import * as middlewareEntry from "nextauth-edge/middleware"

const { NEXTAUTH_SECRET: secret, ADMIN_TOKEN, ORIGIN } = process.env
const signedOut = await withAuth(new Request(`${ORIGIN}/dashboard?x=1`))
const cookie = { cookie: `next-auth.session-token=${ADMIN_TOKEN}` }
const signedIn = await withAuth(new Request(`${ORIGIN}/dashboard`, { headers: cookie }))
const token = await getToken({ req: new Request(`${ORIGIN}/`, { headers: cookie }), secret })
console.log(JSON.stringify({
  defaultIsWithAuth: withAuth === named,
  signedOut: { status: signedOut?.status, location: signedOut?.headers.get("location") },
  signedIn: signedIn === undefined ? "passed through" : signedIn.status,
  getToken: token?.name,
  decode: (await decode({ token: ADMIN_TOKEN, secret }))?.role,
  encoded: await encode({ token: { name: "from-esm" }, secret }),
  middleware: await middlewareFindings(middlewareEntry),
}))

// nextauth-edge/middleware: withAuth alone (and as default), answering as the main entry does.
async function middlewareFindings(entry) {
  const signedOut = await entry.withAuth(new Request(`${ORIGIN}/dashboard?x=1`))
  const signedIn = await entry.default(new Request(`${ORIGIN}/dashboard`, { headers: cookie }))
  return {
    // Less wasm-bindgen's own exports, which every entry carries.
    exports: Object.keys(entry).filter((k) => !["initSync", "start", "__useHostAesGcm"].includes(k)).sort(),
    signedOut: { status: signedOut?.status, location: signedOut?.headers.get("location") },
    signedIn: signedIn === undefined ? "passed through" : signedIn.status,
  }
}
