// Without next-auth installed, the JWT interface to augment is nextauth-edge's own.
import type { JWT } from "nextauth-edge"

declare module "nextauth-edge" {
  interface JWT {
    role?: "admin" | "user"
  }
}

export const role = (token: JWT): "admin" | "user" | undefined => token.role
// @ts-expect-error -- the augmentation narrows `role`
export const superuser = (token: JWT) => token.role === "superuser"
export const name = (token: JWT): string | null | undefined => token.name
