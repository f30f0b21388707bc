#!/usr/bin/env node
// Mints tests/fixtures/tokens.json with the REAL npm libraries (next-auth v4,
// @auth/core "v5", jsonwebtoken, jose), and records what each real library's
// decode/verify says about every token at a frozen instant.
//
//   node tests/fixtures-gen/mint-tokens.mjs        (from the repo root)
//
// Deterministic in TIME only: the clock is frozen at NOW_MS while minting and
// while computing verdicts, so iat/exp/nbf are stable across runs. IVs, jti,
// generated key pairs and the "random" secret change on every run; that is
// expected and harmless because verdicts are recomputed every time.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createCipheriv, createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as jose from "jose"; // 4.15.9, the same major next-auth v4 uses
import jsonwebtoken from "jsonwebtoken";
import { encode as v4Encode, decode as v4Decode } from "next-auth/jwt";
import { encode as v5Encode, decode as v5Decode } from "@auth/core/jwt";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OUT_FILE = join(REPO_ROOT, "tests", "fixtures", "tokens.json");

// 2025-11-26T12:00:00Z
const NOW_MS = 1764158400000;
const NOW = NOW_MS / 1000;
const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60; // next-auth and @auth/core default
const V5_SALT = "authjs.session-token";
const V5_SALT_SECURE = "__Secure-authjs.session-token";

// ---------------------------------------------------------------------------
// Frozen clock. Every library involved reads time via `Date.now()` or
// `new Date()` (no args), looked up on the global at call time, so swapping
// globalThis.Date is enough. Dates built from explicit arguments still work.
// ---------------------------------------------------------------------------
const RealDate = globalThis.Date;
class FrozenDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(NOW_MS);
    else super(...args);
  }
  static now() {
    return NOW_MS;
  }
}

