import { createRunEventDecoder, type RunEventSink, type StreamFormat } from './decode.js'
import { createRunEventIterator } from './event-iterator.js'
import { openBody, openSource, type RunStreamSource, TextChunks } from './source.js'
import type { AssistantStreamEvent, DoneEvent } from './types.js'

export type { RunEventDecoder, RunEventSink, StreamFormat } from './decode.js'
export { createRunEventDecoder, eventFromSse, malformedEvent } from './decode.js'
export type { RunStreamSource } from './source.js'
export { PAGE_SLICE, streamFormatOf } from './source.js'

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
  // A body opens at once; only a whole `Response` that failed is awaited (its error body).
  const { body, format, failure } =
    openBody(source, options.format) ?? (await openSource(source, options.format))
  if (signal?.aborted) return
  if (failure) onEvent(failure)
  if (!body) return
  const chunks = new TextChunks(body, signal)
  const decoder = createRunEventDecoder(format, (event) => {
    if (!signal?.aborted) onEvent(event)
  })
  try {
    for (;;) {
      // The reader's own promise awaited here, not through an `async` helper (see TextChunks).
      let text: string | null
      if (chunks.sliced) text = await chunks.nextSlice()
      else {
        const read = chunks.read()
        if (read === null) return
        try {
          text = chunks.text(await read)
        } catch (error) {
          text = chunks.failed(error)
        }
      }
      if (text === null) return
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
export function parseRunStream(
  source: RunStreamSource,
  options: ParseRunStreamOptions = {},
): AsyncGenerator<AssistantStreamEvent | DoneEvent, void, undefined> {
  // Not an `async function*`: see createRunEventIterator for what a generator costs per event.
  return createRunEventIterator(source, options)
}
