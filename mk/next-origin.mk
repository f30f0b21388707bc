# A real Next.js app behind the Worker (issues 13 and 18): tests/next-origin/site/ built with the
# Next 15 and Next 16 that tests/packaging/ pins (with and without basePath, `next build` with type
# checking), served by `next start` as UPSTREAM of the development Worker on workerd (Miniflare),
# then raw request lines (the path-parity corpus, Next's data/RSC/interception spellings) and
# Chromium's client-side navigations. Builds are cached in tests/next-origin/.cache/ (git-ignored).
EXTRA_TESTS += test-next-origin

.PHONY: test-next-origin
test-next-origin: chromium node-deps worker-dev
	node --test --test-concurrency=1 tests/next-origin/
