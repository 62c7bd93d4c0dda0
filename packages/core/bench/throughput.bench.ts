// `pnpm bench`: time per stream on the same bytes and chunks, in one run, for
//   floor     eventsource-parser + JSON.parse only (what any SSE consumer must do)
//   generic   the README's first example: `for await (e of parseRunStream(body)) state = reduceRun(state, e)`
//             (a promise per event, an immutable snapshot per event)
//   fast      the hooks' path: readRunStream into createRunStore (a folder underneath), committing an
//             immutable snapshot after every network chunk (stricter than its once-per-frame default)
//   openai    openai-node's AssistantStream fed by its own SSE decoder (the real SDK path)
// then each path's time as a ratio to the floor's (the goals), how time scales with 5x the events, and
// (without a goal) how many times openai-node's time each one is. Every ratio is given twice, from
// wall-clock and from CPU time: on a machine busy enough that this process waits for a core (or the
// main thread for the GC's helper threads), wall time counts the waiting; CPU time counts only work.
import { Stream } from 'openai/core/streaming'
import { AssistantStream } from 'openai/lib/AssistantStream'
import type { RunState } from '../src/index.js'
import { generateRunStream } from '../src/test-utils/generate.js'
import { loadRecordings, streamOf, utf8 } from '../src/test-utils/recordings.js'
import { type Contender, chunked, coreContenders, timeInterleaved } from './harness.js'
import { core } from './library.js'

const { selectMessages, selectMessageText } = core

/** Reads the result, so nothing is optimised away. */
const textLength = (state: RunState) =>
  selectMessages(state).reduce((n, m) => n + selectMessageText(m).length, 0)

const contenders = {
  ...coreContenders(textLength),
  async openai(chunks) {
    // The SDK's own path: runs.create(...) returns Stream.fromSSEResponse(response), AssistantStream folds it.
    const runs = {
      create: async () => Stream.fromSSEResponse(new Response(streamOf(chunks)), new AbortController()),
    }
    const stream = AssistantStream.createAssistantStream('thread_bench', runs as never, {
      assistant_id: 'asst_bench',
    })
    await stream.done().catch(() => {})
    return stream.currentRun() ? 1 : 0
  },
} satisfies Record<string, Contender>

type Name = keyof typeof contenders
const names = Object.keys(contenders) as Name[]
type Times = Record<Name, number>

/** One input: its files (each its own stream) and the contenders that run on it. */
type Input = { label: string; column: string; events: number; files: Uint8Array[][]; run: Name[] }

const countEvents = (bytes: Uint8Array) => new TextDecoder().decode(bytes).match(/^data: /gm)?.length ?? 0

type Clock = 'wall' | 'cpu'

/** Times the contenders of every input; an input's time is the sum over its files (NaN: not run). */
async function measure(inputs: Input[], rounds: number): Promise<Record<Clock, Times[]>> {
  const pairs = inputs.flatMap((input, i) =>
    input.files.flatMap((chunks) =>
      input.run.map((name) => ({ input: i, name, fn: contenders[name], chunks })),
    ),
  )
  const medians = await timeInterleaved(pairs, rounds)
  const totals = (clock: Clock) => {
    const times = inputs.map(
      (input) => Object.fromEntries(names.map((name) => [name, input.run.includes(name) ? 0 : NaN])) as Times,
    )
    pairs.forEach((pair, i) => {
      times[pair.input]![pair.name] += medians[clock][i]!
    })
    return times
  }
  return { wall: totals('wall'), cpu: totals('cpu') }
}

const fmt = (n: number) => (Number.isNaN(n) ? '-' : Math.round(n).toLocaleString('en-US'))
const x = (n: number, digits = 2) => (Number.isNaN(n) ? '-' : `${n.toFixed(digits)}x`)
const verdict = (value: number, goal: number) => (value <= goal ? 'ok' : 'MISSED')

