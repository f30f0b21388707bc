// Guarded. The marker is how the test knows this page was rendered (HTML or RSC payload).
export const dynamic = "force-dynamic"

export default function AdminUsers() {
  return <p>GUARDED:app/admin/users rendered at {new Date().toISOString()}</p>
}
