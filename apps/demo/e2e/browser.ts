import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
// The repository's one definition of Debian's Chromium and its flags (also used by Storybook's tests).
import { chromiumLaunchOptions } from '../../../vitest.config.js'

/** Launches Debian's Chromium headless (bounded: gives up after 30 s); no browser is ever downloaded. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    ...chromiumLaunchOptions,
    headless: true,
    timeout: 30_000,
  })
}

/** A page in a fresh context (its own localStorage/sessionStorage) that records console errors. */
export interface WatchedPage {
  page: Page
  /** Console `error` messages and uncaught page errors, in order. */
  errors: string[]
  close(): Promise<void>
}

/** Opens a page in a new context; every console error and uncaught exception lands in `errors`. */
export async function openWatchedPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 }, ...options })
  // tsx (esbuild with keepNames) wraps functions passed to page.evaluate in `__name(...)`; give pages a no-op one.
  await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn)')
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return { page, errors, close: () => context.close() }
}