async function withFrozenClock(fn) {
  globalThis.Date = FrozenDate;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

// ---------------------------------------------------------------------------
// Key derivation, done exactly like the libraries do it. We load @panva/hkdf
// through next-auth's own resolution so we use the very copy next-auth uses.
// ---------------------------------------------------------------------------
const requireFromNextAuth = createRequire(import.meta.resolve("next-auth/jwt"));
const hkdfModule = requireFromNextAuth("@panva/hkdf");
const hkdf = hkdfModule.default ?? hkdfModule;

/** next-auth v4: 32-byte key for dir + A256GCM. */
function v4Key(secret, salt = "") {
  const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
  return hkdf("sha256", secret, salt, info, 32);
}

/** @auth/core: 64 bytes for A256CBC-HS512 (default), 32 for A256GCM. */
function v5Key(secret, salt, enc = "A256CBC-HS512") {
  const length = enc === "A256GCM" ? 32 : 64;
  return hkdf("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length);
}

/** @auth/core's kid: JWK thumbprint of the oct key, sha256 or sha512 by key size. */
function v5Kid(key) {
  return jose.calculateJwkThumbprint(
    { kty: "oct", k: jose.base64url.encode(key) },
    `sha${key.byteLength << 3}`,
  );
}

// ---------------------------------------------------------------------------
// Verdicts: what the real library returns for a token at the frozen instant.
// ---------------------------------------------------------------------------

/**
 * The real library's error class, as it names it:
 * - jose (under next-auth's and @auth/core's decode, which let jose's errors through unwrapped,
 *   and under jwtVerify): its `code`, e.g. ERR_JWE_DECRYPTION_FAILED, ERR_JWT_EXPIRED;
 * - jsonwebtoken: the constructor name (TokenExpiredError, NotBeforeError, JsonWebTokenError;
 *   the last is one class for many reasons, which only its message tells apart);
 * - @auth/core's own `throw new Error("no matching decryption secret")`: "Error".
 * tests/token_fixtures.rs maps each class (and, where one class covers several reasons, a
 * fragment of the message) to the TokenError kinds that mean the same reason.
 */
function errorClass(err) {
  if (typeof err?.code === "string" && /^ERR_J(OSE|WE|WS|WT|WK|WKS)_/.test(err.code)) return err.code;
  if (["TokenExpiredError", "NotBeforeError", "JsonWebTokenError"].includes(err?.constructor?.name)) {
    return err.constructor.name;
  }
  if (err?.constructor === Error) return "Error";
  throw new Error(`unclassified error from the real library: ${err?.constructor?.name}: ${err?.message}`);
}

async function verdictOf(fn) {
  try {
    const payload = await fn();
    // next-auth / @auth/core return null (without throwing) for a falsy token.
    // That is "no session", not an acceptance, so record it as a rejection.
    if (payload === null || payload === undefined) {
      return { ok: false, error_class: "null", error: "null: decode returned null (falsy token)" };
    }
    return { ok: true, payload: JSON.parse(JSON.stringify(payload)) };
  } catch (err) {
    return { ok: false, error_class: errorClass(err), error: `${err.name}: ${err.message}` };
  }
}

const v4Verdict = (token, secret, salt) => verdictOf(() => v4Decode({ token, secret, salt }));
const v5Verdict = (token, secret, salt) => verdictOf(() => v5Decode({ token, secret, salt }));
const hsVerdict = (token, secret, alg) =>
  verdictOf(() => jsonwebtoken.verify(token, secret, { algorithms: [alg], clockTolerance: 15 }));
const asymVerdict = (token, publicKeyPem, alg) =>
  verdictOf(async () => {
    const key = await jose.importSPKI(publicKeyPem, alg);
    const { payload } = await jose.jwtVerify(token, key, { algorithms: [alg], clockTolerance: 15 });
    return payload;
  });

// ---------------------------------------------------------------------------
// Case collection: fixed key order, unique names.
// ---------------------------------------------------------------------------
const KEY_ORDER = [
  "name", "format", "token", "secret", "public_key_pem", "public_jwk", "alg",
  "salt", "max_age", "verdict", "strict", "expect", "ours", "ours_payload", "readme_row", "note",
];
const cases = [];
const seenNames = new Set();

function addCase(fields) {
  if (seenNames.has(fields.name)) throw new Error(`duplicate case name ${fields.name}`);
  for (const key of Object.keys(fields)) {
    if (!KEY_ORDER.includes(key)) throw new Error(`unknown case field ${key} in ${fields.name}`);
  }
  seenNames.add(fields.name);
  const ordered = {};
  for (const key of KEY_ORDER) if (fields[key] !== undefined) ordered[key] = fields[key];
  cases.push(ordered);
}

/**
 * Ids of the rows of README's "Where we are stricter than next-auth, and why" table.
 * tests/token_fixtures.rs lists the same ids with the fixtures each row needs.
 */
const ROW = {
  agility: "agility",
  pbes2: "pbes2",
  zip: "zip",
  crit: "crit",
  headerMembers: "header-members",
  base64: "base64",
  tooLong: "too-long",
  duplicate: "duplicate-claims",
  overflow: "number-overflow",
  nesting: "nesting",
  noKidRotation: "v5-no-kid-rotation",
  pemSecret: "hs256-pem-secret",
};

/** The README's bound on a token's length (MAX_TOKEN_LEN in src/token/compact.rs). */
const MAX_TOKEN_LEN = 400 * 1024;

/**
 * Fields for a token next-auth never produces, refused by us on purpose. `expect` is the
 * TokenError kind we must return (as tests/token_fixtures.rs names kinds: `Base64`,
 * `Claims(Duplicate)`, ...), recorded whatever the real library says:
 * - the real library accepts: a `strict` row, and `expect` is the whole check;
 * - the real library refuses too, for its own reason (a padded header fails jose's AAD check
 *   before anything looks at the padding): the test checks our kind is `expect`, since the
 *   README row is why we refuse, not the real library's reason.
 */
function strictFields(verdict, { reason, expect, row }) {
  return { strict: verdict.ok ? reason : undefined, expect, readme_row: row };
}

/** Asserts a crafted "should be valid" token really is valid, so a fixture bug can't hide. */
function expectOk(verdict, what) {
  if (!verdict.ok) throw new Error(`self-check failed: ${what} rejected: ${verdict.error}`);
}

// ---------------------------------------------------------------------------
// Token surgery helpers (compact serialization).
// ---------------------------------------------------------------------------
const segmentsOf = (token) => token.split(".");
function withSegment(token, index, value) {
  const parts = segmentsOf(token);
  parts[index] = value;
  return parts.join(".");
}
/** Flip the lowest bit of one decoded byte and re-encode canonically. */
function flipBit(segment, byteIndex = 0) {
  const bytes = Buffer.from(segment, "base64url");
  bytes[byteIndex] ^= 0x01;
  return bytes.toString("base64url");
}
const b64urlJson = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
const decodeHeader = (token) => JSON.parse(Buffer.from(segmentsOf(token)[0], "base64url").toString());
const padSegment = (s) => (s.length % 4 ? s + "=".repeat(4 - (s.length % 4)) : null);
const toStdAlphabet = (s) => s.replace(/-/g, "+").replace(/_/g, "/");
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/**
 * Change the unused low bits of the last character of a segment. Lenient
 * decoders (Node's Buffer) yield the same bytes; strict (canonical) ones reject.
 */
function nonCanonicalTail(segment) {
  if ((segment.length * 6) % 8 === 0) return null; // no spare bits
  const last = B64URL.indexOf(segment.at(-1));
  const changed = segment.slice(0, -1) + B64URL[last ^ 0x01];
  if (!Buffer.from(changed, "base64url").equals(Buffer.from(segment, "base64url"))) {
    throw new Error("nonCanonicalTail changed the decoded bytes");
  }
  return changed;
}
const insertAt = (s, index, text) => s.slice(0, index) + text + s.slice(index);
/** Whether every segment is canonical unpadded base64url (what jose writes and we accept). */
const isCanonicalB64 = (token) =>
  segmentsOf(token).every((s) => Buffer.from(s, "base64url").toString("base64url") === s);

// ---------------------------------------------------------------------------
// Payloads.
// ---------------------------------------------------------------------------
/** Deterministic string of mixed 1-4 byte UTF-8 chars, JSON escapes included. */
function mixedString(targetBytes) {
  const alphabet = Array.from("abcXYZ0189 -_.~!\"\\/<>&'é€ß漢字🔑😀\t\n");
  let out = "";
  for (let i = 0; Buffer.byteLength(out) < targetBytes; i++) out += alphabet[i % alphabet.length];
  return out;
}

const TYPICAL = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  picture: "https://example.com/avatars/ada.png",
  sub: "user-1234",
};

const PAYLOADS = {
  minimal: {},
  typical: TYPICAL,
  large3k: { ...TYPICAL, blob: mixedString(3 * 1024) },
  large8k: {
    ...TYPICAL,
    blob: mixedString(6 * 1024),
    list: Array.from({ length: 40 }, (_, i) => `item-${i}-${mixedString(40)}`),
  },
  nested: {
    user: {
      id: 1,
      profile: { name: "Ada", tags: ["a", "b"], address: { city: "London", geo: [51.5, -0.12] } },
    },
    roles: ["admin", "user"],
    matrix: [[1, 2], [3, 4]],
    empty_obj: {},
    empty_arr: [],
  },
  unicode: {
    name: "Zoë Ñandú 山田太郎",
    emoji: "🔑🚀👩‍💻🏳️‍🌈",
    rtl: "مرحبا",
    combining: "e\u0301",
    specials: "\uFFFD\uFEFF",
    astral: "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "ключ-🔑": "значение",
  },
  separators: {
    ls: "line\u2028separator",
    ps: "para\u2029separator",
    both: "\u2028\u2029",
    controls: "tab\tnl\ncr\rnul\u0000bell\u0007",
  },
  numbers: {
    int: 42,
    zero: 0,
    neg: -17,
    float: 3.14159,
    neg_float: -273.15,
    small: 1.5e-7,
    big: 6.02e23,
    max_safe: Number.MAX_SAFE_INTEGER,
    min_safe: Number.MIN_SAFE_INTEGER,
  },
  booleans: { yes: true, no: false, list: [true, false] },
  nulls: { name: null, email: null, image: null, nested: { v: null }, list: [null] },
};

// ---------------------------------------------------------------------------
// v4 (next-auth 4): dir + A256GCM, salt "" by default.
// ---------------------------------------------------------------------------
const V4_SECRETS = {
  ascii: "correct horse battery staple",
  random: randomBytes(32).toString("base64"),
  unicode: "sécret-🔑-秘密",
  "one-char": "x",
};

async function addV4Encoded({ name, secretLabel, payloadLabel, maxAge, salt = "" }) {
  const secret = V4_SECRETS[secretLabel];
  const params = { token: PAYLOADS[payloadLabel], secret, salt };
  if (maxAge !== undefined) params.maxAge = maxAge;
  const token = await v4Encode(params);
  const verdict = await v4Verdict(token, secret, salt);
  addCase({
    name: name ?? v4Name(secretLabel, payloadLabel, maxAge, salt),
    format: "v4", token, secret, salt, max_age: maxAge ?? DEFAULT_MAX_AGE, verdict,
  });
  return token;
}

function v4Name(secretLabel, payloadLabel, maxAge, salt) {
  let name = `v4/${secretLabel}-secret/${payloadLabel}`;
  if (maxAge !== undefined) name += `/maxage-${maxAge}`;
  if (salt) name += `/salt-${salt}`;
  return name;
}

/** A spread of secrets x payloads x maxAge x salts (not the full product). */
async function v4Positives() {
  for (const secretLabel of Object.keys(V4_SECRETS)) {
    for (const payloadLabel of ["minimal", "typical"]) {
      await addV4Encoded({ secretLabel, payloadLabel });
    }
  }
  for (const payloadLabel of Object.keys(PAYLOADS)) {
    if (payloadLabel === "minimal" || payloadLabel === "typical") continue;
    await addV4Encoded({ secretLabel: "ascii", payloadLabel });
  }
  for (const maxAge of [60, 1, DEFAULT_MAX_AGE]) {
    await addV4Encoded({ secretLabel: "random", payloadLabel: "typical", maxAge });
  }
  for (const secretLabel of Object.keys(V4_SECRETS)) {
    await addV4Encoded({ secretLabel, payloadLabel: "typical", salt: "some-salt" });
  }
  await addV4Encoded({ secretLabel: "unicode", payloadLabel: "large8k", salt: "some-salt" });
  await addV4Encoded({ secretLabel: "unicode", payloadLabel: "large3k", maxAge: 60 });
  await addV4Encoded({ secretLabel: "one-char", payloadLabel: "unicode", maxAge: 1, salt: "some-salt" });
  await addV4Encoded({ secretLabel: "random", payloadLabel: "separators", salt: "some-salt" });
}

/** exp = now + maxAge; jose allows 15 s of clock skew, so -14 passes and -15 fails. */
async function v4ExpiryEdges() {
  for (const maxAge of [-14, -15, -16, -3600]) {
    await addV4Encoded({
      name: `v4/expiry/maxage-minus-${-maxAge}`, secretLabel: "ascii", payloadLabel: "typical", maxAge,
    });
  }
}

/**
 * Tokens next-auth could not mint itself (custom claims or headers), crafted
 * with jose. iat/exp/jti mimic next-auth's encode unless overridden:
 * iat: false keeps the payload's own iat; expIn: null keeps the payload's exp.
 */
async function craftJwe({ payload, header, key, kmParams, iat = true, expIn = DEFAULT_MAX_AGE, jti = true }) {
  let jwt = new jose.EncryptJWT(payload).setProtectedHeader(header);
  if (iat) jwt = jwt.setIssuedAt();
  if (expIn !== null) jwt = jwt.setExpirationTime(NOW + expIn);
  if (jti) jwt = jwt.setJti(randomUUID());
  if (kmParams) jwt = jwt.setKeyManagementParameters(kmParams);
  return jwt.encrypt(key);
}

/** Raw plaintext (not necessarily a JSON object) under v4's dir/A256GCM. */
async function craftRawV4(plaintext, key) {
  return new jose.CompactEncrypt(Buffer.from(plaintext))
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .encrypt(key);
}

async function v4ClaimEdges() {
  const secret = V4_SECRETS.ascii;
  const key = await v4Key(secret);
  const v4Header = { alg: "dir", enc: "A256GCM" };

  // Guard: our derivation must match next-auth's, or every crafted case is noise.
  const probe = await craftJwe({ payload: TYPICAL, header: v4Header, key });
  const probeVerdict = await v4Verdict(probe, secret, "");
  expectOk(probeVerdict, "crafted v4 token (derivation check)");
  addCase({ name: "v4/crafted/derivation-check", format: "v4", token: probe, secret, salt: "", verdict: probeVerdict });

  const saltedKey = await v4Key(secret, "some-salt");
  const salted = await craftJwe({ payload: TYPICAL, header: v4Header, key: saltedKey });
  const saltedVerdict = await v4Verdict(salted, secret, "some-salt");
  expectOk(saltedVerdict, "crafted salted v4 token (derivation check)");
  addCase({ name: "v4/crafted/derivation-check/salt-some-salt", format: "v4", token: salted, secret, salt: "some-salt", verdict: saltedVerdict });

  const crafted = [
    // nbf is rejected only when nbf > now + 15.
    ["v4/nbf/now-plus-10", { ...TYPICAL, nbf: NOW + 10 }, {}],
    ["v4/nbf/now-plus-20", { ...TYPICAL, nbf: NOW + 20 }, {}],
    ["v4/claims/iat-string", { ...TYPICAL, iat: String(NOW) }, { iat: false }],
    ["v4/claims/exp-string", { ...TYPICAL, exp: String(NOW + 60) }, { expIn: null }],
    ["v4/claims/nbf-string", { ...TYPICAL, nbf: String(NOW) }, {}],
    // No exp at all: jose has nothing to check, both sides accept.
    ["v4/claims/no-exp", TYPICAL, { expIn: null }],
  ];
  for (const [name, payload, opts] of crafted) {
    const token = await craftJwe({ payload, header: v4Header, key, ...opts });
    addCase({ name, format: "v4", token, secret, salt: "", verdict: await v4Verdict(token, secret, "") });
  }

  // Plaintext that decrypts fine but is not a JSON object.
  for (const [name, plaintext] of [
    ["v4/claims/payload-is-array", "[1,2,3]"],
    ["v4/claims/payload-is-string", '"just a string"'],
    ["v4/claims/payload-not-json", "not json at all"],
  ]) {
    const token = await craftRawV4(plaintext, key);
    addCase({ name, format: "v4", token, secret, salt: "", verdict: await v4Verdict(token, secret, "") });
  }

  // Payloads next-auth's encode never writes but JSON.parse takes: recorded, and strict if accepted.
  const deep = "[".repeat(500) + "]".repeat(500);
  for (const [name, plaintext, reason, expect, row] of [
    ["v4/claims/duplicate-exp", `{"name":"A","exp":1,"exp":${NOW + 3600}}`, "duplicate exp: JSON.parse keeps the last, we refuse the ambiguity", "Claims(Duplicate)", ROW.duplicate],
    ["v4/claims/exp-1e309", '{"name":"A","exp":1e309}', "exp 1e309 is Infinity in JS: a token that never expires", "Claims(Json)", ROW.overflow],
    ["v4/claims/nesting-500", `{"name":"A","a":${deep}}`, "nesting deeper than 127 levels", "Claims(TooDeep)", ROW.nesting],
  ]) {
    const token = await craftRawV4(plaintext, key);
    const verdict = await v4Verdict(token, secret, "");
    // The nested payload itself would make this file too deep for ordinary JSON readers.
    if (name.includes("nesting") && verdict.ok) verdict.payload = "(omitted: 500 levels deep)";
    addCase({ name, format: "v4", token, secret, salt: "", verdict, ...strictFields(verdict, { reason, expect, row }) });
  }
}

/** Broken, tampered, or foreign tokens: all should be rejected by everybody. */
async function v4Negatives() {
  const secret = V4_SECRETS.ascii;
  const base = await v4Encode({ token: TYPICAL, secret });
  const [header, encKey, iv, ciphertext, tag] = segmentsOf(base);
  const add = async (name, token, opts = {}) => {
    const s = opts.secret ?? secret;
    const salt = opts.salt ?? "";
    addCase({ name, format: "v4", token, secret: s, salt, max_age: opts.maxAge, verdict: await v4Verdict(token, s, salt), ...opts.fields });
  };

  await add("v4/neg/wrong-secret", base, { secret: "not the right secret", maxAge: DEFAULT_MAX_AGE });
  const salted = await v4Encode({ token: TYPICAL, secret, salt: "some-salt" });
  await add("v4/neg/wrong-salt", salted, { salt: "", maxAge: DEFAULT_MAX_AGE });
  await add("v4/neg/salt-given-but-none-used", base, { salt: "some-salt", maxAge: DEFAULT_MAX_AGE });

  // The protected header is the AAD, so any byte change in it must fail.
  await add("v4/neg/tampered/header-added-kid", withSegment(base, 0, b64urlJson({ ...decodeHeader(base), kid: "attacker" })));
  await add("v4/neg/tampered/header-reserialized-with-spaces",
    withSegment(base, 0, Buffer.from('{ "alg": "dir", "enc": "A256GCM" }').toString("base64url")));
  await add("v4/neg/tampered/iv-bitflip", withSegment(base, 2, flipBit(iv)));
  await add("v4/neg/tampered/ciphertext-bitflip", withSegment(base, 3, flipBit(ciphertext, 5)));
  await add("v4/neg/tampered/tag-bitflip", withSegment(base, 4, flipBit(tag, 15)));
  await add("v4/neg/tampered/iv-8-bytes", withSegment(base, 2, Buffer.from(iv, "base64url").subarray(0, 8).toString("base64url")));
  await add("v4/neg/tampered/tag-12-bytes", withSegment(base, 4, Buffer.from(tag, "base64url").subarray(0, 12).toString("base64url")));
  await add("v4/neg/tampered/encrypted-key-present", withSegment(base, 1, randomBytes(32).toString("base64url")));
  await add("v4/neg/tampered/tag-empty", withSegment(base, 4, ""));
  await add("v4/neg/tampered/iv-empty", withSegment(base, 2, ""));

  // 18 tag characters leave 4 spare bits: random, so usually non-canonical (Node decodes them
  // away and jose fails the 13-byte tag; we stop at the base64 first).
  const dropped = base.slice(0, -4);
  await add("v4/neg/truncated/drop-last-4-chars", dropped, {
    fields: isCanonicalB64(dropped) ? {} : { expect: "Base64", readme_row: ROW.base64 },
  });
  await add("v4/neg/truncated/half", base.slice(0, Math.floor(base.length / 2)));
  await add("v4/neg/segments/3", [header, iv, ciphertext].join("."));
  await add("v4/neg/segments/4", [header, encKey, iv, ciphertext].join("."));
  await add("v4/neg/segments/6", `${base}.${tag}`);

  // Foreign formats: unsecured JWT and a JWS signed with the raw secret.
  const noneJwt = `${b64urlJson({ alg: "none", typ: "JWT" })}.${b64urlJson({ ...TYPICAL, iat: NOW, exp: NOW + 3600 })}.`;
  await add("v4/neg/alg-none-jwt", noneJwt);
  await add("v4/neg/jws-hs256-signed-with-secret", jsonwebtoken.sign(TYPICAL, secret, { algorithm: "HS256", expiresIn: 3600 }));
  const v5Token = await v5Encode({ token: TYPICAL, secret, salt: V5_SALT });
  await add("v4/neg/v5-token", v5Token);

  // Garbage and empty-ish.
  await add("v4/neg/garbage/words", "not-a-token");
  await add("v4/neg/garbage/five-letters", "a.b.c.d.e");
  await add("v4/neg/garbage/random-five-segments",
    Array.from({ length: 5 }, () => randomBytes(16).toString("base64url")).join("."));
  await add("v4/neg/garbage/json", JSON.stringify(TYPICAL));
  await add("v4/neg/garbage/header-only", `${header}....`);
  await add("v4/neg/empty/empty-string", "");
  await add("v4/neg/empty/space", " ");
  await add("v4/neg/empty/four-dots", "....");
  await add("v4/neg/empty/one-dot", ".");
}

/**
 * JWE variants next-auth never produces but jose accepts because next-auth's
 * decode does not restrict alg/enc. Our Rust decoder only takes dir+A256GCM.
 */
async function v4AlgorithmAgility() {
  const secret = V4_SECRETS.ascii;
  const key = await v4Key(secret);
  // [name, header, key, key-management parameters, our kind, README row]
  const variants = [
    ["v4/agility/dir-A128CBC-HS256", { alg: "dir", enc: "A128CBC-HS256" }, key, undefined, "UnsupportedEncryption", ROW.agility],
    ["v4/agility/A256KW-A256GCM", { alg: "A256KW", enc: "A256GCM" }, key, undefined, "UnsupportedAlgorithm", ROW.agility],
    ["v4/agility/A256KW-A128CBC-HS256", { alg: "A256KW", enc: "A128CBC-HS256" }, key, undefined, "UnsupportedAlgorithm", ROW.agility],
    // jose puts the wrapping's own `iv` and `tag` in the header; our header check meets them first.
    ["v4/agility/A256GCMKW-A256GCM", { alg: "A256GCMKW", enc: "A256GCM" }, key, undefined, "UnexpectedHeaderParameter", ROW.agility],
    // `p2s`/`p2c` in the header: refused by the header check before `alg` is looked at.
    ["v4/agility/PBES2-HS256+A128KW-p2c-1000", { alg: "PBES2-HS256+A128KW", enc: "A256GCM" }, key, { p2c: 1000 }, "UnexpectedHeaderParameter", ROW.pbes2],
    // Over jose's default maxPBES2Count (10000): expected rejection.
    ["v4/agility/PBES2-HS256+A128KW-p2c-20000", { alg: "PBES2-HS256+A128KW", enc: "A256GCM" }, key, { p2c: 20000 }, "UnexpectedHeaderParameter", ROW.pbes2],
    ["v4/agility/dir-A256GCM-zip-DEF", { alg: "dir", enc: "A256GCM", zip: "DEF" }, key, undefined, "Compressed", ROW.zip],
    // A header member next-auth never writes (the AAD still authenticates it).
    ["v4/agility/dir-A256GCM-typ-JWT", { alg: "dir", enc: "A256GCM", typ: "JWT" }, key, undefined, "UnexpectedHeaderParameter", ROW.headerMembers],
    // A 16-byte key can't be the 32-byte derived key: expected rejection.
    ["v4/agility/dir-A128GCM-truncated-key", { alg: "dir", enc: "A128GCM" }, key.subarray(0, 16), undefined, "UnsupportedEncryption", ROW.agility],
  ];
  for (const [name, header, encKey, kmParams, expect, row] of variants) {
    const token = await craftJwe({ payload: TYPICAL, header, key: encKey, kmParams });
    const verdict = await v4Verdict(token, secret, "");
    const reason = `next-auth only produces {"alg":"dir","enc":"A256GCM"}; this is ${JSON.stringify(header)}`;
    addCase({ name, format: "v4", token, secret, salt: "", verdict, ...strictFields(verdict, { reason, expect, row }) });
  }
}

/**
 * Non-canonical base64url. jose 4 decodes segments with Node's lenient
 * Buffer.from(s, "base64"), but the protected header is also the AAD as-is,
 * so changes to segment 0 fail while changes to iv/ciphertext/tag may pass.
 */
function sloppyVariants(token) {
  const [header, , iv, ciphertext, tag] = segmentsOf(token);
  const out = [];
  const push = (label, t) => t && t !== token && out.push([label, t]);
  const padded = (i, s) => padSegment(s) && withSegment(token, i, padSegment(s));
  push("padding-on-tag", padded(4, tag));
  push("padding-on-ciphertext", padded(3, ciphertext));
  push("padding-on-header", padded(0, header));
  push("std-alphabet-ciphertext", withSegment(token, 3, toStdAlphabet(ciphertext)));
  push("std-alphabet-tag", withSegment(token, 4, toStdAlphabet(tag)));
  push("std-alphabet-iv", withSegment(token, 2, toStdAlphabet(iv)));
  push("newline-in-ciphertext", withSegment(token, 3, insertAt(ciphertext, 8, "\n")));
  push("space-in-ciphertext", withSegment(token, 3, insertAt(ciphertext, 8, " ")));
  push("trailing-newline", `${token}\n`);
  push("leading-space", ` ${token}`);
  push("junk-bang-appended", `${token}!`);
  push("junk-star-in-ciphertext", withSegment(token, 3, insertAt(ciphertext, 4, "*")));
  push("alphabet-char-appended-to-tag", `${token}A`);
  push("noncanonical-tag-tail", nonCanonicalTail(tag) && withSegment(token, 4, nonCanonicalTail(tag)));
  return out;
}

/** Mint until the iv, ciphertext and tag all contain '-' or '_' so the std-alphabet variants differ. */
async function mintWithUrlSafeChars(mint) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const token = await mint();
    const [, , iv, ciphertext, tag] = segmentsOf(token);
    if ([iv, ciphertext, tag].every((s) => /[-_]/.test(s))) return token;
  }
  throw new Error("could not mint a token with '-'/'_' in every segment");
}

