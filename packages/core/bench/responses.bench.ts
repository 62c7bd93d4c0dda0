// `pnpm bench:responses`: the Responses wire's fold, time per stream on the same bytes and chunks, in one run:
//   floor     eventsource-parser + JSON.parse only, keeping nothing (what any SSE consumer must do)
//   generic   `for await (e of parseRunStream(body)) state = reduceRun(state, e)`, then selectResponses
//   fast      the hooks' path: readRunStream into createRunStore, a snapshot committed after every
//             network chunk, then selectResponses
//   openai    openai-node's own SSE decoder + `accumulateResponse` (a snapshot mutated in place)
// then each one's time as a ratio to the floor's (goal ≤ 1.3x for the fold), and how time scales with 5x
// the events (goal ≤ 5.5x).
import { createParser } from 'eventsource-parser'
import { Stream } from 'openai/core/streaming'
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator'
import type { Response as ApiResponse, ResponseStreamEvent } from 'openai/resources/responses/responses'
import {
  createRunStore,
  initialRunState,
  parseRunStream,
  type RunState,
  readRunStream,
  reduceRun,
  selectResponses,
} from '../src/index.js'
import { generateResponsesStream } from '../src/test-utils/generate-responses.js'
import { chunkBytes, streamOf, utf8 } from '../src/test-utils/recordings.js'
import { loadResponsesRecordings } from '../src/test-utils/responses.js'

type Contender = (chunks: Uint8Array[]) => Promise<number>

/** Reads the result, so nothing is optimised away. */
const textLength = (state: RunState) => selectResponses(state).reduce((n, r) => n + r.output_text.length, 0)

const contenders = {
  async floor(chunks) {
    let count = 0
    const parser = createParser({
      onEvent: (message) => {
        JSON.parse(message.data)
        count++
      },
    })
    const decoder = new TextDecoder()
    const reader = streamOf(chunks).getReader()
    for (let r = await reader.read(); !r.done; r = await reader.read())
      parser.feed(decoder.decode(r.value, { stream: true }))
    return count
  },
  async generic(chunks) {
    let state = initialRunState
    for await (const event of parseRunStream(streamOf(chunks))) state = reduceRun(state, event)
    return textLength(state)
  },
  async fast(chunks) {
    const store = createRunStore({
      scheduler: (flush) => {
        queueMicrotask(flush)
        return () => {}
      },
    })
    let commits = 0
    store.subscribe(() => commits++)
    await readRunStream(streamOf(chunks), store.dispatch)
    store.flush()
    return commits + textLength(store.getState())
  },
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

/** Median ms per pass for every (input, contender) pair, interleaved so a noisy neighbour slows all alike. */
async function timeInterleaved(pairs: Array<{ fn: Contender; chunks: Uint8Array[] }>, rounds: number) {
  for (const pair of pairs) for (let i = 0; i < 3; i++) await pair.fn(pair.chunks)
  const samples = pairs.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < pairs.length; k++) {
      const index = (k + round) % pairs.length
      const pair = pairs[index]!
      const t = performance.now()
      await pair.fn(pair.chunks)
      samples[index]!.push(performance.now() - t)
    }
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!)
}

const chunked = (bytes: Uint8Array) => chunkBytes(bytes, { seed: 42, max: 1024 })
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
  const medians = await timeInterleaved(pairs, rounds)
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
