/** @jsxRuntime automatic @jsxImportSource react */
/**
 * Renders a few real Responses recordings (folded by core's parser and reducer) to static HTML with
 * styles.css inlined, in light and dark, and screenshots them in headless Chromium. From the root:
 *
 *   node --import tsx packages/components/scripts/screenshot-responses.tsx [outDir]
 *
 * PNGs land in /tmp/runline-shots/responses (or outDir). No network.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { renderToStaticMarkup } from 'react-dom/server'
import { chromiumLaunchOptions } from '../../../vitest.config.js'
import { RunTimeline } from '../src/index.js'
import { responsesState, syncStore } from '../src/test-utils/states.js'

const outDir = resolve(process.argv[2] ?? '/tmp/runline-shots/responses')
const css = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8')
const PAGE_CSS = `
  body { margin: 0; padding: 28px; max-width: 900px; background: var(--_rl-surface-2); font-family: var(--_rl-font); }
  .rl-timeline { --rl-log-max-height: none; }
`
const NAMES = [
  'ai-sdk__openai-web-search-tool.1.jsonl',
  'ai-sdk__openai-code-interpreter-tool.1.jsonl',
  'ai-sdk__openai-mcp-tool-approval.1.jsonl',
  'ai-sdk__openai-reasoning-encrypted-content.1.jsonl',
  'ai-sdk__openai-file-search-tool.2.jsonl',
  'ai-sdk__openai-shell-tool.1.jsonl',
]

async function main() {
  mkdirSync(outDir, { recursive: true })
  const browser = await chromium.launch(chromiumLaunchOptions)
  try {
    const context = await browser.newContext({ viewport: { width: 960, height: 900 }, deviceScaleFactor: 1 })
    // Nothing leaves the machine: every request but the page's own data is refused.
    await context.route(/^(?!data:)/, (route) => route.abort())
    const page = await context.newPage()
    for (const name of NAMES) {
      const state = await responsesState(name)
      const body = renderToStaticMarkup(
        <RunTimeline run={{ store: syncStore(state), submitToolApprovals: () => {} }} windowing={false} />,
      )
      for (const theme of ['light', 'dark'] as const) {
        await page.setContent(
          `<!doctype html><html lang="en" data-theme="${theme}"><head><meta charset="utf-8"><title>${name}</title><style>${css}</style><style>${PAGE_CSS}</style></head><body class="rl-theme">${body}</body></html>`,
          { waitUntil: 'load' },
        )
        await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: theme })
        const file = resolve(outDir, `${name.replace(/\.jsonl$/, '')}-${theme}.png`)
        await page.screenshot({ path: file, fullPage: true })
        console.log(file)
      }
    }
  } finally {
    await browser.close()
  }
}

await main()
