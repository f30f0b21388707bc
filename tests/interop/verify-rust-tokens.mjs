#!/usr/bin/env node
// Verifies tokens minted by OUR Rust encoder with the REAL JavaScript libraries.
//
//   <rust test> | node tests/interop/verify-rust-tokens.mjs
//
// stdin: {"cases":[{"name", "format": "v4"|"v5", "token",
//                   "secret": string|string[], "salt": string, "payload": {...}}]}
// `payload` is the full claims object our encoder put inside (iat/exp/jti too).
//
// A case passes only if all of these hold (decoding alone proves little: next-auth's decode
// hands jose no algorithm allow-list and Node's base64 decoder is lenient, so a token next-auth
// never writes can still decode):
// - the protected header is the one the real encode writes, byte for byte (v4:
//   {"alg":"dir","enc":"A256GCM"}; v5: {"alg":"dir","enc":...,"kid":...}, enc A256CBC-HS512 as
//   @auth/core's encode writes it, or A256GCM, which its decode takes);
// - every segment is canonical unpadded base64url;
// - the real decode returns `payload` exactly, with iat/exp numbers near now and a UUID jti, as
//   the real encode would put;
// - the real decode REFUSES the token under another secret, with the error class it gives a
//   foreign token: jose's ERR_JWE_DECRYPTION_FAILED (v4), @auth/core's "no matching decryption
//   secret" (v5, whose kid names the key).
//
// Prints `ok <name>` or `FAIL <name>: <reason>` per case, then `N passed, M failed`.
// Exits non-zero if anything failed, no cases were given, or a format had no case.
//
// The clock is NOT frozen: the Rust side mints with the current time, so the
// real libraries must check exp/iat against the real clock as well.

import { deepStrictEqual } from "node:assert/strict";
import { encode as v4Encode, decode as v4Decode } from "next-auth/jwt";
import { encode as v5Encode, decode as v5Decode } from "@auth/core/jwt";

const DECODERS = {
  v4: ({ token, secret, salt }) => v4Decode({ token, secret, salt: salt ?? "" }),
  v5: ({ token, secret, salt }) => v5Decode({ token, secret, salt }),
};

/** The real encode's token for the same secret and salt: its header is the one ours must have. */
const REAL_ENCODERS = {
  v4: ({ secret, salt }) => v4Encode({ token: {}, secret, salt: salt ?? "" }),
  v5: ({ secret, salt }) => v5Encode({ token: {}, secret, salt }),
};

