// The async iterator over a run's event stream (`parseRunStream`), and the stream readers' exports in
// one place. The callback reader the run store uses lives in read-stream.ts, so that a page's code
// (the client's `RunEventStream.forEach`) never reaches the iterator, which loads on first use.

import { createRunEventIterator } from './event-iterator.js'
import type { ParseRunStreamOptions } from './read-stream.js'
import type { RunStreamSource } from './source.js'
import type { AssistantStreamEvent, DoneEvent } from './types.js'

export type { RunEventSink, StreamFormat } from './decode.js'
export { createRunEventDecoder, eventFromSse, malformedEvent } from './decode.js'
export type { ParseRunStreamOptions } from './read-stream.js'
export { readRunStream } from './read-stream.js'
export type { RunStreamSource } from './source.js'
export { PAGE_SLICE, streamFormatOf } from './source.js'

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
