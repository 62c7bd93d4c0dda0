// Parts of the client that a page does not need until it streams or polls: the stream opener with
// its reader (stream.ts, parse.ts: the SSE/NDJSON decoders, eventsource-parser, the async iterator)
// and the poll loop (poll.ts). The client loads them by `import()`, so an app's bundler makes each a
// chunk of its own: the stream's is fetched ahead of the first stream in idle time
// (`preloadRunStreamReader`, which the hooks call on mount) or, failing that, before the first
// stream's request is sent. The module system keeps a loaded module, so later calls resolve at once;
// a failed load is not kept, and the next call tries again.
import { RunlineError } from './errors.js'
import type { RunEventStream } from './stream.js'
import type { RequestSpec, Transport } from './transport.js'

const loadStreams = () => import('./stream.js')

/**
 * Loads a part of the client, or rejects with a `RunlineError` of kind `'network'` that says what could
 * not be done: `"<what>: the client's code for it could not be loaded (<why>)"`.
 */
export async function loadClientPart<T>(load: () => Promise<T>, what: string): Promise<T> {
  try {
    return await load()
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    throw new RunlineError(`${what}: the client's code for it could not be loaded (${detail})`, {
      kind: 'network',
      cause: error,
    })
  }
}

/**
 * `openRunEventStream` (stream.ts) once its chunk is there. Loaded before the request, not beside
 * it: a run the server started must never go unread, so a failed load sends nothing.
 */
export async function openStream(transport: Transport, spec: RequestSpec): Promise<RunEventStream> {
  const { openRunEventStream } = await loadClientPart(loadStreams, `${spec.method} ${spec.path} was not sent`)
  return openRunEventStream(transport, spec)
}

/**
 * Fetches the client's stream reader ahead of the first stream, so it starts without waiting for it
 * (the reader is a chunk of its own in an app's bundle). Safe to call any number of times; a failed
 * fetch is ignored here (the first stream tries again and reports it).
 */
export function preloadRunStreamReader(): void {
  loadStreams().catch(() => {})
}
