import type { StreamFormat } from './decode.js'
import { errorBodyFields } from './error-body.js'
import type { StreamErrorEvent } from './types.js'

// Bytes to text: what the stream readers (parse.ts) read from, a body or a whole Response.

/**
 * Picks the stream format from a response's `content-type`: NDJSON for `application/x-ndjson`,
 * `application/jsonl` and plain `application/json` lines; SSE otherwise.
 */
export function streamFormatOf(response: { headers: Headers }): StreamFormat {
  const type = response.headers.get('content-type') ?? ''
  return /ndjson|jsonl|json-seq|application\/json/i.test(type) ? 'ndjson' : 'sse'
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

// The decoder's options for every chunk but the last: one frozen object, not a new one per chunk.
const STREAMING: TextDecodeOptions = Object.freeze({ stream: true })

/**
 * The text of a byte stream, chunk by chunk, for the two readers (parse.ts, event-iterator.ts): each
 * takes the next text as `sliced ? await nextSlice() : text(await read())` (a rejected read:
 * `failed(error)`), written out in its own loop so that it awaits the reader's own promise (an `async`
 * function in between costs every chunk a second promise job). `null` means the end of the body, or
 * that `signal` aborted (which also cancels the body, so a hanging server does not keep a read pending). In a page (where
 * `requestAnimationFrame` exists) a chunk longer than {@link PAGE_SLICE} comes in slices, one per task;
 * elsewhere (servers, scripts) whole, at full speed.
 *
 * A class, not an object literal of closures: a stream is often short (a real response is tens of
 * events), and a literal made per stream costs a closure per method and, for its getters, a runtime
 * call apiece to define them (measured on Node 20: a few microseconds per stream). Methods and getters
 * on the prototype cost nothing per stream.
 */
export class TextChunks {
  #finished = false
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>
  readonly #signal: AbortSignal | undefined
  // The decoder keeps a multibyte character split across chunks until its last byte arrives,
  // and drops a leading BOM.
  readonly #decoder = new TextDecoder()
  readonly #inPage = typeof globalThis.requestAnimationFrame === 'function'
  // The rest of a long chunk, still to be handed over.
  #rest = ''
  // Cancels the body when `signal` aborts (made only when there is a signal to listen to).
  readonly #onAbort: (() => void) | null

  /** Reads `body` (locking it) until it ends or `signal` aborts. */
  constructor(body: ReadableStream<Uint8Array>, signal: AbortSignal | undefined) {
    this.#reader = body.getReader()
    this.#signal = signal
    this.#onAbort = signal ? () => this.#cancel() : null
    if (signal) signal.addEventListener('abort', this.#onAbort!, { once: true })
  }

  /** True once the body ended (the last text was its final text). */
  get finished(): boolean {
    return this.#finished
  }

  /** True while the rest of a long chunk waits to be handed over ({@link nextSlice}). */
  get sliced(): boolean {
    return this.#rest !== ''
  }

  /** The next slice of a long chunk, after the page had a task of its own. */
  async nextSlice(): Promise<string | null> {
    await yieldToPage()
    return this.#signal?.aborted ? null : this.#slice(this.#rest)
  }

  /**
   * The reader's own next read, for the caller to await itself (one promise job per chunk, as for
   * any reader; a reading `async` function in between took two), or `null` once the body ended or
   * the signal aborted.
   */
  read(): Promise<ReadableStreamReadResult<Uint8Array>> | null {
    return this.#finished || this.#signal?.aborted ? null : this.#reader.read()
  }

  /** The text of what {@link read} gave, `null` once aborted; at the end of the body, the decoder's last characters. */
  text(chunk: ReadableStreamReadResult<Uint8Array>): string | null {
    if (this.#signal?.aborted) return null
    if (chunk.done) {
      this.#finished = true
      return this.#decoder.decode()
    }
    const text = this.#decoder.decode(chunk.value, STREAMING)
    return this.#inPage && text.length > PAGE_SLICE ? this.#slice(text) : text
  }

  /** What {@link read} rejected with: the end (`null`) when the signal aborted (that cancels the read), else thrown. */
  failed(error: unknown): null {
    if (this.#signal?.aborted) return null
    throw error
  }

  /** Stops the producer when the stream said `done` before its end, on abort, or on an early exit. */
  close(): void {
    if (this.#onAbort) this.#signal!.removeEventListener('abort', this.#onAbort)
    // A body that ended has nothing to stop (and cancelling it would cost promises for nothing).
    if (!this.#finished) this.#cancel()
  }

  #cancel(): void {
    this.#reader.cancel().catch(() => {})
  }

  #slice(text: string): string {
    this.#rest = text.slice(PAGE_SLICE)
    return text.slice(0, PAGE_SLICE)
  }
}

/**
 * What the readers accept: a response body, or the whole `Response` of a streaming request. A
 * `Response` picks its format from its content type (unless `format` says otherwise), and a non-2xx
 * status becomes one `error` event carrying the server's error (OpenAI-shaped bodies are read).
 */
export type RunStreamSource = ReadableStream<Uint8Array> | Response

/** What a reader reads: the body and its format, or the `error` event that stands for a failed response. */
export interface OpenedSource {
  body: ReadableStream<Uint8Array> | null
  format: StreamFormat
  failure: StreamErrorEvent | null
}

/**
 * {@link openSource} without a promise where none is needed: a body, or a `Response` that did not
 * fail, opens at once (a stream's first read then waits for nothing but its first chunk); `null` for a
 * failed `Response`, whose error body {@link openSource} reads.
 */
export function openBody(source: RunStreamSource, format: StreamFormat | undefined): OpenedSource | null {
  // Duck-typed: a body from another realm (or a polyfill) is no `instanceof` the global class.
  if (typeof (source as ReadableStream).getReader === 'function') {
    return { body: source as ReadableStream<Uint8Array>, format: format ?? 'sse', failure: null }
  }
  const response = source as Response
  return response.ok
    ? { body: response.body, format: format ?? streamFormatOf(response), failure: null }
    : null
}

/** The body and format to read, or the `error` event that stands for a failed response. */
export async function openSource(
  source: RunStreamSource,
  format: StreamFormat | undefined,
): Promise<OpenedSource> {
  const opened = openBody(source, format)
  if (opened !== null) return opened
  source = source as Response
  format ??= streamFormatOf(source)
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
