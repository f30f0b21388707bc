# The journey in a real browser (issue #16): Debian's chromium driven by playwright-core (root
# devDependency; it downloads no browser). tests/browser/next-app.test.mjs signs in through the real
# next-auth's own pages in examples/next-app (next build + next start) and follows our withAuth's
# redirects; tests/browser/worker-demo.test.mjs walks `make dev`'s Worker demo (wrangler dev) as Ada
# and Bob. Screenshots of every step: tests/browser/output/ (git-ignored).
#
#   make next-app    the example on http://localhost:3000 (next dev), with .env.local made on first run
EXTRA_TESTS += test-browser

.PHONY: test-browser chromium next-app next-app-deps

NEXT_APP := examples/next-app
NEXT_APP_PORT ?= 3000

# Debian's chromium (apt), installed once when missing; never a browser build downloaded by
# playwright. CHROMIUM=/path/to/chromium uses another binary instead.
chromium:
	@if [ -n "$${CHROMIUM:-}" ]; then \
		[ -x "$$CHROMIUM" ] || { echo "CHROMIUM=$$CHROMIUM is not an executable" >&2; exit 1; }; \
	elif [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
			echo "The browser suites need Debian's chromium package: run 'apt-get update && apt-get install -y chromium' as root, or set CHROMIUM=/path/to/chromium." >&2; \
			exit 1; \
		fi; \
		echo "installing Debian's chromium with apt-get (a few minutes, once)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

next-app-deps: pkg
	node $(NEXT_APP)/scripts/setup.mjs

next-app: pkg
	node $(NEXT_APP)/scripts/setup.mjs --env $(NEXT_APP_PORT)
	cd $(NEXT_APP) && NEXT_TELEMETRY_DISABLED=1 node_modules/.bin/next dev -p $(NEXT_APP_PORT)

test-browser: chromium node-deps next-app-deps worker-dev
	node --test --test-concurrency=1 tests/browser/
