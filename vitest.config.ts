import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** Packages read each other's `src` in tests: nothing is ever stale, no build step needed. */
export const sourceAliases = Object.fromEntries(
  ['core', 'hooks', 'components', 'proxy', 'simulator'].map((name) => [
    `@runline/${name}`,
    fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  ]),
)

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    projects: [
      {
        resolve: { alias: sourceAliases },
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{core,proxy,simulator}/src/**/*.test.ts', 'apps/server/src/**/*.test.ts'],
        },
      },
      {
        resolve: { alias: sourceAliases },
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['packages/{hooks,components}/src/**/*.test.{ts,tsx}', 'apps/demo/src/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
})
