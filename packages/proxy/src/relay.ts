import { errorResponse } from './errors.js'
import { browserResponseHeaders } from './headers.js'
import { GuardedReader, UpstreamIdleError } from './idle.js'
import { maskSecrets } from './scrub.js'

/** One forwarded request's upstream side, from the response head on. */
export interface UpstreamExchange {
  /** Aborts when the client leaves (and when the exchange itself is aborted). */
  signal: AbortSignal
  /** Aborts the upstream request. */
  abort(reason: unknown): void
  /** The exchange is over (body read, relayed, failed or cancelled): stop watching the client. */
  end(): void
  /** Longest silence while reading the upstream body. */
  idleTimeoutMs: number
  /** Values masked in error bodies and refused in headers. */
  secrets: readonly string[]
}

/** The browser's answer, and the proxy's own error code when the proxy produced it. */
export interface Relayed {
  response: Response
  errorCode: string | null
}

const MAX_ERROR_BODY_BYTES = 1024 * 1024
const encoder = new TextEncoder()

/**
 * Turns the upstream response into the browser's: errors read (capped, bounded in time) and scrubbed,
 * SSE re-exposed chunk by chunk, other bodies streamed once their first bytes are there. Every read is
 * bounded by `idleTimeoutMs`, and a client that leaves aborts the upstream request, whatever the status.
 */
export async function relayResponse(upstream: Response, exchange: UpstreamExchange): Promise<Relayed> {
  if (upstream.status >= 300) {
    try {
      return await scrubbedError(upstream, exchange)
    } finally {
      exchange.end()
    }
  }
  const headers = browserResponseHeaders(upstream.headers, exchange.secrets)
  const isSse = (headers.get('content-type') ?? '').startsWith('text/event-stream')
  if (isSse) {
    headers.delete('content-length')
    // no-transform keeps compression middlewares (which buffer) off the stream.
    headers.set('cache-control', 'no-cache, no-transform')
    headers.set('x-accel-buffering', 'no')
  }
  if (!upstream.body) {
    exchange.end()
    return { response: new Response(null, { status: upstream.status, headers }), errorCode: null }
  }
  const body = new Body(upstream.body, exchange)
  let first: ReadableStreamReadResult<Uint8Array> | undefined
  if (!isSse) {
    // A plain body starts only once its first bytes are here, so a silent upstream is still a clean 504.
    try {
      first = await body.guarded.read()
    } catch (error) {
      const clientGone = exchange.signal.aborted
      body.stop(error)
      return failure(error, clientGone, exchange.idleTimeoutMs)
    }
  }
  const stream = passThrough(body, first, isSse)
  return { response: new Response(stream, { status: upstream.status, headers }), errorCode: null }
}

/** An upstream body being read, and how to let go of it. */
class Body {
  readonly reader: ReadableStreamDefaultReader<Uint8Array>
  readonly guarded: GuardedReader<Uint8Array>

  constructor(
    stream: ReadableStream<Uint8Array>,
    readonly exchange: UpstreamExchange,
  ) {
    this.reader = stream.getReader()
    this.guarded = new GuardedReader(this.reader, exchange.idleTimeoutMs, exchange.signal)
  }

  /** Read to the end: stop watching. */
  done(): void {
    this.guarded.release()
    this.exchange.end()
  }

  /** Aborts the upstream request and lets go of its body. */
  stop(reason: unknown): void {
    this.exchange.abort(reason)
    this.reader.cancel(reason).catch(() => {})
    this.done()
  }
}

/** The JSON answer for a body that could not be read before anything was sent. */
function failure(error: unknown, clientGone: boolean, idleTimeoutMs: number): Relayed {
  const [status, code, message] =
    error instanceof UpstreamIdleError
      ? [504, 'upstream_idle_timeout', `The upstream sent nothing for ${idleTimeoutMs} ms.`]
      : clientGone
        ? [499, 'client_closed_request', 'The client closed the request.']
        : [502, 'upstream_unreadable', 'The upstream response could not be read.']
  return { response: errorResponse(status, message, { code }), errorCode: code }
}

/**
 * An upstream error (or redirect) as the browser's answer: body capped and with secrets masked.
 * An upstream 401/403 means the server's own key was refused, which the browser can't fix: 502.
 */
async function scrubbedError(upstream: Response, exchange: UpstreamExchange): Promise<Relayed> {
  const refuse = (message: string, code: string): Relayed => {
    upstream.body?.cancel().catch(() => {})
    return { response: errorResponse(502, message, { code }), errorCode: code }
  }
  if (upstream.status === 401 || upstream.status === 403) {
    return refuse('The upstream refused the proxy credentials.', 'upstream_auth_failed')
  }
  if (upstream.status < 400) return refuse('The upstream answered with a redirect.', 'upstream_redirect')
  let text = ''
  if (upstream.body) {
    const body = new Body(upstream.body, exchange)
    try {
      text = await readTextCapped(body)
    } catch (error) {
      const clientGone = exchange.signal.aborted
      body.stop(error)
      return failure(error, clientGone, exchange.idleTimeoutMs)
    }
    body.done()
  }
  const headers = browserResponseHeaders(upstream.headers, exchange.secrets)
  headers.delete('content-length')
  const response = new Response(maskSecrets(text, exchange.secrets), { status: upstream.status, headers })
  return { response, errorCode: null }
}

async function readTextCapped(body: Body): Promise<string> {
  const decoder = new TextDecoder()
  let text = ''
  let total = 0
  for (;;) {
    const { done, value } = await body.guarded.read()
    if (done) break
    total += value.byteLength
    text += decoder.decode(value, { stream: true })
    if (total > MAX_ERROR_BODY_BYTES) {
      await body.reader.cancel().catch(() => {})
      break
    }
  }
  return text + decoder.decode()
}

/** An SSE `error` event in the API's shape (`{"error":{…}}`), which core's parser yields as an error. */
function sseError(message: string, code: string): Uint8Array {
  const error = { error: { message, type: 'server_error', param: null, code } }
  return encoder.encode(`event: error\ndata: ${JSON.stringify(error)}\n\n`)
}

/**
 * Re-exposes the upstream body chunk by chunk (highWaterMark 0: nothing is read ahead of the client).
 * An SSE upstream that breaks or goes silent mid-stream ends with an `error` event instead of a bare
 * truncation; a plain body errors. Either way the upstream request is aborted.
 */
function passThrough(
  body: Body,
  first: ReadableStreamReadResult<Uint8Array> | undefined,
  isSse: boolean,
): ReadableStream<Uint8Array> {
  const { exchange } = body
  let pending = first
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = pending ?? (await body.guarded.read())
          pending = undefined
          if (next.done) {
            body.done()
            controller.close()
          } else {
            controller.enqueue(next.value)
          }
        } catch (error) {
          const clientGone = exchange.signal.aborted
          body.stop(error)
          if (!isSse || clientGone) return controller.error(new Error('upstream stream failed'))
          controller.enqueue(
            error instanceof UpstreamIdleError
              ? sseError(
                  `The upstream sent nothing for ${exchange.idleTimeoutMs} ms.`,
                  'upstream_idle_timeout',
                )
              : sseError('The upstream stream was interrupted.', 'upstream_stream_error'),
          )
          controller.close()
        }
      },
      cancel(reason) {
        body.stop(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
