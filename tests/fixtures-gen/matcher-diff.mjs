// Regenerates tests/fixtures/matcher-diff.json: differential cases for the matcher's regex engine
// and for whole matchers, answered by V8 and the real Next.js (the exact-pinned `next`).
//
// 1. `regexes`: thousands of regex sources, random in the dialect src/matcher/regex.rs accepts
//    plus sources it must refuse (hand-written and random mutations). For each: whether
//    `new RegExp(source)` throws, and — as Next.js tests middleware paths, with no flags —
//    `new RegExp(source).test(path)` for ~25 paths drawn near the regex (strings it matches,
//    then mutated: `/`, `%xx`, astral characters and their surrogates, the empty string).
// 2. `matchers`: random middleware `matcher` sources compiled by Next's own
//    `getMiddlewareMatchers` (path-to-regexp), with the regex each becomes (or Next's error) and
//    Next's `getMiddlewareRouteMatcher` verdict for paths drawn near that regex.
//
// Deterministic (seeded PRNG, no dependencies beyond `next`). Paths are well-formed strings
// (a Rust `&str` can't hold a lone surrogate): a lone surrogate a sample produced is completed to
// a pair. Run: node tests/fixtures-gen/matcher-diff.mjs
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { getMiddlewareMatchers } = require("next/dist/build/analysis/get-page-static-info.js");
const { SourceSchema } = require("next/dist/build/segment-config/middleware/middleware-config.js");
const { getMiddlewareRouteMatcher } = require("next/dist/shared/lib/router/utils/middleware-route-matcher.js");
const nextVersion = require("next/package.json").version;

const SEED = 20240611;
const REGEX_COUNT = 1900; // random sources in the dialect (plus mutations and hand-written ones)
const MUTATION_COUNT = 500;
const PATTERN_COUNT = 700;
const PATHS_PER_SOURCE = 25;
// V8 backtracks: paths stay short, and shorter still for the "wild" sources (nested unbounded
// quantifiers, alternations under a star), where its time grows exponentially with the path.
const MAX_PATH_UNITS = 24;
const MAX_WILD_PATH_UNITS = 10;

// mulberry32
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (items) => items[int(items.length)];
const chance = (p) => random() < p;

// ---------------------------------------------------------------------------------------------
// Random regex sources in the dialect (ECMAScript, no flags, minus what regex.rs refuses).

