#!/usr/bin/env bash
# `wrangler dev` on 127.0.0.1 with the local demo on (DEV_DEMO), as `make dev` runs it.
# Usage: scripts/dev-worker.sh [port] [extra wrangler dev flags…]   (default port 8787)
# Secrets come from .dev.vars (`make dev` creates it from .dev.vars.example with a random
# NEXTAUTH_SECRET) or from `--var NEXTAUTH_SECRET:…`.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8787}
shift || true
export CI=true WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
exec node_modules/.bin/wrangler dev --ip 127.0.0.1 --port "$port" \
  --show-interactive-dev-session=false --var DEV_DEMO:true "$@"
