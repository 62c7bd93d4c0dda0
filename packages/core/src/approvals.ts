// Tool approvals (Foundry): the calls a run waits to have approved, and the decisions an app's rule
// already made. Same run model as tool outputs: both read `run.required_action`, whose `type` says
// which answer the run waits for.
import type { RequiredApprovalCall } from './foundry-types.js'
import { isRecord } from './merge.js'
import { hasResponses, selectResponsesApprovals } from './responses/select.js'
import type { RunState } from './types.js'

const EMPTY: never[] = Object.freeze([]) as never[]
const NO_DECISIONS: Readonly<Record<string, boolean>> = Object.freeze({})
const approvableByList = new WeakMap<object, RequiredApprovalCall[]>()

/**
 * The calls the run waits to have approved (`required_action.type = "submit_tool_approval"`), empty
 * otherwise (Responses wire: the unanswered `mcp_approval_request` items): only calls with an id, the server's own array when every call has one. Stable: the same
 * array while the run's required action is unchanged.
 */
export function selectRequiredApprovals(state: RunState): RequiredApprovalCall[] {
  // Responses: the last response's `mcp_approval_request` items no approval response answered yet.
  if (hasResponses(state)) return selectResponsesApprovals(state)
  const run = state.run
  if (run?.status !== 'requires_action') return EMPTY
  // Typed as the Assistants action; Foundry's approval action is kept as sent.
  const action: unknown = run.required_action
  if (!isRecord(action) || !isRecord(action.submit_tool_approval)) return EMPTY
  const calls: unknown = action.submit_tool_approval.tool_calls
  if (!Array.isArray(calls) || calls.length === 0) return EMPTY
  if (calls.every(hasCallId)) return calls as RequiredApprovalCall[]
  let approvable = approvableByList.get(calls)
  if (!approvable) {
    approvable = calls.filter(hasCallId) as RequiredApprovalCall[]
    if (approvable.length === 0) approvable = EMPTY
    approvableByList.set(calls, approvable)
  }
  return approvable
}

function hasCallId(call: unknown): boolean {
  return isRecord(call) && typeof call.id === 'string' && call.id !== ''
}

/** Decisions an app's approval rule made for pending calls, by tool call id (a stable object). */
export function selectHandledApprovals(state: RunState): Readonly<Record<string, boolean>> {
  return state.handledApprovals ?? NO_DECISIONS
}
