// The drop-in on Next 16's edge middleware (Turbopack). Next 16 accepts a middleware file only with
// a default export it can see, or a function exported as `middleware` (`proxy` in proxy.ts): a
// bare `export { default } from …` (next-auth's documented one-liner) fails its build ("must export
// a function"), so the re-export is named.
export { default as middleware } from "nextauth-edge/middleware"
export const config = { matcher: ["/dashboard"] }
