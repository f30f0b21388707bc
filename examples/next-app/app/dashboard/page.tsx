import { WhoAmI } from "../session"

export const dynamic = "force-dynamic"

export default async function Dashboard({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  const { tab } = await searchParams
  return (
    <>
      <h1>Dashboard{tab ? ` · ${tab}` : ""}</h1>
      <p>Any signed-in user gets here: <code>withAuth</code> let the request through.</p>
      <WhoAmI />
    </>
  )
}