const RAW_LITERALS = [
  "a", "a", "b", "b", "c", "x", "/", "/", "/", "-", "_", "%", "2", "F", "0", "9", "é", "😀", "😀",
  "=", "!", ":", ",", "#", "&", "~", "'", " ", "<", ">", "A", "\n",
];
const ESCAPED_LITERALS = [
  "\\.", "\\*", "\\+", "\\?", "\\(", "\\)", "\\[", "\\]", "\\{", "\\}", "\\|", "\\^", "\\$", "\\\\",
  "\\/", "\\/", "\\-", "\\%", "\\x2F", "\\x41", "\\u00e9", "\\uD83D", "\\uDE00", "\\uDE01",
  "\\uD83D\\uDE00", "\\t", "\\n", "\\r", "\\0", "\\u2028", "\\ud83d", "\\#", "\\:",
];
const SET_ATOMS = [".", ".", ".", "\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "[^]", "[]"];
const NEXT_FRAGMENTS = [
  "[^\\/#\\?]+?", "(?:(?!foo)[^\\/#\\?])+?", "[\\/#\\?]?$", "(?:\\/(_next\\/data\\/[^/]{1,}))?",
  "(\\.json|\\.rsc|\\.segments\\/.+\\.segment\\.rsc)?", ".*", "(?:\\/((?:[^\\/#\\?]+?)(?:\\/(?:[^\\/#\\?]+?))*))?",
  "(?!api|_next\\/static)", "[^/]{1,}", "(?:%[0-9A-F]{2})+",
];
const CLASS_CHARS = [
  "a", "b", "z", "/", ".", "%", "é", "😀", "_", "$", "*", "+", "?", "(", ")", "{", "}", "|", "A", "0",
  " ", "#", "!",
];
const CLASS_ESCAPES = [
  "\\]", "\\\\", "\\-", "\\^", "\\b", "\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "\\uD83D", "\\uDE00",
  "\\u00e9", "\\x2f", "\\/", "\\n", "\\[", "\\.",
];
const CLASS_RANGES = [
  "a-z", "0-9", "A-Z", "\\u0000-\\u002e", "\\uD800-\\uDBFF", "\\uDC00-\\uDFFF", "\\uE000-\\uFFFF",
  "\\u00a0-\\uFFFF", "!-~", "%-/", "a-c", "\\x00-\\x7f", "\\uD83D-\\uD83E", "é-ÿ",
];

function classSource() {
  if (chance(0.05)) return pick(["[^]", "[]", "[-a]", "[a-]", "[^-]", "[\\b-\\n]", "[😀]", "[^😀]"]);
  const items = [];
  const count = 1 + int(4);
  for (let i = 0; i < count; i++) {
    const kind = int(10);
    if (kind < 4) items.push(pick(CLASS_CHARS));
    else if (kind < 7) items.push(pick(CLASS_ESCAPES));
    else items.push(pick(CLASS_RANGES));
  }
  let body = items.join("");
  if (body.startsWith("^")) body = "\\" + body;
  return `[${chance(0.35) ? "^" : ""}${body}]`;
}

let groupNames = 0;
// A "wild" source may nest unbounded quantifiers and put alternations under them; a tame one
// keeps every star-like group's body free of quantifiers and `|`, so V8 stays polynomial.
let wild = false;
function quantifier(boundedOnly = false) {
  const kind = boundedOnly ? 5 + int(5) : int(10);
  let q;
  if (kind < 3) q = "*";
  else if (kind < 5) q = "+";
  else if (kind < 7) q = "?";
  else {
    const min = int(4);
    const form = boundedOnly ? 2 * int(2) : int(3);
    q = form === 0 ? `{${min}}` : form === 1 ? `{${min},}` : `{${min},${min + int(4)}}`;
  }
  return chance(0.2) ? q + "?" : q;
}
const unbounded = (q) => /^(\*|\+|\{\d+,\})/.test(q);

// `quantDepth`: quantifiers already around this point (at most 2 nested); `inStar`: inside a
// group under an unbounded quantifier (tame sources: no quantifier, fragment or `|` there).
function term(depth, quantDepth, inStar = false) {
  const kind = int(100);
  if (kind < 4) return pick(["^", "$", "\\b", "\\B"]);
  if (kind < 9 && depth < 3) {
    const negate = chance(0.5);
    return `(?${negate ? "!" : "="}${disjunction(depth + 1, quantDepth, inStar)})`;
  }
  let atom;
  let quantifiable = true;
  if (kind < 35) atom = pick(RAW_LITERALS);
  else if (kind < 45) atom = pick(ESCAPED_LITERALS);
  else if (kind < 58) atom = pick(SET_ATOMS);
  else if (kind < 70) atom = classSource();
  else if (kind < 74 && (wild || !inStar)) {
    atom = pick(NEXT_FRAGMENTS);
    quantifiable = false;
  } else if (depth < 3) {
    const canQuantify = quantDepth < 2 && (wild || !inStar);
    const q = canQuantify && chance(0.4) ? quantifier() : "";
    const opener = pick(["(", "(", "(?:", "(?:", "(?:", "(?<"]);
    const name = opener === "(?<" ? `g${groupNames++}>` : "";
    const body = disjunction(depth + 1, quantDepth + (q ? 1 : 0), inStar || unbounded(q));
    return `${opener}${name}${body})${q}`;
  } else atom = pick(RAW_LITERALS);
  // An astral literal is two atoms without the `u` flag: a quantifier repeats its low surrogate.
  if (quantifiable && quantDepth < 2 && (wild || !inStar) && chance(0.3)) return atom + quantifier();
  return atom;
}

function alternative(depth, quantDepth, inStar) {
  const count = int(depth === 0 ? 6 : 4);
  let out = "";
  for (let i = 0; i < count; i++) out += term(depth, quantDepth, inStar);
  return out;
}

function disjunction(depth, quantDepth, inStar = false) {
  const alternatives = [alternative(depth, quantDepth, inStar)];
  while ((wild || !inStar) && alternatives.length < 3 && chance(depth === 0 ? 0.2 : 0.3)) {
    alternatives.push(alternative(depth, quantDepth, inStar));
  }
  return alternatives.join("|");
}

function regexSource() {
  groupNames = 0;
  wild = chance(0.25);
  let body = disjunction(0, 0);
  if (chance(0.4)) body = "^" + (body.includes("|") && chance(0.5) ? `(?:${body})` : body);
  if (chance(0.4)) body = body + "$";
  return body;
}

// Sources the engine must refuse (V8's own answer is recorded: some are Annex B syntax it takes).
const HAND_WRITTEN = [
  "(a)\\1", "\\1", "(?<=a)b", "(?<!a)b", "a{", "a{,2}", "a}", "]", "x]", "*a", "(?=a)*", "(?!a)+",
  "^*", "$?", "\\b+", "\\B{2}", "a{3,1}", "a{1001}", "a{2}{3}", "a**", "a???", "[z-a]", "[\\w-z]",
  "[a-\\d]", "\\c", "\\cA", "[\\c]", "\\k<a>", "(?<a>x)\\k<a>", "(?i:a)", "(?", "(a", "a)", "[a",
  "\\", "\\x4", "\\xg1", "\\u12", "\\u{41}", "\\u{1F600}", "\\p{L}", "\\P{L}", "\\8", "\\08", "\\01",
  "[\\01]", "(?<a>x)(?<a>y)", "(?<a>x)|(?<a>y)", "(?<1a>x)", "(?<é>x)", "(?<>x)", "(?<a-b>x)",
  "[\\B]", "\\e", "\\a", "\\z", "\\Z", "\\A", "\\_", "\\ ", "\\😀", "[\\😀]", `${"(?:".repeat(40)}a${")".repeat(40)}`,
  "(?:a{1000}){1000}", "(?:(?:(?:){1000}){1000}){1000}", "[\\b-\\n]", "{1}", "x{1,2", "[]]", "[^]]",
  ".{1000}", "a{0,1000}", "a{999999999999}", "(?:)*", "()+", "(?=)", "\\uD83D\\uDE00", "[😀-😂]",
  "[\\uD83D\\uDE00-\\uD83D\\uDE02]", "^😀$", "^.$", "^..$", "^[^/]$", "^[^/]{2}$", "😀+", "^\\uD83D",
  "\\uDE00$", "^[\\uD800-\\uDFFF]+$", "^\\S$", "^\\W\\W$", "\\b😀", "😀\\B", "(?=\\uDE00)", "(?!\\uD83D).",
  "[😀]{2}", "^[😀]$", "^[^😀]$", "(?<$a_1>x)", "(?<_>x)(?<$>y)", "a{,}", "a{1,}?", "a{01}", "a{1,02}",
  "[-]", "[\\-]", "[a\\-z]", "[\\s-\\d]", "[.-a]", "\\/", "/", "\\-", "[\\d-]", "[-\\d]", "(?:a|)+",
  "\\u00", "\\xZZ", "\\ca", "[\\ca]", "(?<a>)(?<b>)\\k<b>", "\\k", "(?:", ")", "|", "||", "(|)", "\\0",
  "[\\0]", "\\00", "a\\", "[\\]", "[\\", "\\v", "\\f", "[\\v\\f]", "(?<a>a)(?:(?<b>b))", "\\N", "\\M",
  // Surrogates, whitespace and word characters at the edges of what V8 sees.
  "^\\s+$", "^\\S+$", "\\s", "[\\s\\S]", "^[^\\s]$", "^\\w+$", "\\W", "^.*$", "^[^]*$", "^.{2}$",
  "^.{3}$", "^😀{2}$", "^(?:😀){2}$", "^\\uD83D.$", "^.\\uDE00$", "^[\\uD83D][\\uDE00]$", "[^\\uD800-\\uDFFF]",
  "^[\\uDC00-\\uDFFF]", "[\\uD800-\\uDBFF]$", "\\b.\\b", "^\\B.", "(?=😀)", "(?!😀)..", "^(?:[^/]|😀)+$",
  "^[^/]+$", "^(?:(?!\\/).)+$", "^\\W+$", "[\\0-\\x1f]", "[\\x7f-\\x9f]", "^k$", "[K]", "[a-zA-Z]+",
  "[-\\d]+", "[a-b-c]", "[\\--a]", "[--/]", "^[^-]+$", "a|", "|a", "^$|^/$", "\\$", "^\\^", "[$^]",
];

function mutate(source) {
  const units = [...source];
  const ops = 1 + int(2);
  for (let i = 0; i < ops; i++) {
    const at = int(units.length + 1);
    const kind = int(3);
    if (kind === 0 && units.length) units.splice(Math.min(at, units.length - 1), 1);
    else if (kind === 1) units.splice(at, 0, pick([..."()[]{}?*+|\\^$-,0123456789<>=!:kbcux"]));
    else if (units.length > 1) {
      const j = Math.min(at, units.length - 2);
      [units[j], units[j + 1]] = [units[j + 1], units[j]];
    }
  }
  return units.join("");
}

// ---------------------------------------------------------------------------------------------
// Strings near a regex: a best-effort sampler over its syntax (lookarounds and anchors ignored;
// each atom draws from a pool of code units filtered by V8 itself), then mutations.

const POOL = [];
for (let c = 0x20; c < 0x7f; c++) POOL.push(String.fromCharCode(c));
POOL.push(
  "\t", "\n", "\r", "\v", "\f", "\0", "\b", "é", "ÿ", "\u00a0", "\u2028", "\u2029", "\ufeff", "\u3000",
  "\ud83d", "\ude00", "\ude01", "\ud800", "\udbff", "\udc00", "\udfff", "\ue000", "\uffff", "\ufffd",
  "\u007f", "\u0080", "\u0085", "\u180e", "\u200b", "\u1680", "\u2007", "\u202f", "\u205f", "K", "\u212a",
);
const atomCache = new Map();
function atomChoices(src) {
  let choices = atomCache.get(src);
  if (choices) return choices;
  let re;
  try {
    re = new RegExp(`^(?:${src})$`);
  } catch {
    re = null;
  }
  const extra = [];
  for (const m of src.matchAll(/\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g)) {
    extra.push(String.fromCharCode(parseInt(m[1] ?? m[2], 16)));
  }
  for (let i = 0; i < src.length; i++) extra.push(src[i]);
  choices = re ? [...new Set([...POOL, ...extra])].filter((u) => re.test(u)) : [];
  atomCache.set(src, choices);
  return choices;
}

// Parses enough of a source to sample from it: { alt: [[item…]…] } with items
// { atom: src } | { group: node } | { skip: true }, each with { min, max }.
function parseForSampling(src) {
  let i = 0;
  function disjunction() {
    const alts = [[]];
    while (i < src.length && src[i] !== ")") {
      if (src[i] === "|") {
        i++;
        alts.push([]);
        continue;
      }
      alts[alts.length - 1].push(quantified(item()));
    }
    return { alt: alts };
  }
  function item() {
    const c = src[i];
    if (c === "(") {
      let skip = false;
      if (src.startsWith("(?=", i) || src.startsWith("(?!", i)) {
        skip = true;
        i += 3;
      } else if (src.startsWith("(?<=", i) || src.startsWith("(?<!", i)) {
        skip = true;
        i += 4;
      } else if (src.startsWith("(?:", i)) i += 3;
      else if (src.startsWith("(?<", i)) i = src.indexOf(">", i) + 1 || src.length;
      else i += 1;
      const node = disjunction();
      i++;
      return skip ? { skip: true } : { group: node };
    }
    if (c === "^" || c === "$") {
      i++;
      return { skip: true };
    }
    if (c === "[") {
      const start = i;
      i++;
      if (src[i] === "^") i++;
      while (i < src.length && src[i] !== "]") i += src[i] === "\\" ? 2 : 1;
      i++;
      return { atom: src.slice(start, i) };
    }
    if (c === "\\") {
      const start = i;
      i += 2;
      const kind = src[start + 1];
      if (kind === "b" || kind === "B") return { skip: true };
      if (kind === "u") i += 4;
      else if (kind === "x") i += 2;
      else if (kind === "c") i += 1;
      return { atom: src.slice(start, Math.min(i, src.length)) };
    }
    i++;
    return { atom: c };
  }
  function quantified(node) {
    let min = 1;
    let max = 1;
    const c = src[i];
    if (c === "*" || c === "+" || c === "?") {
      min = c === "+" ? 1 : 0;
      max = c === "?" ? 1 : Infinity;
      i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (m) {
        min = +m[1];
        max = m[2] ? (m[3] ? +m[3] : Infinity) : min;
        i += m[0].length;
      }
    }
    if (src[i] === "?" && (min !== 1 || max !== 1)) i++;
    return { ...node, min, max };
  }
  const node = disjunction();
  if (i < src.length) throw new Error("unbalanced");
  return node;
}

function sample(node, budget) {
  const alt = pick(node.alt);
  let out = "";
  for (const item of alt) {
    if (item.skip) continue;
    const hi = Math.min(item.max, item.min + 3);
    const count = Math.min(item.min, 8) + int(Math.max(0, hi - item.min) + 1);
    for (let k = 0; k < count && out.length < budget; k++) {
      if (item.group) out += sample(item.group, budget - out.length);
      else {
        const choices = atomChoices(item.atom);
        if (choices.length) out += pick(choices);
      }
    }
  }
  return out;
}

// A lone surrogate is completed to a pair (so the path stays a well-formed string but still
// gives the regex a surrogate to see).
function wellFormed(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (u >= 0xd800 && u <= 0xdbff) {
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
      } else out += text[i] + "\ude00";
    } else if (u >= 0xdc00 && u <= 0xdfff) out += "\ud83d" + text[i];
    else out += text[i];
  }
  return out;
}

