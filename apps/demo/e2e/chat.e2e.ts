import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { forecastFor } from '../src/weather.js'
import { launchChromium, openWatchedPage, type WatchedPage } from './browser.js'
import {
  composer,
  liveLog,
  liveRun,
  liveTextLength,
  openDemo,
  screenshot,
  sendMessage,
  waitForStatus,
  watched,
  watchLiveRun,
} from './helpers.js'

const baseUrl = inject('baseUrl')
let browser: Browser
let current: WatchedPage | null = null

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
})

afterEach(async () => {
  // Every scenario must leave the console clean: no errors, no uncaught exceptions.
  const errors = current?.errors ?? []
  await current?.close()
  current = null
  expect(errors).toEqual([])
})

async function open(): Promise<WatchedPage> {
  current = await openWatchedPage(browser)
  await openDemo(current.page, baseUrl)
  return current
}

describe('the demo chat, end to end', () => {
  it('streams text progressively; Enter sends, Shift+Enter adds a line; the composer waits for the run', async () => {
    const { page } = await open()
    await composer(page).fill('Hello!')
    await composer(page).press('Shift+Enter')
    await composer(page).pressSequentially('Tell me about Runline')
    expect(await composer(page).inputValue()).toBe('Hello!\nTell me about Runline')
    expect(await liveRun(page).count()).toBe(0)

    await watchLiveRun(page)
    await composer(page).press('Enter')
    await expect.poll(() => composer(page).isDisabled()).toBe(true)
    await expect.poll(() => page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).toBe(true)
    await waitForStatus(page, 'Completed')

    const { lengths, statuses } = await watched(page)
    // The transcript grew in many steps and ended with the whole reply. (Markdown may shorten it for a
    // moment, e.g. when the closing `**` of a bold run arrives, so growth is counted, not required each time.)
    const growths = lengths.filter((length, i) => i > 0 && length > lengths[i - 1]!).length
    expect(growths).toBeGreaterThanOrEqual(5)
    expect(lengths.at(-1)).toBe(Math.max(...lengths))
    expect(statuses).toContain('In progress')
    expect(statuses.at(-1)).toBe('Completed')
    await expect.poll(() => composer(page).isDisabled()).toBe(false)
    // The user's two lines are kept as sent.
    await expect
      .poll(() => page.locator('.bubble').first().textContent())
      .toBe('Hello!\nTell me about Runline')
    expect(await liveLog(page).textContent()).not.toBe('')
    await screenshot(page, '01-text-streams')
  })

  it('answers two parallel get_weather calls through the form', async () => {
    const { page } = await open()
    await sendMessage(page, 'What is the weather in Paris and in Tokyo?')
    await waitForStatus(page, 'Requires action')
    const fields = liveRun(page).getByRole('textbox', { name: /^Output for get_weather/ })
    await expect.poll(() => fields.count()).toBe(2)
    expect(await composer(page).isDisabled()).toBe(true)

    const submit = liveRun(page).getByRole('button', { name: 'Submit tool outputs' })
    expect(await submit.isDisabled()).toBe(true)
    await fields.nth(0).fill('Sunny and 21 degrees')
    await fields.nth(1).fill('Light rain and 14 degrees')
    await screenshot(page, '02-weather-form')
    await submit.click()
    await waitForStatus(page, 'Completed')

    const transcript = (await liveLog(page).textContent()) ?? ''
    expect(transcript).toContain('Sunny and 21 degrees')
    expect(transcript).toContain('Light rain and 14 degrees')
    await expect.poll(() => composer(page).isDisabled()).toBe(false)
    await screenshot(page, '02-weather-answered')
  })

  it('answers get_weather with the client handler when the checkbox is on', async () => {
    const { page } = await open()
    await page.getByRole('checkbox', { name: 'Answer get_weather automatically' }).check()
    await sendMessage(page, 'What is the weather in Paris and in Tokyo?')
    await waitForStatus(page, 'Completed')

    const transcript = (await liveLog(page).textContent()) ?? ''
    for (const place of ['Paris', 'Tokyo']) {
      const forecast = JSON.parse(forecastFor({ location: place })) as {
        conditions: string
        temperature: number
      }
      expect(transcript).toContain(`conditions ${forecast.conditions}`)
      expect(transcript).toContain(`temperature ${forecast.temperature}`)
    }
    // Nobody typed an output.
    expect(await liveRun(page).getByRole('button', { name: 'Submit tool outputs' }).count()).toBe(0)
    await screenshot(page, '03-weather-automatic')
  })

  it('cancels a slow run', async () => {
    const { page } = await open()
    await sendMessage(page, 'Tell me a slow story about rivers')
    await waitForStatus(page, 'In progress')
    await expect.poll(() => liveTextLength(page)).toBeGreaterThan(20)
    await liveRun(page).getByRole('button', { name: 'Cancel run' }).click()
    await waitForStatus(page, 'Cancelled', 15_000)

    const stopped = await liveTextLength(page)
    await page.waitForTimeout(500)
    expect(await liveTextLength(page)).toBe(stopped)
    expect(await liveRun(page).getByRole('button', { name: 'Cancel run' }).count()).toBe(0)
    await expect.poll(() => composer(page).isDisabled()).toBe(false)
    await screenshot(page, '04-cancelled')
  })

  it('shows the failure as an alert and frees the composer', async () => {
    const { page } = await open()
    await sendMessage(page, 'Please fail this run')
    await waitForStatus(page, 'Failed')
    const alert = liveRun(page).getByRole('alert').first()
    await alert.waitFor()
    expect(((await alert.textContent()) ?? '').length).toBeGreaterThan(5)
    await expect.poll(() => composer(page).isDisabled()).toBe(false)
    await screenshot(page, '05-failed')
  })

  it('loads the code-interpreter image through the proxy', async () => {
    const { page } = await open()
    const imageRequests: string[] = []
    page.on('response', (response) => {
      if (
        /\/api\/backends\/sim-assistants\/v1\/files\/[^/]+\/content$/.test(new URL(response.url()).pathname)
      ) {
        imageRequests.push(`${response.status()} ${response.headers()['content-type']}`)
      }
    })
    await sendMessage(page, 'Plot the quarterly numbers 4, 9, 6 and 12 as a bar chart')
    await waitForStatus(page, 'Completed')
    const images = liveRun(page).locator('img')
    await expect.poll(() => images.count()).toBeGreaterThan(0)
    await expect
      .poll(() =>
        images.evaluateAll((nodes) =>
          (nodes as HTMLImageElement[]).every((img) => img.complete && img.naturalWidth > 0),
        ),
      )
      .toBe(true)
    expect(imageRequests.length).toBeGreaterThan(0)
    expect(imageRequests.every((line) => line.startsWith('200 image/png'))).toBe(true)
    await images.first().scrollIntoViewIfNeeded()
    await screenshot(page, '06-plot-image')
  })

  it('re-attaches after a reload during a run and the text keeps coming', async () => {
    const { page } = await open()
    await sendMessage(page, 'Tell me a slow story about mountains')
    await waitForStatus(page, 'In progress')
    await expect.poll(() => liveTextLength(page)).toBeGreaterThan(40)
    const before = await liveTextLength(page)

    await page.reload()
    await liveRun(page).waitFor({ timeout: 15_000 })
    await watchLiveRun(page)
    await expect.poll(() => liveTextLength(page), { timeout: 15_000 }).toBeGreaterThan(0)
    const afterReload = await liveTextLength(page)
    // Still streaming after the reload: more text arrives, and the composer waits.
    await expect.poll(() => liveTextLength(page), { timeout: 15_000 }).toBeGreaterThan(afterReload)
    expect(await composer(page).isDisabled()).toBe(true)
    await screenshot(page, '07-resumed')
    await waitForStatus(page, 'Completed', 40_000)
    expect(await liveTextLength(page)).toBeGreaterThan(before)
    // It kept coming in steps while the run went on, not all at once at the end.
    const { lengths, statuses } = await watched(page)
    const growthsBeforeEnd = lengths
      .slice(0, -1)
      .filter((length, i) => i > 0 && length > lengths[i - 1]!).length
    expect(growthsBeforeEnd).toBeGreaterThanOrEqual(3)
    expect(statuses.at(-1)).toBe('Completed')
    await expect.poll(() => composer(page).isDisabled()).toBe(false)
  })

  it('keeps threads in the sidebar and shows their history', async () => {
    const { page } = await open()
    await sendMessage(page, 'Calculate the mean of 12, 7, 30 and 5 with code')
    await waitForStatus(page, 'Completed')
    const firstTitle = 'Calculate the mean of 12, 7, 30 and 5 with code'
    await page.getByRole('button', { name: 'New chat' }).click()
    await expect.poll(() => liveRun(page).count()).toBe(0)
    const chats = page.getByRole('navigation', { name: 'Chats' })
    await expect.poll(() => chats.getByRole('listitem').count()).toBe(2)

    await chats.getByRole('button', { name: new RegExp(firstTitle) }).click()
    // History comes back from the server: the user's message and the assistant's finished turn.
    await page.locator('.bubble', { hasText: firstTitle }).waitFor()
    await page
      .getByRole('region', { name: 'Earlier run' })
      .getByRole('status')
      .filter({ hasText: 'Completed' })
      .waitFor()
    await screenshot(page, '08-history')
  })

  it('shows raw events with counts in the inspector', async () => {
    const { page } = await open()
    await page.getByRole('button', { name: 'Event inspector', exact: true }).click()
    await sendMessage(page, 'Hello inspector')
    await waitForStatus(page, 'Completed')
    const inspector = page.getByRole('complementary', { name: 'Event inspector' })
    const deltas = inspector.getByRole('row', { name: /thread\.message\.delta/ })
    await expect
      .poll(async () => Number((await deltas.getByRole('cell').first().textContent()) ?? 0))
      .toBeGreaterThan(5)
    await expect.poll(() => inspector.getByRole('row', { name: /thread\.run\.completed/ }).count()).toBe(1)
    await screenshot(page, '09-inspector')
  })

  it('fits a phone screen without sideways scrolling', async () => {
    current = await openWatchedPage(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    const { page } = current
    await openDemo(page, baseUrl)
    await sendMessage(page, 'What is the weather in Paris and in Tokyo?')
    await waitForStatus(page, 'Requires action')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, '10-phone')
  })
})