async function v4SloppyBase64() {
  const secret = V4_SECRETS.ascii;
  const base = await mintWithUrlSafeChars(() => v4Encode({ token: TYPICAL, secret }));
  for (const [label, token] of sloppyVariants(base)) {
    const verdict = await v4Verdict(token, secret, "");
    const reason = `non-canonical base64url (${label}); next-auth always emits canonical base64url`;
    addCase({
      name: `v4/sloppy-b64/${label}`, format: "v4", token, secret, salt: "", max_age: DEFAULT_MAX_AGE, verdict,
      // A variant that is still canonical (an extra "A" on the tag: a 17-byte tag) is no base64 case.
      ...(isCanonicalB64(token) ? {} : strictFields(verdict, { reason, expect: "Base64", row: ROW.base64 })),
    });
  }
}

// ---------------------------------------------------------------------------
// v5 (@auth/core): dir + A256CBC-HS512 with kid, salt = cookie name.
// ---------------------------------------------------------------------------
async function addV5Encoded({ name, secret, decodeSecret = secret, payloadLabel = "typical", salt = V5_SALT, decodeSalt = salt, maxAge }) {
  const params = { token: PAYLOADS[payloadLabel], secret, salt };
  if (maxAge !== undefined) params.maxAge = maxAge;
  const token = await v5Encode(params);
  addCase({
    name, format: "v5", token, secret: decodeSecret, salt: decodeSalt, max_age: maxAge ?? DEFAULT_MAX_AGE,
    verdict: await v5Verdict(token, decodeSecret, decodeSalt),
  });
  return token;
}