const PATH_PIECES = [
  "/", "/", "a", "b", "-", ".", "%2F", "%C3%A9", "%", "😀", "😁", "é", "\n", "_", "0", "x", "?", "#",
  " ", "\u2028", "\ud83d", "\ude00", "A", "api", "_next", ".json", "index", "/a", "//",
];
function mutatePath(path) {
  const units = [...path]; // per code point, so a mutation never splits a pair by itself
  const ops = 1 + int(2);
  for (let i = 0; i < ops; i++) {
    const at = int(units.length + 1);
    const kind = int(6);
    if (kind === 0 && units.length) units.splice(Math.min(at, units.length - 1), 1);
    else if (kind === 1) units.splice(at, 0, pick(PATH_PIECES));
    else if (kind === 2 && units.length) units[Math.min(at, units.length - 1)] = pick(PATH_PIECES);
    else if (kind === 3) units.splice(at);
    else if (kind === 4) units.unshift(pick(["/", "", "x", "😀"]));
    else units.push(pick(["/", "", "x", "😀", "a"]));
  }
  return units.join("");
}

function nearPaths(source, count, extras = [], maxUnits = MAX_PATH_UNITS) {
  let tree = null;
  try {
    tree = parseForSampling(source);
  } catch {
    tree = null;
  }
  const paths = new Set(["", ...extras]);
  const samples = [];
  for (let k = 0; k < 12 && tree; k++) {
    const s = wellFormed(sample(tree, maxUnits));
    if (s.length <= maxUnits) samples.push(s);
  }
  for (const s of samples.slice(0, 8)) paths.add(s);
  let guard = 0;
  while (paths.size < count && guard++ < count * 10) {
    const base = samples.length && chance(0.8) ? pick(samples) : pick([...paths]);
    const path = wellFormed(mutatePath(base));
    if (path.length <= maxUnits + 4) paths.add(path);
  }
  return [...paths];
}

