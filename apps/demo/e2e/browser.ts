import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { chromium } from 'playwright-core'

/** Debian's Chromium; no browser is ever downloaded. */
export const CHROMIUM_PATH = process.env.RUNLINE_CHROMIUM ?? '/usr/bin/chromium'

/** Flags for a quiet, offline, container-friendly headless Chromium. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches Debian's Chromium headless (bounded: gives up after 30 s). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
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
