import { errorBodyFields } from '../error-body.js'

/** What went wrong, so callers can branch without string matching. */
export type RunlineErrorKind = 'api' | 'network' | 'abort' | 'parse'

/** Fields of a {@link RunlineError} besides its message. */
export interface RunlineErrorInit {
  kind: RunlineErrorKind
  status?: number | null
  code?: string | null
  type?: string | null
  param?: string | null
  requestId?: string | null
  cause?: unknown
}

/**
 * The only error type the Runline client rejects with.
 *
 * - `kind: 'api'` — the server answered with a non-2xx status; `status`, `code`, `type`, `param` come from
 *   the OpenAI-shaped body `{"error":{"message","type","param","code"}}` when there is one.
 * - `kind: 'network'` — `fetch` rejected or the body could not be read; `status` is `null`.
 * - `kind: 'abort'` — the caller's signal (or `abort()`) cancelled the request or a poll; `cause` holds
 *   the signal's reason.
 * - `kind: 'parse'` — a 2xx response whose body is not the JSON the endpoint promises.
 */
export class RunlineError extends Error {
  override readonly name = 'RunlineError'
  /** HTTP status, or `null` when no response arrived. */
  readonly status: number | null
  /** OpenAI error `code` (e.g. `'rate_limit_exceeded'`), when the body had one. */
  readonly code: string | null
  /** OpenAI error `type` (e.g. `'invalid_request_error'`), when the body had one. */
  readonly type: string | null
  /** OpenAI error `param`, when the body had one. */
  readonly param: string | null
  /** The `x-request-id` response header, for support tickets and logs. */
  readonly requestId: string | null
  /** See the class description. */
  readonly kind: RunlineErrorKind

  constructor(message: string, init: RunlineErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.kind = init.kind
    this.status = init.status ?? null
    this.code = init.code ?? null
    this.type = init.type ?? null
    this.param = init.param ?? null
    this.requestId = init.requestId ?? null
  }
}

/** Type guard for {@link RunlineError}; also recognises instances from another copy of the package. */
export function isRunlineError(value: unknown): value is RunlineError {
  if (value instanceof RunlineError) return true
  return (
    value instanceof Error &&
    value.name === 'RunlineError' &&
    typeof (value as { kind?: unknown }).kind === 'string'
  )
}

/** Builds the `kind: 'api'` error for a non-2xx response from its already-read body text. */
export function apiErrorFromBody(response: Response, bodyText: string, context: string): RunlineError {
  const { message, ...fields } = errorBodyFields(response, bodyText, context)
  return new RunlineError(message, {
    kind: 'api',
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    ...fields,
  })
}
