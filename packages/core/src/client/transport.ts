import { apiErrorFromBody, isRunlineError, RunlineError } from './errors.js'
import { joinUrl, type Query } from './url.js'

/** The subset of `fetch` the client calls: always a string URL plus an init object. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/** Extra request headers: a record, or a function called once per request (e.g. to read a CSRF token). */
export type HeadersOption =
  | Readonly<Record<string, string>>
  | (() => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>)

/** Options every client method accepts as its last argument. */
export interface RequestOptions {
  /** Cancels the request; the method then rejects with a `RunlineError` of kind `'abort'`. */
  signal?: AbortSignal
  /** Headers for this request only, applied after the client's headers. */
  headers?: Readonly<Record<string, string>>
}

/** Options for `createRunlineClient`. */
export interface RunlineClientOptions {
  /**
   * Where the proxy serves OpenAI's paths, e.g. `'/api/v1'` (same origin) or `'https://host/api/v1'`.
   * Relative bases need a `fetch` that resolves them (browsers do; Node's global `fetch` does not).
   */
  baseUrl: string
  /** A `fetch` implementation; defaults to the global `fetch`, looked up at request time. */
  fetch?: FetchLike
  /** Headers sent with every request. */
  headers?: HeadersOption
}

/** One HTTP exchange as the resources describe it. */
export interface RequestSpec extends RequestOptions {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  query?: Query
  /** JSON-encoded when present. */
  body?: unknown
  /** The `Accept` header; JSON unless a stream is wanted. */
  accept?: string
  /**
   * The API the path belongs to: `assistants` (the default) sends `OpenAI-Beta: assistants=v2`, which
   * that API needs; `responses` (Responses and Conversations) sends no beta header.
   */
  api?: 'assistants' | 'responses'
}

/** A JSON body together with the response it came from (for headers such as `openai-poll-after-ms`). */
export interface JsonResult<T> {
  data: T
  response: Response
}

/** The HTTP layer shared by all resources. */
export interface Transport {
  /** The absolute-or-relative URL of an API path under `baseUrl`. */
  url(path: string, query?: Query): string
  /** Sends the request; resolves with a 2xx response (body unread), rejects with a `RunlineError`. */
  send(spec: RequestSpec): Promise<Response>
  /** Sends the request and parses the 2xx body as JSON. */
  json<T>(spec: RequestSpec): Promise<JsonResult<T>>
}

/** Converts anything thrown while talking to the server into a `RunlineError`. */
export function toRunlineError(
  error: unknown,
  signal: AbortSignal | undefined,
  context: string,
): RunlineError {
  if (isRunlineError(error)) return error
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new RunlineError(`${context} was aborted`, { kind: 'abort', cause: signal?.reason ?? error })
  }
  const detail = describeNetworkFailure(error)
  return new RunlineError(`${context} failed: network error${detail ? ` (${detail})` : ''}`, {
    kind: 'network',
    cause: error,
  })
}

/** Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED …) is in `cause`. */
function describeNetworkFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause
  if (cause instanceof Error && cause.message) return `${error.message}: ${cause.message}`
  return error.message
}

/** Creates the transport for one client. */
export function createTransport(options: RunlineClientOptions): Transport {
  const { baseUrl } = options

  const url = (path: string, query?: Query) => joinUrl(baseUrl, path, query)

  async function buildHeaders(spec: RequestSpec): Promise<Headers> {
    const headers = new Headers({ Accept: spec.accept ?? 'application/json' })
    if (spec.api !== 'responses') headers.set('OpenAI-Beta', 'assistants=v2')
    if (spec.body !== undefined) headers.set('Content-Type', 'application/json')
    const shared = typeof options.headers === 'function' ? await options.headers() : options.headers
    for (const [name, value] of Object.entries(shared ?? {})) headers.set(name, value)
    for (const [name, value] of Object.entries(spec.headers ?? {})) headers.set(name, value)
    return headers
  }

  async function send(spec: RequestSpec): Promise<Response> {
    const context = `${spec.method} ${spec.path}`
    const headers = await buildHeaders(spec)
    // Resolved per request (and called unbound) so polyfills installed later work and browsers don't throw
    // "Illegal invocation".
    const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    let response: Response
    try {
      response = await fetchImpl(url(spec.path, spec.query), {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: spec.signal,
      })
    } catch (error) {
      throw toRunlineError(error, spec.signal, context)
    }
    if (response.ok) return response
    let text: string
    try {
      text = await response.text()
    } catch (error) {
      if (spec.signal?.aborted) throw toRunlineError(error, spec.signal, context)
      text = ''
    }
    throw apiErrorFromBody(response, text, context)
  }

  async function json<T>(spec: RequestSpec): Promise<JsonResult<T>> {
    const context = `${spec.method} ${spec.path}`
    const response = await send(spec)
    let text: string
    try {
      text = await response.text()
    } catch (error) {
      throw toRunlineError(error, spec.signal, context)
    }
    let data: unknown
    let cause: unknown
    try {
      data = JSON.parse(text)
    } catch (error) {
      cause = error
    }
    // Every endpoint answers with an object (a run, a thread, a list envelope…); anything else would
    // only fail later, somewhere less clear.
    if (typeof data === 'object' && data !== null && !Array.isArray(data))
      return { data: data as T, response }
    throw new RunlineError(`${context} returned ${response.status} with a body that is not a JSON object`, {
      kind: 'parse',
      status: response.status,
      requestId: response.headers.get('x-request-id'),
      cause,
    })
  }

  return { url, send, json }
}
