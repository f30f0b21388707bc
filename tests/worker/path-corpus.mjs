// The path-parity corpus, shared by tests/worker/path-parity.test.mjs (synthetic origins that
// read paths Go-, nginx-, Express- and Tomcat-style) and tests/next-origin/ (a real Next.js app
// behind the Worker): spelling classes of guarded and unguarded paths, the four readings, and a
// raw HTTP/1.1 client that sends a request line exactly as written.
import net from "node:net";
import zlib from "node:zlib";
import path from "node:path";

// ---- How origins read a request target (the path part) --------------------------------------

function percentDecode(text) {
  // Bytes, then UTF-8 (invalid sequences replaced: never a guarded name); null when malformed.
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

// Go's path.Clean / nginx: slashes merged, `.` and `..` resolved, `..` above root dropped.
function clean(p) {
  const out = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return `/${out.join("/")}`;
}

export const ORIGINS = {
  // net/http: URL.Path is the decoded path (%2F becomes /), ServeMux cleans it.
  go: (target) => {
    const decoded = percentDecode(target);
    return decoded === null ? null : clean(decoded);
  },
  // nginx: decodes, merges slashes, resolves dots in one pass; refuses a decoded NUL.
  nginx: (target) => {
    const decoded = percentDecode(target);
    if (decoded === null || decoded.includes("\0")) return null;
    return clean(decoded);
  },
  // Express with serve-static style handlers: decodeURIComponent, path.normalize, and routing
  // that ignores case and a trailing slash.
  express: (target) => {
    let decoded;
    try {
      decoded = decodeURIComponent(target);
    } catch {
      return null;
    }
    return clean(path.posix.normalize(decoded)).toLowerCase();
  },
  // Tomcat: `;params` dropped from each segment before decoding, then decoded (as if
  // ALLOW_ENCODED_SLASH and ALLOW_BACKSLASH were on), `\` as `/`, normalized.
  tomcat: (target) => {
    const stripped = target
      .split("/")
      .map((seg) => seg.split(";")[0])
      .join("/");
    const decoded = percentDecode(stripped);
    if (decoded === null || decoded.includes("\0")) return null;
    return clean(decoded.replaceAll("\\", "/"));
  },
};

export function guardedResource(resource, base) {
  if (resource === null) return false;
  const lower = resource.toLowerCase();
  return ["/dashboard", "/admin"].some((area) => {
    const p = `${base}${area}`;
    return lower === p || lower.startsWith(`${p}/`);
  });
}

// ---- The corpus ------------------------------------------------------------------------------

const hexOf = (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`;

// Each class: a spelling of `/${t}` (t without a leading slash), and whether the spelling is
// already canonical (then an unguarded one must reach the origin byte for byte).
export const CLASSES = {
  plain: { spell: (t) => `/${t}`, canonical: true },
  "escaped first letter": { spell: (t) => `/${hexOf(t[0])}${t.slice(1)}` },
  "all escaped, upper hex": {
    spell: (t) => `/${[...t].map((c) => (c === "/" ? c : hexOf(c).toUpperCase())).join("")}`,
  },
  "leading //": { spell: (t) => `//${t}` },
  "inner //": { spell: (t) => `/${t.replace("/", "//")}//` },
  "backslash": { spell: (t) => `/\\${t}` },
  "dot segments": { spell: (t) => `/x/../${t}` },
  "/./ segments": { spell: (t) => `/./${t}/.` },
  "encoded dots": { spell: (t) => `/x/%2e%2e/${t}` },
  "half-encoded dots": { spell: (t) => `/x/.%2E/${t}` },
  "encoded slash": { spell: (t) => `/x%2F..%2F${t}`, canonical: true },
  "encoded backslash": { spell: (t) => `/x%5C..%5C${t}`, canonical: true },
  "double-encoded letter": { spell: (t) => `/%25${hexOf(t[0]).slice(1)}${t.slice(1)}`, canonical: true },
  "double-encoded slash": { spell: (t) => `/x%252F..%252F${t}`, canonical: true },
  "double-encoded dots": { spell: (t) => `/x/%252e%252e/${t}`, canonical: true },
  ";params": { spell: (t) => `/${t};jsessionid=1`, canonical: true },
  "..;/": { spell: (t) => `/x/..;/${t}`, canonical: true },
  "encoded ;": { spell: (t) => `/${t}%3Bx`, canonical: true },
  "upper case": { spell: (t) => `/${t.toUpperCase()}`, canonical: true },
  "NUL": { spell: (t) => `/${t}%00.html` },
  "double-encoded NUL": { spell: (t) => `/${t}%2500.html`, canonical: true },
  "/_next/..%2F": { spell: (t) => `/_next/..%2F${t}`, canonical: true },
  "/api/auth/..%2F..%2F": { spell: (t) => `/api/auth/..%2F..%2F${t}`, canonical: true },
};

export const TARGETS = [
  { t: "dashboard", guarded: true },
  { t: "admin/users", guarded: true },
  { t: "about", guarded: false },
];

export function corpus(base, targets = TARGETS) {
  const rows = [];
  for (const [name, cls] of Object.entries(CLASSES)) {
    for (const { t, guarded } of targets) {
      let spelling = cls.spell(t);
      // With basePath the spelling's tricks come after it (`/docs/x/../dashboard`).
      if (base) spelling = `${base}${spelling}`;
      rows.push({ class: name, spelling, guarded, canonical: !!cls.canonical });
    }
  }
  return rows;
}

/**
 * Sends one raw request (the target exactly as written, extra header lines as given) and reads the
 * answer: `{ status, head, body }` (status 0: the connection closed first). The body is read to its
 * `Content-Length` or the end of its chunked encoding (workerd may keep the connection open
 * despite `Connection: close`); chunked bodies are de-chunked and compressed ones (the origin's
 * `Content-Encoding`, passed through by the Worker) decompressed, so a test reads what a browser
 * would show.
 */
export function rawRequest(port, target, headers = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let data = Buffer.alloc(0);
    let settled = false;
    socket.setTimeout(20_000, () => {
      socket.destroy();
      if (!settled) reject(new Error(`timeout on ${target}`));
    });
    socket.on("connect", () => {
      const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${lines}Connection: close\r\n\r\n`);
    });
    const finish = (complete) => {
      const parsed = parseResponse(data);
      if (!parsed || (!complete && !parsed.complete)) return;
      settled = true;
      socket.destroy();
      resolve(parsed);
    };
    socket.on("data", (d) => {
      data = Buffer.concat([data, d]);
      finish(false);
    });
    socket.on("end", () => {
      if (!settled) {
        settled = true;
        resolve(parseResponse(data) ?? { status: 0, head: "", body: "" });
      }
    });
    socket.on("error", (err) => {
      if (!settled) reject(err);
    });
  });
}

/** `{ status, head, body, complete }` once the head has arrived, else null. */
function parseResponse(data) {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const head = data.subarray(0, end).toString("latin1");
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const rest = data.subarray(end + 4);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
  if (length !== undefined) {
    const complete = rest.length >= Number(length);
    return { status, head, body: decoded(head, rest.subarray(0, Number(length)), complete), complete };
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const chunks = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf("\r\n", at);
      if (lineEnd < 0) break;
      const size = parseInt(rest.subarray(at, lineEnd).toString("latin1"), 16);
      if (Number.isNaN(size)) break;
      if (size === 0) return { status, head, body: decoded(head, Buffer.concat(chunks), true), complete: true };
      if (rest.length < lineEnd + 2 + size + 2) break;
      chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return { status, head, body: decoded(head, Buffer.concat(chunks), false), complete: false };
  }
  // No length: a HEAD-like answer (304, 204, 1xx) or a body that ends with the connection.
  const bodiless = status === 204 || status === 304 || (status >= 100 && status < 200);
  return { status, head, body: decoded(head, rest, bodiless), complete: bodiless };
}

/** The body as text, decompressed per `Content-Encoding` once it is complete. */
function decoded(head, bytes, complete) {
  const encoding = /\r\ncontent-encoding:\s*([^\r]*)/i.exec(head)?.[1]?.trim().toLowerCase();
  if (!encoding || encoding === "identity") return bytes.toString("utf8");
  if (!complete) return "";
  const decode = { gzip: zlib.gunzipSync, br: zlib.brotliDecompressSync, deflate: zlib.inflateSync }[encoding];
  if (!decode) throw new Error(`unknown Content-Encoding ${encoding}`);
  return decode(bytes).toString("utf8");
}

/** The status code of one raw request line. */
export async function rawGet(port, target) {
  return (await rawRequest(port, target)).status;
}

