// No gate at all: forwards every request to UPSTREAM. Its CPU per request is workerd's own cost
// (Miniflare's entry, HTTP, the upstream fetch); a gate's cost is its excess over this.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    return fetch(new Request(new URL(url.pathname + url.search, env.UPSTREAM), request));
  },
};