async function v5Positives() {
  const S = V4_SECRETS;
  await addV5Encoded({ name: "v5/ascii-secret/typical", secret: S.ascii });
  await addV5Encoded({ name: "v5/ascii-secret/typical/secure-cookie", secret: S.ascii, salt: V5_SALT_SECURE });
  await addV5Encoded({ name: "v5/random-secret/minimal", secret: S.random, payloadLabel: "minimal" });
  await addV5Encoded({ name: "v5/unicode-secret/unicode/secure-cookie", secret: S.unicode, payloadLabel: "unicode", salt: V5_SALT_SECURE });
  await addV5Encoded({ name: "v5/one-char-secret/nested", secret: S["one-char"], payloadLabel: "nested" });
  await addV5Encoded({ name: "v5/ascii-secret/large8k", secret: S.ascii, payloadLabel: "large8k" });
  await addV5Encoded({ name: "v5/ascii-secret/large3k/secure-cookie", secret: S.ascii, payloadLabel: "large3k", salt: V5_SALT_SECURE });
  await addV5Encoded({ name: "v5/random-secret/numbers/secure-cookie", secret: S.random, payloadLabel: "numbers", salt: V5_SALT_SECURE });
  await addV5Encoded({ name: "v5/ascii-secret/separators", secret: S.ascii, payloadLabel: "separators" });
  await addV5Encoded({ name: "v5/ascii-secret/nulls-booleans", secret: S.ascii, payloadLabel: "nulls" });
  await addV5Encoded({ name: "v5/ascii-secret/typical/maxage-60", secret: S.ascii, maxAge: 60 });
  await addV5Encoded({ name: "v5/ascii-secret/typical/maxage-1", secret: S.ascii, maxAge: 1 });
  await addV5Encoded({ name: "v5/expiry/maxage-minus-14", secret: S.ascii, maxAge: -14 });
  await addV5Encoded({ name: "v5/expiry/maxage-minus-15", secret: S.ascii, maxAge: -15 });
  await addV5Encoded({ name: "v5/expiry/maxage-minus-3600", secret: S.ascii, maxAge: -3600 });
}

