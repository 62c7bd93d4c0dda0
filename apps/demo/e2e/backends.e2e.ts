// The backend switch, end to end: the simulator's faces served by apps/server as backends of their own,
// each with its own chats; Foundry's MCP approvals inside the chat, and its server-side thread list.
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { forecastFor } from '../src/weather.js'
import { launchChromium, openWatchedPage, type WatchedPage } from './browser.js'
import { composer, liveLog, liveRun, openDemo, screenshot, sendMessage, waitForStatus } from './helpers.js'

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

async function open(): Promise<Page> {
  current = await openWatchedPage(browser)
  await openDemo(current.page, baseUrl)
  return current.page
}

const backendSwitch = (page: Page) => page.getByRole('combobox', { name: 'Backend' })
const chats = (page: Page) => page.getByRole('navigation', { name: 'Chats' })
const serverThreads = (page: Page) => page.getByRole('list', { name: 'Threads on the server' })
const subtitle = (page: Page) => page.locator('.topbar__title p')

/** Picks a backend and waits until its chat takes input. */
async function switchTo(page: Page, id: string): Promise<void> {
  await backendSwitch(page).selectOption(id)
  await expect.poll(() => backendSwitch(page).inputValue()).toBe(id)
  await composer(page).waitFor({ state: 'visible' })
  await page.waitForFunction(() => {
    const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')
    return box !== null && !box.disabled
  })
}

/** The titles of the chats in the sidebar's "Recent" list (not the server's list). */
function recentTitles(page: Page): Promise<string[]> {
  return chats(page).locator('ul.sidebar__list:not([aria-label]) .sidebar__thread-title').allTextContents()
}

