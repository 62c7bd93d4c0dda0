import type { Run, RunStatus } from 'openai/resources/beta/threads/runs'
import { RunlineError } from './errors.js'
import type { JsonResult } from './transport.js'

/** Options of the polling methods. */
export interface PollOptions {
  /** Wait between retrieves when the server sends no `openai-poll-after-ms` header. Default 1000. */
  pollIntervalMs?: number
  /** Stops polling; the poll then rejects with a `RunlineError` of kind `'abort'`. */
  signal?: AbortSignal
  /** Headers for every request of the poll. */
  headers?: Readonly<Record<string, string>>
  /**
   * Called with each retrieved run that is still going, before the wait; a returned promise is awaited.
   * Lets a follower refresh what it shows (e.g. the run's messages) at the server's pace.
   */
  onPending?: (run: Run) => void | Promise<void>
}

/** Run statuses at which polling stops: the run needs the caller or is finished. */
export const POLL_STOP_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'requires_action',
  'incomplete',
  'cancelled',
  'completed',
  'failed',
  'expired',
])

/** Default wait between retrieves, in milliseconds. */
export const DEFAULT_POLL_INTERVAL_MS = 1000

function abortError(signal: AbortSignal): RunlineError {
  return new RunlineError('Polling the run was aborted', { kind: 'abort', cause: signal.reason })
}

/** Resolves after `ms`, or rejects with an abort `RunlineError` as soon as `signal` fires. */
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

/** The server's requested wait (`openai-poll-after-ms`), or `null` when absent or unreadable. */
export function pollAfterMs(response: Response): number | null {
  const header = response.headers.get('openai-poll-after-ms')
  if (header === null) return null
  const ms = Number(header.trim())
  return Number.isFinite(ms) && ms >= 0 ? ms : null
}

/**
 * Retrieves the run until its status is in {@link POLL_STOP_STATUSES}, waiting between retrieves for the
 * server's `openai-poll-after-ms` header when present, else `pollIntervalMs`.
 * Retrieve errors propagate unchanged; aborting rejects promptly with kind `'abort'`.
 */
export async function pollRun(
  retrieve: (signal: AbortSignal | undefined) => Promise<JsonResult<Run>>,
  options: PollOptions = {},
): Promise<Run> {
  const { signal } = options
  const fallbackMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
  for (;;) {
    if (signal?.aborted) throw abortError(signal)
    const { data: run, response } = await retrieve(signal)
    if (POLL_STOP_STATUSES.has(run.status)) return run
    // A run without a status would be polled forever.
    if (typeof run.status !== 'string') {
      throw new RunlineError('Polling the run: the server sent a run without a status', {
        kind: 'parse',
        status: response.status,
        requestId: response.headers.get('x-request-id'),
      })
    }
    await options.onPending?.(run)
    await sleep(pollAfterMs(response) ?? fallbackMs, signal)
  }
}
