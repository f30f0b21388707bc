import type { GetServerSideProps } from "next"

// Guarded Pages Router page: its props (the marker) come from getServerSideProps, also served as
// /_next/data/<build>/admin/legacy.json to client-side navigations.
type Props = { marker: string }

export const getServerSideProps: GetServerSideProps<Props> = async () => ({
  props: { marker: "GUARDED:pages/admin/legacy" },
})

export default function AdminLegacy({ marker }: Props) {
  return <p>{marker}</p>
}
