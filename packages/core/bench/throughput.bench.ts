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

async function timeOf(
  fn: (chunks: Uint8Array[]) => Promise<number>,
  data: Input,
  minMs = 400,
): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(data.chunks) // warm-up
  const samples: number[] = []
  const started = performance.now()
  while (performance.now() - started < minMs || samples.length < 5) {
    const t = performance.now()
    await fn(data.chunks)
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]! // median ms per pass
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
  const results: Record<string, { floor: number; runline: number; iterable: number; openai: number }> = {}
  for (const data of inputs) {
    const recordingsPass = data.label.startsWith('recordings')
    const perFile = recordings.map((r) => input(r.name, r.bytes))
    const measure = async (fn: (chunks: Uint8Array[]) => Promise<number>) => {
      if (!recordingsPass) return timeOf(fn, data)
      let total = 0
      for (const file of perFile) total += await timeOf(fn, file, 60)
      return total
    }
    const tFloor = await measure(floor)
    const tRunline = await measure(runline)
    const tIterable = await measure(runlineIterable)
    const tOpenai = await measure(openai)
    results[data.label] = { floor: tFloor, runline: tRunline, iterable: tIterable, openai: tOpenai }
    const eps = (t: number) => (data.events / t) * 1000
    console.log(
      `${data.label.padEnd(28)} ${String(data.events).padStart(7)} ${fmt(eps(tFloor)).padStart(12)} ${fmt(eps(tRunline)).padStart(15)} ${fmt(eps(tOpenai)).padStart(13)} ${`${(tRunline / tFloor).toFixed(2)}x`.padStart(20)} ${`${(tOpenai / tRunline).toFixed(1)}x faster`.padStart(19)} ${fmt(eps(tIterable)).padStart(16)}`,
    )
  }
  const small = results['long run, 5k deltas']!
  const big = results['long run, 25k deltas']!
  const longRun = results['long run, 5k deltas']!
  console.log('\ngoals')
  console.log(
    `  throughput vs openai-node (long run)     ${(longRun.openai / longRun.runline).toFixed(1)}x   (goal >= 5x)`,
  )
  console.log(
    `  time vs floor (long run)                 ${(longRun.runline / longRun.floor).toFixed(2)}x  (goal <= 1.5x)`,
  )
  console.log(
    `  5x the events costs (25k vs 5k deltas)   ${(big.runline / small.runline).toFixed(2)}x  (goal <= 5.5x)`,
  )
}

await main()
