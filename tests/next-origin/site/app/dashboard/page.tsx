// Guarded. The marker is how the test knows this page was rendered (HTML or RSC payload).
export const dynamic = "force-dynamic"

export default function Dashboard() {
  return <p>GUARDED:app/dashboard rendered at {new Date().toISOString()}</p>
}
