import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'

/** Packages read each other's `src` in tests: nothing is ever stale, no build step needed. */
export const sourceAliases = Object.fromEntries(
  ['core', 'hooks', 'components', 'proxy', 'simulator', 'fixtures'].map((name) => [
    `@runline/${name}`,
    fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url)),
  ]),
)

/** node_modules of the React 18 harness (packages/hooks/react18). */
const react18 = fileURLToPath(new URL('./packages/hooks/react18/node_modules', import.meta.url))

/**
 * Debian's Chromium (installed by `.ci/run`), never a downloaded browser. The flags keep a headless
 * run quiet and offline: no sandbox (CI containers), no GPU, no background network or updates.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.RUNLINE_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}

/**
 * Timeouts catch hangs, not slowness. Vitest's 5 s default failed CPU-bound tests (the core oracle's
 * property tests, jsdom renders, stories in Chromium) on a busy machine although nothing was wrong:
 * `.ci/run` shares 2 cores with whatever else runs. A passing test takes no longer for this; a hung
 * one still fails. Tests stay sized to run well under a second on a quiet machine.
 */
const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 }

/**
 * For jsdom: Testing Library's `waitFor` gives up after 1 s by default, wall clock, which a busy
 * machine exceeds while a simulator run is still on its way (see the file).
 */
const domSetup = fileURLToPath(new URL('./vitest.dom-setup.ts', import.meta.url))

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    projects: [
      {
        resolve: { alias: sourceAliases },
        test: {
          ...timeouts,
          name: 'node',
          environment: 'node',
          include: [
            'packages/{core,proxy,simulator,fixtures}/src/**/*.test.ts',
            // The hooks' framework-agnostic modules (controller, wires) are tested without React.
            'packages/hooks/src/{controller,wire}/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            // The READMEs' examples (their compiling is pnpm test:packed).
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        resolve: { alias: sourceAliases },
        test: {
          ...timeouts,
          name: 'dom',
          environment: 'jsdom',
          setupFiles: [domSetup],
          include: ['packages/{hooks,components}/src/**/*.test.{ts,tsx}', 'apps/demo/src/**/*.test.{ts,tsx}'],
          exclude: ['packages/hooks/src/{controller,wire}/**'],
        },
      },
      {
        // The hooks' tests again on React 18.3, the other supported peer: React and the libraries that
        // import it come from a harness package whose dependencies resolve against React 18.
        resolve: {
          alias: [
            ...Object.entries(sourceAliases).map(([find, replacement]) => ({ find, replacement })),
            ...['react', 'react-dom', '@tanstack/react-query', '@testing-library/react'].map((name) => ({
              find: new RegExp(`^${name}(/.*)?$`),
              replacement: `${react18}/${name}$1`,
            })),
          ],
        },
        test: {
          ...timeouts,
          name: 'react18',
          environment: 'jsdom',
          setupFiles: [domSetup],
          env: { RUNLINE_REACT_MAJOR: '18' },
          include: ['packages/hooks/src/**/*.test.{ts,tsx}'],
          exclude: ['packages/hooks/src/{controller,wire}/**'],
        },
      },
      {
        // Every story is a test: rendered in real Chromium, its play function run, then checked by axe
        // (addon-a11y, `a11y.test: 'error'` in .storybook/preview.tsx). Aliases come from .storybook/main.ts.
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        test: {
          ...timeouts,
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
})
