// Guarded. The marker is how the test knows this page was rendered (HTML or RSC payload).
export const dynamic = "force-dynamic"

export default function Admin() {
  return <p>GUARDED:app/admin rendered at {new Date().toISOString()}</p>
}
