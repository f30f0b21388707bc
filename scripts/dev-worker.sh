#!/usr/bin/env bash
# `wrangler dev` on 127.0.0.1 with the local demo built in and on (DEV_DEMO), as `make dev` runs it.
# Usage: scripts/dev-worker.sh [port] [extra wrangler dev flags…]   (default port 8787)
# Secrets come from .dev.vars (`make dev` creates it from .dev.vars.example with a random
# NEXTAUTH_SECRET) or from `--var NEXTAUTH_SECRET:…`.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8787}
shift || true
export CI=true WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
# The development build (build/dev/): wrangler's build command (scripts/build-worker.sh) sees this
# and builds the demo in; `wrangler deploy` never does.
export NEXTAUTH_EDGE_WORKER_FEATURES=demo,test-instrumentation,es256
exec node_modules/.bin/wrangler dev build/dev/worker/shim.mjs --ip 127.0.0.1 --port "$port" \
  --show-interactive-dev-session=false --var DEV_DEMO:true "$@"
