// CommonJS `require`. Same findings as esm.mjs.
const nextauthEdge = require("nextauth-edge")
const { withAuth, getToken, decode, encode } = nextauthEdge

async function main() {
  const { gateFindings } = await import("./findings.mjs")
  const { NEXTAUTH_SECRET: secret, ADMIN_TOKEN, ORIGIN } = process.env
  const { signedOut, signedIn } = await gateFindings(nextauthEdge, process.env)
  const cookie = { cookie: `next-auth.session-token=${ADMIN_TOKEN}` }
  const token = await getToken({ req: new Request(`${ORIGIN}/`, { headers: cookie }), secret })
  console.log(JSON.stringify({
    defaultIsWithAuth: nextauthEdge.default === withAuth && nextauthEdge.__esModule === true,
    signedOut,
    signedIn,
    getToken: token?.name,
    decode: (await decode({ token: ADMIN_TOKEN, secret }))?.role,
    encoded: await encode({ token: { name: "from-cjs" }, secret }),
    // nextauth-edge/middleware: withAuth alone (and as default), answering as the main entry does.
    middleware: await gateFindings(require("nextauth-edge/middleware"), process.env),
  }))
}
main().catch((e) => { console.error(e); process.exit(1) })
