import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { DEMO_DIR } from './build.js'

/** Where every scenario leaves a screenshot (git-ignored). */
export const SCREENSHOT_DIR = join(DEMO_DIR, 'e2e', 'screenshots')

/** Saves a full-page PNG named after the scenario. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: false })
  return path
}

/** Opens the demo and waits until a thread exists and the composer takes input. */
export async function openDemo(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl)
  await composer(page).waitFor({ state: 'visible', timeout: 15_000 })
  await page.waitForFunction(() => {
    const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')
    return box !== null && !box.disabled
  })
}

/** The composer's textbox. */
export const composer = (page: Page): Locator => page.getByRole('textbox', { name: 'Message', exact: true })

/** The live run (its timeline and tool form). */
export const liveRun = (page: Page): Locator => page.getByRole('region', { name: 'Current run' })

/** The live run's status words. */
export const liveStatus = (page: Page): Locator => liveRun(page).getByRole('status').first()

/** The live run's transcript. */
export const liveLog = (page: Page): Locator => liveRun(page).getByRole('log')

/** Types a message and sends it with Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  await composer(page).fill(text)
  await composer(page).press('Enter')
}

/** The live transcript's text length right now (0 when there is none yet). */
export function liveTextLength(page: Page): Promise<number> {
  return page.evaluate(
    () => document.querySelector('section[aria-label="Current run"] [role="log"]')?.textContent?.length ?? 0,
  )
}

/**
 * Records, in the page, every distinct length of the live transcript and every status word, from
 * now on (a MutationObserver: nothing is missed between two polls from the test).
 */
export async function watchLiveRun(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __lengths: number[]; __statuses: string[] }
    w.__lengths = []
    w.__statuses = []
    const sample = () => {
      const run = document.querySelector('section[aria-label="Current run"]')
      const length = run?.querySelector('[role="log"]')?.textContent?.length ?? 0
      if (length !== w.__lengths[w.__lengths.length - 1]) w.__lengths.push(length)
      const status = run?.querySelector('[role="status"]')?.textContent?.trim()
      if (status && status !== w.__statuses[w.__statuses.length - 1]) w.__statuses.push(status)
    }
    new MutationObserver(sample).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    })
  })
}

/** What {@link watchLiveRun} saw. */
export function watched(page: Page): Promise<{ lengths: number[]; statuses: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __lengths: number[]; __statuses: string[] }
    return { lengths: w.__lengths, statuses: w.__statuses }
  })
}

/** Waits until the live run's status reads exactly `words`. */
export async function waitForStatus(page: Page, words: string, timeout = 30_000): Promise<void> {
  await liveStatus(page)
    .filter({ hasText: new RegExp(`^\\s*${words}\\s*$`) })
    .waitFor({ timeout })
}
