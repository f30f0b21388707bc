// encode/decode, as used in tests and custom flows.
import { decode, encode, type JWT, type JWTDecodeParams, type JWTEncodeParams } from "$JWT"

const secret = process.env.NEXTAUTH_SECRET ?? "dev-secret"

export async function roundTrip(): Promise<JWT | null> {
  const params: JWTEncodeParams = { token: { name: "Ada", email: "ada@example.com", role: "admin" }, secret, maxAge: 60 }
  const jwt: string = await encode(params)
  const decodeParams: JWTDecodeParams = { token: jwt, secret }
  const token = await decode(decodeParams)
  const name: string | null | undefined = token?.name
  console.log(name, token?.sub)
  return decode({ token: jwt, secret, salt: "" })
}
