/**
 * Browser benchmark: the simulator's "long" scenario (5,200 one-word deltas) streamed at full speed
 * (RUNLINE_SIM_DELAY_MS=0) into the built demo in Debian's Chromium. A PerformanceObserver counts long
 * tasks (> 50 ms) between Send and the status reading "Completed"; a requestAnimationFrame loop
 * records frame gaps; a light Chromium trace (top-level tasks only) gives every main-thread task's
 * duration, so the worst one shows how much headroom is left below 50 ms. Goal: no long task.
 *
 *   node --import tsx apps/demo/bench/long-stream.bench.ts [--runs 3] [--trace] [--same-priority]
 *
 * The server runs at a lower CPU priority than the browser (niceness 10), as a backend on another
 * machine would; `--same-priority` measures the contended case, where on two cores the page's tasks
 * also wait for the server.
 *
 * `--trace` records the detailed timeline too and breaks the worst tasks down into script, style,
 * layout, paint and GC (costs CPU, so the tasks get a little longer).
 *
 * Builds the demo first when it is stale. Everything is on 127.0.0.1 and stops by itself.
 */
import { readFileSync, rmSync } from 'node:fs'
import { availableParallelism, setPriority, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { loadServerConfig, startServer } from '../../server/src/index.js'
import { launchChromium, openWatchedPage } from '../e2e/browser.js'
import { DEMO_DIST, ensureDemoBuilt } from '../e2e/build.js'
import { openDemo } from '../e2e/helpers.js'

const RUN_TIMEOUT_MS = 120_000
const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3
/** `--trace`: also trace the detailed timeline, to break the worst tasks down (tracing costs CPU too). */
const TRACE = process.argv.includes('--trace')
/** `--same-priority`: leave the server at the browser's CPU priority (the contended case, see `main`). */
const SAME_PRIORITY = process.argv.includes('--same-priority')
/** The server's niceness while the browser keeps the default 0. */
const SERVER_NICENESS = 10

/** Counts `thread.message.delta` events in SSE bodies the proxy gets from the simulator. */
function countingFetch(counter: { deltas: number }) {
  return (upstream: typeof fetch): typeof fetch =>
    async (input, init) => {
      const response = await upstream(input, init)
      if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream'))
        return response
      const marker = 'event: thread.message.delta\n'
      const decoder = new TextDecoder()
      let tail = ''
      const tap = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          const text = tail + decoder.decode(chunk, { stream: true })
          let at = text.indexOf(marker)
          while (at !== -1) {
            counter.deltas++
            at = text.indexOf(marker, at + marker.length)
          }
          // Keep a marker split across chunks countable, without counting a whole one twice.
          tail = text.slice(Math.max(0, text.length - (marker.length - 1)))
          controller.enqueue(chunk)
        },
      })
      return new Response(response.body.pipeThrough(tap), response)
    }
}

const TRACE_PATH = join(tmpdir(), `runline-long-stream-${process.pid}.trace.json`)
/** Marks the page sets on its own clock; the trace carries them with its timestamps. */
const SEND_MARK = 'runline-bench:send'
const COMPLETED_MARK = 'runline-bench:completed'
/** A task this long leaves less than a third of the 50 ms budget: worth a look. */
const WATCH_MS = 35

interface TraceEvent {
  ph?: string
  name?: string
  pid?: number
  tid?: number
  ts?: number
  dur?: number
  tdur?: number
  args?: { data?: { type?: string } }
}

/** One main-thread task of the page between Send and "Completed", from the trace. */
interface TracedTask {
  /** Start, ms after Send. */
  atMs: number
  wallMs: number
  /** Time the page's thread actually ran (the rest it waited for a core). */
  cpuMs: number
  /** With `--trace`: what the task spent its time on, e.g. "animation frame: script 9, layout 4, …". */
  breakdown?: string
}

