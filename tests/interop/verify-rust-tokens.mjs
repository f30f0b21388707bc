#!/usr/bin/env node
// Verifies tokens minted by OUR Rust encoder with the REAL JavaScript libraries.
//
//   <rust test> | node tests/interop/verify-rust-tokens.mjs
//
// stdin: {"cases":[{"name", "format": "v4"|"v5", "token",
//                   "secret": string|string[], "salt": string, "payload": {...}}]}
// `payload` is the full claims object our encoder put inside (iat/exp/jti too).
//
// Prints `ok <name>` or `FAIL <name>: <reason>` per case, then `N passed, M failed`.
// Exits non-zero if anything failed or no cases were given.
//
// The clock is NOT frozen: the Rust side mints with the current time, so the
// real libraries must check exp/iat against the real clock as well.

import { deepStrictEqual } from "node:assert/strict";
import { decode as v4Decode } from "next-auth/jwt";
import { decode as v5Decode } from "@auth/core/jwt";

const DECODERS = {
  v4: ({ token, secret, salt }) => v4Decode({ token, secret, salt: salt ?? "" }),
  v5: ({ token, secret, salt }) => v5Decode({ token, secret, salt }),
};

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
  console.log(`${passed} passed, ${failed} failed`);
  if (cases.length === 0) console.error("no cases given");
  return failed > 0 || cases.length === 0 ? 1 : 0;
}

process.exitCode = await main();
