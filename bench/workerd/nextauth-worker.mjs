// The JS Worker doing next-auth's check, built from `next-auth/jwt` (bundled by esbuild): what a
// Workers user writes without us. next-auth's middleware logic (handleMiddleware) on a plain
// Request: session cookie (chunks joined by next-auth's SessionStore) → getToken → decode; signed
// in → forward to UPSTREAM, otherwise 307 to the sign-in page with callbackUrl.
import { getToken } from "next-auth/jwt";

// next-auth's SessionStore reads a cookie map; Next's NextRequest provides one, a Request doesn't.
function cookieMap(header) {
  const map = new Map();
  if (!header) return map;
  for (const pair of header.split(/; */)) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    try { value = decodeURIComponent(value); } catch {}
    if (!map.has(name)) map.set(name, value);
  }
  return map;
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/api/auth") || url.pathname.startsWith("/_next")) return fetch(new Request(new URL(url.pathname + url.search, env.UPSTREAM), request));
    const token = await getToken({
      req: { cookies: cookieMap(request.headers.get("cookie")), headers: request.headers },
      secret: env.NEXTAUTH_SECRET,
      secureCookie: env.NEXTAUTH_URL?.startsWith("https://"),
    });
    if (token) return fetch(new Request(new URL(url.pathname + url.search, env.UPSTREAM), request));
    const signIn = new URL("/api/auth/signin", url.origin);
    signIn.searchParams.append("callbackUrl", url.pathname + url.search);
    return Response.redirect(signIn.href, 307);
  },
};
