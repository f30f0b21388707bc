import { WhoAmI } from "../session"

export const dynamic = "force-dynamic"

export default function ServerSession() {
  return (
    <>
      <h1>Server session</h1>
      <p>
        A public Server Component: <code>getServerSession(authOptions)</code> from
        <code> nextauth-edge/next</code> reads next-auth&apos;s cookie and runs its <code>jwt</code> and
        <code> session</code> callbacks.
      </p>
      <WhoAmI />
    </>
  )
}
