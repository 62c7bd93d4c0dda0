import { defineConfig } from 'vitest/config'
import { sourceAliases } from '../../vitest.config.js'

/**
 * End-to-end tests: the built demo served by apps/server, driven by Debian's Chromium through
 * playwright-core. Run from the repo root: `vitest run --config apps/demo/vitest.e2e.config.ts`.
 */
export default defineConfig({
  // apps/server and the packages from their sources, like every other test: no build of the packages needed.
  resolve: { alias: sourceAliases },
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
