// Regenerates tests/fixtures/matchers.json from the real Next.js (the exact-pinned `next` in
// package.json): the regex each middleware `matcher` compiles to (or Next's error), whether
// Next.js runs the middleware for each path, and plain JavaScript RegExp answers for the regex
// dialect our engine implements. Run: node tests/fixtures-gen/matchers.mjs
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { getMiddlewareMatchers } = require("next/dist/build/analysis/get-page-static-info.js");
const { SourceSchema } = require("next/dist/build/segment-config/middleware/middleware-config.js");
const { getMiddlewareRouteMatcher } = require("next/dist/shared/lib/router/utils/middleware-route-matcher.js");
const nextVersion = require("next/package.json").version;

const sources = [
  "/dashboard/:path*", "/about/:path*", "/", "/api/:path*", "/:path*", "/(.*)",
  "/((?!api|_next/static|_next/image|favicon.ico|sitemap.xml|robots.txt).*)",
  "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
  "/(api|trpc)(.*)", "/a/:b?", "/a/:b+", "/a/:b(\\d+)", "/:locale/dashboard", "/foo-:x*",
  "/shop{/:category}?/cart", "/a.:ext", "/user/:id/edit", "/blog/:slug(.*)", "/docs/:a/:b?",
  "/files/:name.:ext", "/a\\:b", "/api/(.*)", "/dash/:p(\\w+)?", "/x/:y*/z", "/a/(b|c)",
  "/é/:x", "/trailing/", "/((?!api).*)/settings", "/a{-:b}?", "/:a(\\d+)-:b(\\d+)",
  "/admin", "/admin/:path*", "/a/:b*", "/(.*)/edit", "/v:version(\\d+)/:rest*",
  "/((?!_next/static|_next/image|.*\\.png$).*)", "/a/:b(\\d{2,4})", "/a/:b([a-z]+)?/c",
  "/{prefix-}?a", "/a/{:b}+", "/a\\(b\\)", "/api/:v(v1|v2)/:rest+",
  // Next.js refuses these.
  "dashboard", "/a/:", "/a/((b))", "/a/(?:b)", "/a/()", "/:a:b", "/a{b", "/a}", "/a/(b", "",
];
const lists = [
  ["/a", "/b/:c*"],
  [{ source: "/x" }, "/y/:z?"],
  [{ source: "/x", locale: false }],
];
const basePaths = ["", "/docs"];

const paths = [
  "/", "", "/dashboard", "/dashboard/", "/dashboard/a", "/dashboard/a/b", "/dashboardx", "/Dashboard",
  "/dashboard.json", "/dashboard/a.rsc", "/dashboard/a.segments/x/y.segment.rsc",
  "/_next/data/abc/dashboard.json", "/_next/data/abc/dashboard/a.json", "/_next/data/abc/index.json",
  "/api", "/api/x", "/apix", "/_next/static/x.js", "/_next/image", "/favicon.ico", "/sitemap.xml",
  "/index", "/index.json", "/index.rsc", "/a", "/a/", "/a/b", "/a/b/c", "/a/1", "/a/12", "/a/1234",
  "/a/x1", "/a/b/c/", "/foo-", "/foo-/x", "/foo-x", "/shop/cart", "/shop/books/cart", "/a.js",
  "/a.json", "/style.css", "/x.png", "/x.json", "/user/42/edit", "/blog/x/y", "/docs/dashboard",
  "/docs/dashboard/x", "/docs", "/docs/", "/docs/a", "/docs/a/b", "/trpc/x", "/é/x", "/%C3%A9/x",
  "/a%2Fb", "/a:b", "/a(b)", "/x", "/x/z", "/x/y/z", "/x/y/w/z", "/files/a.b", "/1-2", "/a-b",
  "/a-", "/a/settings", "/api/settings", "/dashboard#x", "/dashboard?x", "//dashboard",
  "/dashboard//a", "/dash/abc", "/dash/", "/dash", "/admin", "/admin/", "/admin/users",
  "/administrator", "/v2/a/b", "/v/a", "/a/b/edit", "/edit", "/prefix-a", "/api/v1/x", "/api/v3/x",
  "/y", "/y/1", "/b", "/b/c/d", "/a/bb/c", "/a/b c", "/a/b%20c",
];

// Next.js prints every refused source to stderr; the message is kept in the fixture instead.
console.error = () => {};

function compile(matcher, basePath) {
  const items = Array.isArray(matcher) ? matcher : [matcher];
  for (const item of items) {
    const source = typeof item === "string" ? item : item.source;
    const raw = SourceSchema.safeParse(source);
    if (!raw.success) return { error: raw.error.issues[0].message };
  }
  const built = [];
  for (const m of getMiddlewareMatchers(matcher, { basePath })) built.push(m.regexp);
  return { regexps: built };
}

const cases = [];
for (const basePath of basePaths) {
  for (const matcher of [...sources, ...lists]) {
    const compiled = compile(matcher, basePath);
    const entry = { matcher, basePath, ...compiled };
    if (compiled.regexps) {
      const test = getMiddlewareRouteMatcher(compiled.regexps.map((regexp) => ({ regexp })));
      entry.matches = paths.filter((path) => test(path, {}, {}));
    }
    cases.push(entry);
  }
}

// The regex dialect itself: JavaScript's answers.
const regexes = [
  "^a|b$", "^(?:a|b)$", "a.c", "[^]", "[]", "^\\bfoo\\b", "^\\Bfoo", "^[\\w-]+$", "^\\s$",
  "^\\x41\\u0042$", "^a{2,3}$", "^a{2,}$", "^(?=.*x)(?!.*y).*$", "^(?:(?!ab).)*$", "^(?=(?!a)b)",
  "^(?<name>a)+$", "^a*?$", "^(?:a*)*b$", "^[a\\-z]$", "^[\\b]$", "x$|^$", "\\d+", "^\\D\\W\\S$",
  "^[^\\d\\s]+$", "(?:ab)+", "^(?:a|ab)(?:c|bcd)(?:d*)$", "^[.]$", "^\\.$", "^\\/$", "^[\\/]$",
  "^.{3}$", "^(?:)$", "a{0}b", "^(?:a{0,2}){2}$", "^\\0$", "^\\t\\n\\v\\f\\r$", "[\\u00e9]",
  "^(?=a)", "(?!a)", "^(?!)", "^(?=)", "\\b", "\\B", "^$", "$", "^",
];
const texts = [
  "", "a", "b", "ab", "xb", "aaa", "aaaa", "aab", "a\nc", "abc", "foo", "foo-bar", "foobar",
  "a-b_c", "\u00a0", " ", "AB", "aaxa", "aaxay", "baa", "aaba", "-", "\b", "x", "12", "1a!",
  "é", "abcd", "abbcd", ".", "/", "a.c", "\0", "\t\n\v\f\r", "b a",
];
const jsRegexes = regexes.map((pattern) => {
  const re = new RegExp(pattern);
  return { pattern, matches: texts.filter((text) => re.test(text)) };
});

const out = {
  comment: "Generated by tests/fixtures-gen/matchers.mjs from the real Next.js; do not edit.",
  next: nextVersion,
  paths,
  cases,
  texts,
  regexes: jsRegexes,
};
writeFileSync(new URL("../fixtures/matchers.json", import.meta.url), JSON.stringify(out, null, 1) + "\n");
console.log(`matchers.json: ${cases.length} matcher cases × ${paths.length} paths, ${jsRegexes.length} regexes × ${texts.length} texts (next ${nextVersion})`);
