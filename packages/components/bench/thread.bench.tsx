/**
 * `pnpm bench:thread`: does a streamed delta cost more in a long conversation? One run (the
 * simulator's `slow` scenario: 260 one-word deltas) streams into a <RunThread> whose thread already
 * has 10, and then 1,000, earlier messages (half of them answers with their runs and steps: markdown,
 * code, code-interpreter calls), all loaded, in Debian's Chromium (headless). Cases alternate, each in
 * a fresh page. Prints the page's main-thread time per delta (Chromium's own task accounting, CDP
 * `Performance.getMetrics`: script, style, layout, paint, GC, everything) for both, and their ratio.
 * Goal: ≤ 1.2×.
 *
 *   node --import tsx packages/components/bench/thread.bench.tsx [--runs 3] [--pace 16] [--unwindowed]
 *
 * The bench's own server paces the stream (one delta every `--pace` ms, default 16: about one per
 * frame, so every delta pays for its own commit) and holds it twice: before the first delta, until
 * the page is quiet after Send (its history refetch, the new rows), and after the last delta, until
 * the page has drawn it. Only the time in between counts as per-delta work; the time from Send to the
 * first delta (the message, the history's refetch, the new rows) is shown apart, as "per send".
 * `--unwindowed` adds the 1,000-message case with windowing off, for comparison.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { type CDPSession, chromium, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../vitest.config.js'
import { type BenchBackend, type BenchFiles, createBenchBackend } from './thread-backend.js'
import type { ThreadBenchWindow } from './thread-page.js'

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? Number(process.argv[at + 1]) || fallback : fallback
}
const RUNS = Math.max(1, arg('--runs', 3))
const PACE_MS = Math.max(1, arg('--pace', 16))
const UNWINDOWED = process.argv.includes('--unwindowed')
const PROMPT = 'Tell me a slow story about rivers'
const REPO = fileURLToPath(new URL('../../..', import.meta.url))
const ALIASES = Object.fromEntries(
  ['core', 'hooks', 'components'].map((name) => [
    `@runline/${name}`,
    join(REPO, `packages/${name}/src/index.ts`),
  ]),
)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ---- the page ------------------------------------------------------------------------------------

async function bundlePage(): Promise<BenchFiles> {
  const outdir = mkdtempSync(join(tmpdir(), 'runline-thread-bench-'))
  await build({
    entryPoints: { page: fileURLToPath(new URL('./thread-page.tsx', import.meta.url)) },
    bundle: true,
    format: 'esm',
    minify: true,
    jsx: 'automatic',
    outdir,
    alias: ALIASES,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  })
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>RunThread bench</title>' +
    '<link rel="stylesheet" href="/page.css"></head><body style="margin:0">' +
    '<div id="root" style="height:100vh"></div><script type="module" src="/page.js"></script></body></html>'
  const files: BenchFiles = {
    '/': ['text/html', html],
    '/page.js': ['text/javascript', readFileSync(join(outdir, 'page.js'), 'utf8')],
    '/page.css': ['text/css', readFileSync(join(outdir, 'page.css'), 'utf8')],
  }
  rmSync(outdir, { recursive: true, force: true })
  return files
}

/** Chromium's cumulative main-thread accounting for the page, in ms. */
async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics')
  return Object.fromEntries(
    list.map(({ name, value }) => [name, name.endsWith('Duration') ? value * 1000 : value]),
  )
}

/** Opens the thread and loads all of its history ("Load earlier messages" until there is none). */
async function openThread(page: Page, url: string, { quiet }: BenchBackend): Promise<void> {
  await page.goto(url)
  const region = page.getByRole('region', { name: 'Conversation' })
  await region.locator('.rl-thread__row').first().waitFor({ timeout: 30_000 })
  const earlier = page.getByRole('button', { name: 'Load earlier messages' })
  while (await earlier.count()) {
    await earlier.click()
    await page.waitForFunction(() => !document.querySelector('.rl-thread__earlier[data-state="loading"]'))
    await quiet(100)
  }
  // To the newest message, as a reader of a long thread is; rows there get measured and fetch their runs.
  for (let i = 0; i < 4; i++) {
    await region.evaluate((element) => {
      element.scrollTop = element.scrollHeight
    })
    await quiet(250)
  }
}

interface Figures {
  deltas: number
  perDeltaMs: number
  /** Main-thread time from Send until the first delta (the message, its history refetch, the new rows). */
  sendMs: number
  scriptMs: number
  styleMs: number
  layoutMs: number
  rowsDrawn: number
  domNodes: number
}