function v8Verdicts(re, paths) {
  const match = [];
  const nomatch = [];
  for (const path of paths) (re.test(path) ? match : nomatch).push(path);
  return { match, nomatch };
}

const regexes = [];
const seen = new Set();
function addRegex(source, wildSource = false) {
  if (seen.has(source) || !source.isWellFormed()) return;
  seen.add(source);
  let re;
  try {
    re = new RegExp(source);
  } catch (err) {
    regexes.push({ source, v8: err.message });
    return;
  }
  const started = performance.now();
  const maxUnits = wildSource ? MAX_WILD_PATH_UNITS : MAX_PATH_UNITS;
  const entry = { source, v8: null, ...v8Verdicts(re, nearPaths(source, PATHS_PER_SOURCE, [], maxUnits)) };
  const took = performance.now() - started;
  if (took > 2000) throw new Error(`V8 took ${took} ms on /${source}/: lower MAX_PATH_UNITS`);
  regexes.push(entry);
}

const generated = [];
for (let k = 0; k < REGEX_COUNT; k++) generated.push({ source: regexSource(), wild });
for (const source of HAND_WRITTEN) addRegex(source);
for (const { source, wild } of generated) addRegex(source, wild);
for (let k = 0; k < MUTATION_COUNT; k++) {
  const { source, wild } = pick(generated);
  addRegex(mutate(source), wild);
}

