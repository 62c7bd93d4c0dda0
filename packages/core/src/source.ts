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

/**
 * The text of a byte stream, chunk by chunk, for the two readers (parse.ts, event-iterator.ts): each
 * takes the next text as `sliced ? await nextSlice() : text(await read())` (a rejected read:
 * `failed(error)`), written out in its own loop so that it awaits the reader's own promise (an `async`
 * function in between costs every chunk a second promise job). `null` means the end of the body, or
 * that `signal` aborted (which also cancels the body, so a hanging server does not keep a read pending). In a page (where
 * `requestAnimationFrame` exists) a chunk longer than {@link PAGE_SLICE} comes in slices, one per task;
 * elsewhere (servers, scripts) whole, at full speed.
 */
export function textChunks(body: ReadableStream<Uint8Array>, signal: AbortSignal | undefined) {
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
    /** True while the rest of a long chunk waits to be handed over ({@link nextSlice}). */
    get sliced() {
      return rest !== ''
    },
    /** The next slice of a long chunk, after the page had a task of its own. */
    async nextSlice(): Promise<string | null> {
      await yieldToPage()
      return signal?.aborted ? null : slice(rest)
    },
    /**
     * The reader's own next read, for the caller to await itself (one promise job per chunk, as for
     * any reader; a reading `async` function in between took two), or `null` once the body ended or
     * the signal aborted.
     */
    read(): Promise<ReadableStreamReadResult<Uint8Array>> | null {
      return finished || signal?.aborted ? null : reader.read()
    },
    /** The text of what {@link read} gave, `null` once aborted; at the end of the body, the decoder's last characters. */
    text(chunk: ReadableStreamReadResult<Uint8Array>): string | null {
      if (signal?.aborted) return null
      if (chunk.done) {
        finished = true
        return decoder.decode()
      }
      const text = decoder.decode(chunk.value, { stream: true })
      return inPage && text.length > PAGE_SLICE ? slice(text) : text
    },
    /** What {@link read} rejected with: the end (`null`) when the signal aborted (that cancels the read), else thrown. */
    failed(error: unknown): null {
      if (signal?.aborted) return null
      throw error
    },
    /** True once the body ended (the last text was its final text). */
    get finished() {
      return finished
    },
    /** Stops the producer when the stream said `done` before its end, on abort, or on an early exit. */
    close() {
      signal?.removeEventListener('abort', cancel)
      // A body that ended has nothing to stop (and cancelling it would cost promises for nothing).
      if (!finished) cancel()
    },
  }
}

/** The text chunks of one body (see {@link textChunks}). */
export type TextChunks = ReturnType<typeof textChunks>

/**
 * What the readers accept: a response body, or the whole `Response` of a streaming request. A
 * `Response` picks its format from its content type (unless `format` says otherwise), and a non-2xx
 * status becomes one `error` event carrying the server's error (OpenAI-shaped bodies are read).
 */
export type RunStreamSource = ReadableStream<Uint8Array> | Response

/** The body and format to read, or the `error` event that stands for a failed response. */
export async function openSource(
  source: RunStreamSource,
  format: StreamFormat | undefined,
): Promise<{
  body: ReadableStream<Uint8Array> | null
  format: StreamFormat
  failure: StreamErrorEvent | null
}> {
  // Duck-typed: a body from another realm (or a polyfill) is no `instanceof` the global class.
  if (typeof (source as ReadableStream).getReader === 'function') {
    return { body: source as ReadableStream<Uint8Array>, format: format ?? 'sse', failure: null }
  }
  source = source as Response
  format ??= streamFormatOf(source)
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