async function streamOnce(page: Page, cdp: CDPSession, backend: BenchBackend): Promise<Figures> {
  const current = backend.armPacer()
  const composer = page.getByRole('textbox', { name: 'Message', exact: true })
  await composer.fill(PROMPT)
  const atSend = await metrics(cdp)
  await composer.press('Enter')
  await current.held
  await backend.quiet(400)
  await sleep(300)
  const before = await metrics(cdp)
  const counted = await page.evaluate(() => (window as unknown as ThreadBenchWindow).__threadBench.deltas)
  current.release()
  const deltas = await current.sent
  // The last delta lands, is committed on the next frame, laid out and painted.
  await sleep(PACE_MS * 2 + 250)
  const after = await metrics(cdp)
  const received = await page.evaluate(() => (window as unknown as ThreadBenchWindow).__threadBench.deltas)
  if (received - counted !== deltas) throw new Error(`the page got ${received - counted} of ${deltas} deltas`)
  const shape = await page.evaluate(() => ({
    rowsDrawn: document.querySelectorAll('.rl-thread__row').length,
    domNodes: document.getElementsByTagName('*').length,
  }))
  current.finish()
  await page
    .getByRole('region', { name: 'Current run' })
    .getByRole('status')
    .filter({ hasText: /^\s*Completed\s*$/ })
    .first()
    .waitFor({ timeout: 60_000 })
  const per = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) / deltas
  return {
    deltas,
    perDeltaMs: per('TaskDuration'),
    sendMs: (before.TaskDuration ?? 0) - (atSend.TaskDuration ?? 0),
    scriptMs: per('ScriptDuration'),
    styleMs: per('RecalcStyleDuration'),
    layoutMs: per('LayoutDuration'),
    ...shape,
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function main(): Promise<void> {
  const backend = createBenchBackend({ paceMs: PACE_MS, files: await bundlePage() })
  const cases = [
    { label: '10 earlier messages', messages: 10, windowing: true },
    { label: '1,000 earlier messages', messages: 1000, windowing: true },
    ...(UNWINDOWED ? [{ label: '1,000, windowing off', messages: 1000, windowing: false }] : []),
  ]
  const seeding = performance.now()
  // A thread per case and run: every measured run streams into exactly that many earlier messages.
  const threads = new Map<string, string[]>()
  for (const c of cases) {
    const ids: string[] = []
    for (let i = 0; i < RUNS; i++) ids.push(await backend.seedThread(c.messages))
    threads.set(c.label, ids)
  }
  console.log(
    `seeded ${cases.length * RUNS} threads in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  )

  const server = await backend.listen()
  const origin = server.origin
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true, timeout: 30_000 })
  const results = new Map<string, Figures[]>(cases.map((c) => [c.label, []]))
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const c of cases) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 820 } })
        const page = await context.newPage()
        const errors: string[] = []
        page.on('pageerror', (error) => errors.push(error.message))
        const cdp = await context.newCDPSession(page)
        await cdp.send('Performance.enable')
        const thread = threads.get(c.label)![run]!
        await openThread(page, `${origin}/?thread=${thread}${c.windowing ? '' : '&windowing=off'}`, backend)
        const figures = await streamOnce(page, cdp, backend)
        if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`)
        results.get(c.label)!.push(figures)
        console.log(
          `  run ${run + 1} · ${c.label.padEnd(24)} ${figures.perDeltaMs.toFixed(3)} ms/delta (${figures.rowsDrawn} rows drawn, ${figures.domNodes} DOM nodes)`,
        )
        await context.close()
      }
    }
  } finally {
    await browser.close()
    server.close()
  }

  const f3 = (n: number) => n.toFixed(3)
  console.log(
    `\n<RunThread>: one run of ${results.get(cases[0]!.label)![0]!.deltas} deltas, one every ${PACE_MS} ms, ` +
      `Chromium headless, 1280×820; median of ${RUNS} runs per case\n`,
  )
  console.log(
    [
      'case'.padEnd(24),
      'main thread/delta'.padStart(18),
      'script'.padStart(8),
      'style'.padStart(8),
      'layout'.padStart(8),
      'per send'.padStart(10),
      'rows drawn'.padStart(11),
      'DOM nodes'.padStart(10),
    ].join(' '),
  )
  const medians = new Map<string, number>()
  for (const c of cases) {
    const rows = results.get(c.label)!
    const m = (pick: (f: Figures) => number) => median(rows.map(pick))
    medians.set(
      c.label,
      m((f) => f.perDeltaMs),
    )
    console.log(
      [
        c.label.padEnd(24),
        `${f3(m((f) => f.perDeltaMs))} ms`.padStart(18),
        f3(m((f) => f.scriptMs)).padStart(8),
        f3(m((f) => f.styleMs)).padStart(8),
        f3(m((f) => f.layoutMs)).padStart(8),
        `${m((f) => f.sendMs).toFixed(0)} ms`.padStart(10),
        String(Math.round(m((f) => f.rowsDrawn))).padStart(11),
        String(Math.round(m((f) => f.domNodes))).padStart(10),
      ].join(' '),
    )
  }
  const ratio = medians.get(cases[1]!.label)! / medians.get(cases[0]!.label)!
  console.log(`\nratio 1,000 / 10: ${ratio.toFixed(2)}× (goal ≤ 1.2×)`)
  if (UNWINDOWED) {
    const off = medians.get(cases[2]!.label)! / medians.get(cases[0]!.label)!
    console.log(`ratio 1,000 with windowing off / 10: ${off.toFixed(2)}×`)
  }
}

await main()
