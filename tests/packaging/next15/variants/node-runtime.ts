// The drop-in on Next 15's Node.js middleware runtime (webpack): nextauth-edge/middleware's `node` entry.
export { default } from "nextauth-edge/middleware"
export const config = { matcher: ["/dashboard"], runtime: "nodejs" }
