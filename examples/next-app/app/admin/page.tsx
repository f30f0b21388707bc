import { WhoAmI } from "../session"

export const dynamic = "force-dynamic"

export default function Admin() {
  return (
    <>
      <h1>Admin</h1>
      <p>Only role <code>admin</code> gets here; anyone else signed in gets a 403.</p>
      <WhoAmI />
    </>
  )
}