// ---------------------------------------------------------------------------------------------
// Whole matchers: random `matcher` sources through Next's own compiler and route matcher.

const SEGMENTS = [
  "dashboard", "api", "a", "b", "_next", "é", "😀", "%C3%A9", "a.b", "a-b", "v1", "index", "x y",
  ":id", ":path*", ":slug+", ":opt?", ":id(\\d+)", ":lang(en|fr)", ":p([^/]+)?", "(.*)", "(.*)",
  "((?!api|_next/static|_next/image|favicon.ico).*)", "(\\d+)", "{/:x}?", "{-:y}+", "{/a}?",
  "\\:x", "\\(x\\)", ":a.:b", ":a-:b", ":e(😀+)", "((?!😀).*)", "(.)", "(..)", ":u([\\uD83D]\\uDE00)",
  ":w(\\w+)*", "(\\.json)?", ":f(.*\\.png)", "((?!.*\\.png$).*)", ":n(\\d{2,4})", "(?:x)", "((x))",
  "()", ":", "{", "}", ":a:b", "(a", ":z(\\1)", "((?<=a)b)", ":q([^😀])", "((?<g>a)|b)",
  "(%[0-9A-F]{2})+", ":r(%..)",
];
// Matchers our engine refuses on purpose (backreference, lookbehind, Annex B), less often.
const REFUSED_SEGMENTS = [":z(\\1)", "((?<=a)b)", "(\\u{41})", "((?=a)*)", "(a{1001})", "((?<g>a)|b)"];
function patternSource() {
  if (chance(0.04)) return pick(["/", "", "dashboard", "/:path*", "/(.*)", "//", "/a/", "/a\\"]);
  const count = 1 + int(4);
  let out = "";
  for (let k = 0; k < count; k++) {
    out += pick(["/", "/", "/", "/", "", "-", "."]) + pick(chance(0.03) ? REFUSED_SEGMENTS : SEGMENTS);
  }
  if (!out.startsWith("/") && chance(0.9)) out = "/" + out;
  if (chance(0.1)) out += "/";
  return out;
}

