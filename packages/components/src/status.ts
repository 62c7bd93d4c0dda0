import type { RunState, RunStatus } from '@runline/core'

/** The run statuses the API knows, in the words the UI shows (a fixed contract: people and tests find them). */
export const RUN_STATUS_WORDS: Readonly<Record<RunStatus, string>> = {
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

/** Words for the states where there is no run status to read yet (or the stream itself failed). */
export const STREAM_STATUS_WORDS = {
  idle: 'Not started',
  connecting: 'Connecting',
  streaming: 'Streaming',
  error: 'Stream error',
} as const

/** A status the badge can show: a run status, or one of the stream-only states. */
export type DisplayStatus = RunStatus | keyof typeof STREAM_STATUS_WORDS

const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled', 'expired', 'incomplete'])
const ACTIVE: ReadonlySet<string> = new Set(['queued', 'in_progress', 'requires_action'])

/** True for a run status after which the run does nothing more. */
export function isTerminalStatus(status: string): boolean {
  return TERMINAL.has(status)
}

/** True while a run can still be cancelled (queued, in progress, waiting for tool outputs). */
export function isActiveStatus(status: string): boolean {
  return ACTIVE.has(status)
}

/**
 * The status to show for a run state. The run's own status wins (so `queued` and `cancelling` are
 * not flattened into "streaming"), except that a failed stream on a run that has not ended reads as
 * a stream error. Without a run, the stream phase speaks.
 */
export function displayStatusOf(state: RunState): DisplayStatus {
  const runStatus = state.run?.status
  if (runStatus && isTerminalStatus(runStatus)) return runStatus
  if (state.phase === 'errored') return 'error'
  if (runStatus) return runStatus
  if (state.phase === 'connecting') return 'connecting'
  if (state.phase === 'open') return 'streaming'
  return 'idle'
}

/** The words for a display status ("In progress", "Requires action", "Stream error", ...). */
export function statusWords(status: DisplayStatus | (string & {})): string {
  return (
    (RUN_STATUS_WORDS as Record<string, string>)[status] ??
    (STREAM_STATUS_WORDS as Record<string, string>)[status] ??
    status.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase())
  )
}

/** The tone a status is drawn in (the CSS colours it through `data-tone`). */
export type StatusTone = 'neutral' | 'active' | 'attention' | 'success' | 'danger' | 'warning'

/** Maps a status to its tone. */
export function statusTone(status: string): StatusTone {
  switch (status) {
    case 'queued':
    case 'connecting':
    case 'in_progress':
    case 'streaming':
    case 'cancelling':
      return 'active'
    case 'requires_action':
      return 'attention'
    case 'completed':
      return 'success'
    case 'failed':
    case 'error':
      return 'danger'
    case 'incomplete':
    case 'expired':
    case 'cancelled':
      return 'warning'
    default:
      return 'neutral'
  }
}
