import { createRunEventDecoder, type RunEventSink, type StreamFormat } from './decode.js'
import { openSource, type RunStreamSource, textChunks } from './source.js'

// The stream reader the run store uses (the client's `RunEventStream.forEach`), apart from the async
// iterator (parse.ts): a page that only shows runs never loads the iterator (see client/stream.ts).

/** Options for `parseRunStream` and {@link readRunStream}. */
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
  const { body, format, failure } = await openSource(source, options.format)
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