/** Secret rotation: encode uses secrets[0]; decode picks the secret whose key thumbprint matches kid. */
async function v5Rotation() {
  const NEW = "new-secret-2025";
  const OLD = "old-secret-2024";
  await addV5Encoded({ name: "v5/rotation/encode-new-old/decode-new-old", secret: [NEW, OLD] });
  await addV5Encoded({ name: "v5/rotation/encode-new-old/decode-new", secret: [NEW, OLD], decodeSecret: NEW });
  await addV5Encoded({ name: "v5/rotation/encode-old/decode-new-old", secret: OLD, decodeSecret: [NEW, OLD] });
  await addV5Encoded({ name: "v5/rotation/encode-old/decode-new", secret: OLD, decodeSecret: NEW });
  await addV5Encoded({ name: "v5/rotation/encode-old/decode-new-old/secure-cookie", secret: OLD, decodeSecret: [NEW, OLD], salt: V5_SALT_SECURE });

  // A256GCM is accepted by @auth/core's decode (32-byte key, sha256 thumbprint kid).
  for (const [name, encSecret, decodeSecret] of [
    ["v5/A256GCM/with-kid", NEW, NEW],
    ["v5/A256GCM/with-kid/old-secret-decode-new-old", OLD, [NEW, OLD]],
  ]) {
    const key = await v5Key(encSecret, V5_SALT, "A256GCM");
    const token = await craftJwe({ payload: TYPICAL, header: { alg: "dir", enc: "A256GCM", kid: await v5Kid(key) }, key });
    const verdict = await v5Verdict(token, decodeSecret, V5_SALT);
    expectOk(verdict, name);
    addCase({ name, format: "v5", token, secret: decodeSecret, salt: V5_SALT, verdict });
  }

  // No kid (older @auth/core did not set one): the real decode only tries secrets[0].
  const keyNew = await v5Key(NEW, V5_SALT);
  const keyOld = await v5Key(OLD, V5_SALT);
  const noKidNew = await craftJwe({ payload: TYPICAL, header: { alg: "dir", enc: "A256CBC-HS512" }, key: keyNew });
  const noKidNewVerdict = await v5Verdict(noKidNew, [NEW, OLD], V5_SALT);
  expectOk(noKidNewVerdict, "v5 no-kid first secret");
  addCase({ name: "v5/no-kid/first-secret", format: "v5", token: noKidNew, secret: [NEW, OLD], salt: V5_SALT, verdict: noKidNewVerdict });

  const noKidOld = await craftJwe({ payload: TYPICAL, header: { alg: "dir", enc: "A256CBC-HS512" }, key: keyOld });
  // What we must return: the payload @auth/core itself returns when given the secret that sealed it.
  const withOldOnly = await v5Verdict(noKidOld, OLD, V5_SALT);
  expectOk(withOldOnly, "v5 no-kid token decoded with its own secret");
  addCase({
    name: "v5/no-kid/second-secret", format: "v5", token: noKidOld, secret: [NEW, OLD], salt: V5_SALT,
    verdict: await v5Verdict(noKidOld, [NEW, OLD], V5_SALT),
    ours: "accept",
    ours_payload: withOldOnly.payload,
    readme_row: ROW.noKidRotation,
    note: "@auth/core only tries secrets[0] when there is no kid; our decoder tries every secret, so it accepts",
  });

  const noKidGcm = await craftJwe({ payload: TYPICAL, header: { alg: "dir", enc: "A256GCM" }, key: await v5Key(NEW, V5_SALT, "A256GCM") });
  addCase({ name: "v5/no-kid/A256GCM", format: "v5", token: noKidGcm, secret: NEW, salt: V5_SALT, verdict: await v5Verdict(noKidGcm, NEW, V5_SALT) });
}

