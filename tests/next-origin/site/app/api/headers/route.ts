// Public: the request headers this app received, for the test to check what the Worker strips.
export const dynamic = "force-dynamic"

export function GET(req: Request) {
  return Response.json(Object.fromEntries(req.headers))
}
