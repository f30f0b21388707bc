// README's Next 16 drop-in, as proxy.ts (Node): the re-export named `proxy` (see oneline.ts for why
// a bare `export { default } from …` fails Next 16's build).
export { default as proxy } from "nextauth-edge/middleware"
export const config = { matcher: ["/dashboard"] }
