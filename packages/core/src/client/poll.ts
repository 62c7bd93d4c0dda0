import type { Run, RunStatus } from 'openai/resources/beta/threads/runs'
import { TERMINAL_RUN_STATUSES } from '../status.js'
import { RunlineError } from './errors.js'
import { abortError, sleep } from './sleep.js'
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
   * Lets a follower refresh what it shows (e.g. the run's messages) at the server's pace. Resolving
   * `true` says something changed (resets `backoff`).
   */
  onPending?: (run: Run) => unknown
  /** Where polling stops. Default: the run needs the caller or is finished ({@link POLL_STOP_STATUSES}). */
  until?: (run: Run) => boolean
  /**
   * While a retrieved run is unchanged (same status and `onPending` saw nothing new), each wait is
   * this many times the previous one, up to `maxIntervalMs`; any change goes back to the server's
   * pace. Default 1 (no backoff). A follower that shows a run after a reload uses it so an idle tab
   * asks rarely.
   */
  backoff?: number
  /** The longest wait with `backoff`. Default 30 000. */
  maxIntervalMs?: number
}

/** Run statuses at which polling stops: the run needs the caller or is finished. */
export const POLL_STOP_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'requires_action',
  ...TERMINAL_RUN_STATUSES,
])

/** Default wait between retrieves, in milliseconds. */
export const DEFAULT_POLL_INTERVAL_MS = 1000

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
  const { signal, until = stopsPolling, backoff = 1, maxIntervalMs = 30_000 } = options
  const fallbackMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS
  let previous: string | null = null
  let waitMs = 0
  for (;;) {
    if (signal?.aborted) throw abortError(signal)
    const { data: run, response } = await retrieve(signal)
    if (until(run)) return run
    // A run without a status would be polled forever.
    if (typeof run.status !== 'string') {
      throw new RunlineError('Polling the run: the server sent a run without a status', {
        kind: 'parse',
        status: response.status,
        requestId: response.headers.get('x-request-id'),
      })
    }
    const changed = (await options.onPending?.(run)) === true
    // Unchanged since the last look: wait longer each time (backoff); a change goes back to the server's pace.
    const paceMs = pollAfterMs(response) ?? fallbackMs
    const fingerprint = `${run.status}:${run.required_action ? 1 : 0}`
    waitMs =
      changed || fingerprint !== previous
        ? paceMs
        : Math.min(Math.max(waitMs * backoff, paceMs), Math.max(paceMs, maxIntervalMs))
    previous = fingerprint
    await sleep(waitMs, signal)
  }
}

function stopsPolling(run: Run): boolean {
  return POLL_STOP_STATUSES.has(run.status)
}
