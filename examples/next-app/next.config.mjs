export default {
  outputFileTracingRoot: import.meta.dirname,
  eslint: { ignoreDuringBuilds: true },
}
