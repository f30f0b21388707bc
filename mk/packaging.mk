# The npm package as users install it: `npm pack ./pkg`, the tarball installed into the fixture apps
# under tests/packaging/ (Next 15 webpack edge + Node middleware, Next 16 Turbopack middleware.ts +
# proxy.ts, a Worker in workerd via Miniflare, plain Node import/require), real HTTP requests checked
# against the real next-auth, and the .wasm size budget (150 KB gzip). Fixture node_modules are cached
# in the fixtures (git-ignored); prints each step's time.
EXTRA_TESTS += test-packaging

.PHONY: test-packaging
test-packaging: pkg node-deps
	node --test tests/packaging/packaging.test.mjs
