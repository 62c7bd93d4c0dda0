// A step's status, and the words for it: every row's header needs them at once, the tool-call views
// (loaded the first time a run shows one) only later.

/** The status of the step a tool call belongs to (it decides whether the call is still running). */
export type StepStatus = 'in_progress' | 'cancelled' | 'failed' | 'completed' | 'expired'

/** A step status in words. */
export function stepWords(status: string): string {
  switch (status) {
    case 'in_progress':
      return 'In progress'
    case 'completed':
      return 'Completed'
    case 'failed':
      return 'Failed'
    case 'cancelled':
      return 'Cancelled'
    case 'expired':
      return 'Expired'
    default:
      return status
  }
}
