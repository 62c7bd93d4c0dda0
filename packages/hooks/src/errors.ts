import { isRunlineError, RunlineError } from '@runline/core'

/** True for the client's abort errors, and the platform's AbortError: not a failure to show. */
export function isAbortError(error: unknown): boolean {
  if (isRunlineError(error)) return error.kind === 'abort'
  return error instanceof Error && error.name === 'AbortError'
}

/** Anything thrown, as a `RunlineError` (the only error type the hooks surface). */
export function asRunlineError(error: unknown): RunlineError {
  if (isRunlineError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  return new RunlineError(message, { kind: 'network', cause: error })
}

/**
 * A request the hooks refused before sending anything (e.g. missing tool outputs). Shaped like the
 * API's own 400 (`kind: 'api'`, `type: 'invalid_request_error'`) but with `status: null`: no
 * request was made.
 */
export function refusal(code: string, message: string, param: string | null = null): RunlineError {
  return new RunlineError(message, { kind: 'api', status: null, code, type: 'invalid_request_error', param })
}

const ACTIVE_RUN = /already has an active run (\S+?)\.?$/

/** The run id in the API's "Thread … already has an active run run_…" 400, else null. */
export function activeRunIdOf(error: unknown): string | null {
  if (!isRunlineError(error) || error.kind !== 'api' || error.status !== 400) return null
  return ACTIVE_RUN.exec(error.message)?.[1] ?? null
}

// One RunlineError per error object of the state, so `handle.error` keeps its identity.
const fromState = new WeakMap<object, RunlineError>()

/** The run state's error (a stream `error` event, a failed run's `last_error`) as a `RunlineError`. */
export function stateErrorAsRunlineError(
  error: { code: string; message: string } | null,
): RunlineError | null {
  if (!error) return null
  let converted = fromState.get(error)
  if (!converted) {
    converted = new RunlineError(error.message, { kind: 'api', code: error.code })
    fromState.set(error, converted)
  }
  return converted
}
