#!/usr/bin/env bash
# Builds the npm package in pkg/: wasm (cargo) → JS glue (wasm-bindgen) → smaller wasm (wasm-opt).
# The generated files go to pkg/wasm/ (git-ignored); the hand-written entry files stay in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --lib --release --target wasm32-unknown-unknown
raw=target/wasm32-unknown-unknown/release/nextauth_edge.wasm
out=pkg/wasm
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
wasm-bindgen "$raw" --out-dir "$out.tmp" --target web --omit-default-module-path
wasm_opt=node_modules/.bin/wasm-opt
if [ -x "$wasm_opt" ]; then
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals "$out.tmp/nextauth_edge_bg.wasm" -o "$out.tmp/nextauth_edge_bg.wasm"
fi
# Node entries: CommonJS glue and the inlined wasm (see scripts/pkg-node.mjs).
node scripts/pkg-node.mjs "$out.tmp" pkg
rm -rf "$out" && mv "$out.tmp" "$out"
size=$(stat -c %s "$out/nextauth_edge_bg.wasm")
gz=$(gzip -9c "$out/nextauth_edge_bg.wasm" | wc -c)
echo "pkg: nextauth_edge_bg.wasm $((size / 1024)) KiB, $((gz / 1024)) KiB gzip"
