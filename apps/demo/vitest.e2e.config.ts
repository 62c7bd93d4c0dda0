import { defineConfig } from 'vitest/config'

/**
 * End-to-end tests: the built demo served by apps/server, driven by Debian's Chromium through
 * playwright-core. Run from the repo root: `vitest run --config apps/demo/vitest.e2e.config.ts`.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('../..', import.meta.url).pathname,
    environment: 'node',
    include: ['apps/demo/e2e/**/*.e2e.ts'],
    globalSetup: ['apps/demo/e2e/global-setup.ts'],
    // One browser at a time: the scenarios measure streaming and two CPUs are plenty busy with one.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 10_000,
  },
})
