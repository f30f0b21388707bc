// `nextauth-edge/next`: getServerSession in next-auth's App Router form, getServerSession(authOptions),
// reading the request from Next.js's headers(). Server Components cannot set cookies, so, as in
// next-auth, the session's `expires` is dropped and the cookie is not rolled.
import { headers } from "next/headers";
import { getServerSession as withRequest, readSession } from "nextauth-edge";

export async function getServerSession(...args) {
  if (args.length > 1) return withRequest(...args);
  const { session } = await readSession({ headers: await headers() }, args[0] ?? {});
  if (session) delete session.expires;
  return session;
}

export { readSession };