async function main() {
  const recordings = loadRecordings()
  const long = (deltas: number) =>
    utf8(generateRunStream(7, { terminal: 'completed', textDeltas: deltas, plainText: true }).sse)
  const [base, big] = [long(20_000), long(100_000)]
  const inputs: Input[] = [
    // Each recording is its own stream (the oracle stops at a stream's end); their times add up.
    {
      label: `recordings (${recordings.length} files)`,
      column: 'recordings',
      events: recordings.reduce((n, r) => n + countEvents(r.bytes), 0),
      files: recordings.map((r) => chunked(r.bytes)),
      run: names,
    },
    {
      label: 'long run, 20k deltas',
      column: '20k deltas',
      events: countEvents(base),
      files: [chunked(base)],
      run: names,
    },
    // For the scaling only; openai-node would take a second a pass here.
    {
      label: 'long run, 100k deltas',
      column: '100k deltas',
      events: countEvents(big),
      files: [chunked(big)],
      run: ['floor', 'generic', 'fast'],
    },
  ]
  const rounds = 15
  console.log(`@runline/core throughput (node ${process.version}; median of ${rounds} interleaved passes)\n`)
  // The two long runs are measured in the same rounds, so the scaling ratio compares like with like.
  // 20k and 100k rather than smaller runs: a run of a few thousand deltas ends before its text is old
  // enough for the GC to promote, and is cheaper per event than any long run, floor included.
  const real = await measure(inputs.slice(0, 1), rounds)
  const runs = await measure(inputs.slice(1), rounds)
  const results = { wall: [...real.wall, ...runs.wall], cpu: [...real.cpu, ...runs.cpu] }

  console.log(
    `${'events per second (wall)'.padEnd(28)} ${'events'.padStart(7)}${names.map((n) => n.padStart(12)).join('')}`,
  )
  inputs.forEach((input, i) => {
    const eps = (ms: number) => fmt((input.events / ms) * 1000).padStart(12)
    console.log(
      `${input.label.padEnd(28)} ${String(input.events).padStart(7)}${names.map((n) => eps(results.wall[i]![n])).join('')}`,
    )
  })

  // Each ratio twice: wall-clock | CPU.
  const both =
    (ratio: (times: Times) => number, digits = 2) =>
    (i: number) =>
      `${x(ratio(results.wall[i]!), digits)} | ${x(ratio(results.cpu[i]!), digits)}`.padStart(18)
  const verdicts = (ratio: (times: Times) => number, goal: number) =>
    `wall ${verdict(ratio(results.wall[1]!), goal)}, cpu ${verdict(ratio(results.cpu[1]!), goal)}`
  const columns = inputs.map((input) => input.column.padStart(18)).join('')

  console.log(`\n${"time / floor's time (wall | cpu)".padEnd(40)}${columns}   goal (20k)`)
  const goals = { generic: 1.3, fast: 1.1 } as const
  const paths = {
    generic: 'generic: parseRunStream + reduceRun',
    fast: 'fast: readRunStream + createRunStore',
  } as const
  for (const path of ['generic', 'fast'] as const) {
    const ratio = (t: Times) => t[path] / t.floor
    const cells = inputs.map((_, i) => both(ratio)(i)).join('')
    console.log(`  ${paths[path].padEnd(38)}${cells}   <= ${goals[path]}x  ${verdicts(ratio, goals[path])}`)
  }

  console.log(`\n5x the events: 100k deltas' time / 20k deltas' time (wall | cpu)`)
  for (const name of ['floor', 'generic', 'fast'] as const) {
    const wall = runs.wall[1]![name] / runs.wall[0]![name]
    const cpu = runs.cpu[1]![name] / runs.cpu[0]![name]
    const goal =
      name === 'floor' ? '(reference)' : `<= 5.5x  wall ${verdict(wall, 5.5)}, cpu ${verdict(cpu, 5.5)}`
    console.log(`  ${name.padEnd(10)} ${`${x(wall)} | ${x(cpu)}`.padStart(15)}   ${goal}`)
  }

  console.log(`\nopenai-node's AssistantStream time / ours (wall | cpu; no goal, the floor bounds it)`)
  for (const name of ['floor', 'generic', 'fast'] as const) {
    const ratio = (t: Times) => t.openai / t[name]
    console.log(`  ${name.padEnd(38)}${inputs.map((_, i) => both(ratio, 1)(i)).join('')}`)
  }
}

await main()
