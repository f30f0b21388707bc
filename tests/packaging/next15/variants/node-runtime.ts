// The drop-in on Next 15's Node.js middleware runtime (webpack): the package's `node` entry.
export { default } from "nextauth-edge"
export const config = { matcher: ["/dashboard"], runtime: "nodejs" }
