// Regenerates tests/fixtures/form.json: a corpus of strings (seeded PRNG, so the same file every
// run on the same Node) and, for each, what JavaScript itself returns for the functions
// src/form.rs mirrors. No npm packages needed: only Node's built-ins (the answers are V8's and
// Node's WHATWG URL parser's).
//
// Run: node tests/fixtures-gen/form.mjs   (then `cargo test --test form_fixtures`)
//
// Per string `s` (keys in the JSON):
//   encodeURIComponent   encodeURIComponent(s)                     ← form::encode_uri_component
//   decodeURIComponent   decodeURIComponent(s), null if it throws  ← cookies::decode_uri_component
//   formValue            URLSearchParams serialization of s as a value (the part after `=`)
//                                                                   ← form::form_urlencode
//   form                 [...url.searchParams] of `url = new URL("http://h/?" + s + "&")`: the
//                        application/x-www-form-urlencoded parser on s, the way next-auth meets a
//                        query (`new URL(basePath + page, origin).searchParams`). The URL parser
//                        first percent-encodes what it would otherwise delete or end the query at
//                        (tab, LF, CR, `#`: we escape them beforehand; the trailing `&` keeps its
//                        trimming away) and non-ASCII, none of which changes what form decoding
//                        gives. Not `new URLSearchParams(s)`: given a raw string with non-ASCII
//                        and an escape decodeURIComponent rejects, Node 20 falls back to
//                        querystring.unescape, which truncates each UTF-16 unit to one byte
//                        ("é%A9" → "\ufffd", "ġ%4" → "!%4") where the URL standard UTF-8-encodes
//                        first ("é\ufffd", "ġ%4").                  ← form::parse_form
//   formSerialized       url.searchParams.toString(): how the gate's redirect builder re-serializes
//                        a sign-in page's query (`u.searchParams.append(...)`)
//                                                                   ← parse_form + form_urlencode
//   fragment             the URL parser's fragment percent-encoding of s
//                        (`new URL("http://h/#x" + s + "x").hash`, the `x`s keep its trimming of
//                        leading/trailing spaces and controls away); null when s holds a tab, LF or
//                        CR, which the URL parser deletes before encoding anything
//                                                                   ← form::percent_encode(FRAGMENT)
//   path                 the same for a path segment (`new URL("http://h/x" + s + "x").pathname`);
//                        null when s holds `/`, `\`, `?`, `#`, tab, LF or CR, which end or split the
//                        path (or are deleted) instead of being encoded ← form::percent_encode(PATH)
//
// Lone surrogates: a JS string can hold them but a Rust &str cannot (nor can serde_json read them
// from JSON), so they appear only as percent escapes (%ED%A0%80, %ED%B0%80, ...); generated JS
// strings that are not well-formed are dropped (the count is recorded in the file).
import { writeFileSync } from "node:fs";

const SEED = 0x5eed_f0e1;
const RANDOM_STRINGS = 2200; // from every kind of atom: most of them do not decodeURIComponent
const CLEAN_STRINGS = 600; // from the atoms that keep a string decodable: the success paths

// mulberry32: tiny, deterministic, good enough to pick atoms.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const int = (n) => Math.floor(random() * n);
const pick = (items) => items[int(items.length)];

const HEX = "0123456789abcdefABCDEF";
const hexByte = (byte) => {
  const text = byte.toString(16).padStart(2, "0");
  return random() < 0.5 ? text.toUpperCase() : text;
};
const escapeBytes = (bytes) => bytes.map((b) => "%" + hexByte(b)).join("");
const utf8 = (text) => [...Buffer.from(text, "utf8")];

const LITERALS = [
  "é", "ß", "ÿ", "\u0100", "€", "中", "文", "\u2028", "\ufeff", "\ufffd", "\uffff", "\u0800",
  "🦀", "😀", "\u{10000}", "\u{10ffff}", "\u{1f1eb}\u{1f1f7}", "e\u0301",
];
// Byte sequences that are not UTF-8: truncated, stray continuation, overlong, surrogates (the
// percent-escaped form of lone surrogates), above U+10FFFF, never-valid bytes.
const INVALID_UTF8 = [
  [0xc3], [0xc3, 0x28], [0xa9], [0x80], [0xbf], [0xe2, 0x82], [0xf0, 0x9f, 0xa6],
  [0xc0, 0xaf], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf],
  [0xf0, 0x80, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xb0, 0x80], [0xed, 0xbf, 0xbf],
  [0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe], [0xff], [0xc3, 0xc3, 0xa9], [0xe2, 0x28, 0xa1],
];
// What may follow a `%` that does not make an escape (or only half of one).
const JUNK = [
  "+", "-", " ", "\t", "\n", "\r", "%", ".", "x", "X", "g", "G", "z", "0x", "+4", "-1", " 4",
  "4 ", "4+", "4-", "+a", "-F", "\u00a0", "é", "🦀", "=", "&", "#", "/", "",
];

function randomCodePoint() {
  switch (int(4)) {
    case 0: return String.fromCodePoint(0x80 + int(0x780)); // 2-byte UTF-8
    case 1: { // 3-byte, skipping the surrogate range
      const cp = 0x800 + int(0xf800);
      return cp >= 0xd800 && cp <= 0xdfff ? "\ufffd" : String.fromCodePoint(cp);
    }
    case 2: return String.fromCodePoint(0x10000 + int(0x100000)); // astral, 4-byte
    default: return String.fromCharCode(0x20 + int(0x5f)); // ASCII
  }
}