const PREFIXES = ["", "", "/_next/data/build-1", "/docs", "/docs/_next/data/b"];
const SUFFIXES = ["", "", "", "/", ".json", ".rsc", ".segments/a/b.segment.rsc", "#x", "?x", "/index", "index.json"];

// Next.js logs a refused source and exits the process; here both become the recorded error.
console.error = () => {};
console.warn = () => {};
process.exit = (code) => {
  throw new Error(`process.exit(${code})`);
};

const matchers = [];
const seenPatterns = new Set();
for (let k = 0; seenPatterns.size < PATTERN_COUNT && k < PATTERN_COUNT * 5; k++) {
  const source = k === 0 ? "/dashboard/:path*" : patternSource();
  const basePath = chance(0.2) ? "/docs" : "";
  if (seenPatterns.has(source + "\0" + basePath) || !source.isWellFormed()) continue;
  seenPatterns.add(source + "\0" + basePath);
  const raw = SourceSchema.safeParse(source);
  if (!raw.success) {
    matchers.push({ matcher: source, basePath, error: raw.error.issues[0].message });
    continue;
  }
  let built;
  try {
    built = getMiddlewareMatchers(source, { basePath });
  } catch (err) {
    matchers.push({ matcher: source, basePath, error: `the build exits: ${err.message}` });
    continue;
  }
  const regexps = built.map((m) => m.regexp);
  const test = getMiddlewareRouteMatcher(regexps.map((regexp) => ({ regexp })));
  const extras = [];
  let tree = null;
  try {
    tree = parseForSampling(regexps[0]);
  } catch {
    tree = null;
  }
  for (let j = 0; j < 10 && tree; j++) {
    const s = wellFormed(sample(tree, 48));
    extras.push(s, wellFormed(pick(PREFIXES) + s + pick(SUFFIXES)));
  }
  const paths = nearPaths(regexps[0], PATHS_PER_SOURCE, [...new Set(extras)].slice(0, 12));
  const match = [];
  const nomatch = [];
  for (const path of paths) (test(path, {}, {}) ? match : nomatch).push(path);
  matchers.push({ matcher: source, basePath, regexps, match, nomatch });
}

