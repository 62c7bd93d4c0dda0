// Runline's own run-state cases that live outside the API reducer's switch. `reduceRun` hands
// `runline.tool_approval` and `runline.error` here (see the reducer's switch); this module owns their meaning.
import { isRecord } from './merge.js'
import type { RunlineStateError, RunState } from './types.js'

const NO_APPROVALS: Readonly<Record<string, boolean>> = Object.freeze({})

/**
 * Folds `runline.tool_approval` (`{ tool_call_id, approve }`): an app's approval rule decided one
 * pending call, recorded in `state.handledApprovals` until it is sent with the rest. Pure and total
 * like the reducer: bad input becomes `state.error` (`source: 'input'`) and the state is kept; the
 * same decision again returns the same state.
 */
export function reduceToolApproval(state: RunState, data: unknown): RunState {
  if (!isRecord(data) || typeof data.tool_call_id !== 'string' || typeof data.approve !== 'boolean') {
    return refused(state, 'runline.tool_approval: data needs a tool_call_id and a boolean approve')
  }
  const id = data.tool_call_id
  if (id === '' || id in Object.prototype)
    return refused(state, 'Ignored an approval whose id is empty or would reach Object.prototype')
  const handled = state.handledApprovals ?? NO_APPROVALS
  if (handled[id] === data.approve) return state
  return { ...state, handledApprovals: { ...handled, [id]: data.approve } }
}

/**
 * Folds `runline.error`: a client failure keeps the `RunlineError`'s fields; a refusal (nothing was
 * sent) keeps the phase.
 */
export function reduceClientError(state: RunState, data: unknown): RunState {
  const fields: Record<string, unknown> = isRecord(data) ? data : {}
  const error: RunlineStateError = {
    code: typeof fields.code === 'string' ? fields.code : 'client_error',
    message: typeof fields.message === 'string' ? fields.message : 'Request failed.',
    source: 'client',
  }
  for (const key of ['kind', 'type', 'param', 'requestId'] as const) {
    if (typeof fields[key] === 'string') (error as unknown as Record<string, unknown>)[key] = fields[key]
  }
  if (typeof fields.status === 'number') error.status = fields.status
  return { ...state, error, retry: null, phase: error.kind === 'refused' ? state.phase : 'errored' }
}

function refused(state: RunState, message: string): RunState {
  return { ...state, error: { code: 'invalid_event', message, source: 'input' } }
}
