// The wrapped middleware gets Next's NextFetchEvent as its second argument.
import { withAuth } from "$MIDDLEWARE"

export default withAuth(async function middleware(req, event) {
  event.waitUntil(fetch(new URL("/api/audit", req.url), { method: "POST" }))
})
