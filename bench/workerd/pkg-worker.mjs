// Our package's `withAuth` as a plain JS Worker (the package's `workerd` entry, its wasm imported
// as a compiled module): the same gate as the next-auth Worker, for when the Rust Worker (build/)
// isn't built, and to show the cost of the JS entry next to the all-Rust Worker.
import { withAuth } from "nextauth-edge";

export default {
  async fetch(request, env) {
    const denied = await withAuth(request, env);
    if (denied) return denied;
    const url = new URL(request.url);
    return fetch(new Request(new URL(url.pathname + url.search, env.UPSTREAM), request));
  },
};