const CATEGORY: Record<string, string> = {
  UpdateLayoutTree: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  UpdateLayer: 'paint',
  MinorGC: 'gc',
  MajorGC: 'gc',
}
const SCRIPT =
  /^(FunctionCall|EvaluateScript|v8\.|V8\.(?!GC)|RunMicrotasks|FireAnimationFrame|FireIdleCallback|TimerFire|EventDispatch|XHR)/

/** What a task was: a frame (rendering, with the run's commit), a timer, network data, an event... */
function taskKind(inside: readonly TraceEvent[]): string {
  const has = (name: string) => inside.some((e) => e.name === name)
  if (has('FireAnimationFrame') || has('PrePaint')) return 'frame'
  if (has('FireIdleCallback')) return 'idle callback'
  if (has('TimerFire')) return 'timer'
  if (has('SimpleWatcher::OnHandleReady')) return 'network data'
  const event = inside.find((e) => e.name === 'EventDispatch')
  return event ? `${event.args?.data?.type ?? ''} event` : 'other'
}

/** Self time of the events inside one task, by category (script, style, layout, paint, gc). */
function breakdownOf(task: TraceEvent, inside: TraceEvent[]): string {
  const self = new Map<TraceEvent, number>()
  const stack: TraceEvent[] = []
  for (const e of inside) {
    while (stack.length && (stack.at(-1)!.ts ?? 0) + (stack.at(-1)!.dur ?? 0) <= (e.ts ?? 0)) stack.pop()
    const parent = stack.at(-1)
    if (parent) self.set(parent, (self.get(parent) ?? 0) - (e.dur ?? 0))
    self.set(e, (self.get(e) ?? 0) + (e.dur ?? 0))
    stack.push(e)
  }
  const totals = new Map<string, number>()
  for (const [e, us] of self) {
    const category =
      CATEGORY[e.name ?? ''] ??
      (e.name?.startsWith('V8.GC') ? 'gc' : SCRIPT.test(e.name ?? '') ? 'script' : null)
    if (category) totals.set(category, (totals.get(category) ?? 0) + us / 1000)
  }
  const parts = ['script', 'style', 'layout', 'paint', 'gc']
    .filter((c) => (totals.get(c) ?? 0) >= 0.5)
    .map((c) => `${c} ${(totals.get(c) ?? 0).toFixed(0)}`)
  return `${taskKind(inside)}: ${parts.join(', ') || 'nothing traced'} (of ${((task.dur ?? 0) / 1000).toFixed(0)} ms)`
}

const TASK_EVENTS = new Set([
  'RunTask',
  'ThreadControllerImpl::RunTask',
  'BlinkScheduler_PerformMicrotaskCheckpoint',
])

/**
 * The thread's tasks as the long-task observer sees them: top-level task events, each with the
 * microtask checkpoint that directly follows it (the light trace has no `RunTask` around the two).
 */
function topLevelTasks(onMain: readonly TraceEvent[]): TraceEvent[] {
  const tasks: TraceEvent[] = []
  for (const e of onMain) {
    if (!TASK_EVENTS.has(e.name ?? '')) continue
    const last = tasks.at(-1)
    const lastEnd = last ? (last.ts ?? 0) + (last.dur ?? 0) : -1
    if (last && (e.ts ?? 0) + (e.dur ?? 0) <= lastEnd) continue // nested in the previous task
    if (last && e.name === 'BlinkScheduler_PerformMicrotaskCheckpoint' && (e.ts ?? 0) - lastEnd < 100) {
      last.dur = (e.ts ?? 0) + (e.dur ?? 0) - (last.ts ?? 0)
      last.tdur = (last.tdur ?? 0) + (e.tdur ?? 0)
      continue
    }
    tasks.push({ ...e })
  }
  return tasks
}

/**
 * Every main-thread task of the page that started between the Send and "Completed" marks, with its
 * wall and CPU time: on a small machine the server and the browser's other processes compete for the
 * cores, so a task can take more wall time than its thread ran for. With `detailed`, the tasks over
 * {@link WATCH_MS} (and the worst one) get a breakdown.
 */
