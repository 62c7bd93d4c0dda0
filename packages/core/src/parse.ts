import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { errorBodyFields } from './error-body.js'
import { isRecord } from './merge.js'
import { createTextDeltaMemo, readTextDelta, type TextDeltaMemo } from './text-delta.js'
import type { AssistantStreamEvent, DoneEvent, RunStreamEvent, StreamErrorEvent } from './types.js'

/** Wire formats `parseRunStream` understands. */
export type StreamFormat = 'sse' | 'ndjson'

/** Options for {@link parseRunStream}. */
export interface ParseRunStreamOptions {
  /** Stops reading promptly when aborted; the iterator then ends without an error. */
  signal?: AbortSignal | undefined
  /**
   * `sse` or `ndjson` (what openai-node's `AssistantStream.toReadableStream()` emits). Default: what a
   * `Response`'s content type says, else `sse`.
   */
  format?: StreamFormat | undefined
  /**
   * Yield `{ event: 'done' }` last when the server ended the stream properly (`[DONE]` / `event: done`),
   * so a consumer can tell a clean end from a dropped connection. Default false: the iteration just ends.
   */
  includeDone?: boolean | undefined
}

/**
 * Picks the stream format from a response's `content-type`: NDJSON for `application/x-ndjson`,
 * `application/jsonl` and plain `application/json` lines; SSE otherwise.
 */
export function streamFormatOf(response: { headers: Headers }): StreamFormat {
  const type = response.headers.get('content-type') ?? ''
  return /ndjson|jsonl|json-seq|application\/json/i.test(type) ? 'ndjson' : 'sse'
}

/** Builds the `error` event that stands in for input the parser could not read. */
export function malformedEvent(message: string): StreamErrorEvent {
  return {
    event: 'error',
    data: { code: 'malformed_event', message, param: null, type: 'runline_parse_error' },
  }
}

/**
 * Turns one SSE message into a run event. `null` means "end of stream" (`[DONE]` / `event: done`).
 * Exported for tests and for adapters that already have SSE messages in hand.
 */
export function eventFromSse(message: EventSourceMessage): RunStreamEvent | null {
  return decodeSse(message, undefined)
}

/** {@link eventFromSse} with the text-delta memo of the stream the message belongs to. */
function decodeSse(message: EventSourceMessage, memo: TextDeltaMemo | undefined): RunStreamEvent | null {
  const name = message.event ?? 'message'
  if (name === 'done' || message.data === '[DONE]') return null
  let data: unknown = name === 'thread.message.delta' ? readTextDelta(message.data, memo) : undefined
  if (data === undefined) {
    try {
      data = JSON.parse(message.data)
    } catch {
      return malformedEvent(`Malformed JSON in "${name}" event: ${preview(message.data)}`)
    }
  }
  return toEvent(name, data)
}

/** Real streams wrap error data as `{"error":{...}}`; the API's type says bare. Accept both. */
function toEvent(name: string, data: unknown): RunStreamEvent {
  if (name === 'error' && isRecord(data) && isRecord(data.error)) data = data.error
  return { event: name, data } as RunStreamEvent
}

function eventFromNdjsonLine(line: string): RunStreamEvent | null | undefined {
  if (line.trim() === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    return malformedEvent(`Malformed JSON line: ${preview(line)}`)
  }
  if (!isRecord(parsed) || typeof parsed.event !== 'string') {
    return malformedEvent(`NDJSON line is not an {event, data} object: ${preview(line)}`)
  }
  if (parsed.event === 'done') return null
  return toEvent(parsed.event, parsed.data)
}

/** Receives each decoded event; `done` comes once, last. */
export type RunEventSink = (event: RunStreamEvent) => void

/**
 * An incremental decoder: feed it text as it arrives, then call `end()`. Events reach `sink`
 * synchronously, so a consumer pays no promise per event.
 */
