import Link from "next/link"

// Guarded. The marker is how the test knows this page was rendered (HTML or RSC payload).
export const dynamic = "force-dynamic"

export default function Admin() {
  return (
    <main>
      <p>GUARDED:app/admin rendered at {new Date().toISOString()}</p>
      {/* From here a client navigation to /about carries `Next-Url: /admin`: Next renders the
          intercepting route app/admin/(..)about instead. */}
      <Link href="/about" id="to-about-from-admin">about</Link>
    </main>
  )
}
