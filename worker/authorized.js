// Who may pass the Worker: your `authorized` callback, as in next-auth's
// `withAuth({ callbacks: { authorized } })`. Edit this file; `wrangler deploy` (or `make dev`)
// bundles it into the Worker.
//
// Called for every request that MATCHER selects, except next-auth's own routes, the sign-in and
// error pages, /_next/… and /favicon.ico, after the session cookie has been read:
//
//   req    the incoming Request. Read its URL and headers; don't read its body (it is forwarded
//          to your origin as is). `req.nextUrl` is its URL as Next's middleware gets it: the
//          pathname without BASE_PATH (`req.nextUrl.basePath` has it), so a check ported from
//          next-auth (`req.nextUrl.pathname.startsWith("/admin")`) works behind a basePath too.
//   token  the decoded session (the JWT's claims: name, email, sub, and whatever your jwt
//          callback adds, such as `role`), or null when there is no valid session.
//   env    the Worker's variables and secrets (NEXTAUTH_SECRET among them: never log it).
//
// Return (or resolve to):
//   true               let the request through to the origin;
//   false              refuse: signed-out users go to the sign-in page; signed-in users go there
//                      too (next-auth's behaviour), or get a 403 with ON_UNAUTHORIZED = "forbidden";
//   null / undefined   use next-auth's default: signed in means authorized.
// It may be async (return a Promise), for example to look something up in KV.
// If it throws (or rejects), the request gets a 500 and nothing passes; the Worker logs the
// error's name only, never its message, in case that quotes the token.

const ADMIN_AREA = "/admin";

export function authorized({ req, token }) {
  // Fail closed on a session that doesn't look like one of ours.
  if (token && "role" in token && typeof token.role !== "string") {
    throw new TypeError("session role must be a string");
  }
  // Not `new URL(req.url).pathname`: with BASE_PATH that is `/docs/admin`, and the check
  // below would miss the admin area.
  const { pathname } = req.nextUrl;
  if (pathname === ADMIN_AREA || pathname.startsWith(`${ADMIN_AREA}/`)) {
    return isAdmin(token);
  }
  return !!token;
}

// The role check, written async to show that a Promise works too (a KV or API lookup would go
// here: `await env.ADMINS.get(token.email)`).
async function isAdmin(token) {
  return token?.role === "admin";
}
