import type { GetServerSideProps } from "next"

// Guarded Pages Router page: its props (the marker) come from getServerSideProps, also served as
// /_next/data/<build>/dashboard/legacy.json to client-side navigations.
type Props = { marker: string }

export const getServerSideProps: GetServerSideProps<Props> = async () => ({
  props: { marker: "GUARDED:pages/dashboard/legacy" },
})

export default function DashboardLegacy({ marker }: Props) {
  return <p>{marker}</p>
}
