// Test helpers shared by the packages' tests and benchmarks (not part of the published API).
import { listRecordings, REAL_DIR, readRecording } from '@runline/fixtures'
import { Stream } from 'openai/core/streaming'
import { AssistantStream } from 'openai/lib/AssistantStream'
import type { Message, Run, RunStep } from '../types.js'

/** The real recordings, read-only: the repository's copy in `packages/fixtures/real/` (`@runline/fixtures`). */
export const RECORDINGS_DIR = `${REAL_DIR}/`

export interface Recording {
  name: string
  bytes: Uint8Array
}

/** Every real `.sse` recording, sorted by name. */
export function loadRecordings(): Recording[] {
  return listRecordings().map((name) => ({ name, bytes: readRecording(name) }))
}

/** A small seeded PRNG (mulberry32), so random chunkings are reproducible from the seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type Chunking = 'whole' | 'byte' | { seed: number; max?: number }

/** Splits bytes the way a network might: whole, one byte at a time, or at random points. */
export function chunkBytes(bytes: Uint8Array, chunking: Chunking): Uint8Array[] {
  if (chunking === 'whole') return [bytes]
  if (chunking === 'byte') return Array.from(bytes, (b) => Uint8Array.of(b))
  const random = seededRandom(chunking.seed)
  const max = chunking.max ?? 64
  const chunks: Uint8Array[] = []
  for (let i = 0; i < bytes.length; ) {
    const size = 1 + Math.floor(random() * max)
    chunks.push(bytes.subarray(i, i + size))
    i += size
  }
  return chunks
}

/** A ReadableStream that delivers the given chunks in order. */
export function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!)
      else controller.close()
    },
  })
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text)
}

/** Byte offsets just after each SSE event (its blank line), for cutting a stream after any event. */
export function eventBoundaries(bytes: Uint8Array): number[] {
  const text = new TextDecoder().decode(bytes)
  const ends: number[] = []
  const re = /\r\n\r\n|\n\n|\r\r/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    ends.push(utf8(text.slice(0, m.index + m[0].length)).length)
  }
  return ends
}

export interface OracleResult {
  run: Run | null
  /** Every message and step the oracle finished, plus its current (unfinished) ones, by id. */
  messages: Map<string, Message>
  steps: Map<string, RunStep>
  /** The error the oracle stopped on, if any. */
  error: unknown
}

/**
 * What openai-node's own `AssistantStream` accumulates from the same SSE bytes, decoded by
 * openai-node's own SSE reader. Used as the oracle in differential tests.
 */
export async function runOracle(chunks: Uint8Array[]): Promise<OracleResult> {
  const controller = new AbortController()
  const sse = Stream.fromSSEResponse(new Response(streamOf(chunks)), controller)
  const stream = AssistantStream.fromReadableStream(sse.toReadableStream())
  const messages = new Map<string, Message>()
  const steps = new Map<string, RunStep>()
  stream.on('messageDone', (message) => messages.set(message.id, message))
  stream.on('runStepDone', (step) => steps.set(step.id, step))
  let error: unknown = null
  await stream.done().catch((e: unknown) => {
    error = e
  })
  // Completed streams: the oracle's full record. Cut or failed ones: its latest snapshots.
  if (!error) {
    for (const m of await stream.finalMessages()) messages.set(m.id, m)
    for (const s of await stream.finalRunSteps()) steps.set(s.id, s)
  } else {
    const message = stream.currentMessageSnapshot()
    const step = stream.currentRunStepSnapshot()
    if (message) messages.set(message.id, message)
    if (step) steps.set(step.id, step)
  }
  return { run: stream.currentRun() ?? null, messages, steps, error }
}

/** JSON round trip: what a snapshot says on the wire (holes become null, undefined keys vanish). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}
