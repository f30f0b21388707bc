#!/usr/bin/env bash
# Builds the npm package in pkg/: wasm (cargo) → JS glue (wasm-bindgen) → smaller wasm (wasm-opt),
# twice: the whole API in pkg/wasm/, `withAuth` alone in pkg/wasm/middleware/.
# The generated files go to pkg/wasm/ (git-ignored); the hand-written entry files stay in pkg/.
# `make pkg` installs what this needs first (wasm-bindgen-cli, and wasm-opt through `npm ci`).
# Fails, leaving pkg/wasm/ as it was, when a tool is missing or when a .wasm is over the 150 KB
# gzip budget (`ALLOW_OVER_BUDGET=1` makes that a warning, for measuring other builds).
set -euo pipefail
cd "$(dirname "$0")/.."

# Same budget and measure as tests/packaging/packaging.test.mjs: zlib gzip level 9, in bytes.
GZIP_BUDGET=150000

fail() {
  echo "scripts/build-pkg.sh: $*" >&2
  exit 1
}

# Without wasm-opt the .wasm would ship unoptimized (~450 KiB raw, ~164 KB gzip): refuse instead.
wasm_opt=node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] ||
  fail "$wasm_opt is missing (npm package binaryen, pinned in package.json).
Run \`make pkg\`, which installs it, or \`npm ci\` first."
command -v wasm-bindgen >/dev/null ||
  fail "wasm-bindgen is not on PATH.
Run \`make pkg\`, which installs wasm-bindgen-cli (the version Cargo.toml pins), or
\`cargo install wasm-bindgen-cli --version <that version>\` first."

out=pkg/wasm
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
kb() { awk -v n="$1" 'BEGIN { printf "%.1f KB", n / 1000 }'; }

# One module into <dir>: cargo (with <cargo feature args>) → wasm-bindgen → wasm-opt → Node files,
# then the budget check.
build_module() {
  local dir=$1
  shift
  cargo build --quiet --lib --release --target wasm32-unknown-unknown "$@"
  mkdir -p "$dir"
  wasm-bindgen target/wasm32-unknown-unknown/release/nextauth_edge.wasm --out-dir "$dir" --target web --omit-default-module-path
  # -ocimfs=100: a function with one caller is inlined only up to 100 bytes (binaryen's default
  # inlines them all). V8 compiles wasm lazily, a function at its first call: with everything
  # inlined, the first request compiled large functions mostly for branches it never takes (the
  # software AES under Node, the CBC format). Measured against a build without the flag: 84 → 67 KB
  # of function bodies compiled by the first request (`node bench/cold/parts.mjs --middleware`,
  # last line); import → first answer 10.5 → 9.6 ms withAuth-only, 12.2 → 11.6 ms whole API
  # (`node bench/cold/entries.mjs <each build's node.mjs>`, 21 fresh processes each); module 1 %
  # smaller; warm requests unchanged (bench/withauth-node.mjs, bench/withauth-edge.mjs, two rounds).
  "$wasm_opt" -Oz -ocimfs=100 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals "$dir/nextauth_edge_bg.wasm" -o "$dir/nextauth_edge_bg.wasm"
  # Node entries: CommonJS glue and the inlined wasm (see scripts/pkg-node.mjs).
  node scripts/pkg-node.mjs "$dir" pkg

  local wasm="$dir/nextauth_edge_bg.wasm" size gz
  size=$(stat -c %s "$wasm")
  gz=$(node -e 'const { gzipSync } = require("node:zlib");
    console.log(gzipSync(require("node:fs").readFileSync(process.argv[1]), { level: 9 }).length)' "$wasm")
  echo "pkg: ${wasm#"$out.tmp/"} $(kb "$size") raw, $(kb "$gz") gzip -9 ($gz bytes; budget $(kb $GZIP_BUDGET))"
  if [ "$gz" -gt "$GZIP_BUDGET" ]; then
    if [ "${ALLOW_OVER_BUDGET:-0}" != 1 ]; then
      fail "$wasm is $gz bytes gzip, over the $GZIP_BUDGET-byte budget.
The build is left in $out.tmp/; $out/ is unchanged."
    fi
    echo "scripts/build-pkg.sh: warning: over the $GZIP_BUDGET-byte gzip budget (ALLOW_OVER_BUDGET=1)" >&2
  fi
}

# The whole API: the package's main entry ("nextauth-edge", "/next", "/v5").
build_module "$out.tmp"
# index.d.ts for `require` type resolution (a .d.ts is ESM in a "type": "module" package).
cp pkg/index.d.ts "$out.tmp/index.d.cts"
# `withAuth` alone (no `js-api` feature): "nextauth-edge/middleware", the same code in a module a
# cold start compiles faster, with its entries written from the hand-written ones.
build_module "$out.tmp/middleware" --no-default-features
node scripts/pkg-middleware.mjs "$out.tmp/middleware" pkg

rm -rf "$out" && mv "$out.tmp" "$out"
