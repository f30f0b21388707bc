// CommonJS `require`. Same findings as esm.mjs.
const nextauthEdge = require("nextauth-edge")
const { withAuth, getToken, decode, encode } = nextauthEdge

async function main() {
  const { NEXTAUTH_SECRET: secret, ADMIN_TOKEN, ORIGIN } = process.env
  const signedOut = await withAuth(new Request(`${ORIGIN}/dashboard?x=1`))
  const cookie = { cookie: `next-auth.session-token=${ADMIN_TOKEN}` }
  const signedIn = await withAuth(new Request(`${ORIGIN}/dashboard`, { headers: cookie }))
  const token = await getToken({ req: new Request(`${ORIGIN}/`, { headers: cookie }), secret })
  console.log(JSON.stringify({
    defaultIsWithAuth: nextauthEdge.default === withAuth && nextauthEdge.__esModule === true,
    signedOut: { status: signedOut?.status, location: signedOut?.headers.get("location") },
    signedIn: signedIn === undefined ? "passed through" : signedIn.status,
    getToken: token?.name,
    decode: (await decode({ token: ADMIN_TOKEN, secret }))?.role,
    encoded: await encode({ token: { name: "from-cjs" }, secret }),
    middleware: await middlewareFindings(require("nextauth-edge/middleware"), ORIGIN, cookie),
  }))
}
// nextauth-edge/middleware: withAuth alone (and as default), answering as the main entry does.
async function middlewareFindings(entry, origin, cookie) {
  const signedOut = await entry.withAuth(new Request(`${origin}/dashboard?x=1`))
  const signedIn = await entry.default(new Request(`${origin}/dashboard`, { headers: cookie }))
  return {
    // Less wasm-bindgen's own exports, which every entry carries.
    exports: Object.keys(entry).filter((k) => !["initSync", "start", "__useHostAesGcm"].includes(k)).sort(),
    signedOut: { status: signedOut?.status, location: signedOut?.headers.get("location") },
    signedIn: signedIn === undefined ? "passed through" : signedIn.status,
  }
}
main().catch((e) => { console.error(e); process.exit(1) })
