# Two commands for a newcomer: `make dev` and `make test`. Every target installs what it needs
# first; a second run reinstalls nothing (stamps and version checks below).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

WASM_BINDGEN_VERSION := 0.2.130
# Signed-JWT algorithms and the tower/axum server are optional cargo features; the native test
# suite covers all of them.
FEATURES := --features signed-all,axum
# The minimum supported Rust version: `rust-version` in Cargo.toml.
MSRV := $(shell sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
NODE_STAMP := node_modules/.install-stamp

.PHONY: test dev pkg fixtures fuzz fuzz-smoke rust-tools wasm-tools node-deps test-rust test-node msrv

# Each mk/*.mk adds its suites to EXTRA_TESTS (packaging, Worker, ...).
EXTRA_TESTS :=
-include mk/*.mk

test: rust-tools node-deps pkg test-rust test-node $(EXTRA_TESTS) fuzz-smoke

# Docs build with warnings denied; tests run with every feature (doc tests included), then with
# the default features, which are what the npm package ships.
test-rust: wasm-tools
	cargo fmt --all -- --check
	cargo clippy --all-targets $(FEATURES) -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps $(FEATURES)
	cargo test $(FEATURES)
	cargo test --lib --tests
	$(MAKE) --no-print-directory msrv

# The library with every native feature on the MSRV toolchain (installed once by rustup). Where
# rustup cannot reach its download server, clippy's `incompatible_msrv` lint (part of the
# `cargo clippy -D warnings` above, reading `rust-version`) still refuses std APIs newer than it.
msrv:
	@if rustup toolchain list | grep -q "^$(MSRV)-" || rustup toolchain install $(MSRV) --profile minimal >/dev/null 2>&1; then \
		echo "MSRV $(MSRV): cargo +$(MSRV) check --lib $(FEATURES)"; \
		cargo +$(MSRV) check --lib --locked $(FEATURES); \
	else \
		echo "MSRV $(MSRV): toolchain not installable here; checked by clippy::incompatible_msrv only"; \
	fi

test-node:
	cargo run -q --example mint_tokens | node tests/interop/verify-rust-tokens.mjs
	node --test tests/node/
	# nextauth-edge/middleware (the withAuth-only module) against the real next-auth as well.
	NEXTAUTH_EDGE_MODULE=nextauth-edge/middleware node --test tests/node/differential.test.mjs

# The Cloudflare Worker with its demo under `wrangler dev` on http://127.0.0.1:8787 (mk/worker.mk).
dev: rust-tools node-deps worker-dev .dev.vars
	scripts/dev-worker.sh 8787

# The npm package (wasm-bindgen output + hand-written entry files) for Node. node-deps brings
# wasm-opt (npm binaryen): without it scripts/build-pkg.sh refuses to build.
pkg: wasm-tools node-deps
	scripts/build-pkg.sh

# Regenerates tests/fixtures/tokens.json, then server-cookies.json (chunked session and CSRF
# cookies for the axum tests), with the real next-auth / @auth/core (needs npm).
fixtures: node-deps
	node tests/fixtures-gen/mint-tokens.mjs
	node tests/fixtures-gen/server-cookies.mjs

fuzz:
	scripts/fuzz.sh $(or $(SECONDS_PER_TARGET),60)

# A short run of every fuzz target; `make fuzz` runs them for a minute each.
fuzz-smoke:
	scripts/fuzz.sh 10

rust-tools:
	@rustup component add clippy rustfmt >/dev/null 2>&1 || true

wasm-tools: rust-tools
	@rustup target add wasm32-unknown-unknown >/dev/null
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
		echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes, once)"; \
		cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi

node-deps: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@
