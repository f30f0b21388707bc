// The drop-in, exactly as with next-auth: only the import changed.
export { default } from "nextauth-edge"
export const config = { matcher: ["/dashboard"] }
