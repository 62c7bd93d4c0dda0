/** Test helpers: SSE parsing, NDJSON for openai's AssistantStream, request shortcuts, fixtures. */
import { listRecordings, REAL_DIR, readRecordingText } from '@runline/fixtures'
import { createParser } from 'eventsource-parser'
import { AssistantStream } from 'openai/lib/AssistantStream'
import type { AssistantStreamEvent } from 'openai/resources/beta/assistants'
import type { Message } from 'openai/resources/beta/threads/messages'
import type { Run } from 'openai/resources/beta/threads/runs/runs'
import type { RunStep } from 'openai/resources/beta/threads/runs/steps'
import type { Simulator } from '../simulator.js'

/** One SSE frame: event name and raw data text. */
export interface SseFrame {
  event: string
  data: string
}

/** Parses SSE text into frames (flushing an unterminated last frame, as some recordings end). */
export function parseSse(text: string): SseFrame[] {
  const frames: SseFrame[] = []
  const parser = createParser({
    onEvent: (message) => frames.push({ event: message.event ?? 'message', data: message.data }),
  })
  parser.feed(text.endsWith('\n\n') ? text : `${text}\n\n`)
  return frames
}

/** The frames' data as JSON (the `done` frame keeps its `[DONE]` string). */
export function framesToEvents(frames: SseFrame[]): Array<{ event: string; data: any }> {
  return frames.map((frame) => ({
    event: frame.event,
    data: frame.data === '[DONE]' ? frame.data : JSON.parse(frame.data),
  }))
}

/** Converts frames to the NDJSON that `AssistantStream.fromReadableStream` reads (done dropped). */
export function toNdjsonStream(frames: SseFrame[]): ReadableStream<Uint8Array> {
  const lines = frames
    .filter((frame) => frame.event !== 'done')
    .map((frame) => `${JSON.stringify({ event: frame.event, data: JSON.parse(frame.data) })}\n`)
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      for (const line of lines) controller.enqueue(encoder.encode(line))
      controller.close()
    },
  })
}

/** What openai-node's own accumulator makes of a stream. */
export interface Folded {
  run: Run
  messages: Message[]
  steps: RunStep[]
  events: AssistantStreamEvent[]
}

/** Folds frames with openai's `AssistantStream` (throws if the SDK rejects the stream). */
export async function foldWithAssistantStream(frames: SseFrame[]): Promise<Folded> {
  const stream = AssistantStream.fromReadableStream(toNdjsonStream(frames))
  const events: AssistantStreamEvent[] = []
  stream.on('event', (event) => events.push(event))
  const run = await stream.finalRun()
  return { run, messages: await stream.finalMessages(), steps: await stream.finalRunSteps(), events }
}

/** Sends a JSON request to the simulator. */
export function call(sim: Simulator, method: string, path: string, body?: unknown): Promise<Response> {
  return sim.fetch(
    new Request(`http://simulator.test/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  )
}

/** Sends a JSON request and parses the JSON answer (asserting nothing). */
export async function callJson(sim: Simulator, method: string, path: string, body?: unknown): Promise<any> {
  return (await call(sim, method, path, body)).json()
}

/** Creates a thread with one user message and streams a run on it; returns the raw SSE text. */
export async function streamThreadAndRun(sim: Simulator, text: string, query = ''): Promise<string> {
  const response = await call(sim, 'POST', `/threads/runs${query}`, {
    assistant_id: 'asst_runline_demo',
    stream: true,
    thread: { messages: [{ role: 'user', content: text }] },
  })
  if (response.status !== 200) throw new Error(`stream failed: ${response.status} ${await response.text()}`)
  return response.text()
}

/** Polls until `check` passes (the simulator's background work is asynchronous). */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (check(value)) return value
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 500)}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** The folder of real recordings: the repository's copy, `packages/fixtures/real` (`@runline/fixtures`). */
export function realFixturesDir(): string {
  return REAL_DIR
}

/** Every real recording: file name → frames. */
export function readRecordings(): Map<string, SseFrame[]> {
  const out = new Map<string, SseFrame[]>()
  for (const name of listRecordings()) out.set(name, parseSse(readRecordingText(name)))
  return out
}
