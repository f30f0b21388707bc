import Link from "next/link"

// Public Pages Router page: its links navigate client-side through /_next/data/<build>/….json.
export default function LegacyHome() {
  return (
    <main>
      <h1>public legacy home</h1>
      <ul>
        <li><Link href="/admin/legacy" id="to-admin-legacy">admin legacy</Link></li>
        <li><Link href="/dashboard/legacy" id="to-dashboard-legacy">dashboard legacy</Link></li>
      </ul>
    </main>
  )
}
