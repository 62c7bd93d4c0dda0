// Drives the built app in Chromium, light and dark: the README's Send, and what the page looks like;
// then, once, a run that calls functions, whose views and output form load on demand from the build's chunks.
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium, openWatchedPage } from '../../apps/demo/e2e/browser.js'
import { check } from './util.js'

interface Looks {
  rootColor: string
  rootBackground: string
  hostButton: string
  htmlScheme: string
  listStyle: string | null
  idColor: string | null
  idBackground: string | null
}

function looks(page: Page): Promise<Looks> {
  return page.evaluate(() => {
    const style = (selector: string) => {
      const element = document.querySelector(selector)
      return element ? getComputedStyle(element) : null
    }
    return {
      rootColor: style('.rl-timeline')!.color,
      rootBackground: style('.rl-timeline--styled')!.backgroundColor,
      hostButton: style('#host-button')!.backgroundColor,
      htmlScheme: getComputedStyle(document.documentElement).colorScheme,
      listStyle: style('.rl-md ul')?.listStyleType ?? null,
      idColor: style('.rl-summary__id')?.color ?? null,
      idBackground: style('.rl-summary__id')?.backgroundColor ?? null,
    }
  })
}

/** Lightness of an opaque `rgb(…)` colour, 0 (black) to 1 (white); NaN when unset or transparent. */
function lightness(color: string): number {
  const m = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(color)
  if (!m || m[4] === '0') return Number.NaN
  return (0.2126 * Number(m[1]) + 0.7152 * Number(m[2]) + 0.0722 * Number(m[3])) / 255
}

/**
 * "weather in Paris and in Tokyo": the run requires action; the function calls and the output form
 * come from chunks loaded on demand; the outputs are sent and the run completes.
 */
async function callFunctions(page: Page, at: string, scripts: string[]): Promise<void> {
  const before = scripts.length
  await page.getByRole('textbox', { name: 'Message' }).fill('weather in Paris and in Tokyo')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.getByRole('status').filter({ hasText: 'Requires action' }).waitFor({ timeout: 60_000 })
  const outputs = page.getByRole('textbox', { name: 'Output for get_weather' })
  const views = page.locator('.rl-tool--function[data-name="get_weather"]')
  await outputs.last().waitFor({ timeout: 30_000 })
  await views.last().waitFor({ timeout: 30_000 })
  const count = await outputs.count()
  const calls = await views.count()
  check(
    count === 2 && calls === 2,
    `${at}: two get_weather calls drawn (${calls}), an output field each (${count})`,
  )
  const loaded = scripts.slice(before)
  check(
    loaded.length > 0,
    `${at}: their views and the form came in chunks loaded then (${loaded.join(', ')})`,
  )
  for (let i = 0; i < count; i++) await outputs.nth(i).fill('{"temperature_c": 21}')
  await page.getByRole('button', { name: 'Submit tool outputs' }).click()
  await page.getByRole('status').filter({ hasText: 'Completed' }).waitFor({ timeout: 60_000 })
}

/** Send → Completed with text, light and dark; screenshots to `shots/<label>-<scheme>.png`. */
export async function drive(url: string, label: string, shots: string): Promise<void> {
  const browser = await launchChromium()
  mkdirSync(shots, { recursive: true })
  const seen: Record<string, Looks> = {}
  try {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors, close } = await openWatchedPage(browser, { colorScheme: scheme })
      const at = `${label}, ${scheme}`
      try {
        const scripts: string[] = []
        page.on('request', (request) => {
          if (request.resourceType() === 'script') scripts.push(basename(new URL(request.url()).pathname))
        })
        await page.goto(url)
        const atStart = scripts.length
        await page.getByRole('textbox', { name: 'Message' }).fill('hello')
        await page.getByRole('button', { name: 'Send' }).click()
        await page.getByRole('status').filter({ hasText: 'Completed' }).waitFor({ timeout: 60_000 })
        const text = (await page.getByRole('log').textContent()) ?? ''
        check(text.length > 40, `${at}: the run completed with text (${text.length} characters)`)
        const look = await looks(page)
        seen[scheme] = look
        await page.screenshot({ path: join(shots, `${label}-${scheme}.png`), fullPage: true })
        const background = lightness(look.rootBackground)
        check(!Number.isNaN(background), `${at}: the timeline's background resolves (${look.rootBackground})`)
        check(
          !Number.isNaN(lightness(look.rootColor)),
          `${at}: the timeline's text colour resolves (${look.rootColor})`,
        )
        check(scheme === 'light' ? background > 0.8 : background < 0.2, `${at}: the timeline is ${scheme}`)
        check(
          look.htmlScheme === 'normal',
          `${at}: the kit sets no color-scheme on <html> (${look.htmlScheme})`,
        )
        check(look.listStyle === 'disc', `${at}: a host 'ul { list-style: none }' leaves the reply's bullets`)
        check(look.idColor !== 'rgb(220, 20, 60)', `${at}: a host 'code' rule does not recolour the run id`)
        check(look.idBackground !== 'rgb(255, 255, 0)', `${at}: a host 'code' rule does not fill the run id`)
        check(
          scripts.length === atStart,
          `${at}: a run with a message only loads no code beyond the page's (${scripts.join(', ')})`,
        )
        if (scheme === 'light') await callFunctions(page, at, scripts)
        check(errors.length === 0, `${at}: no console errors (${errors.join('; ')})`)
      } finally {
        await close()
      }
    }
    check(
      seen.light!.hostButton === seen.dark!.hostButton,
      `${label}: the page's own button stays light in dark mode`,
    )
    check(seen.light!.rootBackground !== seen.dark!.rootBackground, `${label}: light and dark differ`)
  } finally {
    await browser.close()
  }
}