async function v5Negatives() {
  const secret = V4_SECRETS.ascii;
  const base = await v5Encode({ token: TYPICAL, secret, salt: V5_SALT });
  const [, , , ciphertext, tag] = segmentsOf(base);
  const add = async (name, token, opts = {}) => {
    const s = opts.secret ?? secret;
    const salt = opts.salt ?? V5_SALT;
    addCase({ name, format: "v5", token, secret: s, salt, max_age: opts.maxAge, verdict: await v5Verdict(token, s, salt), note: opts.note });
  };
  await add("v5/neg/wrong-salt", base, { salt: V5_SALT_SECURE, maxAge: DEFAULT_MAX_AGE });
  await add("v5/neg/wrong-secret", base, { secret: "not the right secret", maxAge: DEFAULT_MAX_AGE });
  await add("v5/neg/tampered/tag-bitflip", withSegment(base, 4, flipBit(tag, 31)));
  await add("v5/neg/tampered/ciphertext-bitflip", withSegment(base, 3, flipBit(ciphertext, 3)));
  await add("v5/neg/tampered/kid-changed", withSegment(base, 0, b64urlJson({ ...decodeHeader(base), kid: "attacker" })));
  await add("v5/neg/tampered/kid-removed", withSegment(base, 0, b64urlJson({ alg: "dir", enc: "A256CBC-HS512" })));
  await add("v5/neg/truncated", base.slice(0, -10));
  await add("v5/neg/v4-token", await v4Encode({ token: TYPICAL, secret }), { note: "next-auth v4 token (different HKDF info, A256GCM, no kid)" });
  await add("v5/neg/v4-token-with-v5-salt", await v4Encode({ token: TYPICAL, secret, salt: V5_SALT }));
  await add("v5/neg/empty/empty-string", "");
  await add("v5/neg/garbage/words", "not-a-token");

  // Variants @auth/core never produces. It restricts alg to dir and enc to
  // A256CBC-HS512/A256GCM, but does not forbid "zip".
  const key64 = await v5Key(secret, V5_SALT);
  const key32 = await v5Key(secret, V5_SALT, "A256GCM");
  for (const [name, header, key, kmParams, expect, row] of [
    ["v5/agility/alg-A256KW", { alg: "A256KW", enc: "A256CBC-HS512" }, key32, undefined, "UnsupportedAlgorithm", ROW.agility],
    ["v5/agility/enc-A128CBC-HS256", { alg: "dir", enc: "A128CBC-HS256" }, key32, undefined, "UnsupportedEncryption", ROW.agility],
    ["v5/agility/zip-DEF", { alg: "dir", enc: "A256CBC-HS512", zip: "DEF", kid: await v5Kid(key64) }, key64, undefined, "Compressed", ROW.zip],
    ["v5/agility/PBES2-HS256+A128KW", { alg: "PBES2-HS256+A128KW", enc: "A256CBC-HS512" }, key64, { p2c: 1000 }, "UnexpectedHeaderParameter", ROW.pbes2],
  ]) {
    const token = await craftJwe({ payload: TYPICAL, header, key, kmParams });
    const verdict = await v5Verdict(token, secret, V5_SALT);
    const reason = `@auth/core only produces uncompressed dir+A256CBC-HS512; this is ${header.alg}+${header.enc}${header.zip ? "+zip" : ""}`;
    addCase({ name, format: "v5", token, secret, salt: V5_SALT, verdict, ...strictFields(verdict, { reason, expect, row }) });
  }
}

/** jose 6 (inside @auth/core) has its own base64url decoder; record what it tolerates. */
async function v5SloppyBase64() {
  const secret = V4_SECRETS.ascii;
  const base = await mintWithUrlSafeChars(() => v5Encode({ token: TYPICAL, secret, salt: V5_SALT }));
  const wanted = new Set([
    "padding-on-tag", "padding-on-header", "std-alphabet-ciphertext", "newline-in-ciphertext",
    "trailing-newline", "junk-bang-appended", "noncanonical-tag-tail",
  ]);
  for (const [label, token] of sloppyVariants(base)) {
    if (!wanted.has(label)) continue;
    const verdict = await v5Verdict(token, secret, V5_SALT);
    const reason = `non-canonical base64url (${label}); @auth/core always emits canonical base64url`;
    addCase({
      name: `v5/sloppy-b64/${label}`, format: "v5", token, secret, salt: V5_SALT, max_age: DEFAULT_MAX_AGE, verdict,
      ...(isCanonicalB64(token) ? {} : strictFields(verdict, { reason, expect: "Base64", row: ROW.base64 })),
    });
  }
}

