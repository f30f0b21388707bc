# `make bench`: next-auth vs nextauth-edge, side by side in one run (issue #6). Not a test: it is
# not in EXTRA_TESTS, and a missed goal prints MISS without failing. Writes bench/results.md.
.PHONY: bench

bench: node-deps pkg
	node bench/run.mjs
