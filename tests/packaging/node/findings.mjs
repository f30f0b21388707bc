// What esm.mjs and cjs.cjs report of an entry, however they loaded it: its public names (less
// wasm-bindgen's own exports, which every entry carries) and the answers of `withAuth` and of the
// default export to a signed-out and a signed-in request.
export async function gateFindings(entry, { ORIGIN, ADMIN_TOKEN }) {
  const signedOut = await entry.withAuth(new Request(`${ORIGIN}/dashboard?x=1`))
  const cookie = { cookie: `next-auth.session-token=${ADMIN_TOKEN}` }
  const signedIn = await entry.default(new Request(`${ORIGIN}/dashboard`, { headers: cookie }))
  return {
    exports: Object.keys(entry).filter((k) => !["initSync", "start", "__useHostAesGcm", "__esModule"].includes(k)).sort(),
    signedOut: { status: signedOut?.status, location: signedOut?.headers.get("location") },
    signedIn: signedIn === undefined ? "passed through" : signedIn.status,
  }
}
