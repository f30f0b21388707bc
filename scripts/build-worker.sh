#!/usr/bin/env bash
# Builds the Cloudflare Worker with worker-build, offline: build/index.js, build/index_bg.wasm and
# build/worker/shim.mjs (wrangler.toml's `main`). wrangler runs this as its build command (for
# `wrangler dev` and `wrangler deploy`); `make worker` runs it too.
#
# - What `wrangler deploy` uploads is built with the `worker` feature only: no demo, no test
#   instrumentation, and HS256 as the only assertion algorithm (ASSERTION_SECRET).
#   WORKER_FEATURES=es256 adds ES256 assertions (ASSERTION_KEY, about 90 KiB gzip more, over the
#   200 KiB budget of the default build) to that production build:
#   `WORKER_FEATURES=es256 npx wrangler deploy` or `WORKER_FEATURES=es256 make worker`.
#   NEXTAUTH_EDGE_WORKER_FEATURES adds features (`demo`, `test-instrumentation`, `es256`,
#   comma-separated) and then builds into build/dev/ instead, which `wrangler deploy` never reads:
#   scripts/dev-worker.sh (`make dev`) and the tests set it (`make worker-dev`).
#   NEXTAUTH_EDGE_WORKER_OUT=<dir> builds into another directory (the size test's ES256 build).
# - worker-build 0.8.7 is installed once (cargo install, ~5 min); later runs check its version.
# - It is pointed at local binaries so it downloads nothing: wasm-bindgen (the version
#   Cargo.toml pins, installed by `make wasm-tools`), wasm-opt from npm `binaryen`, esbuild from
#   wrangler's own dependencies.
# - The Worker has its own target directory (target/worker), so it never races the npm
#   package's build over target/wasm32-unknown-unknown/release/nextauth_edge.wasm.
# - Nothing is rebuilt when the inputs are unchanged (a hash of src/, worker/, Cargo.*).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"

WORKER_BUILD_VERSION=0.8.7
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ]; then
  echo "build-worker: node_modules is missing wasm-opt or esbuild; run \`npm ci\` (or \`make dev\`)" >&2
  exit 1
fi
# One build at a time (wrangler dev's rebuilds, `make worker`, a test's `wrangler deploy
# --dry-run`): the variants share target/worker and its one nextauth_edge.wasm, and
# two first runs would both install the tools.
mkdir -p target
exec 9>target/.build-worker.lock
flock 9

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  echo "build-worker: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if [ "$(worker-build --version 2>/dev/null)" != "$WORKER_BUILD_VERSION" ]; then
  echo "build-worker: installing worker-build $WORKER_BUILD_VERSION (about 5 minutes, once)"
  cargo install worker-build --version "$WORKER_BUILD_VERSION" --force
fi

extra=${NEXTAUTH_EDGE_WORKER_FEATURES:-}
extra=${extra// /}
production=${WORKER_FEATURES:-}
production=${production// /}
for feature in ${production//,/ }; do
  case $feature in
    es256) ;;
    *) echo "build-worker: WORKER_FEATURES: unknown feature \`$feature\` (a production build may add es256)" >&2; exit 1 ;;
  esac
done
features=worker${production:+,$production}${extra:+,$extra}
case ",$extra," in
  ,,) out=build ;;
  *)
    out=build/dev
    for feature in ${extra//,/ }; do
      case $feature in
        demo | test-instrumentation | es256) ;;
        *) echo "build-worker: NEXTAUTH_EDGE_WORKER_FEATURES: unknown feature \`$feature\` (demo, test-instrumentation, es256)" >&2; exit 1 ;;
      esac
    done
    ;;
esac
out=${NEXTAUTH_EDGE_WORKER_OUT:-$out}

inputs=$( { echo "$features"; find src worker -type f -print0 | sort -z | xargs -0 sha256sum; sha256sum Cargo.toml Cargo.lock; } | sha256sum | cut -c1-64)
stamp=$out/.inputs
if [ -f "$out/index.js" ] && [ -f "$out/index_bg.wasm" ] && [ -f "$out/worker/shim.mjs" ] \
  && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
  echo "build-worker: $out/ ($features) is up to date"
  exit 0
fi

echo "build-worker: building $out/ with --features $features"
WASM_BINDGEN_BIN=wasm-bindgen \
WASM_OPT_BIN="$root/node_modules/.bin/wasm-opt" \
ESBUILD_BIN="$root/node_modules/.bin/esbuild" \
  worker-build --release --out-dir "$out" --features "$features" --target-dir target/worker
echo "$inputs" > "$stamp"
wasm=$out/index_bg.wasm
echo "build-worker: $wasm ($features) $(( $(stat -c %s "$wasm") / 1024 )) KiB, $(( $(gzip -9c "$wasm" | wc -c) / 1024 )) KiB gzip"
if [ -n "$extra" ]; then
  echo "build-worker: (a development build; \`wrangler deploy\` uploads build/, built without NEXTAUTH_EDGE_WORKER_FEATURES)"
fi
