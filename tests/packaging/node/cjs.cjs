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
  }))
}
main().catch((e) => { console.error(e); process.exit(1) })
