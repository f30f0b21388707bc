export default function Home() {
  return <p>public page</p>
}