function tasksInTrace(path: string, detailed: boolean): TracedTask[] {
  const trace = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[]
  const events = Array.isArray(trace) ? trace : (trace.traceEvents ?? [])
  const send = events.find((e) => e.name === SEND_MARK)
  const completed = events.find((e) => e.name === COMPLETED_MARK)
  if (!send || !completed) return []
  // The marks were set on the page's main thread: its tasks are the ones that count.
  const onMain = events
    .filter((e) => e.pid === send.pid && e.tid === send.tid && e.ph === 'X')
    .sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0) || (b.dur ?? 0) - (a.dur ?? 0))
  const from = send.ts ?? 0
  const to = completed.ts ?? 0
  const tasks = topLevelTasks(onMain).filter((e) => (e.ts ?? 0) + (e.dur ?? 0) >= from && (e.ts ?? 0) <= to)
  const worst = Math.max(0, ...tasks.map((t) => t.dur ?? 0))
  return tasks.map((task) => {
    const start = task.ts ?? 0
    const end = start + (task.dur ?? 0)
    const figures: TracedTask = {
      atMs: (start - from) / 1000,
      wallMs: (task.dur ?? 0) / 1000,
      cpuMs: (task.tdur ?? 0) / 1000,
    }
    if (detailed && ((task.dur ?? 0) > WATCH_MS * 1000 || task.dur === worst)) {
      const inside = onMain.filter(
        (e) => e !== task && (e.ts ?? 0) >= start && (e.ts ?? 0) + (e.dur ?? 0) <= end,
      )
      figures.breakdown = breakdownOf(task, inside)
    }
    return figures
  })
}

interface RunFigures {
  sendToFirstTextMs: number
  sendToCompletedMs: number
  longTasks: number[]
  /** When each long task began, ms after Send. */
  longTaskStarts: number[]
  /** Every main-thread task between Send and "Completed", from the trace. */
  tasks: TracedTask[]
  frames: number
  maxFrameGapMs: number
  framesOver50ms: number
  textLengthAtCompleted: number
  finalTextLength: number
}

/** Installed before the page's own scripts: long tasks from the start of the page's life. */
function observeLongTasks() {
  const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> }
  w.__longTasks = []
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      w.__longTasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })
}

