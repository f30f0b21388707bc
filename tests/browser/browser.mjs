// Shared by the browser suites: Debian's chromium (the `chromium` package, never a browser build
// downloaded by playwright) driven by playwright-core, a screenshot per step under
// tests/browser/output/<suite>/, and a record of every top-level navigation so a test can count
// redirects (a loop between the gate and the sign-in page shows up as a long chain).
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const OUTPUT = fileURLToPath(new URL("./output/", import.meta.url));
const CANDIDATES = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);

export function chromiumPath() {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "no chromium: the browser suites use Debian's chromium package (`make test-browser` installs it " +
        "with apt-get as root), or set CHROMIUM=/path/to/chromium",
    );
  }
  return found;
}

export async function launch() {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--no-first-run", "--disable-gpu"],
  });
}

/**
 * A fresh browser context (no cookies) with navigation bookkeeping and numbered screenshots.
 * `journey.hops()` lists the top-level document responses since the last `mark()`: URL and status,
 * redirects included.
 */
export async function journey(browser, suite) {
  const dir = join(OUTPUT, suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  let hops = [];
  page.on("response", (res) => {
    const req = res.request();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      hops.push({ method: req.method(), url: res.url(), status: res.status(), headers: res.headers() });
    }
  });
  let step = 0;
  const shots = [];
  return {
    context,
    page,
    dir,
    shots,
    mark() {
      hops = [];
    },
    hops: () => hops.slice(),
    /** Path-and-status view of the hops, e.g. ["GET /dashboard 307", "GET /api/auth/signin?… 200"]. */
    trail: () => hops.map((h) => `${h.method} ${new URL(h.url).pathname}${new URL(h.url).search} ${h.status}`),
    async shot(name) {
      step += 1;
      const path = join(dir, `${String(step).padStart(2, "0")}-${name}.png`);
      await page.screenshot({ path, fullPage: false });
      shots.push(path);
      return path;
    },
    close: () => context.close(),
  };
}

/**
 * The Back button, then wait until the page settles where `expectedPath` (path + query) says.
 * Going back to a page that now redirects, Chromium may report the history navigation itself as
 * aborted (ERR_ABORTED) while it follows the redirect; the URL it settles on is what counts.
 */
export async function back(page, expectedPath) {
  const settled = page.waitForURL((u) => `${u.pathname}${u.search}` === expectedPath, { timeout: 10_000 });
  await page.goBack().catch((err) => {
    if (!/ERR_ABORTED/.test(String(err))) throw err;
  });
  await settled.catch(() => {
    const u = new URL(page.url());
    throw new Error(`Back settled on ${u.pathname}${u.search}, not ${expectedPath}`);
  });
  await page.waitForLoadState("load");
}

/** The cookie the browser kept under `name`, or undefined. */
export async function cookie(context, name) {
  return (await context.cookies()).find((c) => c.name === name);
}
