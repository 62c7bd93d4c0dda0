/**
 * `pnpm bench:soak [--seconds 60] [--concurrency 50] [--max-threads 200] [--delay-ms 1]`: apps/server
 * (proxy + simulator, in a child process) under steady load over loopback for a bounded time, with a
 * small RUNLINE_SIM_MAX_THREADS so the simulator keeps forgetting threads. Each client loops: stream a
 * run (scenarios in turn: reply, plot with a generated file, search, code, weather stopping in
 * requires_action, fail), list the new thread's messages, and look up a thread from long ago (a 404 once
 * the simulator forgot it). Prints requests, streams ended with `done`, events, and the server's RSS
 * and heap (after a full GC) at the start, every 10 s, and at the end. Exits non-zero on any request
 * that failed or stream that did not end with `done`.
 */
import { parseArgs } from 'node:util'
import {
  linkedSignal,
  mib,
  printTable,
  type ServerChild,
  sharedDeadline,
  sleep,
  startServerChild,
  streamRun,
} from './harness.js'

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '50' },
    'max-threads': { type: 'string', default: '200' },
    'delay-ms': { type: 'string', default: '1' },
  },
})
const positive = (name: string, raw: string | undefined, min: number): number => {
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench:soak: --${name} must be an integer ≥ ${min}, got '${raw}'`)
    process.exit(2)
  }
  return value
}
const SECONDS = positive('seconds', values.seconds, 1)
const CONCURRENCY = positive('concurrency', values.concurrency, 1)
const MAX_THREADS = positive('max-threads', values['max-threads'], 1)
const DELAY_MS = positive('delay-ms', values['delay-ms'], 0)
const SAMPLE_EVERY_MS = 10_000
/** Thread ids the clients remember for later look-ups (bounded: the bench itself must not grow). */
const REMEMBERED = 2_000
const MESSAGES = [
  'Hello! Tell me about streaming runs.',
  'plot 3, 5 and 8',
  'search the docs for streaming',
  'calculate 4 and 6',
  'weather in Paris',
  'fail please',
]

const totals = { requests: 0, streams: 0, done: 0, events: 0, forgotten: 0, found: 0 }
const failures: string[] = []
const remembered: string[] = []
let next = 0

async function get(port: number, path: string, deadline: AbortSignal): Promise<number> {
  totals.requests++
  const { signal, dispose } = linkedSignal(deadline)
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, { signal })
    await response.arrayBuffer()
    return response.status
  } finally {
    dispose()
  }
}

async function client(server: ServerChild, until: number, signal: AbortSignal): Promise<void> {
  while (Date.now() < until && !signal.aborted) {
    const message = MESSAGES[next++ % MESSAGES.length] ?? MESSAGES[0]!
    totals.requests++
    totals.streams++
    const run = await streamRun(server.port, { message, signal })
    totals.events += run.events
    if (run.done) totals.done++
    if (run.error || !run.done || !run.threadId) {
      failures.push(`stream '${message}': ${run.error ?? 'ended without done'}`)
      continue
    }
    try {
      const listed = await get(server.port, `/threads/${run.threadId}/messages`, signal)
      if (listed !== 200) failures.push(`messages.list of a fresh thread: ${listed}`)
      const old = remembered[Math.floor(Math.random() * remembered.length)]
      if (old) {
        const status = await get(server.port, `/threads/${old}`, signal)
        if (status === 404) totals.forgotten++
        else if (status === 200) totals.found++
        else failures.push(`threads.retrieve of an old thread: ${status}`)
      }
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error))
    }
    if (remembered.length < REMEMBERED) remembered.push(run.threadId)
    else remembered[next % REMEMBERED] = run.threadId
  }
}

console.log(
  `bench:soak: ${SECONDS} s, ${CONCURRENCY} clients, RUNLINE_SIM_MAX_THREADS=${MAX_THREADS}, ` +
    `RUNLINE_SIM_DELAY_MS=${DELAY_MS}, loopback`,
)
const server = await startServerChild({
  RUNLINE_SIM_DELAY_MS: String(DELAY_MS),
  RUNLINE_SIM_MAX_THREADS: String(MAX_THREADS),
})
let exitCode = 1
try {
  await streamRun(server.port, { message: MESSAGES[0]!, signal: AbortSignal.timeout(30_000) }) // warm-up
  const start = await server.stats(true)
  const samples: string[][] = [['0', '0', '0', '0', mib(start.rssBytes), mib(start.heapUsedBytes)]]
  const started = Date.now()
  const until = started + SECONDS * 1000
  // A hard stop well after the end, for a stream that would never finish.
  const hardStop = sharedDeadline(SECONDS * 1000 + 60_000)
  const sampler = (async () => {
    for (let at = SAMPLE_EVERY_MS; at < SECONDS * 1000; at += SAMPLE_EVERY_MS) {
      await sleep(started + at - Date.now())
      const now = await server.stats()
      samples.push([
        String(at / 1000),
        String(totals.requests),
        String(totals.done),
        String(totals.events),
        mib(now.rssBytes),
        mib(now.heapUsedBytes),
      ])
      console.log(`  ${at / 1000} s: ${totals.requests} requests, RSS ${mib(now.rssBytes)} MiB`)
    }
  })()
  await Promise.all(Array.from({ length: CONCURRENCY }, () => client(server, until, hardStop)))
  await sampler
  const elapsed = (Date.now() - started) / 1000
  const end = await server.stats(true)
  samples.push([
    `${elapsed.toFixed(0)} (end, after GC)`,
    String(totals.requests),
    String(totals.done),
    String(totals.events),
    mib(end.rssBytes),
    mib(end.heapUsedBytes),
  ])
  printTable(['s', 'requests', 'streams with done', 'events', 'RSS MiB', 'heap used MiB'], samples)
  printTable(
    ['measure', 'value'],
    [
      ['requests', String(totals.requests)],
      ['streams', String(totals.streams)],
      ['streams ended with done', String(totals.done)],
      ['events', String(totals.events)],
      ['requests / s', (totals.requests / elapsed).toFixed(0)],
      ['old-thread look-ups: forgotten (404) / still kept', `${totals.forgotten} / ${totals.found}`],
      ['server RSS MiB start → end (after GC)', `${mib(start.rssBytes)} → ${mib(end.rssBytes)}`],
      [
        'server heap used MiB start → end (after GC)',
        `${mib(start.heapUsedBytes)} → ${mib(end.heapUsedBytes)}`,
      ],
      [
        'server external MiB start → end (after GC)',
        `${mib(start.externalBytes)} → ${mib(end.externalBytes)}`,
      ],
      ['server peak RSS MiB', (end.maxRssKiB / 1024).toFixed(1)],
      // The clients' idle keep-alive sockets are still open at the end (Node closes them after 5 s).
      ['server open fds start → end', `${start.openFds} → ${end.openFds}`],
      ['failures', String(failures.length)],
    ],
  )
  for (const failure of failures.slice(0, 5)) console.error(`FAILED: ${failure}`)
  exitCode = failures.length === 0 && totals.done === totals.streams ? 0 : 1
} finally {
  await server.stop()
}
process.exit(exitCode)
