/**
 * `pnpm bench:server`: N concurrent streaming runs (createAndRun, stream: true) through apps/server's
 * proxy + in-process simulator over loopback HTTP, at simulator delay 0 and at the default pace.
 * For each case: events delivered to clients vs events the simulator emitted (must be equal), runs that
 * ended with `done`, p50/p99 time to first event, wall time, and the server process's peak RSS.
 * Then a churn case: 10% of the clients leave mid-stream and 10% never read their (`long`) stream; the
 * others must still get every event, and once everyone is gone the server's open file descriptors and
 * RSS must be back at their baseline (within the tolerances printed).
 * Each case runs in a fresh server process with a deadline; the exit code is non-zero on any failure.
 * `--churn-only` runs the churn case alone.
 */
import {
  type ClientMode,
  mib,
  percentile,
  printTable,
  type RunResult,
  type ServerChild,
  sharedDeadline,
  sleep,
  startServerChild,
  streamRun,
} from './harness.js'

interface Case {
  concurrency: number
  delayMs: number
}

const CASES: Case[] = [
  { concurrency: 100, delayMs: 0 },
  { concurrency: 500, delayMs: 0 },
  { concurrency: 100, delayMs: 20 },
  { concurrency: 500, delayMs: 20 },
]
const CASE_DEADLINE_MS = 120_000
const MESSAGE = 'Hello! Tell me about streaming runs.'
const CHURN_CLIENTS = 200
/** Idle keep-alive sockets close after Node's 5 s keepAliveTimeout; allow for a couple still closing. */
const FD_TOLERANCE = 2
/** V8 and malloc keep some pages after a burst; "back to baseline" means within this much. */
const RSS_TOLERANCE_MIB = 32
const SETTLE_DEADLINE_MS = 30_000

async function withServer<T>(delayMs: number, body: (server: ServerChild) => Promise<T>): Promise<T> {
  const server = await startServerChild({ RUNLINE_SIM_DELAY_MS: String(delayMs) })
  try {
    // One warm-up run so module loading and JIT do not land in the first measured request.
    await streamRun(server.port, { message: MESSAGE, signal: AbortSignal.timeout(30_000) })
    return await body(server)
  } finally {
    await server.stop()
  }
}

async function runCase({ concurrency, delayMs }: Case) {
  return withServer(delayMs, async (server) => {
    const before = await server.stats()
    const deadline = sharedDeadline(CASE_DEADLINE_MS)
    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: concurrency }, () =>
        streamRun(server.port, { message: MESSAGE, signal: deadline }),
      ),
    )
    const wallMs = performance.now() - started
    const after = await server.stats()
    const firsts = results
      .flatMap((r) => (r.firstEventMs === null ? [] : [r.firstEventMs]))
      .sort((a, b) => a - b)
    return {
      concurrency,
      delayMs,
      expected: after.upstreamEvents - before.upstreamEvents,
      delivered: results.reduce((sum, r) => sum + r.events, 0),
      done: results.filter((r) => r.done).length,
      errors: results.flatMap((r) => (r.error ? [r.error] : [])),
      p50: percentile(firsts, 50),
      p99: percentile(firsts, 99),
      wallMs,
      peakRssMiB: after.maxRssKiB / 1024,
      timedOut: deadline.aborted,
    }
  })
}

