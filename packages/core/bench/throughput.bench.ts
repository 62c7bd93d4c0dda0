// `pnpm bench`: events per second on the same bytes, in one run, for
//   floor      eventsource-parser + JSON.parse only (what any SSE consumer must do)
//   runline    @runline/core parseRunStream + reduceRun (immutable snapshots)
//   openai     openai-node's AssistantStream fed by its own SSE decoder (the real SDK path)
// plus a scaling check (5x the events should cost ~5x the time) and the goals as ratios.
import { createParser } from 'eventsource-parser'
import { Stream } from 'openai/core/streaming'
import { AssistantStream } from 'openai/lib/AssistantStream'
import {
  createRunStore,
  initialRunState,
  parseRunStream,
  readRunStream,
  reduceRun,
  selectMessages,
  selectMessageText,
} from '../src/index.js'
import { generateRunStream } from '../src/test-utils/generate.js'
import { chunkBytes, loadRecordings, streamOf, utf8 } from '../src/test-utils/recordings.js'

type Input = { label: string; chunks: Uint8Array[]; events: number }

function input(label: string, bytes: Uint8Array): Input {
  const events = new TextDecoder().decode(bytes).match(/^data: /gm)?.length ?? 0
  return { label, chunks: chunkBytes(bytes, { seed: 42, max: 1024 }), events }
}

async function floor(chunks: Uint8Array[]): Promise<number> {
  let count = 0
  const parser = createParser({
    onEvent: (message) => {
      if (message.data !== '[DONE]') {
        JSON.parse(message.data)
        count++
      }
    },
  })
  const decoder = new TextDecoder()
  const reader = streamOf(chunks).getReader()
  for (let r = await reader.read(); !r.done; r = await reader.read())
    parser.feed(decoder.decode(r.value, { stream: true }))
  return count
}

/**
 * The path the hooks take: bytes → events handed over synchronously → the run store, which commits an
 * immutable snapshot after every network chunk here (stricter than its once-per-frame default).
 */
async function runline(chunks: Uint8Array[]): Promise<number> {
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
  // Read the result, so nothing is optimised away.
  return commits + selectMessages(store.getState()).reduce((n, m) => n + selectMessageText(m).length, 0)
}

/** The same through the AsyncIterable API (`for await`), which pays a promise per event. */
async function runlineIterable(chunks: Uint8Array[]): Promise<number> {
  let state = initialRunState
  for await (const event of parseRunStream(streamOf(chunks))) state = reduceRun(state, event)
  return selectMessages(state).reduce((n, m) => n + selectMessageText(m).length, 0)
}

async function openai(chunks: Uint8Array[]): Promise<number> {
  // The SDK's own path: runs.create(...) returns Stream.fromSSEResponse(response), AssistantStream folds it.
  const runs = {
    create: async () => Stream.fromSSEResponse(new Response(streamOf(chunks)), new AbortController()),
  }
  const stream = AssistantStream.createAssistantStream('thread_bench', runs as never, {
    assistant_id: 'asst_bench',
  })
  await stream.done().catch(() => {})
  return stream.currentRun() ? 1 : 0
}

type Contender = (chunks: Uint8Array[]) => Promise<number>

/**
 * Median ms per pass for every (input, contender) pair, measured interleaved: each round runs every
 * pair once, in a rotating order, so a noisy neighbour slows all of them alike and the ratios
 * (which are what the goals are about) stay meaningful on a shared machine.
 */
async function timeInterleaved(pairs: Array<{ fn: Contender; chunks: Uint8Array[] }>, rounds: number) {
  for (const pair of pairs) for (let i = 0; i < 3; i++) await pair.fn(pair.chunks) // warm-up
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

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

async function main() {
  const recordings = loadRecordings()
  const concatenated = new Uint8Array(recordings.reduce((n, r) => n + r.bytes.length, 0))
  let offset = 0
  for (const r of recordings) {
    concatenated.set(r.bytes, offset)
    offset += r.bytes.length
  }
  const long = (deltas: number) =>
    utf8(generateRunStream(7, { terminal: 'completed', textDeltas: deltas, plainText: true }).sse)
  // Each recording separately (the oracle stops at a stream's end), plus long generated runs.
  const inputs = [
    input('recordings (14 files, each)', concatenated),
    input('long run, 5k deltas', long(5_000)),
    input('long run, 25k deltas', long(25_000)),
  ]
  console.log(`@runline/core throughput (node ${process.version}; median of repeated passes)\n`)
  console.log(
    'input                         events   floor ev/s    runline ev/s   openai ev/s   runline/floor time   runline vs openai   for-await ev/s',
  )
  const contenders = { floor, runline, iterable: runlineIterable, openai } as const
  const names = Object.keys(contenders) as Array<keyof typeof contenders>
  const results: Record<string, Record<keyof typeof contenders, number>> = {}
  // Recordings: each file is its own stream (the oracle stops at a stream's end); their times add up.
  // The two long runs are measured in the same rounds, so the scaling ratio compares like with like.
  const groups = [
    [{ ...inputs[0]!, files: recordings.map((r) => input(r.name, r.bytes)) }],
    inputs.slice(1).map((data) => ({ ...data, files: [data] })),
  ]
  for (const group of groups) {
    const pairs = group.flatMap((data) =>
      data.files.flatMap((file) =>
        names.map((name) => ({ label: data.label, name, fn: contenders[name], chunks: file.chunks })),
      ),
    )
    const medians = await timeInterleaved(pairs, 15)
    for (const data of group) {
      const total = Object.fromEntries(names.map((name) => [name, 0])) as Record<
        keyof typeof contenders,
        number
      >
      pairs.forEach((pair, i) => {
        if (pair.label === data.label) total[pair.name] += medians[i]!
      })
      results[data.label] = total
      const eps = (t: number) => (data.events / t) * 1000
      console.log(
        `${data.label.padEnd(28)} ${String(data.events).padStart(7)} ${fmt(eps(total.floor)).padStart(12)} ${fmt(eps(total.runline)).padStart(15)} ${fmt(eps(total.openai)).padStart(13)} ${`${(total.runline / total.floor).toFixed(2)}x`.padStart(20)} ${`${(total.openai / total.runline).toFixed(1)}x faster`.padStart(19)} ${fmt(eps(total.iterable)).padStart(16)}`,
      )
    }
  }
  const small = results['long run, 5k deltas']!
  const big = results['long run, 25k deltas']!
  const longRun = results['long run, 5k deltas']!
  const real = results['recordings (14 files, each)']!
  console.log('\ngoals')
  console.log(
    `  throughput vs openai-node (recordings)   ${(real.openai / real.runline).toFixed(1)}x   (goal >= 5x)`,
  )
  console.log(
    `  throughput vs openai-node (long run)     ${(longRun.openai / longRun.runline).toFixed(1)}x   (goal >= 5x; the floor itself is ${(longRun.openai / longRun.floor).toFixed(1)}x)`,
  )
  console.log(
    `  time vs floor (long run)                 ${(longRun.runline / longRun.floor).toFixed(2)}x  (goal <= 1.5x)`,
  )
  console.log(
    `  5x the events costs (25k vs 5k deltas)   ${(big.runline / small.runline).toFixed(2)}x  (goal <= 5.5x)`,
  )
}

await main()
