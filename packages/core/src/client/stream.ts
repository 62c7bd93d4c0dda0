import { parseRunStream, type RunEventSink, readRunStream } from '../parse.js'
import type { RunStreamEvent } from '../types.js'
import { type RequestSpec, type Transport, toRunlineError } from './transport.js'

/**
 * A streaming run response whose headers arrived with a 2xx status. Iterate it once for the API's
 * `AssistantStreamEvent`s, then `{ event: 'done' }` when the server finished the stream properly (its
 * absence means the stream dropped). Aborting (the request's signal or {@link RunEventStream.abort})
 * ends the iteration quietly, without an error. Breaking out of the loop also releases the connection.
 */
export interface RunEventStream extends AsyncIterable<RunStreamEvent> {
  /** The HTTP response (status, headers); its body is consumed by the iteration. */
  readonly response: Response
  /** The `x-request-id` response header. */
  readonly requestId: string | null
  /** Stops the stream and closes the connection; a running `for await` then ends normally. */
  abort(): void
  /**
   * Reads the stream handing each event to `onEvent` synchronously as its bytes arrive — the fast
   * path (no promise per event) that the run store uses. Resolves when the stream ends or is aborted;
   * rejects with a `RunlineError` (kind `network`) when the connection drops. Use it or iterate, once.
   */
  forEach(onEvent: RunEventSink): Promise<void>
}

/**
 * Sends a `stream: true` request and resolves once the response headers arrived: with a
 * {@link RunEventStream} for a 2xx status, else rejects with the `RunlineError` parsed from the body.
 * Aborting before the headers arrive rejects with kind `'abort'`.
 */
export async function openRunEventStream(transport: Transport, spec: RequestSpec): Promise<RunEventStream> {
  const context = `${spec.method} ${spec.path}`
  // Our own controller so abort() works without a caller signal; the caller's signal feeds it.
  const controller = new AbortController()
  const callerSignal = spec.signal
  const forwardAbort = () => controller.abort(callerSignal?.reason)
  if (callerSignal?.aborted) forwardAbort()
  else callerSignal?.addEventListener('abort', forwardAbort, { once: true })
  const release = () => callerSignal?.removeEventListener('abort', forwardAbort)

  let response: Response
  try {
    response = await transport.send({ ...spec, signal: controller.signal, accept: 'text/event-stream' })
  } catch (error) {
    release()
    throw error
  }

  let iterated = false
  async function* events(): AsyncGenerator<RunStreamEvent, void, undefined> {
    let finished = false
    try {
      for await (const event of parseRunStream(response, { includeDone: true, signal: controller.signal })) {
        if (controller.signal.aborted) break
        yield event
      }
      finished = true
    } catch (error) {
      if (controller.signal.aborted) return
      throw toRunlineError(error, controller.signal, context)
    } finally {
      release()
      // The consumer left early (break/throw): close the connection instead of leaving it half-read.
      if (!finished && !controller.signal.aborted) controller.abort()
    }
  }

  const claim = () => {
    if (iterated) throw new TypeError('A RunEventStream can be iterated only once')
    iterated = true
  }

  return {
    response,
    requestId: response.headers.get('x-request-id'),
    abort: () => controller.abort(),
    [Symbol.asyncIterator]() {
      claim()
      return events()
    },
    async forEach(onEvent) {
      claim()
      try {
        await readRunStream(response, onEvent, { signal: controller.signal })
      } catch (error) {
        if (controller.signal.aborted) return
        throw toRunlineError(error, controller.signal, context)
      } finally {
        release()
      }
    },
  }
}
