export default function About() {
  return <p>public about page</p>
}
