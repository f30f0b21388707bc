// The origin behind the Workers: a trivial local answer, so the bench measures the gate, not an
// origin. Listens on the first free port in 127.0.0.1:8900–8949; the caller closes it.

import { createServer } from "node:http";

export const UPSTREAM_BODY = "upstream ok";

export async function startUpstream() {
  for (let port = 8900; port <= 8949; port++) {
    const server = createServer((req, res) => {
      res.writeHead(200, { "content-type": "text/plain", "content-length": UPSTREAM_BODY.length });
      res.end(UPSTREAM_BODY);
    });
    server.keepAliveTimeout = 30_000;
    const ok = await new Promise((resolve) => {
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => resolve(true));
    });
    if (ok) {
      return {
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
      };
    }
  }
  throw new Error("no free port in 127.0.0.1:8900-8949 for the bench upstream");
}
