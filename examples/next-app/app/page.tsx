import { DEMO_PASSWORD } from "../auth"

export default function Home() {
  return (
    <>
      <h1>nextauth-edge with the real next-auth</h1>
      <p>
        This page is public. Sign-in, sign-out and the session cookie are next-auth v4&apos;s own
        (Credentials provider, JWT strategy); <code>middleware.ts</code> gates pages with
        nextauth-edge&apos;s <code>withAuth</code>.
      </p>
      <ul>
        <li><a href="/dashboard">/dashboard</a>: any signed-in user</li>
        <li><a href="/admin">/admin</a>: role admin; others get a 403 (<code>onUnauthorized</code>)</li>
        <li><a href="/reports">/reports</a>: role admin; others are sent to sign-in (next-auth&apos;s behaviour)</li>
        <li><a href="/server">/server</a>: public, shows the session read by nextauth-edge&apos;s <code>getServerSession</code></li>
      </ul>
      <p>
        Demo users: <code>ada</code> (admin) and <code>bob</code> (user), password <code>{DEMO_PASSWORD}</code>.
      </p>
    </>
  )
}
