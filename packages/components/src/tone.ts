import type { RunUiStatus } from '@runline/core'

/** The tone a status is drawn in (the CSS colours it through `data-tone`). */
export type StatusTone = 'neutral' | 'active' | 'attention' | 'success' | 'danger' | 'warning'

const TONES: Readonly<Record<RunUiStatus, StatusTone>> = {
  idle: 'neutral',
  queued: 'active',
  connecting: 'active',
  in_progress: 'active',
  streaming: 'active',
  cancelling: 'active',
  retrying: 'attention',
  requires_action: 'attention',
  completed: 'success',
  failed: 'danger',
  error: 'danger',
  incomplete: 'warning',
  expired: 'warning',
  cancelled: 'warning',
}

/** Maps a status (core's `selectStatus`) to its tone; an unknown one is neutral. */
export function statusTone(status: RunUiStatus | (string & {})): StatusTone {
  return (TONES as Readonly<Record<string, StatusTone>>)[status] ?? 'neutral'
}
