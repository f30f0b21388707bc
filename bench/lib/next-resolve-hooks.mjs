// next-auth@5 imports "next/server" and "next/headers" without the ".js" that plain Node ESM
// needs (bundlers add it). This resolve hook adds it, for the real next-auth@5 in tests only.
const BARE = new Set(["next/server", "next/headers", "next/navigation"]);

export async function resolve(specifier, context, nextResolve) {
  if (BARE.has(specifier)) return nextResolve(`${specifier}.js`, context);
  return nextResolve(specifier, context);
}