export function createRunEventDecoder(
  format: StreamFormat,
  sink: RunEventSink,
): { feed(text: string): void; end(): void; readonly ended: boolean } {
  let ended = false
  const push = (event: RunStreamEvent | null | undefined) => {
    if (event === undefined || ended) return
    if (event === null) {
      ended = true
      sink({ event: 'done', data: '[DONE]' })
      return
    }
    sink(event)
  }
  if (format === 'ndjson') {
    let partial = ''
    return {
      feed(text) {
        // Most chunks end on a line break; only the unfinished tail is carried over.
        const lines = (partial + text).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) push(eventFromNdjsonLine(line))
      },
      end() {
        push(eventFromNdjsonLine(partial))
        partial = ''
      },
      get ended() {
        return ended
      },
    }
  }
  // This stream's own memo: consecutive deltas of one stream share ids, two streams share nothing.
  const memo = createTextDeltaMemo()
  const parser = createParser({ onEvent: (message) => push(decodeSse(message, memo)) })
  return {
    feed: (text) => parser.feed(text),
    // Two blank lines dispatch an event the server left without its terminating blank line.
    end: () => parser.feed('\n\n'),
    get ended() {
      return ended
    },
  }
}

/**
 * Characters of one network chunk handed over per task in a page. A tab that slept or a fast server
 * can deliver 100 KB (450 events) at once; parsed and reduced in one go that is one long task.
 */
export const PAGE_SLICE = 16_384

/** Lets the page paint and handle input before the next slice: `scheduler.yield()` where it exists. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/**
 * The text of a byte stream, chunk by chunk: `null` at the end of the body or once `signal` aborts
 * (which also cancels the body, so a hanging server does not keep a read pending). In a page (where
 * `requestAnimationFrame` exists) a chunk longer than {@link PAGE_SLICE} comes in slices, one per
 * task; elsewhere (servers, scripts) whole, at full speed. Shared by the two readers below.
 */
function textChunks(body: ReadableStream<Uint8Array>, signal: AbortSignal | undefined) {
  const reader = body.getReader()
  const cancel = () => {
    reader.cancel().catch(() => {})
  }
  signal?.addEventListener('abort', cancel, { once: true })
  // The decoder keeps a multibyte character split across chunks until its last byte arrives,
  // and drops a leading BOM.
  const decoder = new TextDecoder()
  const inPage = typeof globalThis.requestAnimationFrame === 'function'
  let finished = false
  // The rest of a long chunk, still to be handed over.
  let rest = ''
  const slice = (text: string) => {
    rest = text.slice(PAGE_SLICE)
    return text.slice(0, PAGE_SLICE)
  }
  return {
    async next(): Promise<string | null> {
      if (rest !== '') {
        await yieldToPage()
        return signal?.aborted ? null : slice(rest)
      }
      if (finished || signal?.aborted) return null
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await reader.read()
      } catch (error) {
        if (signal?.aborted) return null
        throw error
      }
      if (signal?.aborted) return null
      if (chunk.done) {
        finished = true
        return decoder.decode()
      }
      const text = decoder.decode(chunk.value, { stream: true })
      return inPage && text.length > PAGE_SLICE ? slice(text) : text
    },
    /** True once the body ended (the last `next()` returned its final text). */
    get finished() {
      return finished
    },
    /** Stops the producer when the stream said `done` before its end, on abort, or on an early exit. */
    close() {
      signal?.removeEventListener('abort', cancel)
      cancel()
    },
  }
}

/**
 * What the readers accept: a response body, or the whole `Response` of a streaming request. A
 * `Response` picks its format from its content type (unless `format` says otherwise), and a non-2xx
 * status becomes one `error` event carrying the server's error (OpenAI-shaped bodies are read).
 */
export type RunStreamSource = ReadableStream<Uint8Array> | Response

/** The body and format to read, or the `error` event that stands for a failed response. */
async function openSource(
  source: RunStreamSource,
  options: ParseRunStreamOptions,
): Promise<{
  body: ReadableStream<Uint8Array> | null
  format: StreamFormat
  failure: StreamErrorEvent | null
}> {
  // Duck-typed: a body from another realm (or a polyfill) is no `instanceof` the global class.
  if (typeof (source as ReadableStream).getReader === 'function') {
    return { body: source as ReadableStream<Uint8Array>, format: options.format ?? 'sse', failure: null }
  }
  source = source as Response
  const format = options.format ?? streamFormatOf(source)
  if (source.ok) return { body: source.body, format, failure: null }
  let text = ''
  try {
    text = await source.text()
  } catch {
    // The status says enough.
  }
  const error = errorBodyFields(source, text, 'The stream request')
  const data = {
    code: error.code ?? `http_${source.status}`,
    message: error.message,
    param: error.param,
    type: error.type ?? 'http_error',
  }
  return { body: null, format, failure: { event: 'error', data } }
}

