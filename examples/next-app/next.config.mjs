export default {
  outputFileTracingRoot: import.meta.dirname,
  eslint: { ignoreDuringBuilds: true },
  // The browser suite builds into its own directory, so `make next-app` (next dev, .next/) and the
  // suite's cached production build don't overwrite each other.
  distDir: process.env.NEXT_DIST_DIR || ".next",
}
