// The one status vocabulary of Runline: which run statuses end a run, which keep it active, what a
// UI calls each one. Every package reads these; a second list anywhere else is a bug.
import type { RunStatus } from 'openai/resources/beta/threads/runs/runs'

/**
 * What `selectStatus` reports and what the UI shows: the run's own status once there is a run (so
 * `queued` and `cancelling` are not flattened), else the stream's state (`idle`, `connecting`,
 * `streaming`; `retrying` while the server asked to wait), or `error` when the stream itself failed
 * on a run that has not ended.
 */
export type RunUiStatus = RunStatus | 'idle' | 'connecting' | 'retrying' | 'streaming' | 'error'

/** Run statuses after which a run does nothing more. */
export const TERMINAL_RUN_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'completed',
  'incomplete',
  'failed',
  'cancelled',
  'expired',
])

/** Statuses of a run that still holds its thread: it runs, waits for the caller, or is being cancelled. */
const ACTIVE_STATUSES: ReadonlySet<string> = new Set<RunUiStatus>([
  'connecting',
  'retrying',
  'streaming',
  'queued',
  'in_progress',
  'requires_action',
  'cancelling',
])

/** True for a run status (or UI status) after which the run does nothing more. */
export function isTerminalStatus(status: string | null | undefined): boolean {
  return TERMINAL_RUN_STATUSES.has(status as RunStatus)
}

/**
 * True while a run is going on: it holds its thread (a new run must wait or cancel it), and a
 * "Cancel run" button applies, except while it is already `cancelling`.
 */
export function isActiveStatus(status: string | null | undefined): boolean {
  return ACTIVE_STATUSES.has(status as string)
}

/** The words the UI shows for each status (a fixed contract: people and tests find them). */
export const STATUS_WORDS: Readonly<Record<RunUiStatus, string>> = {
  idle: 'Not started',
  connecting: 'Connecting',
  retrying: 'Waiting to retry',
  streaming: 'Streaming',
  error: 'Stream error',
  queued: 'Queued',
  in_progress: 'In progress',
  requires_action: 'Requires action',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
  failed: 'Failed',
  completed: 'Completed',
  incomplete: 'Incomplete',
  expired: 'Expired',
}

/** The words for a status; an unknown one (a newer server's) is shown in sentence case. */
export function statusWords(status: RunUiStatus | (string & {})): string {
  return (
    (STATUS_WORDS as Readonly<Record<string, string>>)[status] ??
    status.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
  )
}

/** The API's terminal run events (`thread.run.completed`, …), derived from the statuses. */
export const TERMINAL_RUN_EVENTS: ReadonlySet<string> = new Set(
  [...TERMINAL_RUN_STATUSES].map((status) => `thread.run.${status}`),
)
