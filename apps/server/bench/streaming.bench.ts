/**
 * `pnpm bench:server`: N concurrent streaming runs (createAndRun, stream: true) through apps/server's
 * proxy + in-process simulator over loopback HTTP, at simulator delay 0 and at the default pace.
 * For each case: events delivered to clients vs events the simulator emitted (must be equal), runs that
 * ended with `done`, p50/p99 time to first event, wall time, and the server process's peak RSS.
 * Each case runs in a fresh server process and is bounded by a deadline; the process exits non-zero if
 * any case loses events or misses its deadline.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createParser } from 'eventsource-parser'

interface Case {
  concurrency: number
  delayMs: number
}
interface Stats {
  upstreamEvents: number
  upstreamStreams: number
  maxRssKiB: number
}
interface RunResult {
  events: number
  done: boolean
  firstEventMs: number | null
  error: string | null
}

const CASES: Case[] = [
  { concurrency: 100, delayMs: 0 },
  { concurrency: 500, delayMs: 0 },
  { concurrency: 100, delayMs: 20 },
  { concurrency: 500, delayMs: 20 },
]
const CASE_DEADLINE_MS = 120_000
const MESSAGE = 'Hello! Tell me about streaming runs.'
const childEntry = fileURLToPath(new URL('./server-child.ts', import.meta.url))

function startChild(delayMs: number): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(childEntry, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, RUNLINE_SIM_DELAY_MS: String(delayMs) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('message', (message: { port: number }) => resolve({ child, port: message.port }))
    child.once('exit', (code) => reject(new Error(`server exited early with code ${code}`)))
  })
}

function ask(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    child.once('message', (message: Stats) => resolve(message))
    child.send('stats')
  })
}

async function oneRun(port: number, signal: AbortSignal): Promise<RunResult> {
  const started = performance.now()
  const result: RunResult = { events: 0, done: false, firstEventMs: null, error: null }
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/threads/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        assistant_id: 'asst_runline_demo',
        stream: true,
        thread: { messages: [{ role: 'user', content: MESSAGE }] },
      }),
      signal,
    })
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
    const parser = createParser({
      onEvent: (event) => {
        if (result.firstEventMs === null) result.firstEventMs = performance.now() - started
        result.events++
        if (event.event === 'done') result.done = true
      },
    })
    const decoder = new TextDecoder()
    const reader = response.body.getReader()
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parser.feed(decoder.decode(chunk.value, { stream: true }))
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error)
  }
  return result
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

async function runCase({ concurrency, delayMs }: Case) {
  const { child, port } = await startChild(delayMs)
  try {
    // One warm-up run so module loading and JIT do not land in the first measured request.
    await oneRun(port, AbortSignal.timeout(30_000))
    const before = await ask(child)
    const deadline = AbortSignal.timeout(CASE_DEADLINE_MS)
    const started = performance.now()
    const results = await Promise.all(Array.from({ length: concurrency }, () => oneRun(port, deadline)))
    const wallMs = performance.now() - started
    const after = await ask(child)
    const firsts = results
      .flatMap((r) => (r.firstEventMs === null ? [] : [r.firstEventMs]))
      .sort((a, b) => a - b)
    return {
      concurrency,
      delayMs,
      expected: after.upstreamEvents - before.upstreamEvents,
      delivered: results.reduce((sum, r) => sum + r.events, 0),
      streams: after.upstreamStreams - before.upstreamStreams,
      done: results.filter((r) => r.done).length,
      errors: results.filter((r) => r.error).map((r) => r.error),
      p50: percentile(firsts, 50),
      p99: percentile(firsts, 99),
      wallMs,
      peakRssMiB: after.maxRssKiB / 1024,
      timedOut: deadline.aborted,
    }
  } finally {
    child.send('stop')
    await new Promise((resolve) => child.once('exit', resolve))
  }
}

const rows: Awaited<ReturnType<typeof runCase>>[] = []
for (const benchCase of CASES) {
  process.stdout.write(`running ${benchCase.concurrency} concurrent runs at delay ${benchCase.delayMs} ms…\n`)
  rows.push(await runCase(benchCase))
}

const table = [
  [
    'runs',
    'delay ms',
    'events expected',
    'events delivered',
    'equal',
    'ended with done',
    'TTFE p50 ms',
    'TTFE p99 ms',
    'wall s',
    'server peak RSS MiB',
  ],
  ...rows.map((r) => [
    String(r.concurrency),
    String(r.delayMs),
    String(r.expected),
    String(r.delivered),
    r.expected === r.delivered ? 'yes' : 'NO',
    `${r.done}/${r.concurrency}`,
    r.p50.toFixed(1),
    r.p99.toFixed(1),
    (r.wallMs / 1000).toFixed(2),
    r.peakRssMiB.toFixed(0),
  ]),
]
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)))
const line = (row: string[]) => `| ${row.map((cell, i) => cell.padStart(widths[i]!)).join(' | ')} |`
console.log()
console.log(line(table[0]!))
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
for (const row of table.slice(1)) console.log(line(row))

const failed = rows.filter((r) => r.expected !== r.delivered || r.done !== r.concurrency || r.timedOut)
for (const r of failed) {
  console.error(
    `FAILED ${r.concurrency}@${r.delayMs}ms: ${r.errors.slice(0, 3).join('; ') || 'event count mismatch'}`,
  )
}
process.exit(failed.length > 0 ? 1 : 0)
