// `pnpm bench:responses`: the Responses wire's fold, time per stream on the same bytes and chunks, in one run:
//   floor               eventsource-parser + JSON.parse only, keeping nothing (what any SSE consumer must do)
//   reduceRun           `for await (e of parseRunStream(body)) state = reduceRun(state, e)`, then selectResponses
//   store               the hooks' path: readRunStream into createRunStore, a snapshot committed after every
//                       network chunk (stricter than its once-per-frame default), then selectResponses
//   accumulateResponse  openai-node's own SSE decoder + `accumulateResponse` (a snapshot mutated in place)
// then each one's time as a ratio to the floor's (goal ≤ 1.3x for reduceRun and the store; openai-node's is
// a peer figure), and how time scales with 5x the events (goal ≤ 5.5x). Inputs: the real recordings (each
// its own stream; their times add up) and a generated response of 20k and of 100k text deltas, from the
// property tests' generator. Each figure is the median of interleaved rounds after a warm-up (see
// harness.ts), given twice: wall-clock | CPU time. On a machine busy enough that this process waits for
// a core, wall time counts the waiting; CPU time counts only work (the GC's helper threads included).
// BENCH_ROUNDS sets the rounds (default 15); BENCH_ORDER (settled, the default; rotating; shuffled) how a
// round orders its passes (see timeInterleaved in harness.ts: each timed pass pays for its own garbage only).
import { Stream } from 'openai/core/streaming'
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator'
import type { Response as ApiResponse, ResponseStreamEvent } from 'openai/resources/responses/responses'
import type { RunState } from '../src/index.js'
import { generateResponsesStream } from '../src/test-utils/generate-responses.js'
import { streamOf, utf8 } from '../src/test-utils/recordings.js'
import { loadResponsesRecordings } from '../src/test-utils/responses.js'
import { type Contender, chunked, coreContenders, timeInterleaved } from './harness.js'
import { core } from './library.js'

const { selectResponses } = core

/** Reads the result, so nothing is optimised away. */
const textLength = (state: RunState) => selectResponses(state).reduce((n, r) => n + r.output_text.length, 0)

const paths = coreContenders(textLength)
const contenders = {
  floor: paths.floor,
  reduceRun: paths.generic,
  store: paths.fast,
  async accumulateResponse(chunks) {
    const stream = Stream.fromSSEResponse<ResponseStreamEvent>(
      new Response(streamOf(chunks)),
      new AbortController(),
    )
    let snapshot: ApiResponse | undefined
    let length = 0
    try {
      for await (const event of stream) {
        try {
          if (event.type === 'response.created') snapshot = accumulateResponse(event)
          else if (snapshot) snapshot = accumulateResponse(event, snapshot)
        } catch {
          snapshot = undefined // a quirk it refuses: this response ends here for it
        }
        if (event.type === 'response.completed' && snapshot) length += snapshot.output_text.length
      }
    } catch {
      // openai-node's decoder throws on an `error` event: the stream ends there for it.
    }
    return length
  },
} satisfies Record<string, Contender>

type Name = keyof typeof contenders
const names = Object.keys(contenders) as Name[]
type Times = Record<Name, number>
type Clock = 'wall' | 'cpu'

const countEvents = (bytes: Uint8Array) => new TextDecoder().decode(bytes).match(/^data: /gm)?.length ?? 0
const ms = (n: number) =>
  n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')
const x = (n: number) => `${n.toFixed(2)}x`
const verdict = (value: number, goal: number) => (value <= goal ? 'ok' : 'MISSED')

async function main() {
  const recordings = loadResponsesRecordings()
  const long = (deltas: number) =>
    utf8(generateResponsesStream(7, { terminal: 'completed', responses: 1, textDeltas: deltas }).sse)
  const [base, big] = [long(20_000), long(100_000)]
  const inputs = [
    {
      label: `recordings (${recordings.length} files)`,
      column: 'recordings',
      events: recordings.reduce((n, r) => n + countEvents(r.bytes), 0),
      files: recordings.map((r) => chunked(r.bytes)),
    },
    {
      label: 'one response, 20k deltas',
      column: '20k deltas',
      events: countEvents(base),
      files: [chunked(base)],
    },
    {
      label: 'one response, 100k deltas',
      column: '100k deltas',
      events: countEvents(big),
      files: [chunked(big)],
    },
  ]
  const rounds = Number(process.env.BENCH_ROUNDS ?? 15)
  // Every (file, contender) pair in the same rounds, so the ratios (and the 20k / 100k scaling) compare
  // like with like however busy the machine gets meanwhile.
  const pairs = inputs.flatMap((input, i) =>
    input.files.flatMap((chunks) => names.map((name) => ({ input: i, name, fn: contenders[name], chunks }))),
  )
  const medians = await timeInterleaved(pairs, rounds)
  const totals = (clock: Clock) => {
    const times = inputs.map(() => Object.fromEntries(names.map((n) => [n, 0])) as Times)
    pairs.forEach((pair, i) => {
      times[pair.input]![pair.name] += medians[clock][i]!
    })
    return times
  }
  const results = { wall: totals('wall'), cpu: totals('cpu') }

  console.log(
    `Responses fold (node ${process.version}): ms per pass, median of ${rounds} interleaved rounds after 3 warm-up passes, chunks of ≤1 KiB\n`,
  )
  console.log(
    `${'ms per pass (wall | cpu)'.padEnd(28)}${'events'.padStart(8)}${names.map((n) => n.padStart(20)).join('')}`,
  )
  inputs.forEach((input, i) => {
    const cell = (n: Name) => `${ms(results.wall[i]![n])} | ${ms(results.cpu[i]![n])}`.padStart(20)
    console.log(
      `${input.label.padEnd(28)}${input.events.toLocaleString('en-US').padStart(8)}${names.map(cell).join('')}`,
    )
  })

  const both = (ratio: (t: Times) => number, i: number) =>
    `${x(ratio(results.wall[i]!))} | ${x(ratio(results.cpu[i]!))}`.padStart(17)
  console.log(
    `\n${"time / floor's time (wall | cpu)".padEnd(34)}${inputs.map((input) => input.column.padStart(17)).join('')}   goal`,
  )
  for (const name of ['reduceRun', 'store', 'accumulateResponse'] as const) {
    const ratio = (t: Times) => t[name] / t.floor
    const cells = inputs.map((_, i) => both(ratio, i)).join('')
    const missed = (clock: Clock) =>
      inputs.filter((_, i) => ratio(results[clock][i]!) > 1.3).map((input) => input.column)
    const misses = [`wall: ${missed('wall').join(', ')}`, `cpu: ${missed('cpu').join(', ')}`].filter(
      (text) => !text.endsWith(': '),
    )
    const goal =
      name === 'accumulateResponse'
        ? '(peer figure)'
        : `<= 1.3x ${misses.length === 0 ? 'ok' : `MISSED (${misses.join('; ')})`}`
    console.log(`  ${name.padEnd(32)}${cells}   ${goal}`)
  }

  console.log(`\n5x the events: 100k deltas' time / 20k deltas' time (wall | cpu)`)
  for (const name of names) {
    const wall = results.wall[2]![name] / results.wall[1]![name]
    const cpu = results.cpu[2]![name] / results.cpu[1]![name]
    const goal =
      name === 'reduceRun' || name === 'store'
        ? `<= 5.5x  wall ${verdict(wall, 5.5)}, cpu ${verdict(cpu, 5.5)}`
        : '(reference)'
    console.log(`  ${name.padEnd(20)} ${`${x(wall)} | ${x(cpu)}`.padStart(15)}   ${goal}`)
  }
}

await main()
