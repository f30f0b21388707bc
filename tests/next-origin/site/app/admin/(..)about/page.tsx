// Intercepts /about when a client navigates there from /admin (Next picks it from the
// `Next-Url` header): rendered inside the admin area, so it is guarded like /admin.
export const dynamic = "force-dynamic"

export default function AboutFromAdmin() {
  return <p>GUARDED:app/admin/(..)about rendered at {new Date().toISOString()}</p>
}