/**
 * Reads a run's event stream and hands each event to `onEvent` as soon as its bytes are in. The fast
 * path behind the run store: no promise per event. `{ event: 'done' }` comes last when the server
 * ended the stream properly (the store marks the stream finished; without it, it was dropped).
 * Resolves when the stream ends (`done`, end of body, or abort); rejects only when reading fails.
 */
export async function readRunStream(
  source: RunStreamSource,
  onEvent: RunEventSink,
  options: ParseRunStreamOptions = {},
): Promise<void> {
  const { signal } = options
  const { body, format, failure } = await openSource(source, options)
  if (signal?.aborted) return
  if (failure) onEvent(failure)
  if (!body) return
  const chunks = textChunks(body, signal)
  const decoder = createRunEventDecoder(format, (event) => {
    if (!signal?.aborted) onEvent(event)
  })
  try {
    for (let text = await chunks.next(); text !== null; text = await chunks.next()) {
      decoder.feed(text)
      if (chunks.finished) decoder.end()
      if (decoder.ended) return
    }
  } finally {
    chunks.close()
  }
}

/**
 * Reads a run's event stream (SSE by default, or NDJSON) into Assistants events.
 *
 * - Correct under any chunking, with LF / CRLF / CR line ends, a BOM, comments, and a last event
 *   that lacks its trailing blank line.
 * - `data: [DONE]` or `event: done` ends the iteration (yielding `{ event: 'done' }` first with
 *   `includeDone`; without it, only the API's events are yielded).
 * - `event: error` yields an `error` event whose `data` is the unwrapped error object.
 * - Malformed JSON yields an `error` event with `code: 'malformed_event'`; reading goes on.
 * - An aborted `signal` ends the iteration promptly without an error.
 * - Given a whole `Response` (see {@link RunStreamSource}), its content type picks the format and a
 *   non-2xx status yields one `error` event with the server's error instead of silently nothing.
 */
export function parseRunStream(
  source: RunStreamSource,
  options?: ParseRunStreamOptions & { includeDone?: false | undefined },
): AsyncGenerator<AssistantStreamEvent, void, undefined>
export function parseRunStream(
  source: RunStreamSource,
  options: ParseRunStreamOptions & { includeDone: true },
): AsyncGenerator<AssistantStreamEvent | DoneEvent, void, undefined>
export function parseRunStream(
  source: RunStreamSource,
  options?: ParseRunStreamOptions,
): AsyncGenerator<AssistantStreamEvent | DoneEvent, void, undefined>
export async function* parseRunStream(
  source: RunStreamSource,
  options: ParseRunStreamOptions = {},
): AsyncGenerator<AssistantStreamEvent | DoneEvent, void, undefined> {
  const { signal, includeDone = false } = options
  const { body, format, failure } = await openSource(source, options)
  if (signal?.aborted) return
  if (failure) yield failure
  if (!body) return
  const chunks = textChunks(body, signal)
  let batch: Array<AssistantStreamEvent | DoneEvent> = []
  const decoder = createRunEventDecoder(format, (event) => {
    if (event.event !== 'done' || includeDone) batch.push(event as AssistantStreamEvent | DoneEvent)
  })
  try {
    for (let text = await chunks.next(); text !== null; text = await chunks.next()) {
      decoder.feed(text)
      if (chunks.finished) decoder.end()
      // Take the batch before yielding: a consumer that breaks out must not see events twice.
      const events = batch
      batch = []
      for (const event of events) {
        yield event
        if (signal?.aborted) return
      }
      if (decoder.ended) return
    }
  } finally {
    chunks.close()
  }
}

function preview(text: string): string {
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text)
}
