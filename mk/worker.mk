# The Cloudflare Worker (wrangler.toml, src/worker, worker/authorized.js): built by
# scripts/build-worker.sh (worker-build, offline; installed once), run by `make dev`, tested end to
# end on workerd (Miniflare on build/ with a local upstream, wrangler dev with the demo, and the
# `wrangler deploy --dry-run` size budget) by `test-worker`.
EXTRA_TESTS += test-worker

.PHONY: worker worker-dev test-worker

# build/index.js, build/index_bg.wasm, build/worker/shim.mjs: what `wrangler deploy` uploads, no
# demo (a no-op when src/ and worker/ are unchanged). The first run installs worker-build 0.8.7
# (about 5 minutes).
worker: wasm-tools node-deps
	scripts/build-worker.sh

# build/dev/: the same with the demo and the tests' instrumentation (`make dev`, the tests).
worker-dev: wasm-tools node-deps
	NEXTAUTH_EDGE_WORKER_FEATURES=demo,test-instrumentation,es256 scripts/build-worker.sh

# Local secrets for `wrangler dev`, created once with a random NEXTAUTH_SECRET (git-ignored).
.dev.vars: | .dev.vars.example
	@umask 077; secret=$$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))'); \
	sed "s|^NEXTAUTH_SECRET=.*|NEXTAUTH_SECRET=\"$$secret\"|" .dev.vars.example > $@
	@echo "created .dev.vars with a random NEXTAUTH_SECRET (local development only)"

test-worker: worker worker-dev
	cargo clippy --lib --target wasm32-unknown-unknown --features worker -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --features worker,demo,test-instrumentation,es256 -- -D warnings
	node --test --test-concurrency=1 tests/worker/