/** 80% read to the end, 10% leave after 5 events, 10% never read a `long` run; then everyone leaves. */
async function churnCase() {
  return withServer(0, async (server) => {
    await sleep(6_000) // let the warm-up's keep-alive socket close: the baseline is an idle server
    const baseline = await server.stats(true)
    const deadline = sharedDeadline(CASE_DEADLINE_MS)
    const idlers = new AbortController()
    const modeOf = (i: number): ClientMode => (i % 10 === 0 ? 'abort' : i % 10 === 1 ? 'never-read' : 'read')
    const clients = Array.from({ length: CHURN_CLIENTS }, (_, i) => {
      const mode = modeOf(i)
      return streamRun(server.port, {
        mode,
        tag: mode,
        message: mode === 'never-read' ? 'long' : MESSAGE,
        signal: mode === 'never-read' ? AbortSignal.any([deadline, idlers.signal]) : deadline,
      }).then((result) => ({ mode, result }))
    })
    const results = await Promise.all(clients)
    const of = (mode: ClientMode): RunResult[] => results.filter((r) => r.mode === mode).map((r) => r.result)
    const during = await server.stats()
    idlers.abort() // the clients that never read leave now
    const settleStarted = performance.now()
    let after = await server.stats(true)
    while (
      performance.now() - settleStarted < SETTLE_DEADLINE_MS &&
      ((after.openFds ?? 0) > (baseline.openFds ?? 0) + FD_TOLERANCE ||
        after.rssBytes > baseline.rssBytes + RSS_TOLERANCE_MIB * 1024 * 1024)
    ) {
      await sleep(500)
      after = await server.stats(true)
    }
    const readers = of('read')
    return {
      readers: readers.length,
      expected: during.eventsByTag.read ?? 0,
      delivered: readers.reduce((sum, r) => sum + r.events, 0),
      done: readers.filter((r) => r.done).length,
      aborted: of('abort').length,
      neverRead: of('never-read').length,
      errors: results.flatMap((r) => (r.result.error ? [r.result.error] : [])),
      fds: { baseline: baseline.openFds, during: during.openFds, after: after.openFds },
      rss: { baseline: baseline.rssBytes, during: during.rssBytes, after: after.rssBytes },
      heap: { baseline: baseline.heapUsedBytes, after: after.heapUsedBytes },
      settleMs: performance.now() - settleStarted,
      timedOut: deadline.aborted,
    }
  })
}

// `--churn-only` skips the throughput cases (a quicker check of the churn case alone).
const churnOnly = process.argv.includes('--churn-only')
const rows: Awaited<ReturnType<typeof runCase>>[] = []
for (const benchCase of churnOnly ? [] : CASES) {
  process.stdout.write(`running ${benchCase.concurrency} concurrent runs at delay ${benchCase.delayMs} ms…\n`)
  rows.push(await runCase(benchCase))
}
process.stdout.write(`running the churn case: ${CHURN_CLIENTS} clients, 10% leave, 10% never read…\n`)
const churn = await churnCase()

if (rows.length > 0)
  printTable(
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
    rows.map((r) => [
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
  )

const fdsBack = (churn.fds.after ?? 0) <= (churn.fds.baseline ?? 0) + FD_TOLERANCE
const rssBack = churn.rss.after <= churn.rss.baseline + RSS_TOLERANCE_MIB * 1024 * 1024
console.log(
  `\nchurn (${CHURN_CLIENTS} clients at delay 0: ${churn.readers} read, ${churn.aborted} leave after 5 events, ` +
    `${churn.neverRead} never read a 'long' stream, then leave)`,
)
printTable(
  ['measure', 'baseline', 'during', 'after', 'back to baseline'],
  [
    [
      'reader events (expected / delivered)',
      '',
      '',
      `${churn.expected} / ${churn.delivered}`,
      churn.expected === churn.delivered ? 'equal' : 'NOT EQUAL',
    ],
    ['readers ended with done', '', '', `${churn.done}/${churn.readers}`, ''],
    [
      'server open fds',
      String(churn.fds.baseline),
      String(churn.fds.during),
      String(churn.fds.after),
      `${fdsBack ? 'yes' : 'NO'} (≤ +${FD_TOLERANCE})`,
    ],
    [
      'server RSS MiB (after GC)',
      mib(churn.rss.baseline),
      mib(churn.rss.during),
      mib(churn.rss.after),
      `${rssBack ? 'yes' : 'NO'} (≤ +${RSS_TOLERANCE_MIB} MiB)`,
    ],
    ['server heap used MiB (after GC)', mib(churn.heap.baseline), '', mib(churn.heap.after), ''],
  ],
)
console.log(`settled ${(churn.settleMs / 1000).toFixed(1)} s after the last clients left`)

const failed = rows.filter((r) => r.expected !== r.delivered || r.done !== r.concurrency || r.timedOut)
for (const r of failed) {
  console.error(
    `FAILED ${r.concurrency}@${r.delayMs}ms: ${r.errors.slice(0, 3).join('; ') || 'event count mismatch'}`,
  )
}
const churnFailed =
  churn.expected !== churn.delivered ||
  churn.done !== churn.readers ||
  churn.errors.length > 0 ||
  churn.timedOut ||
  !fdsBack ||
  !rssBack
if (churnFailed) console.error(`FAILED churn: ${churn.errors.slice(0, 3).join('; ') || 'see the table'}`)
process.exit(failed.length > 0 || churnFailed ? 1 : 0)