const atoms = [
  () => String.fromCharCode(0x20 + int(0x5f)), // printable ASCII
  () => String.fromCharCode(0x20 + int(0x5f)),
  () => pick(["a", "b", "Z", "0", "9", "_", "~", "*", "'", "(", ")", "!"]),
  () => String.fromCharCode(pick([int(0x20), 0x7f])), // C0 control or DEL
  () => pick(["&", "=", "+", "?", "#", "/", "\\", " ", "%"]),
  () => "%" + pick(JUNK), // a malformed escape
  () => "%" + pick(JUNK) + pick(JUNK),
  () => "%" + HEX[int(HEX.length)], // one hex digit only
  () => "%" + HEX[int(HEX.length)] + pick(JUNK),
  () => "%" + pick(JUNK) + HEX[int(HEX.length)],
  () => "%" + hexByte(int(0x80)), // an escaped ASCII byte
  () => "%" + hexByte(int(0x100)), // any escaped byte
  () => escapeBytes(utf8(randomCodePoint())), // an escaped UTF-8 character
  () => escapeBytes(pick(INVALID_UTF8)), // escaped bytes that are not UTF-8
  () => pick(LITERALS),
  () => randomCodePoint(),
  () => String.fromCharCode(0xd800 + int(0x800)), // a lone surrogate: dropped below
];
const cleanAtoms = [
  () => String.fromCharCode(0x20 + int(0x5f)).replace("%", "%25"),
  () => pick(["&", "=", "+", "?", "/", " ", "a", "Z", "~"]),
  () => "%" + hexByte(int(0x80)),
  () => escapeBytes(utf8(randomCodePoint())),
  () => pick(LITERALS),
  () => randomCodePoint(),
];

const handWritten = [
  "", "%", "%%", "%%%", "%+41", "x=%+41", "%+1", "%-1", "%-01", "% 4", "%\t4", "%4", "%4g", "%g4",
  "%%41", "%0x", "%0X1", "%+", "%+%", "+%", "%a", "%A", "%aa", "%AG", "%2B", "%2b", "%26", "%3D",
  "%3d", "%20+%20", "a+b", "++", "a=b&c=d", "&&", "&", "=", "==", "a=b=c", "=a", "a=", "?a=1",
  "??a=1", "?", "#", "a#b", "%C3%28", "%ED%A0%80", "%ED%B0%80", "%C0%AF", "%C0%80", "%E0%80%80",
  "%F4%90%80%80", "%F0%9F%A6", "%FF", "%FE", "%C3", "%A9", "é%A9", "%C3é", "%E2%82%AC",
  "%e2%82%ac", "%F0%9F%A6%80", "%F4%8F%BF%BF", "%00", "%7F", "%80", "a%2", "%2", "% ", "%\u00a0",
  "%é1", "%1é", "%🦀", "é", "🦀", "\u{10ffff}", "a b", " ", "\t", "\n", "\r\n", "\u0000", "\u007f",
  "callbackUrl=%2Fdash%20board%3Fa%3D1", "user=ada&&cb=%2F&x=a+b&bad=%zz&bare&u=%C3%28",
  "-_.!~*'()", ";,/?:@&=+$#", "[]{}|^`\"<>\\",
];
for (let c = 0; c < 0x80; c++) handWritten.push(String.fromCharCode(c), `%${c.toString(16).padStart(2, "0")}`);
for (let b = 0x80; b < 0x100; b++) handWritten.push(`%${b.toString(16).toUpperCase()}`);

const seen = new Set();
const strings = [];
let dropped = 0;
const add = (s) => {
  if (seen.has(s)) return;
  seen.add(s);
  if (!s.isWellFormed()) {
    dropped++;
    return;
  }
  strings.push(s);
};
handWritten.forEach(add);
const generate = (from, count) => {
  for (const target = strings.length + count; strings.length < target; ) {
    let s = "";
    for (let n = 1 + int(8); n > 0; n--) s += pick(from)();
    add(s);
  }
};
generate(atoms, RANDOM_STRINGS);
generate(cleanAtoms, CLEAN_STRINGS);

const orNull = (f) => {
  try {
    return f();
  } catch {
    return null;
  }
};
// Escapes the characters the URL parser would delete (tab, LF, CR) or end the query at (`#`).
const queryOf = (s) => {
  const protectedText = s.replace(/[#\t\n\r]/g, (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0"));
  return new URL("http://h/?" + protectedText + "&").searchParams;
};
const cases = strings.map((s) => ({
  s,
  encodeURIComponent: encodeURIComponent(s),
  decodeURIComponent: orNull(() => decodeURIComponent(s)),
  formValue: new URLSearchParams([["", s]]).toString().slice(1),
  form: [...queryOf(s)],
  formSerialized: queryOf(s).toString(),
  fragment: /[\t\n\r]/.test(s) ? null : new URL("http://h/#x" + s + "x").hash.slice(2, -1),
  path: /[/\\?#\t\n\r]/.test(s) ? null : new URL("http://h/x" + s + "x").pathname.slice(2, -1),
}));

const out = new URL("../fixtures/form.json", import.meta.url);
const json = JSON.stringify({ node: process.version, seed: SEED, droppedNotWellFormed: dropped, cases });
writeFileSync(out, json.replace(/\},\{"s"/g, '},\n{"s"') + "\n");
console.log(`${cases.length} strings (${dropped} not well-formed dropped), ${json.length} bytes → ${out.pathname}`);