async function streamOnce(browser: Browser, page: Page, message: string): Promise<RunFigures> {
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(message)
  // Top-level tasks and the page's marks are cheap to trace; the detailed timeline is not.
  await browser.startTracing(page, {
    path: TRACE_PATH,
    categories: [
      'toplevel',
      'blink.user_timing',
      ...(TRACE ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] : []),
    ],
  })
  // Everything timed inside the page, on its own clock; Send is clicked from the page too.
  await page.evaluate(
    ([sendMark, completedMark]) => {
      const w = window as unknown as Record<string, unknown>
      const run = () => document.querySelector('section[aria-label="Current run"]')
      const state = { t0: 0, firstText: 0, completed: 0, frames: 0, maxGap: 0, over50: 0, length: 0 }
      w.__bench = state
      const observer = new MutationObserver(() => {
        const live = run()
        if (!live) return
        // The assistant's own text, not the empty log's placeholder.
        if (
          !state.firstText &&
          (live.querySelector('[role="log"] .rl-message')?.textContent?.length ?? 0) > 0
        ) {
          state.firstText = performance.now()
        }
        if (live.querySelector('[role="status"]')?.textContent?.trim() === 'Completed') {
          state.completed = performance.mark(completedMark).startTime
          state.length = live.querySelector('[role="log"]')?.textContent?.length ?? 0
          observer.disconnect()
        }
      })
      observer.observe(document.body, { subtree: true, childList: true, characterData: true })
      let last = performance.now()
      const frame = (now: number) => {
        state.frames++
        const gap = now - last
        last = now
        state.maxGap = Math.max(state.maxGap, gap)
        if (gap > 50) state.over50++
        if (!state.completed) requestAnimationFrame(frame)
      }
      state.t0 = performance.mark(sendMark).startTime
      last = state.t0
      requestAnimationFrame(frame)
      document.querySelector<HTMLButtonElement>('button.composer__send')!.click()
    },
    [SEND_MARK, COMPLETED_MARK] as const,
  )
  await page.waitForFunction(
    () => (window as unknown as { __bench: { completed: number } }).__bench.completed > 0,
    null,
    {
      timeout: RUN_TIMEOUT_MS,
      polling: 250,
    },
  )
  await browser.stopTracing()
  const tasks = tasksInTrace(TRACE_PATH, TRACE)
  rmSync(TRACE_PATH, { force: true })
  // The transcript once everything has settled (the status may commit a frame before the last text).
  await page.waitForTimeout(500)
  const settledLength = await page.evaluate(
    () => document.querySelector('section[aria-label="Current run"] [role="log"]')?.textContent?.length ?? 0,
  )
  const figures = await page.evaluate(() => {
    const w = window as unknown as {
      __bench: {
        t0: number
        firstText: number
        completed: number
        frames: number
        maxGap: number
        over50: number
        length: number
      }
      __longTasks: Array<{ start: number; duration: number }>
    }
    const b = w.__bench
    return {
      sendToFirstTextMs: b.firstText - b.t0,
      sendToCompletedMs: b.completed - b.t0,
      longTasks: w.__longTasks
        .filter((t) => t.start >= b.t0 && t.start <= b.completed)
        .map((t) => t.duration),
      longTaskStarts: w.__longTasks
        .filter((t) => t.start >= b.t0 && t.start <= b.completed)
        .map((t) => t.start - b.t0),
      frames: b.frames,
      maxFrameGapMs: b.maxGap,
      framesOver50ms: b.over50,
      textLengthAtCompleted: b.length,
    }
  })
  return { ...figures, tasks, finalTextLength: settledLength }
}

const f0 = (n: number) => n.toFixed(0)

