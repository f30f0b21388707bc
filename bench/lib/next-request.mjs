// A fresh NextRequest (+ NextFetchEvent) per request, as Next.js's middleware adapter builds them.
// Runs in whichever realm imports it (plain Node, or bundled into an edge-runtime sandbox), with
// that realm's own `next/server` classes, passed in.

export function requestMaker({ NextRequest, NextFetchEvent }, spec) {
  const init = { method: "GET", headers: spec.headers, nextConfig: { basePath: "", trailingSlash: false } };
  const context = { waitUntil() {} };
  return () => {
    const request = new NextRequest(spec.url, init);
    return [request, new NextFetchEvent({ request, page: "/middleware", context })];
  };
}

/** continue (undefined) or status + Location: what both sides must agree on. */
export function outcome(response) {
  if (response === undefined || response === null) return "continue";
  return `${response.status} ${response.headers.get("location")}`;
}