// ---------------------------------------------------------------------------
// Signed JWTs (JWS): HS* via jsonwebtoken, RS256/ES256/EdDSA via jose.
// ---------------------------------------------------------------------------
async function signedHmac() {
  const secrets = { HS256: V4_SECRETS.ascii, HS384: V4_SECRETS.unicode, HS512: V4_SECRETS.random };
  const add = async (name, token, secret, alg, note) =>
    addCase({ name, format: "signed", token, secret, alg, verdict: await hsVerdict(token, secret, alg), note });

  for (const [alg, secret] of Object.entries(secrets)) {
    await add(`signed/${alg}/typical`, jsonwebtoken.sign(TYPICAL, secret, { algorithm: alg, expiresIn: 3600 }), secret, alg);
    await add(`signed/${alg}/expired`,
      jsonwebtoken.sign({ ...TYPICAL, iat: NOW - 7200, exp: NOW - 3600 }, secret, { algorithm: alg }), secret, alg);
    await add(`signed/${alg}/wrong-secret`,
      jsonwebtoken.sign(TYPICAL, "some other secret", { algorithm: alg, expiresIn: 3600 }), secret, alg);
    await add(`signed/${alg}/alg-none`,
      jsonwebtoken.sign({ ...TYPICAL, exp: NOW + 3600 }, null, { algorithm: "none" }), secret, alg);
  }

  const secret = secrets.HS256;
  const hs256 = (payload, opts = {}) => jsonwebtoken.sign(payload, secret, { algorithm: "HS256", ...opts });
  await add("signed/HS256/unicode", hs256(PAYLOADS.unicode, { expiresIn: 3600 }), secret, "HS256");
  await add("signed/HS256/numbers", hs256(PAYLOADS.numbers, { expiresIn: 3600 }), secret, "HS256");
  await add("signed/HS256/exp-minus-14", hs256({ ...TYPICAL, exp: NOW - 14 }), secret, "HS256");
  await add("signed/HS256/exp-minus-15", hs256({ ...TYPICAL, exp: NOW - 15 }), secret, "HS256");
  await add("signed/HS256/nbf-plus-10", hs256({ ...TYPICAL, nbf: NOW + 10, exp: NOW + 3600 }), secret, "HS256");
  await add("signed/HS256/nbf-plus-20", hs256({ ...TYPICAL, nbf: NOW + 20, exp: NOW + 3600 }), secret, "HS256");
  await add("signed/HS256/alg-mismatch-HS512-token",
    jsonwebtoken.sign(TYPICAL, secret, { algorithm: "HS512", expiresIn: 3600 }), secret, "HS256");
  const good = hs256(TYPICAL, { expiresIn: 3600 });
  await add("signed/HS256/tampered-signature", withSegment(good, 2, flipBit(segmentsOf(good)[2], 7)), secret, "HS256");
  await add("signed/HS256/tampered-payload",
    withSegment(good, 1, b64urlJson({ ...JSON.parse(Buffer.from(segmentsOf(good)[1], "base64url")), sub: "admin" })), secret, "HS256");
  await add("signed/HS256/v4-jwe-token", await v4Encode({ token: TYPICAL, secret }), secret, "HS256");
}

async function generateSigner(alg) {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, alg === "EdDSA" ? { crv: "Ed25519" } : {});
  return { privateKey, publicKeyPem: await jose.exportSPKI(publicKey), publicJwk: await jose.exportJWK(publicKey) };
}

const signJose = (payload, alg, privateKey, exp = NOW + 3600) =>
  new jose.SignJWT(payload).setProtectedHeader({ alg, typ: "JWT" }).setIssuedAt().setExpirationTime(exp).sign(privateKey);

async function signedAsymmetric() {
  for (const alg of ["RS256", "ES256", "EdDSA"]) {
    const signer = await generateSigner(alg);
    const other = await generateSigner(alg);
    const add = async (name, token) =>
      addCase({
        name, format: "signed", token, public_key_pem: signer.publicKeyPem, public_jwk: signer.publicJwk, alg,
        verdict: await asymVerdict(token, signer.publicKeyPem, alg),
      });
    const good = await signJose(TYPICAL, alg, signer.privateKey);
    await add(`signed/${alg}/typical`, good);
    await add(`signed/${alg}/unicode`, await signJose(PAYLOADS.unicode, alg, signer.privateKey));
    await add(`signed/${alg}/expired`, await signJose(TYPICAL, alg, signer.privateKey, NOW - 3600));
    await add(`signed/${alg}/wrong-key`, await signJose(TYPICAL, alg, other.privateKey));
    await add(`signed/${alg}/tampered-signature`, withSegment(good, 2, flipBit(segmentsOf(good)[2], 3)));
  }
}

/** Classic alg confusion: the RSA public key PEM handed over as an HMAC secret. */
async function signedAlgConfusion() {
  const { privateKey, publicKeyPem } = await generateSigner("RS256");
  const rs256Token = await signJose(TYPICAL, "RS256", privateKey);
  addCase({
    name: "signed/alg-confusion/RS256-token-HS256-verify", format: "signed", token: rs256Token,
    secret: publicKeyPem, alg: "HS256", verdict: await hsVerdict(rs256Token, publicKeyPem, "HS256"),
    note: "genuine RS256 token; verifier only allows HS256 and is given the public PEM as secret",
  });
  // An attacker's HS256 token MAC'd with the public PEM text. jsonwebtoken 9 refuses
  // because the PEM parses as a public key, which it will not use for HS*.
  const signingInput = `${b64urlJson({ alg: "HS256", typ: "JWT" })}.${b64urlJson({ ...TYPICAL, exp: NOW + 3600 })}`;
  const forged = `${signingInput}.${createHmac("sha256", publicKeyPem).update(signingInput).digest("base64url")}`;
  addCase({
    name: "signed/alg-confusion/HS256-mac-with-public-pem", format: "signed", token: forged,
    secret: publicKeyPem, alg: "HS256", verdict: await hsVerdict(forged, publicKeyPem, "HS256"),
    readme_row: ROW.pemSecret,
    note: "forged HS256 token whose HMAC key is the RSA public key PEM text",
  });
}

// ---------------------------------------------------------------------------
// README strictness rows that need tokens of their own: `crit`, and the length bound.
// ---------------------------------------------------------------------------

/** A claims set as next-auth's encode writes it (iat, exp in 30 days, jti). */
const sessionClaims = (payload) => ({ ...payload, iat: NOW, exp: NOW + DEFAULT_MAX_AGE, jti: randomUUID() });

/**
 * dir + A256GCM sealed by hand with node:crypto, for headers jose refuses to write (an empty
 * `crit` list). The protected header is the AAD, as in jose.
 */
