// `pnpm bench:responses`: the Responses wire's fold, time per stream on the same bytes and chunks, in one run:
//   floor     eventsource-parser + JSON.parse only, keeping nothing (what any SSE consumer must do)
//   generic   `for await (e of parseRunStream(body)) state = reduceRun(state, e)`, then selectResponses
//   fast      the hooks' path: readRunStream into createRunStore, a snapshot committed after every
//             network chunk, then selectResponses
//   openai    openai-node's own SSE decoder + `accumulateResponse` (a snapshot mutated in place)
// then each one's time as a ratio to the floor's (goal ≤ 1.3x for the fold), and how time scales with 5x
// the events (goal ≤ 5.5x).
import { Stream } from 'openai/core/streaming'
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator'
import type { Response as ApiResponse, ResponseStreamEvent } from 'openai/resources/responses/responses'
import { type RunState, selectResponses } from '../src/index.js'
import { generateResponsesStream } from '../src/test-utils/generate-responses.js'
import { streamOf, utf8 } from '../src/test-utils/recordings.js'
import { loadResponsesRecordings } from '../src/test-utils/responses.js'
import { type Contender, chunked, coreContenders, timeInterleaved } from './harness.js'

/** Reads the result, so nothing is optimised away. */
const textLength = (state: RunState) => selectResponses(state).reduce((n, r) => n + r.output_text.length, 0)

const contenders = {
  ...coreContenders(textLength),
  async openai(chunks) {
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

const fmt = (n: number) => (n < 10 ? n.toFixed(2) : Math.round(n).toLocaleString('en-US'))
const x = (n: number) => `${n.toFixed(2)}x`

async function main() {
  const recordings = loadResponsesRecordings()
  const long = (deltas: number) =>
    utf8(generateResponsesStream(7, { terminal: 'completed', responses: 1, textDeltas: deltas }).sse)
  const inputs = [
    { label: `recordings (${recordings.length} files)`, files: recordings.map((r) => chunked(r.bytes)) },
    { label: 'long response, 20k deltas', files: [chunked(long(20_000))] },
    { label: 'long response, 100k deltas', files: [chunked(long(100_000))] },
  ]
  const rounds = Number(process.env.BENCH_ROUNDS ?? 15)
  const pairs = inputs.flatMap((input, i) =>
    input.files.flatMap((chunks) => names.map((name) => ({ input: i, name, fn: contenders[name], chunks }))),
  )
  const medians = (await timeInterleaved(pairs, rounds)).wall
  const totals = inputs.map(() => Object.fromEntries(names.map((n) => [n, 0])) as Record<Name, number>)
  pairs.forEach((pair, i) => {
    totals[pair.input]![pair.name] += medians[i]!
  })
  console.log(`Responses fold, median ms per pass over ${rounds} interleaved rounds (chunks of ≤1 KiB)\n`)
  console.log(
    [
      'input'.padEnd(28),
      ...names.map((n) => n.padStart(9)),
      '  generic/floor  fast/floor  openai/floor',
    ].join(''),
  )
  inputs.forEach((input, i) => {
    const t = totals[i]!
    console.log(
      [
        input.label.padEnd(28),
        ...names.map((n) => fmt(t[n]).padStart(9)),
        x(t.generic / t.floor).padStart(15),
        x(t.fast / t.floor).padStart(12),
        x(t.openai / t.floor).padStart(14),
      ].join(''),
    )
  })
  const [, base, big] = totals
  console.log('\n5x the events (100k / 20k deltas), goal ≤ 5.5x:')
  for (const n of names) console.log(`  ${n.padEnd(8)} ${x(big![n] / base![n])}`)
  const goal = (v: number) => (v <= 1.3 ? 'ok' : 'MISSED')
  console.log('\nGoal: the fold ≤ 1.3x the floor on the same bytes:')
  for (const [i, input] of inputs.entries()) {
    const t = totals[i]!
    console.log(
      `  ${input.label.padEnd(28)} fast ${x(t.fast / t.floor)} ${goal(t.fast / t.floor)}, generic ${x(t.generic / t.floor)} ${goal(t.generic / t.floor)}`,
    )
  }
}

await main()
