import '@runline/components/styles.css'
import { preloadRunTimelineParts } from '@runline/components'
import './preview.css'
import type { Decorator, Preview } from '@storybook/react-vite'
import { configure } from 'storybook/test'

// Play functions' `waitFor` without a timeout of its own: Testing Library's 1 s default is wall clock,
// which a busy machine exceeds while a replay or a simulator run is still on its way (the Vitest test
// around each story allows 30 s, see vitest.config.ts). Waiting longer asserts the same, only later.
configure({ asyncUtilTimeout: 10_000 })

/** The `data-theme` values the components' stylesheet knows. */
export type Theme = 'light' | 'dark'

/**
 * Puts the theme on `<html>` (so portals and the canvas background follow it) and on a wrapper
 * around the story, which is where the components' CSS variables are scoped.
 */
const withTheme: Decorator = (Story, context) => {
  const theme: Theme = context.globals.theme === 'dark' ? 'dark' : 'light'
  document.documentElement.dataset.theme = theme
  document.documentElement.style.colorScheme = theme
  return (
    <div className="sb-runline-canvas rl-theme" data-theme={theme}>
      <Story />
    </div>
  )
}

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Color theme of the Runline components (data-theme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [withTheme],
  // The timeline's parts loaded on demand (Responses rows, Foundry's cards, the approval form) are
  // there before a story renders, as in an app that calls preloadRunTimelineParts at start-up: play
  // functions and axe see each story whole. Their first load is tested in packages/components.
  loaders: [
    async () => {
      await preloadRunTimelineParts()
      return {}
    },
  ],
  parameters: {
    layout: 'fullscreen',
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    // Every story is checked with axe; a violation fails its test (in the Vitest addon and in CI).
    a11y: { test: 'error' },
  },
}

export default preview