function rawGcmJwe(header, plaintext, key) {
  const protectedHeader = b64urlJson(header);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(protectedHeader));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [protectedHeader, "", iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/**
 * `crit` names header parameters the recipient must understand. jose checks it against what the
 * caller says it understands; next-auth's and @auth/core's decode pass nothing, so a JWE with
 * `crit` is refused by both (ERR_JOSE_NOT_SUPPORTED), whatever it names. jsonwebtoken ignores
 * `crit` altogether: an HS256 token with one verifies.
 */
async function critHeaders() {
  const secret = V4_SECRETS.ascii;
  const ext = { crit: ["x-ext"], "x-ext": true };
  const reason = "a `crit` header: nothing next-auth or Auth.js writes has one";
  const fields = (verdict) => strictFields(verdict, { reason, expect: "CriticalHeader", row: ROW.crit });
  /** The token is sound apart from `crit`: jose opens it once told it understands "x-ext". */
  const soundApartFromCrit = async (token, key, what) =>
    expectOk(await verdictOf(async () => (await jose.jwtDecrypt(token, key, { crit: { "x-ext": true }, clockTolerance: 15 })).payload), what);

  const v4 = await v4Key(secret);
  const v4Crit = await new jose.EncryptJWT(TYPICAL)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM", ...ext })
    .setIssuedAt().setExpirationTime(NOW + DEFAULT_MAX_AGE).setJti(randomUUID())
    .encrypt(v4, { crit: { "x-ext": true } });
  await soundApartFromCrit(v4Crit, v4, "v4 crit token with crit understood");
  const v4Verdict1 = await v4Verdict(v4Crit, secret, "");
  addCase({
    name: "v4/crit/unknown-extension", format: "v4", token: v4Crit, secret, salt: "", verdict: v4Verdict1, ...fields(v4Verdict1),
    note: "jose opens this token when told it understands x-ext; next-auth's decode cannot say so",
  });

  // An empty list is malformed; jose will not write one, so it is sealed by hand.
  const emptyCrit = rawGcmJwe({ alg: "dir", enc: "A256GCM", crit: [] }, Buffer.from(JSON.stringify(sessionClaims(TYPICAL))), v4);
  const emptyVerdict = await v4Verdict(emptyCrit, secret, "");
  addCase({ name: "v4/crit/empty-list", format: "v4", token: emptyCrit, secret, salt: "", verdict: emptyVerdict, ...fields(emptyVerdict) });

  const v5 = await v5Key(secret, V5_SALT);
  const v5Crit = await new jose.EncryptJWT(TYPICAL)
    .setProtectedHeader({ alg: "dir", enc: "A256CBC-HS512", kid: await v5Kid(v5), ...ext })
    .setIssuedAt().setExpirationTime(NOW + DEFAULT_MAX_AGE).setJti(randomUUID())
    .encrypt(v5, { crit: { "x-ext": true } });
  await soundApartFromCrit(v5Crit, v5, "v5 crit token with crit understood");
  const v5Verdict1 = await v5Verdict(v5Crit, secret, V5_SALT);
  addCase({ name: "v5/crit/unknown-extension", format: "v5", token: v5Crit, secret, salt: V5_SALT, verdict: v5Verdict1, ...fields(v5Verdict1) });

  const hs256 = jsonwebtoken.sign(TYPICAL, secret, { algorithm: "HS256", expiresIn: 3600, header: ext });
  const hsVerdict1 = await hsVerdict(hs256, secret, "HS256");
  addCase({
    name: "signed/HS256/crit-unknown-extension", format: "signed", token: hs256, secret, alg: "HS256", verdict: hsVerdict1, ...fields(hsVerdict1),
    note: "jsonwebtoken does not look at crit",
  });

  const signer = await generateSigner("ES256");
  const es256 = await new jose.SignJWT(TYPICAL)
    .setProtectedHeader({ alg: "ES256", typ: "JWT", ...ext })
    .setIssuedAt().setExpirationTime(NOW + 3600)
    .sign(signer.privateKey, { crit: { "x-ext": true } });
  const esVerdict = await asymVerdict(es256, signer.publicKeyPem, "ES256");
  addCase({
    name: "signed/ES256/crit-unknown-extension", format: "signed", token: es256,
    public_key_pem: signer.publicKeyPem, public_jwk: signer.publicJwk, alg: "ES256", verdict: esVerdict, ...fields(esVerdict),
  });
}

/**
 * The length bound: the longest token next-auth's encode makes at most MAX_TOKEN_LEN characters
 * long (both accept it), and the shortest one over it (next-auth decodes it; we say TooLong).
 */
async function tokenLengthBound() {
  const secret = V4_SECRETS.ascii;
  const mint = (blobLength) => v4Encode({ token: { ...TYPICAL, blob: "x".repeat(blobLength) }, secret });
  // The length grows with the blob: find the smallest blob whose token is over the bound.
  let [low, high] = [0, MAX_TOKEN_LEN];
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((await mint(mid)).length > MAX_TOKEN_LEN) high = mid;
    else low = mid + 1;
  }
  const over = await mint(low);
  const atBound = await mint(low - 1);
  if (!(over.length > MAX_TOKEN_LEN && atBound.length <= MAX_TOKEN_LEN)) throw new Error("length search failed");

  const atVerdict = await v4Verdict(atBound, secret, "");
  expectOk(atVerdict, "token at the length bound");
  addCase({
    name: "v4/length/at-max-token-len", format: "v4", token: atBound, secret, salt: "", verdict: atVerdict,
    readme_row: ROW.tooLong, note: `${atBound.length} characters; the bound is ${MAX_TOKEN_LEN}`,
  });

  const overVerdict = await v4Verdict(over, secret, "");
  // The payload is ~300 KB of "x"; the at-bound case already compares one like it in full.
  if (overVerdict.ok) {
    const json = JSON.stringify(overVerdict.payload);
    const digest = createHash("sha256").update(json).digest("hex");
    overVerdict.payload = `(omitted: ${json.length} characters of JSON, sha256 ${digest})`;
  }
  addCase({
    name: "v4/length/over-max-token-len", format: "v4", token: over, secret, salt: "", verdict: overVerdict,
    ...strictFields(overVerdict, { reason: "over the 400 KiB bound on a token", expect: "TooLong", row: ROW.tooLong }),
    note: `${over.length} characters; the bound is ${MAX_TOKEN_LEN}`,
  });
}

// ---------------------------------------------------------------------------

function installedVersion(pkg) {
  // Walk up from the package's entry point to its package.json (exports maps
  // may hide "./package.json").
  let dir = dirname(fileURLToPath(import.meta.resolve(pkg)));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (manifest.name === pkg) return manifest.version;
    } catch {}
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find package.json for ${pkg}`);
    dir = parent;
  }
}

function printSummary(doc) {
  const count = (f) => doc.cases.reduce((m, c) => ((m[f(c)] = (m[f(c)] ?? 0) + 1), m), {});
  console.log(`wrote ${doc.cases.length} cases to ${OUT_FILE}`);
  console.log("by format:        ", count((c) => c.format));
  console.log("by verdict:       ", count((c) => (c.verdict.ok ? "accepted" : "rejected")));
  console.log("format x verdict: ", count((c) => `${c.format}:${c.verdict.ok ? "accepted" : "rejected"}`));
  console.log("rejections by class:", count((c) => (c.verdict.ok ? "(accepted)" : c.verdict.error_class)));
  console.log("strict by our kind: ", count((c) => (c.strict ? c.expect : "(not strict)")));
  console.log("README rows:        ", count((c) => c.readme_row ?? "(none)"));
  console.log("strict:           ", doc.cases.filter((c) => c.strict).map((c) => c.name));
  console.log("ours differs:     ", doc.cases.filter((c) => c.ours).map((c) => c.name));
}

async function main() {
  const generated_by = {
    "next-auth": installedVersion("next-auth"),
    "@auth/core": installedVersion("@auth/core"),
    jose: installedVersion("jose"),
    jsonwebtoken: installedVersion("jsonwebtoken"),
    node: process.version,
  };

  await withFrozenClock(async () => {
    await v4Positives();
    await v4ExpiryEdges();
    await v4ClaimEdges();
    await v4Negatives();
    await v4AlgorithmAgility();
    await v4SloppyBase64();
    await v5Positives();
    await v5Rotation();
    await v5Negatives();
    await v5SloppyBase64();
    await signedHmac();
    await signedAsymmetric();
    await signedAlgConfusion();
    await critHeaders();
    await tokenLengthBound();
  });

  const doc = { generated_by, now: NOW, cases };
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, `${JSON.stringify(doc, null, 2)}\n`);
  printSummary(doc);
}

await main();