async function main(): Promise<void> {
  await ensureDemoBuilt()
  const counter = { deltas: 0 }
  const browser = await launchChromium()
  // The server stands in for a backend on another machine. On a two-core box it takes a core from the
  // page whenever both want one, and the page's tasks then wait (long in wall time, short in CPU). At
  // a lower priority the page gets the core first, as it would in production. This lowers only this
  // thread (Linux niceness is per thread), which runs the server, and only after Chromium was started,
  // so the browser keeps the default priority.
  if (!SAME_PRIORITY) setPriority(SERVER_NICENESS)
  const server = await startServer({
    ...loadServerConfig({ RUNLINE_SIM_DELAY_MS: '0' }),
    port: 0,
    staticDir: DEMO_DIST,
    log: null,
    wrapUpstreamFetch: countingFetch(counter),
  }).catch(async (error: unknown) => {
    await browser.close()
    throw error
  })
  const rows: Array<{ label: string; deltas: number } & RunFigures> = []
  const consoleErrors: string[] = []
  try {
    const cases = [
      ...Array.from({ length: RUNS }, (_, i) => ({ label: `inspector closed #${i + 1}`, inspector: false })),
      { label: 'inspector open', inspector: true },
    ]
    for (const { label, inspector } of cases) {
      const watched = await openWatchedPage(browser, { viewport: { width: 1280, height: 820 } })
      await watched.page.addInitScript(observeLongTasks)
      await openDemo(watched.page, server.url)
      if (inspector) await watched.page.getByRole('button', { name: 'Event inspector', exact: true }).click()
      const before = counter.deltas
      const figures = await streamOnce(browser, watched.page, 'Write a long answer, please')
      rows.push({ label, deltas: counter.deltas - before, ...figures })
      consoleErrors.push(...watched.errors)
      await watched.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }

  console.log('\nRunline demo — "long" scenario, simulator delay 0 ms, built demo in Chromium (headless)\n')
  console.log(
    [
      'case'.padEnd(22),
      'deltas'.padStart(7),
      'send→text'.padStart(10),
      'send→Completed'.padStart(15),
      'deltas/s'.padStart(9),
      'long tasks'.padStart(11),
      'worst task'.padStart(11),
      '(CPU)'.padStart(6),
      `>${WATCH_MS}ms`.padStart(6),
      'frames'.padStart(7),
      'max gap'.padStart(8),
      'gaps>50ms'.padStart(10),
    ].join(' '),
  )
  const worstOf = (r: RunFigures) =>
    r.tasks.reduce<TracedTask | null>((a, t) => (a && a.wallMs >= t.wallMs ? a : t), null)
  for (const r of rows) {
    const worst = worstOf(r)
    console.log(
      [
        r.label.padEnd(22),
        String(r.deltas).padStart(7),
        `${f0(r.sendToFirstTextMs)} ms`.padStart(10),
        `${f0(r.sendToCompletedMs)} ms`.padStart(15),
        f0((r.deltas / r.sendToCompletedMs) * 1000).padStart(9),
        String(r.longTasks.length).padStart(11),
        (worst ? `${worst.wallMs.toFixed(1)} ms` : '—').padStart(11),
        (worst ? f0(worst.cpuMs) : '—').padStart(6),
        String(r.tasks.filter((t) => t.wallMs > WATCH_MS).length).padStart(6),
        String(r.frames).padStart(7),
        `${f0(r.maxFrameGapMs)} ms`.padStart(8),
        String(r.framesOver50ms).padStart(10),
      ].join(' '),
    )
  }
  for (const r of rows) {
    const lines: string[] = []
    if (r.longTasks.length > 0) {
      lines.push(
        `long tasks: ${r.longTasks.map((d, i) => `${f0(d)} ms at +${f0(r.longTaskStarts[i]!)} ms`).join(', ')} (Completed at +${f0(r.sendToCompletedMs)} ms)`,
      )
    }
    for (const t of r.tasks) {
      if (t.breakdown)
        lines.push(`${f0(t.wallMs)} ms (CPU ${f0(t.cpuMs)}) at +${f0(t.atMs)} ms — ${t.breakdown}`)
    }
    if (lines.length > 0) console.log(`  ${r.label}:\n    ${lines.join('\n    ')}`)
  }
  const total = rows.reduce((n, r) => n + r.longTasks.length, 0)
  const all = rows.flatMap((r) => r.tasks)
  const worst = all.reduce((m, t) => Math.max(m, t.wallMs), 0)
  const watched = all.filter((t) => t.wallMs > WATCH_MS).length
  const sorted = all.map((t) => t.wallMs).sort((a, b) => a - b)
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0
  console.log(
    `\nlong tasks (> 50 ms wall, PerformanceObserver) between Send and "Completed": ${total} in ${rows.length} runs — goal (none): ${total === 0 ? 'met' : 'NOT met'}`,
  )
  console.log(
    `main-thread tasks (Chromium trace): ${all.length}; worst ${worst.toFixed(1)} ms wall, p99 ${p99.toFixed(1)} ms, ${watched} over ${WATCH_MS} ms — headroom below 50 ms: ${(50 - worst).toFixed(1)} ms (${availableParallelism()} cores shared with the browser's other processes and the server, ${SAME_PRIORITY ? 'at the same priority' : `at niceness ${SERVER_NICENESS}`})`,
  )
  console.log(
    `transcript length at "Completed" / settled: ${rows.map((r) => `${r.textLengthAtCompleted}/${r.finalTextLength}`).join(', ')} characters`,
  )
  if (consoleErrors.length > 0) console.log(`console errors:\n  ${consoleErrors.join('\n  ')}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