// One case a line, so a regenerated fixture diffs readably.
const lines = (list) => `[\n${list.map((entry) => JSON.stringify(entry)).join(",\n")}\n]`;
const head = {
  comment: "Generated by tests/fixtures-gen/matcher-diff.mjs (V8 and the real Next.js); do not edit.",
  next: nextVersion,
  node: process.version,
  seed: SEED,
};
const json = `${JSON.stringify(head).slice(0, -1)},\n"regexes": ${lines(regexes)},\n"matchers": ${lines(matchers)}\n}\n`;
JSON.parse(json);
writeFileSync(new URL("../fixtures/matcher-diff.json", import.meta.url), json);
const count = (list, key) => list.reduce((n, e) => n + (e[key]?.length ?? 0), 0);
const refused = regexes.filter((e) => e.v8 !== null).length;
const paths = count(regexes, "match") + count(regexes, "nomatch");
const matcherPaths = count(matchers, "match") + count(matchers, "nomatch");
console.log(
  `matcher-diff.json: ${regexes.length} regexes (${refused} refused by V8), ${paths} paths (${count(regexes, "match")} matching); ` +
    `${matchers.length} matchers (${matchers.filter((m) => m.error).length} refused by Next.js), ${matcherPaths} paths; ` +
    `${(Buffer.byteLength(json) / 1024 / 1024).toFixed(2)} MiB (next ${nextVersion}, node ${process.version})`,
);
