import { RunlineError } from './errors.js'

// Apart from the poll loop (poll.ts, loaded on first use): the hooks wait with it from the start.

/** The error an aborted wait or poll rejects with. */
export function abortError(signal: AbortSignal): RunlineError {
  return new RunlineError('Polling the run was aborted', { kind: 'abort', cause: signal.reason })
}

/**
 * Resolves after `ms`, or rejects with an abort `RunlineError` as soon as `signal` fires. The one
 * abortable wait of Runline (polls, retries, backoff).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal))
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortError(signal!))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
