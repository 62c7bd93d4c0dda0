import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'
import type { Alias } from 'vite'

const fromRoot = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url))

/** The repository root (the folder above `.storybook`). */
export const repoRoot = fromRoot('')

/**
 * The real recordings: the repository's copy in `packages/fixtures/real` (`@runline/fixtures`, whose
 * loader is Node-only); stories reach them through this alias (`import.meta.glob('@runline-fixtures/*.sse')`).
 */
export const fixturesDir = fromRoot('packages/fixtures/real')

const PACKAGES = ['core', 'hooks', 'components', 'proxy', 'simulator'] as const

/**
 * `@runline/*` resolves to each package's `src/index.ts` (no build step), and the CSS export to its
 * source file. Anchored patterns: a plain string key would also rewrite `@runline/components/styles.css`
 * to `…/index.ts/styles.css`.
 */
export const storybookAliases: Alias[] = [
  {
    find: /^@runline\/components\/styles\.css$/,
    replacement: fromRoot('packages/components/src/styles.css'),
  },
  ...PACKAGES.map((name) => ({
    find: new RegExp(`^@runline/${name}$`),
    replacement: fromRoot(`packages/${name}/src/index.ts`),
  })),
  { find: /^@runline-fixtures\//, replacement: `${fixturesDir}/` },
]

/** Runtime dependencies the packages and stories import, bundled before the first story loads. */
const PREBUNDLED = [
  'react',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-dom/client',
  'zustand/vanilla',
  'eventsource-parser',
  'axe-core',
]

const config: StorybookConfig = {
  stories: ['../packages/components/stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  // Offline machines: no telemetry, no version check.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite')
    return mergeConfig(viteConfig, {
      resolve: { alias: storybookAliases },
      server: { fs: { allow: [repoRoot] } },
      // Pre-bundled up front: a dependency discovered mid-run makes Vite reload the page, which
      // fails the browser tests that were running (seen on a cold cache).
      optimizeDeps: { include: PREBUNDLED },
    })
  },
}

export default config
