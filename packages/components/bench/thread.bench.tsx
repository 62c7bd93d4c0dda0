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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRunlineClient } from '@runline/core'
import { createSimulator } from '@runline/simulator'
import { build } from 'esbuild'
import { type CDPSession, chromium, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../vitest.config.js'
import type { ThreadBenchWindow } from './thread-page.js'

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name)
  return at > 0 ? Number(process.argv[at + 1]) || fallback : fallback
}
const RUNS = Math.max(1, arg('--runs', 3))
const PACE_MS = Math.max(1, arg('--pace', 16))
const UNWINDOWED = process.argv.includes('--unwindowed')
const ASSISTANT = 'asst_runline_demo'
const PROMPT = 'Tell me a slow story about rivers'
/** What the earlier answers are about: markdown with a code block, and code-interpreter calls. */
const HISTORY_PROMPTS = ['Tell me about streaming runs', 'Calculate the mean of 12, 7, 30 and 5 with code']
const REPO = fileURLToPath(new URL('../../..', import.meta.url))
const ALIASES = Object.fromEntries(
  ['core', 'hooks', 'components'].map((name) => [
    `@runline/${name}`,
    join(REPO, `packages/${name}/src/index.ts`),
  ]),
)

// ---- the backend: the simulator, and a pacer in front of the measured stream ---------------------

const sim = createSimulator({ delayMs: 0, seed: 7 })
const client = createRunlineClient({ baseUrl: 'http://bench.local/v1', fetch: sim.fetchLike })

/** A thread with `messages` earlier messages (user questions and streamed answers). */
async function seedThread(messages: number): Promise<string> {
  const thread = await client.threads.create()
  for (let i = 0; i < messages / 2; i++) {
    await client.messages.create(thread.id, { role: 'user', content: HISTORY_PROMPTS[i % 2]! })
    const stream = await client.runs.stream(thread.id, { assistant_id: ASSISTANT })
    await stream.forEach(() => {})
  }
  return thread.id
}

function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** Holds the next run stream before its first delta and after its last one; paces the deltas between. */
function createPacer() {
  const held = deferred()
  const release = deferred()
  const drawn = deferred<number>()
  const finish = deferred()
  return {
    /** The first delta is held (the run started, the page is drawing what came before). */
    held: held.promise,
    release: () => release.resolve(),
    /** Every delta went out; resolves with how many. */
    sent: drawn.promise,
    finish: () => finish.resolve(),
    async pipe(body: ReadableStream<Uint8Array>, res: ServerResponse) {
      const decoder = new TextDecoder()
      let buffer = ''
      let deltas = 0
      let phase: 'before' | 'deltas' | 'after' = 'before'
      let next = 0
      const reader = body.getReader()
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end !== -1) {
          const block = buffer.slice(0, end + 2)
          buffer = buffer.slice(end + 2)
          end = buffer.indexOf('\n\n')
          const isDelta = block.startsWith('event: thread.message.delta\n')
          if (phase === 'before' && isDelta) {
            held.resolve()
            await release.promise
            phase = 'deltas'
            next = performance.now()
          } else if (phase === 'deltas' && !isDelta) {
            drawn.resolve(deltas)
            await finish.promise
            phase = 'after'
          }
          if (phase === 'deltas') {
            // On a fixed schedule, so timer lateness does not add up.
            next += PACE_MS
            const wait = next - performance.now()
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
            deltas++
          }
          res.write(block)
        }
      }
      if (buffer) res.write(buffer)
    },
  }
}

type Pacer = ReturnType<typeof createPacer>
let pacer: Pacer | null = null
let inFlight = 0
let lastActivity = performance.now()

async function handle(req: IncomingMessage, res: ServerResponse, files: Record<string, [string, string]>) {
  const path = (req.url ?? '/').split('?')[0]!
  const file = files[path]
  if (file) {
    res.writeHead(200, { 'content-type': file[0] })
    return void res.end(file[1])
  }
  if (!path.startsWith('/v1/')) return void res.writeHead(404).end()
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const request = new Request(`http://bench.local${req.url}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: chunks.length ? Buffer.concat(chunks) : undefined,
  })
  const response = await sim.fetch(request)
  res.writeHead(response.status, Object.fromEntries(response.headers))
  res.socket?.setNoDelay(true)
  const paced = pacer && response.headers.get('content-type')?.includes('text/event-stream')
  if (paced && pacer && response.body) {
    const current = pacer
    pacer = null
    // The held stream is not the page's traffic `quiet` waits out.
    inFlight--
    await current.pipe(response.body, res).finally(() => inFlight++)
    return void res.end()
  }
  res.end(Buffer.from(await response.arrayBuffer()))
}

/** Resolves once no request (other than the held stream) has been open for `ms`. */
async function quiet(ms: number): Promise<void> {
  while (inFlight > 0 || performance.now() - lastActivity < ms) await sleep(25)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// ---- the page ------------------------------------------------------------------------------------

async function bundlePage(): Promise<Record<string, [string, string]>> {
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
  const files: Record<string, [string, string]> = {
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
async function openThread(page: Page, url: string): Promise<void> {
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

async function streamOnce(page: Page, cdp: CDPSession): Promise<Figures> {
  const current = createPacer()
  pacer = current
  const composer = page.getByRole('textbox', { name: 'Message', exact: true })
  await composer.fill(PROMPT)
  const atSend = await metrics(cdp)
  await composer.press('Enter')
  await current.held
  await quiet(400)
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
  const files = await bundlePage()
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
    for (let i = 0; i < RUNS; i++) ids.push(await seedThread(c.messages))
    threads.set(c.label, ids)
  }
  console.log(
    `seeded ${cases.length * RUNS} threads in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  )

  const server = createServer((req, res) => {
    inFlight++
    lastActivity = performance.now()
    handle(req, res, files)
      .catch((error: unknown) => {
        console.error(error)
        if (!res.headersSent) res.writeHead(500)
        res.end()
      })
      .finally(() => {
        inFlight--
        lastActivity = performance.now()
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
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
        await openThread(page, `${origin}/?thread=${thread}${c.windowing ? '' : '&windowing=off'}`)
        const figures = await streamOnce(page, cdp)
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
