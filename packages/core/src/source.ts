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
 * The text of a byte stream, chunk by chunk: `null` at the end of the body or once `signal` aborts
 * (which also cancels the body, so a hanging server does not keep a read pending). In a page (where
 * `requestAnimationFrame` exists) a chunk longer than {@link PAGE_SLICE} comes in slices, one per
 * task; elsewhere (servers, scripts) whole, at full speed. Shared by the two readers (parse.ts).
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
