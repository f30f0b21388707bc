import type { ReactNode } from "react"

export const metadata = { title: "nextauth-edge × next-auth" }

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: "50rem", margin: "2rem auto", lineHeight: 1.5 }}>
        <nav style={{ display: "flex", flexWrap: "wrap", gap: ".4rem 1rem", whiteSpace: "nowrap", borderBottom: "1px solid #ddd", paddingBottom: ".5rem" }}>
          <a href="/">Home</a>
          <a href="/dashboard">Dashboard</a>
          <a href="/admin">Admin</a>
          <a href="/reports">Reports</a>
          <a href="/server">Server session</a>
          <a href="/api/auth/signin">Sign in</a>
          <a href="/api/auth/signout?callbackUrl=%2F">Sign out</a>
        </nav>
        <main>{children}</main>
      </body>
    </html>
  )
}