describe('the backend switch, end to end', () => {
  it('offers every simulator face', async () => {
    const page = await open()
    expect(await backendSwitch(page).inputValue()).toBe('sim-assistants')
    const options = await backendSwitch(page)
      .locator('option')
      .evaluateAll((nodes) =>
        (nodes as HTMLOptionElement[]).map((node) => [node.value, node.textContent, node.disabled]),
      )
    expect(options).toEqual([
      ['sim-assistants', 'Simulator (Assistants)', false],
      ['sim-foundry', 'Simulator (Foundry)', false],
      ['sim-responses', 'Simulator (Responses)', false],
    ])
    expect(await subtitle(page).textContent()).toBe('Simulator (Assistants) · Assistants-API runs')
  })

  it('Foundry: approve one MCP call and deny the other, the run completes, the server lists the thread; Assistants chats come back', async () => {
    const page = await open()
    await sendMessage(page, 'Hello from the Assistants backend')
    await waitForStatus(page, 'Completed')
    const assistantsChats = await recentTitles(page)
    expect(assistantsChats).toEqual(['Hello from the Assistants backend'])

    await switchTo(page, 'sim-foundry')
    expect(await subtitle(page).textContent()).toBe('Simulator (Foundry) · Foundry agent runs')
    // A backend of its own: a fresh chat, none of the Assistants ones.
    await expect.poll(() => recentTitles(page)).toEqual(['New chat'])
    await sendMessage(page, 'Search the Runline docs over MCP, I will approve the calls')
    await waitForStatus(page, 'Requires action')
    const approve = liveRun(page).getByRole('button', { name: 'Approve search_docs', exact: true })
    const deny = liveRun(page).getByRole('button', { name: 'Deny fetch_page', exact: true })
    await approve.waitFor()
    await screenshot(page, '11-foundry-approval')
    await approve.click()
    await deny.click()
    await waitForStatus(page, 'Completed')
    const transcript = (await liveLog(page).textContent()) ?? ''
    expect(transcript).toContain('fetch_page')
    expect(transcript).toContain('was not approved')
    await expect.poll(() => composer(page).isDisabled()).toBe(false)

    // The server's own list (GET /threads) has the thread, under its title.
    const threadId = await page.evaluate(() => localStorage.getItem('runline-demo:active-thread:sim-foundry'))
    expect(threadId).toMatch(/^thread_/)
    const listed = serverThreads(page).locator(`button[title="${threadId}"]`)
    await listed.waitFor()
    expect(await listed.getAttribute('aria-current')).toBe('page')
    expect(await listed.textContent()).toContain('Search the Runline docs over MCP')
    await screenshot(page, '12-foundry-completed')

    // The choice survives a reload.
    await page.reload()
    await composer(page).waitFor()
    expect(await backendSwitch(page).inputValue()).toBe('sim-foundry')
    await page.locator('.bubble', { hasText: 'Search the Runline docs over MCP' }).waitFor()

    // Back to Assistants: its chats and the open one, as they were; no server list there.
    await switchTo(page, 'sim-assistants')
    expect(await recentTitles(page)).toEqual(assistantsChats)
    await page.locator('.bubble', { hasText: 'Hello from the Assistants backend' }).waitFor()
    await page
      .getByRole('region', { name: 'Earlier run' })
      .getByRole('status')
      .filter({ hasText: 'Completed' })
      .waitFor()
    expect(await serverThreads(page).count()).toBe(0)
    expect(await subtitle(page).textContent()).toBe('Simulator (Assistants) · Assistants-API runs')
  })

  it("Foundry: a thread made elsewhere opens from the server's list, with its history", async () => {
    const made = await fetch(`${baseUrl}/api/backends/sim-foundry/v1/threads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Made by another client' }] }),
    })
    expect(made.status).toBe(200)
    const { id } = (await made.json()) as { id: string }

    const page = await open()
    await switchTo(page, 'sim-foundry')
    const listed = serverThreads(page).locator(`button[title="${id}"]`)
    await listed.click()
    await page.locator('.bubble', { hasText: 'Made by another client' }).waitFor()
    // It joined the chats and is the open one.
    const recent = chats(page).locator(`ul.sidebar__list:not([aria-label]) button[title="${id}"]`)
    await expect.poll(() => recent.getAttribute('aria-current')).toBe('page')
    expect(await listed.getAttribute('aria-current')).toBe('page')
  })

  it('Responses: a conversation on the same thread UI — an MCP approval, then the turn from history after a reload', async () => {
    const page = await open()
    await switchTo(page, 'sim-responses')
    await expect.poll(() => recentTitles(page)).toEqual(['New chat'])
    await sendMessage(page, 'Search the docs with the MCP tool, I will approve it')
    await waitForStatus(page, 'Requires action')
    const approve = liveRun(page).getByRole('button', { name: 'Approve search_docs', exact: true })
    await approve.click()
    await waitForStatus(page, 'Completed')
    expect(await liveLog(page).textContent()).toContain('MCP calls wait for your approval')
    const conversation = await page.evaluate(() =>
      localStorage.getItem('runline-demo:active-thread:sim-responses'),
    )
    expect(conversation).toMatch(/^conv_/)
    await expect.poll(() => composer(page).isDisabled()).toBe(false)
    // A second turn in the same conversation, then a reload: both turns come back from the conversation's items.
    await sendMessage(page, 'hello again')
    await waitForStatus(page, 'Completed')
    await page.reload()
    await composer(page).waitFor()
    expect(await backendSwitch(page).inputValue()).toBe('sim-responses')
    await page.locator('.bubble', { hasText: 'Search the docs with the MCP tool' }).waitFor()
    await page.locator('.bubble', { hasText: 'hello again' }).waitFor()
    expect(await page.locator('.bubble').count()).toBe(2)
    await page.getByText('MCP calls wait for your approval').first().waitFor()
    await screenshot(page, '13-responses-history')
  })

  it('Responses: the client handler answers get_weather (its card loads on demand and shows the output); the turn completes', async () => {
    const page = await open()
    await switchTo(page, 'sim-responses')
    await page.getByRole('checkbox', { name: 'Answer get_weather automatically' }).check()
    await sendMessage(page, 'What is the weather in Paris?')
    await waitForStatus(page, 'Completed')
    const card = liveRun(page).locator('.rl-tool--function[data-name="get_weather"]')
    await card.first().waitFor()
    expect(await card.first().getAttribute('data-state')).toBe('answered')
    const forecast = JSON.parse(forecastFor({ location: 'Paris' })) as { conditions: string }
    expect(await card.first().textContent()).toContain(forecast.conditions)
    // Nobody typed an output.
    expect(await liveRun(page).getByRole('button', { name: 'Submit tool outputs' }).count()).toBe(0)
  })
})
