import Link from "next/link"

// Public. Links for client-side navigation (RSC requests) into the guarded pages.
export default function Home() {
  return (
    <main>
      <h1>public home</h1>
      <ul>
        <li><Link href="/dashboard" id="to-dashboard">dashboard</Link></li>
        <li><Link href="/admin" id="to-admin">admin</Link></li>
        <li><Link href="/admin/users" id="to-admin-users">admin users</Link></li>
        <li><Link href="/about" id="to-about">about</Link></li>
        <li><Link href="/legacy" id="to-legacy">Pages Router home</Link></li>
      </ul>
    </main>
  )
}