/** What the real decode throws for a token sealed under another secret. */
const FOREIGN_SECRET_ERROR = {
  v4: (err) => err?.code === "ERR_JWE_DECRYPTION_FAILED",
  v5: (err) => err?.constructor === Error && err.message === "no matching decryption secret",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isCanonicalB64 = (s) => Buffer.from(s, "base64url").toString("base64url") === s;
const headerText = (token) => Buffer.from(token.split(".")[0], "base64url").toString("utf8");

/** null when our header is exactly one the real library writes (or, v5 A256GCM, decodes). */
async function headerProblem(c) {
  const ours = headerText(c.token);
  const real = headerText(await REAL_ENCODERS[c.format](c));
  if (ours === real) return null;
  if (c.format === "v5") {
    // @auth/core's encode always writes A256CBC-HS512; its decode also takes A256GCM, with the
    // kid of the 32-byte key (the decode below checks that kid).
    const { kid } = JSON.parse(ours);
    if (ours === JSON.stringify({ alg: "dir", enc: "A256GCM", kid })) return null;
  }
  return `header ${ours} is not the real encode's ${real}`;
}

/** Keep each report on one physical line, whatever the payload contains. */
const oneLine = (text) =>
  text.replace(/[\r\n\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
const brief = (value) => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 200 ? `${json.slice(0, 200)}…` : json;
};

/** Names the top-level claims that differ, so an 8 KB payload doesn't flood the log. */
function describeMismatch(real, ours) {
  if (typeof real !== "object" || typeof ours !== "object" || !real || !ours) {
    return `real=${brief(real)} expected=${brief(ours)}`;
  }
  const keys = [...new Set([...Object.keys(real), ...Object.keys(ours)])];
  const differing = keys.filter((k) => {
    try {
      deepStrictEqual(real[k], ours[k]);
      return false;
    } catch {
      return true;
    }
  });
  return differing.map((k) => `${k}: real=${brief(real[k])} expected=${brief(ours[k])}`).join("; ");
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Returns null when the case passes, or a one-line reason. */
async function checkCase(c) {
  const decode = DECODERS[c.format];
  if (!decode) return `unknown format ${JSON.stringify(c.format)} (expected "v4" or "v5")`;
  if (c.format === "v5" && typeof c.salt !== "string") return "v5 needs a salt (the cookie name)";
  if (typeof c.token !== "string" || c.token.split(".").length !== 5) return "not a five-segment JWE";
  const nonCanonical = c.token.split(".").findIndex((s) => !isCanonicalB64(s));
  if (nonCanonical >= 0) return `segment ${nonCanonical} is not canonical base64url`;
  const header = await headerProblem(c);
  if (header) return header;
  let decoded;
  try {
    decoded = await decode(c);
  } catch (err) {
    return `real ${c.format} decode threw ${err.name}: ${err.message}`;
  }
  if (decoded === null || decoded === undefined) return `real ${c.format} decode returned ${decoded}`;
  try {
    // Both sides come from JSON.parse, so prototypes match; key order is ignored.
    deepStrictEqual(decoded, c.payload);
  } catch (err) {
    return `payload mismatch: ${describeMismatch(decoded, c.payload)}`;
  }
  // The claims the real encode sets (the clock is not frozen: allow a minute either way).
  const now = Date.now() / 1000;
  if (typeof decoded.iat !== "number" || Math.abs(decoded.iat - now) > 60) return `iat ${decoded.iat} is not now`;
  if (typeof decoded.exp !== "number" || decoded.exp <= decoded.iat) return `exp ${decoded.exp} is not after iat`;
  if (typeof decoded.jti !== "string" || !UUID.test(decoded.jti)) return `jti ${JSON.stringify(decoded.jti)} is not a UUID`;
  // Under another secret the real decode must refuse, and for the reason a foreign token gets.
  const otherSecret = `${Array.isArray(c.secret) ? c.secret[0] : c.secret} (another)`;
  try {
    const other = await decode({ ...c, secret: otherSecret });
    return `real ${c.format} decode accepted it under another secret: ${brief(other)}`;
  } catch (err) {
    if (!FOREIGN_SECRET_ERROR[c.format](err)) {
      return `under another secret the real decode threw ${err.name} (${err.code ?? "no code"}): ${err.message}`;
    }
  }
  return null;
}

async function main() {
  let doc;
  try {
    doc = JSON.parse(await readStdin());
  } catch (err) {
    console.log(oneLine(`FAIL <stdin>: not valid JSON: ${err.message}`));
    console.log("0 passed, 1 failed");
    return 1;
  }
  const cases = Array.isArray(doc?.cases) ? doc.cases : [];
  let passed = 0;
  let failed = 0;
  for (const [index, c] of cases.entries()) {
    const name = c?.name ?? `#${index}`;
    const reason = await checkCase(c ?? {});
    if (reason === null) {
      passed++;
      console.log(oneLine(`ok ${name}`));
    } else {
      failed++;
      console.log(oneLine(`FAIL ${name}: ${reason}`));
    }
  }
  const missing = Object.keys(DECODERS).filter((format) => !cases.some((c) => c?.format === format));
  console.log(`${passed} passed, ${failed} failed`);
  if (cases.length === 0) console.error("no cases given");
  if (missing.length > 0) console.error(`no ${missing.join(", ")} cases given`);
  return failed > 0 || cases.length === 0 || missing.length > 0 ? 1 : 0;
}

process.exitCode = await main();
