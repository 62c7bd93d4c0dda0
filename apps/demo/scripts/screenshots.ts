/**
 * `pnpm --filter @runline/demo screenshots`: the built demo in Debian's Chromium, light and dark,
 * wide and narrow, with a conversation that shows every kind of part (text, a chart, a tool form,
 * the inspector), then the backend switch on the Foundry face with an MCP approval waiting. PNGs go
 * to apps/demo/e2e/screenshots/looks-*.png (git-ignored). Look at them.
 */
import { loadServerConfig, startServer } from '../../server/src/index.js'
import { launchChromium, openWatchedPage } from '../e2e/browser.js'
import { DEMO_DIST, ensureDemoBuilt } from '../e2e/build.js'
import { openDemo, screenshot, sendMessage, waitForStatus } from '../e2e/helpers.js'

const VIEWPORTS = { wide: { width: 1440, height: 900 }, narrow: { width: 390, height: 844 } } as const
const SCHEMES = ['light', 'dark'] as const

async function main(): Promise<void> {
  await ensureDemoBuilt()
  const server = await startServer({
    ...loadServerConfig({ RUNLINE_SIM_DELAY_MS: '2' }),
    port: 0,
    staticDir: DEMO_DIST,
    log: null,
  })
  const browser = await launchChromium()
  const saved: string[] = []
  try {
    const { page, errors, close } = await openWatchedPage(browser, {
      viewport: VIEWPORTS.wide,
      colorScheme: 'light',
    })
    await openDemo(page, server.url)
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.waitForTimeout(250) // let colour transitions finish
      saved.push(await screenshot(page, `looks-welcome-${scheme}-wide`))
    }
    await sendMessage(page, 'Search the docs for how streaming works and cite the file')
    await waitForStatus(page, 'Completed')
    await sendMessage(page, 'Plot the quarterly numbers 4, 9, 6 and 12 as a bar chart')
    await waitForStatus(page, 'Completed')
    await sendMessage(page, 'What is the weather in Paris and in Tokyo?')
    await waitForStatus(page, 'Requires action')
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.waitForTimeout(250) // let colour transitions finish
      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport)
        await page.waitForTimeout(400)
        saved.push(await screenshot(page, `looks-chat-${scheme}-${name}`))
      }
    }
    // The whole conversation at once: a very tall window.
    await page.setViewportSize({ width: 1280, height: 3200 })
    await page.waitForTimeout(400)
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.waitForTimeout(250) // let colour transitions finish
      saved.push(await screenshot(page, `looks-conversation-${scheme}-tall`))
    }
    await page.setViewportSize(VIEWPORTS.wide)
    await page.getByRole('button', { name: 'Event inspector', exact: true }).click()
    console.log('new chat disabled:', await page.getByRole('button', { name: 'New chat' }).isDisabled())
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.waitForTimeout(250) // let colour transitions finish
      saved.push(await screenshot(page, `looks-inspector-${scheme}-wide`))
    }
    await page.setViewportSize(VIEWPORTS.narrow)
    await page.waitForTimeout(400)
    saved.push(await screenshot(page, 'looks-inspector-dark-narrow'))
    await page.getByRole('button', { name: 'Close event inspector' }).click()
    await page.getByRole('button', { name: 'Chats', exact: true }).click()
    await page.waitForTimeout(250)
    saved.push(await screenshot(page, 'looks-drawer-dark-narrow'))

    // The backend switch: the Foundry face, an MCP approval waiting in the chat, its server thread list.
    await page.getByRole('combobox', { name: 'Backend' }).selectOption('sim-foundry')
    await page.waitForFunction(() => {
      const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')
      return box !== null && !box.disabled
    })
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.getByRole('button', { name: 'Chats', exact: true }).click()
      await page.waitForTimeout(400)
      saved.push(await screenshot(page, `looks-switch-drawer-${scheme}-narrow`))
      await page.mouse.click(VIEWPORTS.narrow.width - 10, 400) // the scrim beside the drawer
    }
    await page.setViewportSize(VIEWPORTS.wide)
    await sendMessage(page, 'Search the Runline docs over MCP, I will approve the calls')
    await waitForStatus(page, 'Requires action')
    await page.getByRole('button', { name: 'Approve search_docs', exact: true }).scrollIntoViewIfNeeded()
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.waitForTimeout(250) // let colour transitions finish
      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport)
        await page.waitForTimeout(400)
        saved.push(await screenshot(page, `looks-foundry-approval-${scheme}-${name}`))
      }
    }
    await close()
    if (errors.length > 0) console.error(`console errors:\n${errors.join('\n')}`)
  } finally {
    await browser.close()
    await server.close()
  }
  console.log(saved.join('\n'))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
