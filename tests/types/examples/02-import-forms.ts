// Docs, "Basic usage": withAuth as the default or a named import.
import withAuth from "$MIDDLEWARE"
import { withAuth as named } from "$MIDDLEWARE"

export const same: typeof withAuth = named
export default withAuth
