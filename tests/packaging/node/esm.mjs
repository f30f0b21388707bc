// ESM `import`. Tokens come from the test (minted by the real next-auth); prints JSON findings.
import * as main from "nextauth-edge"
import * as middlewareEntry from "nextauth-edge/middleware"
import { gateFindings } from "./findings.mjs"

const { getToken, decode, encode } = main
const { NEXTAUTH_SECRET: secret, ADMIN_TOKEN } = process.env
const { signedOut, signedIn } = await gateFindings(main, process.env)
const cookie = { cookie: `next-auth.session-token=${ADMIN_TOKEN}` }
const token = await getToken({ req: new Request(`${process.env.ORIGIN}/`, { headers: cookie }), secret })
console.log(JSON.stringify({
  defaultIsWithAuth: main.default === main.withAuth,
  signedOut,
  signedIn,
  getToken: token?.name,
  decode: (await decode({ token: ADMIN_TOKEN, secret }))?.role,
  encoded: await encode({ token: { name: "from-esm" }, secret }),
  // nextauth-edge/middleware: withAuth alone (and as default), answering as the main entry does.
  middleware: await gateFindings(middlewareEntry, process.env),
}))
