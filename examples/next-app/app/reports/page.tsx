import { WhoAmI } from "../session"

export const dynamic = "force-dynamic"

export default function Reports() {
  return (
    <>
      <h1>Reports</h1>
      <p>Only role <code>admin</code> gets here; anyone else is sent to the sign-in page, as next-auth&apos;s withAuth does.</p>
      <WhoAmI />
    </>
  )
}
