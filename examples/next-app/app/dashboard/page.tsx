import { WhoAmI } from "../session"

export const dynamic = "force-dynamic"

export default function Dashboard() {
  return (
    <>
      <h1>Dashboard</h1>
      <p>Any signed-in user gets here: <code>withAuth</code> let the request through.</p>
      <WhoAmI />
    </>
  )
}
