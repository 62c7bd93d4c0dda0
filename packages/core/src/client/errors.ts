import { errorBodyFields } from '../error-body.js'
import type { RunlineErrorFields, RunlineErrorKind } from '../types.js'

export type { RunlineErrorFields, RunlineErrorKind }

/** Fields of a {@link RunlineError} besides its message. */
export interface RunlineErrorInit {
  kind: RunlineErrorKind
  status?: number | null
  code?: string | null
  type?: string | null
  param?: string | null
  requestId?: string | null
  retryAfterMs?: number | null
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
 * - `kind: 'stream'` — the server's `error` event inside a stream, or a run's `last_error`.
 * - `kind: 'refused'` — refused before anything was sent (e.g. a submit missing a tool output); `status` null.
 * - `kind: 'input'` — input the reducer refused (a malformed event); the stream went on.
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
  /**
   * How long the server asked to wait before retrying (ms), from the response's `retry-after-ms` or
   * `retry-after` header (see {@link retryAfterMsFromHeaders}); `null` when it did not say.
   */
  readonly retryAfterMs: number | null
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
    this.retryAfterMs = init.retryAfterMs ?? null
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

/**
 * How long a response asks the client to wait before retrying, in ms: `retry-after-ms` (milliseconds,
 * which OpenAI sends) wins over `retry-after` (delay-seconds, or an HTTP date; a date in the past is 0).
 * `null` when neither header is there or readable.
 */
export function retryAfterMsFromHeaders(headers: Headers, now: number = Date.now()): number | null {
  const ms = headers.get('retry-after-ms')?.trim()
  if (ms && /^\d+(?:\.\d+)?$/.test(ms)) return Number(ms)
  const after = headers.get('retry-after')?.trim()
  if (!after) return null
  if (/^\d+(?:\.\d+)?$/.test(after)) return Math.round(Number(after) * 1000)
  // Only a date with letters in it (`Wed, 21 Oct 2015 07:28:00 GMT`): Date.parse reads bare numbers too.
  const date = /[a-z]/i.test(after) ? Date.parse(after) : Number.NaN
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

/** Builds the `kind: 'api'` error for a non-2xx response from its already-read body text. */
export function apiErrorFromBody(response: Response, bodyText: string, context: string): RunlineError {
  const { message, ...fields } = errorBodyFields(response, bodyText, context)
  return new RunlineError(message, {
    kind: 'api',
    status: response.status,
    requestId: response.headers.get('x-request-id'),
    retryAfterMs: retryAfterMsFromHeaders(response.headers),
    ...fields,
  })
}

/** The fields of an error as the `runline.error` event carries them into run state. */
export function runlineErrorFields(error: RunlineError): RunlineErrorFields {
  return {
    code: error.code ?? error.kind,
    message: error.message,
    kind: error.kind,
    status: error.status,
    type: error.type,
    param: error.param,
    requestId: error.requestId,
  }
}

/**
 * A request refused before anything was sent (a submit missing a tool output, nothing to submit):
 * `kind: 'refused'`, `status: null`, typed like the API's own 400 (`invalid_request_error`).
 */
export function refusal(code: string, message: string, param: string | null = null): RunlineError {
  return new RunlineError(message, { kind: 'refused', code, type: 'invalid_request_error', param })
}

// One RunlineError per state error object, so a handle's `error` keeps its identity across renders.
const fromState = new WeakMap<object, RunlineError>()

const KIND_OF_SOURCE: Readonly<Record<string, RunlineErrorKind>> = {
  stream: 'stream',
  input: 'input',
  client: 'network',
}

/**
 * The one converter to {@link RunlineError}: a `RunlineError` comes back as is; an `AbortError`
 * becomes kind `abort`; a run state's error (`selectError(state)`, `state.error`) keeps its fields
 * (the same instance for the same object); anything else thrown becomes kind `network`.
 */
export function asRunlineError(value: unknown): RunlineError {
  if (isRunlineError(value)) return value
  if (value instanceof Error) {
    const kind = value.name === 'AbortError' ? 'abort' : 'network'
    return new RunlineError(value.message || value.name, { kind, cause: value })
  }
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { message?: unknown }).message === 'string'
  ) {
    let converted = fromState.get(value)
    if (!converted) {
      const fields = value as Partial<RunlineErrorFields> & { source?: string; message: string }
      converted = new RunlineError(fields.message, {
        kind: fields.kind ?? KIND_OF_SOURCE[fields.source ?? ''] ?? 'stream',
        status: fields.status,
        code: fields.code,
        type: fields.type,
        param: fields.param,
        requestId: fields.requestId,
      })
      fromState.set(value, converted)
    }
    return converted
  }
  return new RunlineError(String(value), { kind: 'network', cause: value })
}

/** True for an abort (a `RunlineError` of kind `abort`, or the platform's `AbortError`): not a failure. */
export function isAbortError(error: unknown): boolean {
  if (isRunlineError(error)) return error.kind === 'abort'
  return error instanceof Error && error.name === 'AbortError'
}
