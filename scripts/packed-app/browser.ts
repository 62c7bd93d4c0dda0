// Drives the built app in Chromium, light and dark: the README's Send, and what the page looks like;
// then, once, a run that calls functions, whose views and output form load on demand from the build's chunks
// (a message-only run loads only the markdown lexer's chunk).
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
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

function looks(page: Page, root: string): Promise<Looks> {
  return page.evaluate((root) => {
    const style = (selector: string) => {
      const element = document.querySelector(selector)
      return element ? getComputedStyle(element) : null
    }
    return {
      rootColor: style(`${root} .rl-timeline`)!.color,
      rootBackground: style(`${root} .rl-timeline--styled`)!.backgroundColor,
      hostButton: style('#host-button')!.backgroundColor,
      htmlScheme: getComputedStyle(document.documentElement).colorScheme,
      listStyle: style(`${root} .rl-md ul`)?.listStyleType ?? null,
      idColor: style(`${root} .rl-summary__id`)?.color ?? null,
      idBackground: style(`${root} .rl-summary__id`)?.backgroundColor ?? null,
    }
  }, root)
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
async function callFunctions(app: Locator, at: string, scripts: string[]): Promise<void> {
  const before = scripts.length
  await app.getByRole('textbox', { name: 'Message' }).fill('weather in Paris and in Tokyo')
  await app.getByRole('button', { name: 'Send' }).click()
  await app.getByRole('status').filter({ hasText: 'Requires action' }).waitFor({ timeout: 60_000 })
  const outputs = app.getByRole('textbox', { name: 'Output for get_weather' })
  const views = app.locator('.rl-tool--function[data-name="get_weather"]')
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
  await app.getByRole('button', { name: 'Submit tool outputs' }).click()
  await app.getByRole('status').filter({ hasText: 'Completed' }).waitFor({ timeout: 60_000 })
}

/**
 * Send → Completed with text, light and dark; screenshots to `shots/<label>-<scheme>.png`. `root` is the
 * element the README's example renders into (the page around it may hold other Runline parts).
 */
export async function drive(
  url: string,
  label: string,
  shots: string,
  root = '#root',
  /** The bundler names chunks after their modules (Vite does; Next.js's Turbopack names them by hash). */
  namedChunks = true,
): Promise<void> {
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
        const app = page.locator(root)
        await app.getByRole('textbox', { name: 'Message' }).fill('hello')
        await app.getByRole('button', { name: 'Send' }).click()
        await app.getByRole('status').filter({ hasText: 'Completed' }).waitFor({ timeout: 60_000 })
        const text = (await app.getByRole('log').textContent()) ?? ''
        check(text.length > 40, `${at}: the run completed with text (${text.length} characters)`)
        // The reply has a list: markdown, drawn formatted once the lexer's chunk is there (plain text until then).
        await app.locator('.rl-md ul').first().waitFor({ timeout: 30_000 })
        const look = await looks(page, root)
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
        // Chunks of their own, loaded in idle time once mounted (or by the first run): the markdown lexer,
        // the Assistants wire with its fold, the client's stream reader, and what those two share (Vite
        // names them after a module: retry, parse). A message-only run loads those and no other (no tool views).
        const later = scripts.slice(atStart)
        check(
          namedChunks
            ? later.every((name) => /^(lexed-block|assistants|stream|retry|parse)-[\w-]+\.js$/.test(name))
            : later.length <= 5,
          `${at}: a run with a message only loads no code beyond the page's, the markdown lexer's, the wire's and the stream reader's (${later.join(', ')})`,
        )
        if (scheme === 'light') await callFunctions(app, at, scripts)
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

/**
 * The answer reaches the page while the run goes on, not when it ends: the `slow` scenario (≈ 26 s of
 * deltas) must show reply text while its status still says "In progress" — a server that buffered the
 * stream would deliver text and "Completed" together. Then "Cancel run" stops it: "Cancelled".
 */
export async function driveStreaming(url: string, label: string, root = '#root'): Promise<void> {
  const browser = await launchChromium()
  try {
    const { page, errors, close } = await openWatchedPage(browser)
    try {
      await page.goto(url)
      const app = page.locator(root)
      await app.getByRole('textbox', { name: 'Message' }).fill('Tell me a slow story')
      await app.getByRole('button', { name: 'Send' }).click()
      const shown = await page
        .waitForFunction(
          (root) => {
            const app = document.querySelector(root)
            const status = [...(app?.querySelectorAll('[role="status"]') ?? [])].map((e) => e.textContent)
            const text = app?.querySelector('[role="log"]')?.textContent ?? ''
            return status.some((words) => words?.includes('In progress')) && text.length > 60 && text.length
          },
          root,
          { timeout: 60_000 },
        )
        .then(
          (handle) => handle.jsonValue() as Promise<number>,
          () => 0,
        )
      check(shown > 0, `${label}: reply text shows while the run is "In progress" (${shown} characters)`)
      await app.getByRole('button', { name: 'Cancel run' }).click()
      const cancelled = await app
        .getByRole('status')
        .filter({ hasText: 'Cancelled' })
        .waitFor({ timeout: 60_000 })
        .then(
          () => true,
          () => false,
        )
      check(cancelled, `${label}: "Cancel run" ends the streaming run ("Cancelled")`)
      check(errors.length === 0, `${label}: no console errors while streaming (${errors.join('; ')})`)
    } finally {
      await close()
    }
  } finally {
    await browser.close()
  }
}
